"""How the CLI prints: JSON Lines for machines, rich tables for people, ``-`` for stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.table import Table

__all__ = ["FORMAT_OPTION", "console", "emit_jsonl", "read_input", "table"]

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="table for people, jsonl (one JSON object per line) for machines",
)


def console(stream: TextIO | None = None) -> Console:
    return Console(file=stream or sys.stdout, soft_wrap=False, width=160 if not sys.stdout.isatty() else None)


def emit_jsonl(records: Iterable[Mapping[str, Any]], stream: TextIO | None = None) -> int:
    """Write one compact JSON object per line; returns how many were written."""
    out = stream or sys.stdout
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str) + "\n")
        count += 1
    out.flush()
    return count


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    grid = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*("" if v is None else str(v) for v in row))
    return grid


def read_input(path: str) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for ``-``, with the name used in messages."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    try:
        return file.read_bytes(), str(file)
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None
