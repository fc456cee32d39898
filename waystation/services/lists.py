"""Use cases for watchlists: import a version (recording what changed), read stored versions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from waystation.exc import NotFound
from waystation.ingest.lists import ListDiff, diff_watchlists, read_watchlist
from waystation.model import Watchlist
from waystation.services.workspace import Workspace
from waystation.store import (
    ChangeKind,
    ListChange,
    ListVersionInfo,
    import_list_version,
    latest_version,
    list_versions,
    load_watchlist,
    watchlist_names,
)

__all__ = [
    "ImportReport",
    "changes_of",
    "import_in",
    "import_list",
    "import_watchlist",
    "stored_list",
    "stored_lists",
]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: the version stored, whether it was new, and the changes it brought."""

    version: ListVersionInfo
    created: bool
    previous: ListVersionInfo | None
    diff: ListDiff | None
    changes: tuple[ListChange, ...]


def changes_of(diff: ListDiff) -> list[ListChange]:
    changes = [ListChange(e.entry_id, ChangeKind.ADDED, e.caption, "added") for e in diff.added]
    changes += [ListChange(e.entry_id, ChangeKind.REMOVED, e.caption, "removed") for e in diff.removed]
    changes += [
        ListChange(c.entry_id, ChangeKind.CHANGED, c.new.caption, "changed: " + ", ".join(c.fields))
        for c in diff.changed
    ]
    return changes


def import_watchlist(
    workspace: Workspace, watchlist: Watchlist, *, sha256: str, source: str | None
) -> ImportReport:
    """Store a read list as a new version; the diff against the latest stored version is recorded."""
    with workspace.transaction() as session:
        return import_in(session, watchlist, sha256=sha256, source=source)


def import_in(session: Session, watchlist: Watchlist, *, sha256: str, source: str | None) -> ImportReport:
    """:func:`import_watchlist` inside the caller's transaction (for a service that also logs it)."""
    previous = latest_version(session, watchlist.name)
    diff = None
    changes = None
    if previous is not None and previous.version != watchlist.version:
        diff = diff_watchlists(load_watchlist(session, previous.id), watchlist)
        changes = changes_of(diff)
    result = import_list_version(session, watchlist, sha256=sha256, source=source, changes=changes)
    return ImportReport(result.version, result.created, result.previous, diff, result.changes)


def import_list(
    workspace: Workspace, path: str | Path, *, list_format: str | None = None, name: str | None = None
) -> ImportReport:
    """Read a list file (any registered format) and import it as a version."""
    watchlist = read_watchlist(path, format=list_format, name=name)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return import_watchlist(workspace, watchlist, sha256=digest, source=str(path))


def stored_lists(workspace: Workspace) -> list[ListVersionInfo]:
    """The latest version of every stored list."""
    with workspace.transaction() as session:
        found = [latest_version(session, name) for name in watchlist_names(session)]
    return [v for v in found if v is not None]


def stored_list(
    workspace: Workspace, name: str, version: str | None = None
) -> tuple[ListVersionInfo, Watchlist]:
    """A stored version of a list (the latest unless ``version`` is given) with its entries."""
    with workspace.transaction() as session:
        versions = list_versions(session, name)
        if not versions:
            raise NotFound(f"no list named {name!r} is stored; import it with 'waystation lists import'")
        chosen = (
            versions[-1] if version is None else next((v for v in versions if v.version == version), None)
        )
        if chosen is None:
            raise NotFound(
                f"list {name!r} has no version {version!r}; stored: {', '.join(v.version for v in versions)}"
            )
        return chosen, load_watchlist(session, chosen.id)
