"""Watchlists through the service: versions, entries, diffs, imports and national entries.

Analysts and supervisors read lists (they weigh hits against entries); only supervisors import
a version or change the national list, and each such change is logged (``list_import``) with
what it added, removed and changed. A national entry is added or removed by storing a new
version of the national list — versions are never edited, so every earlier hit still points at
the entry as it stood.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from waystation.cases.events import ListImported
from waystation.cases.permissions import Permission, require
from waystation.exc import Conflict, InputError, Locator, NotFound
from waystation.ingest.lists import diff_watchlists, read_watchlist
from waystation.ingest.lists.national_csv import COLUMNS, FORMAT, read_national_csv
from waystation.model import ListEntry, Watchlist
from waystation.services.audit import Audit, audited
from waystation.services.lists import ImportReport, changes_of, import_in
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    ChangeKind,
    ListChange,
    ListVersionInfo,
    find_version,
    latest_version,
    list_changes,
    list_versions,
    load_watchlist,
    watchlist_names,
)

__all__ = [
    "NATIONAL_LIST",
    "EntryPage",
    "import_list_bytes",
    "list_diff",
    "list_entries",
    "list_entry",
    "put_national_entry",
    "remove_national_entry",
    "watchlist_versions",
    "watchlists",
]

NATIONAL_LIST = "national"


def watchlists(workspace: Workspace, principal: Principal) -> list[ListVersionInfo]:
    """The latest version of every stored list."""
    require(principal.role, Permission.READ_LISTS)
    with workspace.transaction() as session:
        found = [latest_version(session, name) for name in watchlist_names(session)]
    return [v for v in found if v is not None]


def watchlist_versions(workspace: Workspace, principal: Principal, name: str) -> list[ListVersionInfo]:
    require(principal.role, Permission.READ_LISTS)
    with workspace.transaction() as session:
        versions = list_versions(session, name)
    if not versions:
        raise NotFound(f"no list named {name!r}")
    return versions


def _version(workspace: Workspace, name: str, version: str | None) -> tuple[ListVersionInfo, Watchlist]:
    with workspace.transaction() as session:
        chosen = latest_version(session, name) if version is None else find_version(session, name, version)
        if chosen is None:
            raise NotFound(f"no list {name!r}" + (f" version {version!r}" if version else ""))
        return chosen, load_watchlist(session, chosen.id)


@dataclass(frozen=True, slots=True)
class EntryPage:
    version: ListVersionInfo
    entries: tuple[ListEntry, ...]
    total: int


def list_entries(
    workspace: Workspace,
    principal: Principal,
    name: str,
    *,
    version: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> EntryPage:
    """Entries of a version, optionally those whose id or a name contains ``query`` (case-blind)."""
    require(principal.role, Permission.READ_LISTS)
    info, watchlist = _version(workspace, name, version)
    entries = list(watchlist.entries)
    if query:
        needle = query.casefold()
        entries = [
            e
            for e in entries
            if needle in e.entry_id.casefold() or any(needle in n.full.casefold() for n in e.names)
        ]
    return EntryPage(info, tuple(entries[offset : offset + limit]), len(entries))


def list_entry(
    workspace: Workspace, principal: Principal, name: str, entry_id: str, *, version: str | None = None
) -> tuple[ListVersionInfo, ListEntry]:
    require(principal.role, Permission.READ_LISTS)
    info, watchlist = _version(workspace, name, version)
    entry = watchlist.by_id().get(entry_id)
    if entry is None:
        raise NotFound(f"list {name!r} version {info.version!r} has no entry {entry_id!r}")
    return info, entry


def list_diff(
    workspace: Workspace, principal: Principal, name: str, *, to: str | None = None, since: str | None = None
) -> tuple[ListVersionInfo, list[ListChange]]:
    """What version ``to`` (the latest by default) changed against ``since`` (the version before it
    by default, as recorded at import)."""
    require(principal.role, Permission.READ_LISTS)
    target, new = _version(workspace, name, to)
    if since is None:
        with workspace.transaction() as session:
            return target, list_changes(session, target.id)
    _, old = _version(workspace, name, since)
    return target, changes_of(diff_watchlists(old, new))


def _log_import(audit: Audit, principal: Principal, report: ImportReport) -> None:
    counts = {kind: sum(1 for c in report.changes if c.change is kind) for kind in ChangeKind}
    version = report.version
    added = counts[ChangeKind.ADDED] if report.previous else version.entry_count
    audit.log(
        ListImported(
            version.list_name,
            version.version,
            added,
            counts[ChangeKind.REMOVED],
            counts[ChangeKind.CHANGED],
            version.source,
        ),
        principal,
    )


def import_list_bytes(
    workspace: Workspace,
    principal: Principal,
    data: bytes,
    *,
    filename: str,
    list_format: str | None = None,
    name: str | None = None,
) -> ImportReport:
    """Import an uploaded list file (any registered format, sniffed when not named) as a version."""
    require(principal.role, Permission.MANAGE_LISTS)
    watchlist = read_watchlist(data, format=list_format, name=name, source=filename)
    with audited(workspace) as (session, audit):
        report = import_in(session, watchlist, sha256=hashlib.sha256(data).hexdigest(), source=filename)
        if report.created:
            _log_import(audit, principal, report)
    return report


def _entry_from_row(row: Mapping[str, str]) -> ListEntry:
    unknown = sorted(set(row) - set(COLUMNS))
    if unknown:
        raise InputError(f"unknown field(s): {', '.join(unknown)}", Locator(field=unknown[0]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow({column: row.get(column, "") for column in COLUMNS})
    read = read_national_csv(buffer.getvalue().encode("utf-8"), "national entry")
    errors = [i for i in read.issues if i.severity.value == "error"]
    if errors or len(read.entries) != 1:
        problem = errors[0] if errors else None
        raise InputError(
            problem.message if problem else "the entry could not be read",
            Locator(field=problem.locator.field if problem and problem.locator.field else "names"),
        )
    return read.entries[0]


def _store_national(
    workspace: Workspace, principal: Principal, list_name: str, change: str, entries: list[ListEntry]
) -> ImportReport:
    now = datetime.now(UTC)
    watchlist = Watchlist(
        name=list_name,
        source_format=FORMAT,
        version=f"{now:%Y%m%dT%H%M%S.%fZ}",
        entries=tuple(entries),
        published=now,
        source=f"{change} by {principal.name}",
    )
    digest = hashlib.sha256(repr(sorted(e.entry_id for e in entries)).encode() + now.isoformat().encode())
    with audited(workspace) as (session, audit):
        report = import_in(session, watchlist, sha256=digest.hexdigest(), source=watchlist.source)
        _log_import(audit, principal, report)
    return report


def _current_national(workspace: Workspace, list_name: str) -> list[ListEntry]:
    with workspace.transaction() as session:
        latest = latest_version(session, list_name)
        if latest is None:
            return []
        if latest.source_format != FORMAT:
            raise Conflict(f"list {list_name!r} is a {latest.source_format} list, not a national list")
        return list(load_watchlist(session, latest.id).entries)


def put_national_entry(
    workspace: Workspace, principal: Principal, row: Mapping[str, str], *, list_name: str = NATIONAL_LIST
) -> ImportReport:
    """Add or replace one national entry (fields as in the national CSV); a new version is stored."""
    require(principal.role, Permission.MANAGE_LISTS)
    entry = _entry_from_row(row)
    entries = [e for e in _current_national(workspace, list_name) if e.entry_id != entry.entry_id]
    return _store_national(workspace, principal, list_name, f"entry {entry.entry_id} set", [*entries, entry])


def remove_national_entry(
    workspace: Workspace, principal: Principal, entry_id: str, *, list_name: str = NATIONAL_LIST
) -> ImportReport:
    require(principal.role, Permission.MANAGE_LISTS)
    entries = _current_national(workspace, list_name)
    kept = [e for e in entries if e.entry_id != entry_id]
    if len(kept) == len(entries):
        raise NotFound(f"list {list_name!r} has no entry {entry_id!r}")
    return _store_national(workspace, principal, list_name, f"entry {entry_id} removed", kept)
