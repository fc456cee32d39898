"""``waystation audit verify``: check the hash-chained log against its signed head."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from waystation.cli.workspace import workspace
from waystation.services.audit import read_head, verify_audit

__all__ = ["COMMANDS"]


@click.group("audit")
def audit_group() -> None:
    """The audit log."""


@audit_group.command("verify")
@click.option(
    "--head",
    "heads",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="a signed head the auditor kept (repeatable), besides the service's head file",
)
def verify(heads: tuple[Path, ...]) -> None:
    """Walk the whole log; say where it was edited, cut or rewritten (exit 1), or that it is intact."""
    extra = tuple(h for h in (read_head(path) for path in heads) if h is not None)
    verdict = verify_audit(workspace(), extra_heads=extra)
    click.echo(str(verdict))
    if not verdict.ok:
        sys.exit(1)


COMMANDS = (audit_group,)
