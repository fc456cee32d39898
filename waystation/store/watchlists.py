"""Watchlist versions: import one, record what changed since the last one, load it back fast.

Importing is idempotent: the same list version with the same source hash is found, not
imported twice; the same version number with different bytes is a conflict (a publisher does
not reissue a version). Each import is compared with the version imported just before it
(``seq`` order) and the added, removed and changed entry ids are recorded with a summary.
A ``published`` time without a zone is taken as UTC (list publishers write UTC).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from waystation.exc import Conflict, Locator, NotFound, WatchlistError
from waystation.model import ListEntry, ParseIssue, Watchlist
from waystation.store.bulk import chunks, insert_ignore, insert_returning_ids, insert_rows
from waystation.store.codec import (
    content_sha256,
    entry_from_json,
    entry_to_json,
    issue_from_json,
    issue_to_json,
    provenance_to_json,
)
from waystation.store.core import execute
from waystation.store.list_diff import change_summary
from waystation.store.schema import EntryBodyRow, ListChangeRow, ListEntryRow, ListVersionRow, WatchlistRow
from waystation.store.types import utc_now

__all__ = [
    "ChangeKind",
    "ImportResult",
    "ListChange",
    "ListVersionInfo",
    "find_version",
    "get_version",
    "import_list_version",
    "latest_version",
    "latest_versions",
    "list_changes",
    "list_versions",
    "load_entries",
    "load_watchlist",
    "watchlist_names",
]


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class ListVersionInfo:
    """One imported version of a list, without its entries."""

    id: int
    list_name: str
    seq: int
    version: str
    source_format: str
    published: datetime | None
    imported_at: datetime
    sha256: str
    source: str | None
    entry_count: int
    issues: tuple[ParseIssue, ...]


@dataclass(frozen=True, slots=True)
class ListChange:
    entry_id: str
    change: ChangeKind
    primary_name: str
    summary: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The stored version, whether this call created it, and the changes since the previous one."""

    version: ListVersionInfo
    created: bool
    previous: ListVersionInfo | None
    changes: tuple[ListChange, ...]


def import_list_version(
    session: Session,
    watchlist: Watchlist,
    *,
    sha256: str,
    source: str | None = None,
    imported_at: datetime | None = None,
    changes: Sequence[ListChange] | None = None,
) -> ImportResult:
    """Store a list version with its entries and its changes since the last imported version.

    ``changes`` are recorded as given when the caller computed them against :func:`latest_version`
    (the ingest's ``diff_watchlists``, which ignores cosmetic edits); without them the store
    compares the entries' stored content itself (:mod:`waystation.store.list_diff`).
    """
    list_id = _watchlist_id(session, watchlist.name)
    existing = find_version(session, watchlist.name, watchlist.version)
    if existing is not None:
        if existing.sha256 != sha256:
            raise Conflict(
                f"{watchlist.name} version {watchlist.version} is already stored from other bytes "
                f"(sha256 {existing.sha256[:12]}…, this file {sha256[:12]}…)"
            )
        return ImportResult(
            existing, False, _previous(session, existing), tuple(list_changes(session, existing.id))
        )
    _check_unique_ids(watchlist)
    previous = latest_version(session, watchlist.name)
    encoded = [(entry, _body(entry)) for entry in watchlist.entries]
    bodies = {digest: data for _, (data, digest) in encoded}
    new_bodies = [{"sha256": h, "data": bodies[h]} for h in sorted(bodies)]  # sorted: one lock order
    insert_ignore(session, EntryBodyRow, new_bodies, ["sha256"])
    published = watchlist.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    (version_id,) = insert_returning_ids(
        session,
        ListVersionRow,
        [
            {
                "watchlist_id": list_id,
                "seq": previous.seq + 1 if previous else 1,
                "version": watchlist.version,
                "source_format": watchlist.source_format,
                "published": published,
                "imported_at": imported_at or utc_now(),
                "sha256": sha256,
                "source": source or watchlist.source,
                "entry_count": len(watchlist.entries),
                "issues": [issue_to_json(i) for i in watchlist.issues],
            }
        ],
    )
    insert_rows(
        session,
        ListEntryRow,
        [
            {
                "list_version_id": version_id,
                "entry_id": entry.entry_id,
                "position": position,
                "kind": entry.kind.value,
                "primary_name": entry.caption,
                "body_sha256": digest,
                "provenance": provenance_to_json(entry.provenance) if entry.provenance else None,
            }
            for position, (entry, (_, digest)) in enumerate(encoded)
        ],
    )
    if changes is None:
        changes = _diff(session, previous, encoded, bodies) if previous else []
    insert_rows(
        session,
        ListChangeRow,
        [
            {
                "list_version_id": version_id,
                "previous_version_id": previous.id if previous else None,
                "entry_id": c.entry_id,
                "change": c.change.value,
                "primary_name": c.primary_name,
                "summary": c.summary,
            }
            for c in changes
        ],
    )
    return ImportResult(get_version(session, version_id), True, previous, tuple(changes))


def _body(entry: ListEntry) -> tuple[dict[str, Any], str]:
    data = entry_to_json(entry)
    data.pop("provenance", None)
    return data, content_sha256(data)


def _check_unique_ids(watchlist: Watchlist) -> None:
    seen: set[str] = set()
    for entry in watchlist.entries:
        if entry.entry_id in seen:
            raise WatchlistError(
                f"entry id {entry.entry_id} appears more than once in {watchlist.name} {watchlist.version}",
                Locator(watchlist.source),
            )
        seen.add(entry.entry_id)


def _watchlist_id(session: Session, name: str) -> int:
    insert_ignore(session, WatchlistRow, [{"name": name, "created_at": utc_now()}], ["name"])
    return session.execute(select(WatchlistRow.id).where(WatchlistRow.name == name)).scalar_one()


def _diff(
    session: Session,
    previous: ListVersionInfo,
    encoded: Sequence[tuple[ListEntry, tuple[dict[str, Any], str]]],
    bodies: dict[str, dict[str, Any]],
) -> list[ListChange]:
    before = {
        entry_id: (digest, name)
        for entry_id, digest, name in session.execute(
            select(ListEntryRow.entry_id, ListEntryRow.body_sha256, ListEntryRow.primary_name)
            .where(ListEntryRow.list_version_id == previous.id)
            .order_by(ListEntryRow.position)
        )
    }
    now = {entry.entry_id: (digest, entry.caption) for entry, (_, digest) in encoded}
    changed = [i for i in now if i in before and before[i][0] != now[i][0]]
    old_bodies = _bodies(session, [before[i][0] for i in changed])
    changes: list[ListChange] = []
    for entry_id, (digest, name) in now.items():
        if entry_id not in before:
            changes.append(ListChange(entry_id, ChangeKind.ADDED, name, "new entry"))
        elif entry_id in changed:
            summary = change_summary(old_bodies[before[entry_id][0]], bodies[digest])
            if summary:
                changes.append(ListChange(entry_id, ChangeKind.CHANGED, name, summary))
    for entry_id, (_, name) in before.items():
        if entry_id not in now:
            changes.append(ListChange(entry_id, ChangeKind.REMOVED, name, "entry removed"))
    return changes


def _bodies(session: Session, digests: Iterable[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for part in chunks(list(set(digests))):
        statement = select(EntryBodyRow.sha256, EntryBodyRow.data).where(EntryBodyRow.sha256.in_(part))
        found.update((digest, data) for digest, data in session.execute(statement))
    return found


_INFO = (
    ListVersionRow.id,
    WatchlistRow.name,
    ListVersionRow.seq,
    ListVersionRow.version,
    ListVersionRow.source_format,
    ListVersionRow.published,
    ListVersionRow.imported_at,
    ListVersionRow.sha256,
    ListVersionRow.source,
    ListVersionRow.entry_count,
    ListVersionRow.issues,
)


def _infos(session: Session, *criteria: ColumnElement[bool]) -> list[ListVersionInfo]:
    statement = (
        select(*_INFO)
        .join(WatchlistRow, WatchlistRow.id == ListVersionRow.watchlist_id)
        .where(*criteria)
        .order_by(WatchlistRow.name, ListVersionRow.seq)
    )
    return [_info(row) for row in session.execute(statement)]


def _info(row: Sequence[Any]) -> ListVersionInfo:
    ident, name, seq, version, source_format, published, imported_at, sha256, source, count, issues = row
    return ListVersionInfo(
        ident,
        name,
        seq,
        version,
        source_format,
        published,
        imported_at,
        sha256,
        source,
        count,
        tuple(issue_from_json(i) for i in issues or ()),
    )


def get_version(session: Session, version_id: int) -> ListVersionInfo:
    found = _infos(session, ListVersionRow.id == version_id)
    if not found:
        raise NotFound(f"no list version {version_id}")
    return found[0]


def find_version(session: Session, name: str, version: str) -> ListVersionInfo | None:
    found = _infos(session, WatchlistRow.name == name, ListVersionRow.version == version)
    return found[0] if found else None


def list_versions(session: Session, name: str) -> list[ListVersionInfo]:
    """Every imported version of a list, oldest import first."""
    return _infos(session, WatchlistRow.name == name)


def latest_version(session: Session, name: str) -> ListVersionInfo | None:
    """The version imported last (the one screening uses unless told otherwise)."""
    last = (
        select(func.max(ListVersionRow.seq))
        .join(WatchlistRow, WatchlistRow.id == ListVersionRow.watchlist_id)
        .where(WatchlistRow.name == name)
        .scalar_subquery()
    )
    found = _infos(session, WatchlistRow.name == name, ListVersionRow.seq == last)
    return found[0] if found else None


def _previous(session: Session, version: ListVersionInfo) -> ListVersionInfo | None:
    found = _infos(session, WatchlistRow.name == version.list_name, ListVersionRow.seq == version.seq - 1)
    return found[0] if found else None


_NEWER = aliased(ListVersionRow)
# Built once: constructing a statement costs more than running this one, on every message screened.
_LATEST_OF_EACH = (
    select(*_INFO)
    .join(WatchlistRow, WatchlistRow.id == ListVersionRow.watchlist_id)
    .where(
        ListVersionRow.seq
        == select(func.max(_NEWER.seq))
        .where(_NEWER.watchlist_id == ListVersionRow.watchlist_id)
        .scalar_subquery()
    )
    .order_by(WatchlistRow.name)
)


def latest_versions(session: Session) -> list[ListVersionInfo]:
    """The version imported last of every stored list, by list name (what screening uses)."""
    return [_info(row) for row in execute(session, _LATEST_OF_EACH)]


def watchlist_names(session: Session) -> list[str]:
    return list(session.execute(select(WatchlistRow.name).order_by(WatchlistRow.name)).scalars())


def load_watchlist(session: Session, version_id: int) -> Watchlist:
    """The stored version with all its entries, in the order they were imported."""
    info = get_version(session, version_id)
    statement = (
        select(EntryBodyRow.data, ListEntryRow.provenance)
        .join(EntryBodyRow, EntryBodyRow.sha256 == ListEntryRow.body_sha256)
        .where(ListEntryRow.list_version_id == version_id)
        .order_by(ListEntryRow.position)
    )
    entries = tuple(_entry(data, prov) for data, prov in session.execute(statement))
    return Watchlist(
        name=info.list_name,
        source_format=info.source_format,
        version=info.version,
        entries=entries,
        published=info.published,
        source=info.source,
        issues=info.issues,
    )


def load_entries(session: Session, version_id: int, entry_ids: Iterable[str]) -> dict[str, ListEntry]:
    """Some entries of a version by id (for explaining hits); unknown ids are left out."""
    found: dict[str, ListEntry] = {}
    for part in chunks(list(set(entry_ids))):
        statement = (
            select(ListEntryRow.entry_id, EntryBodyRow.data, ListEntryRow.provenance)
            .join(EntryBodyRow, EntryBodyRow.sha256 == ListEntryRow.body_sha256)
            .where(ListEntryRow.list_version_id == version_id, ListEntryRow.entry_id.in_(part))
        )
        found.update((i, _entry(d, p)) for i, d, p in session.execute(statement))
    return found


def _entry(data: dict[str, Any], provenance: dict[str, Any] | None) -> ListEntry:
    return entry_from_json(data if provenance is None else {**data, "provenance": provenance})


def list_changes(session: Session, version_id: int) -> list[ListChange]:
    """What changed in this version against the one imported before it (added, changed, removed)."""
    statement = (
        select(
            ListChangeRow.entry_id, ListChangeRow.change, ListChangeRow.primary_name, ListChangeRow.summary
        )
        .where(ListChangeRow.list_version_id == version_id)
        .order_by(ListChangeRow.id)
    )
    return [ListChange(i, ChangeKind(c), n, s) for i, c, n, s in session.execute(statement)]
