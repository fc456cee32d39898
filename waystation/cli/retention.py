"""``waystation retention run``: mask what is older than the masking period, delete at the limit.

Run it daily (``cron`` or a systemd timer; the ``serve`` process does not run jobs). ``--now``
applies the policy as of another day (to preview what a date will bring, or to catch up);
``--dry-run`` reports the counts and changes nothing. The months come from
``WAYSTATION_RETENTION_MASK_AFTER_MONTHS`` and ``WAYSTATION_RETENTION_DELETE_AFTER_MONTHS``.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import click

from waystation.cases.retention import RetentionPolicy
from waystation.cli.output import console, emit_jsonl, table
from waystation.services.retention import policy_text, run_retention
from waystation.services.workspace import open_workspace
from waystation.settings import get_settings

__all__ = ["COMMANDS"]


@click.group("retention")
def retention_group() -> None:
    """Data retention: masking after six months, deletion at the limit."""


@retention_group.command("run")
@click.option("--dry-run", is_flag=True, help="report what would be masked or deleted; change nothing")
@click.option(
    "--now",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    help="apply the policy as of this UTC day or time (default: now)",
)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def run(dry_run: bool, as_of: datetime | None, fmt: str) -> None:
    """Mask travellers, bookings and raw messages past the masking period; delete at the limit."""
    settings = get_settings()
    settings.check()
    policy = RetentionPolicy(
        settings.retention_mask_after_months, settings.retention_delete_after_months
    ).check()
    now = None
    if as_of is not None:
        now = (
            as_of.replace(tzinfo=UTC)
            if as_of.time() != time()
            else datetime.combine(as_of.date(), time(), UTC)
        )
    workspace = open_workspace(settings)
    try:
        report = run_retention(workspace, policy, now=now, dry_run=dry_run)
    finally:
        workspace.close()
    if fmt == "jsonl":
        emit_jsonl([{"as_of": report.as_of.isoformat(), "dry_run": report.dry_run, **report.counts()}])
        return
    title = f"retention as of {report.as_of:%Y-%m-%d %H:%M} UTC ({policy_text(policy)})"
    if dry_run:
        title += " — dry run, nothing changed"
    console().print(
        table(title, ["what", "count"], [(k.replace("_", " "), v) for k, v in report.counts().items()])
    )


COMMANDS = (retention_group,)
