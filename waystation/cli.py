"""The ``waystation`` command: one group, verbs as commands."""

from __future__ import annotations

import click

from waystation import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="waystation")
def main() -> None:
    """Advance passenger screening: ingest carrier messages, screen them, review the hits."""
