"""``waystation lists``: read, show and compare watchlists."""

from __future__ import annotations

from pathlib import Path

import click

from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, table
from waystation.cli.records import entry_record
from waystation.cli.workspace import workspace
from waystation.ingest.lists import diff_watchlists, read_watchlist, readers
from waystation.model import Watchlist
from waystation.services.lists import import_list, stored_list, stored_lists

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


@lists.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--name", default=None, help="store under this list name [the format's default]")
@_LIST_FORMAT
def import_(paths: tuple[str, ...], name: str | None, list_format: str | None) -> None:
    """Import list files as new versions, recording what was added, removed and changed."""
    ws = workspace()
    out = console()
    for path in paths:
        report = import_list(ws, path, list_format=list_format, name=name)
        version = report.version
        if not report.created:
            out.print(
                f"{version.list_name} {version.version}: already stored ({version.entry_count} entries)"
            )
            continue
        since = f" since {report.previous.version}" if report.previous else ""
        counts = {
            kind: sum(1 for c in report.changes if c.change.value == kind)
            for kind in ("added", "removed", "changed")
        }
        out.print(
            f"{version.list_name} {version.version}: {version.entry_count} entries imported; "
            f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed{since}"
        )


@lists.command("versions")
@FORMAT_OPTION
def versions(output_format: str) -> None:
    """The stored lists and their latest versions."""
    found = stored_lists(workspace())
    if output_format == "jsonl":
        emit_jsonl(
            {
                "list": v.list_name,
                "version": v.version,
                "entries": v.entry_count,
                "imported_at": v.imported_at,
            }
            for v in found
        )
        return
    rows = [
        (v.list_name, v.version, v.entry_count, v.imported_at.isoformat(timespec="seconds")) for v in found
    ]
    console().print(table("stored lists", ("list", "version", "entries", "imported"), rows))


@lists.command("show")
@click.argument("list_ref")
@click.option("--entry", "entry_ids", multiple=True, help="show only these entry ids")
@click.option("--version", default=None, help="a stored version [the latest]")
@_LIST_FORMAT
@FORMAT_OPTION
def show(list_ref: str, entry_ids: tuple[str, ...], version: str | None, list_format: str | None,
         output_format: str) -> None:  # fmt: skip
    """The entries of a list: a file, or the name of a stored list."""
    if Path(list_ref).exists():
        watchlist = _read(list_ref, list_format)
    else:
        _, watchlist = stored_list(workspace(), list_ref, version)
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
