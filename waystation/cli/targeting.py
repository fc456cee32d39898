"""``waystation targeting run``: the targeting job (rules in force and network alerts) on demand."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

import click

from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, table
from waystation.cli.workspace import workspace
from waystation.services.rulebook import RuleBook
from waystation.services.targeting_run import TargetingRun, run_targeting
from waystation.services.workspace import open_workspace
from waystation.settings import Settings, get_settings

__all__ = ["COMMANDS", "TargetingSchedule", "summary"]

log = logging.getLogger("waystation.targeting")


@click.group("targeting")
def targeting_group() -> None:
    """Targeting rules and network alerts over the stored traffic."""


def summary(run: TargetingRun) -> dict[str, int]:
    return {
        "travellers": run.travellers,
        "flights": run.flights,
        "rules_in_force": run.rules_in_force,
        "subjects": run.subjects,
        "rule_hits": len(run.rule_hits),
        "network_hits": len(run.network_hits),
        "raised": len(run.raised),
        "already_raised": run.already_raised,
    }


@targeting_group.command("run")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="target flights departing on or after this day [today]",
)
@click.option(
    "--message", "messages", type=click.IntRange(1), multiple=True, help="only these stored messages"
)
@FORMAT_OPTION
def run(since: datetime | None, messages: tuple[int, ...], output_format: str) -> None:
    """Run the rules in force and the network alerts for upcoming flights; raise each alert once."""
    ws = workspace()
    book = RuleBook(get_settings().home / "rules")
    done = run_targeting(ws, book, messages=messages or None, since=since.date() if since else None)
    record = summary(done)
    if output_format == "jsonl":
        emit_jsonl(
            [
                record,
                *(
                    {"alert_id": a.id, "kind": a.alert.kind.value, "traveller_ref": a.alert.traveller_ref,
                     "flight": a.alert.flight, "subject": a.alert.subject}
                    for a in done.raised
                ),
            ]
        )  # fmt: skip
        return
    out = console()
    out.print(table("targeting run", tuple(record), [tuple(record.values())]))
    rows = [
        (a.id, a.alert.kind.value, a.alert.flight, a.alert.traveller_ref, a.alert.subject)
        for a in done.raised
    ]
    if rows:
        out.print(table("alerts raised", ("alert", "kind", "flight", "traveller", "subject"), rows))


class TargetingSchedule:
    """The targeting job every ``every`` seconds in a background thread (``waystation serve``
    starts one per server, not per worker): messages the gateway received are targeted within one
    period. It opens its own workspace; a failed run is logged and retried at the next period."""

    def __init__(self, settings: Settings, every: float) -> None:
        self.settings = settings
        self.every = every
        self.runs: list[TargetingRun] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="waystation-targeting", daemon=True)

    def start(self) -> TargetingSchedule:
        self._thread.start()
        return self

    def stop(self, timeout: float = 60.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        workspace = open_workspace(self.settings)
        book = RuleBook(self.settings.home / "rules")
        try:
            while not self._stop.wait(self.every):  # the first run after one period, not at start-up
                try:
                    done = run_targeting(workspace, book)
                    self.runs.append(done)
                    log.info("targeting run: %s", summary(done))
                except Exception:  # a scheduler must survive one bad run; the next one retries
                    log.exception("targeting run failed")
        finally:
            workspace.close()


COMMANDS = (targeting_group,)
