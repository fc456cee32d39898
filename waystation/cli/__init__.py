"""The ``waystation`` command: one group, verbs as commands, one module per verb family.

People get rich tables and progress bars; machines get JSON Lines (``--format jsonl``); ``-``
means stdin or stdout. Every error a user can cause is printed as one line on stderr with a
non-zero exit code (2 for bad input or configuration, 1 for anything unexpected).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from waystation import __version__
from waystation.cli import alerts as alert_commands
from waystation.cli import audit as audit_commands
from waystation.cli import demo as demo_commands
from waystation.cli import lists as lists_commands
from waystation.cli import messages as message_commands
from waystation.cli import network as network_commands
from waystation.cli import retention as retention_commands
from waystation.cli import rules as rules_commands
from waystation.cli import screening as screening_commands
from waystation.cli import serve as serve_commands
from waystation.cli import synth as synth_commands
from waystation.cli import targeting as targeting_commands
from waystation.cli import users as user_commands
from waystation.exc import ConfigError, Conflict, InputError, NotFound, WaystationError

__all__ = ["main"]


class _Group(click.Group):
    """Turns waystation errors into one-line messages and exit codes instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (InputError, ConfigError, NotFound, Conflict) as error:
            click.echo(f"waystation: error: {error}", err=True)
            sys.exit(2)
        except WaystationError as error:
            click.echo(f"waystation: error: {error}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="waystation")
def main() -> None:
    """Advance passenger screening: ingest carrier messages, screen them, review the hits."""


for command in (
    *demo_commands.COMMANDS,
    *lists_commands.COMMANDS,
    *message_commands.COMMANDS,
    *screening_commands.COMMANDS,
    *synth_commands.COMMANDS,
    *serve_commands.COMMANDS,
    *user_commands.COMMANDS,
    *audit_commands.COMMANDS,
    *rules_commands.COMMANDS,
    *network_commands.COMMANDS,
    *targeting_commands.COMMANDS,
    *alert_commands.COMMANDS,
    *retention_commands.COMMANDS,
):
    main.add_command(command)


def run(argv: Sequence[str] | None = None) -> None:
    """Entry point for ``python -m waystation``."""
    main.main(args=list(argv) if argv is not None else None, prog_name="waystation")
