"""``waystation lists``: read, show and compare watchlists."""

from __future__ import annotations

import click

from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, table
from waystation.cli.records import entry_record
from waystation.ingest.lists import diff_watchlists, read_watchlist, readers
from waystation.model import Watchlist

__all__ = ["COMMANDS"]

_LIST_FORMAT = click.option(
    "--list-format", default=None, help="skip sniffing: un_xml, ofac_csv, ofac_xml, …"
)


def _read(path: str, list_format: str | None) -> Watchlist:
    if list_format and list_format not in readers():
        raise click.BadParameter(f"known formats: {', '.join(sorted(readers()))}", param_hint="--list-format")
    return read_watchlist(path, format=list_format)


@click.group("lists")
def lists() -> None:
    """Watchlists: import versions, show entries, compare versions."""


@lists.command("diff")
@click.argument("old")
@click.argument("new")
@_LIST_FORMAT
@FORMAT_OPTION
def diff(old: str, new: str, list_format: str | None, output_format: str) -> None:
    """What was added, removed and changed between two versions of a list (files)."""
    before, after = _read(old, list_format), _read(new, list_format)
    result = diff_watchlists(before, after)
    if output_format == "jsonl":
        emit_jsonl(
            [{"change": "added", "entry_id": e.entry_id, "name": e.caption} for e in result.added]
            + [{"change": "removed", "entry_id": e.entry_id, "name": e.caption} for e in result.removed]
            + [
                {"change": "changed", "entry_id": c.entry_id, "fields": list(c.fields)}
                for c in result.changed
            ]
        )
        return
    out = console()
    out.print(f"{before.name} {before.version} → {after.version}: {result.summary()}")
    rows = [("added", e.entry_id, e.caption, "") for e in result.added]
    rows += [("removed", e.entry_id, e.caption, "") for e in result.removed]
    rows += [("changed", c.entry_id, c.new.caption, ", ".join(c.fields)) for c in result.changed]
    out.print(table("changes", ("change", "entry", "name", "fields"), rows))


@lists.command("show")
@click.argument("path")
@click.option("--entry", "entry_ids", multiple=True, help="show only these entry ids")
@_LIST_FORMAT
@FORMAT_OPTION
def show(path: str, entry_ids: tuple[str, ...], list_format: str | None, output_format: str) -> None:
    """The entries of a list file."""
    watchlist = _read(path, list_format)
    entries = [e for e in watchlist.entries if not entry_ids or e.entry_id in entry_ids]
    if output_format == "jsonl":
        emit_jsonl(entry_record(e) for e in entries)
        return
    rows = [
        (e.entry_id, e.kind.value, e.caption, len(e.names) - 1, "; ".join(str(b) for b in e.birth_dates),
         ",".join(e.nationalities))
        for e in entries
    ]  # fmt: skip
    title = f"{watchlist.name} {watchlist.version}: {len(watchlist.entries)} entries"
    console().print(table(title, ("entry", "kind", "name", "aliases", "born", "nat"), rows))


COMMANDS = (lists,)
