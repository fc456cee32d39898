"""List versions: stored whole, loaded back equal, changes between versions recorded."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import WATCHLISTS
from tests.store.conftest import Database
from waystation.exc import Conflict, WatchlistError
from waystation.ingest.lists.un_xml import read_un_xml
from waystation.model import EntryKind, IdentityDocument, ListEntry, Name, Watchlist
from waystation.store.schema import EntryBodyRow
from waystation.store.watchlists import (
    ChangeKind,
    ListChange,
    find_version,
    import_list_version,
    latest_version,
    latest_versions,
    list_changes,
    list_versions,
    load_entries,
    load_watchlist,
    watchlist_names,
)

OLD, NEW = "un-consolidated-2026-01-28.xml", "un-consolidated.xml"


def _read(name: str) -> tuple[Watchlist, str]:
    data = (WATCHLISTS / name).read_bytes()
    return read_un_xml(data, name), hashlib.sha256(data).hexdigest()


def test_un_versions_import_load_and_diff(db: Database) -> None:
    old, old_sha = _read(OLD)
    new, new_sha = _read(NEW)
    with db.sessions.begin() as session:
        first = import_list_version(session, old, sha256=old_sha, source=OLD)
        second = import_list_version(session, new, sha256=new_sha, source=NEW)
    assert first.created
    assert first.previous is None
    assert first.changes == ()
    assert second.created
    assert second.previous == first.version
    info = second.version
    assert (info.list_name, info.seq, info.version, info.source_format) == (
        "un-consolidated",
        2,
        "2026-05-08T23:00:06.922Z",
        "un_xml",
    )
    assert info.published == datetime(2026, 5, 8, 23, 0, 6, 922000, tzinfo=UTC)
    assert (info.sha256, info.source, info.entry_count) == (new_sha, NEW, 1009)
    assert info.issues == new.issues
    added = {c.entry_id for c in second.changes if c.change is ChangeKind.ADDED}
    removed = {c.entry_id for c in second.changes if c.change is ChangeKind.REMOVED}
    changed = [c for c in second.changes if c.change is ChangeKind.CHANGED]
    assert added == {"QDi.437", "QDi.438", "QDi.439"} | {f"SDi.{n:03d}" for n in range(7, 15)}
    assert removed == {"QDe.137"}
    assert all(c.summary for c in changed)
    with db.sessions() as session:
        assert list_changes(session, info.id) == list(second.changes)
        loaded = load_watchlist(session, info.id)
        assert latest_version(session, "un-consolidated") == info
        assert latest_versions(session) == [info]
        assert [v.version for v in list_versions(session, "un-consolidated")] == [old.version, new.version]
        assert watchlist_names(session) == ["un-consolidated"]
        some = load_entries(session, first.version.id, ["QDe.137", "QDi.437", "nope"])
        bodies = session.execute(select(func.count()).select_from(EntryBodyRow)).scalar()
    assert loaded.entries == new.entries
    assert [e.provenance for e in loaded.entries] == [e.provenance for e in new.entries]
    assert (loaded.name, loaded.version, loaded.published, loaded.source) == (
        new.name,
        new.version,
        info.published,
        NEW,
    )
    assert set(some) == {"QDe.137"}
    assert some["QDe.137"] == old.by_id()["QDe.137"]
    # Unchanged entries share their stored body across versions.
    assert bodies == 999 + len(added) + len(changed)


def test_reimport_is_idempotent_and_a_reissued_version_conflicts(db: Database) -> None:
    entry = ListEntry("N-1", EntryKind.PERSON, (Name.from_parts("DOE", "JOHN"),))
    listing = Watchlist("national", "csv", "7", (entry,), published=datetime(2026, 1, 1, 12, 0))
    with db.sessions.begin() as session:
        first = import_list_version(session, listing, sha256="a" * 64)
        again = import_list_version(session, listing, sha256="a" * 64)
        assert again.version == first.version
        assert not again.created
        assert first.version.published == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)  # naive taken as UTC
        with pytest.raises(Conflict, match="national version 7 is already stored"):
            import_list_version(session, listing, sha256="b" * 64)
        doubled = dataclasses.replace(listing, version="8", entries=(entry, entry))
        with pytest.raises(WatchlistError, match="N-1 appears more than once"):
            import_list_version(session, doubled, sha256="c" * 64)


def test_store_side_diff_summarises_fields(db: Database) -> None:
    v1 = ListEntry("N-1", EntryKind.PERSON, (Name.from_parts("DOE", "JOHN"),), nationalities=("USA",))
    v2 = dataclasses.replace(
        v1,
        names=(*v1.names, Name.from_full("JOHNNY DOE")),
        nationalities=("CAN",),
        documents=(IdentityDocument("passport", "X1", "CAN"),),
    )
    gone = ListEntry("N-2", EntryKind.ORGANIZATION, (Name.from_full("ACME TRADING"),))
    with db.sessions.begin() as session:
        import_list_version(session, Watchlist("national", "csv", "1", (v1, gone)), sha256="1" * 64)
        result = import_list_version(session, Watchlist("national", "csv", "2", (v2,)), sha256="2" * 64)
    assert result.changes == (
        ListChange(
            "N-1", ChangeKind.CHANGED, "JOHN DOE", "documents: +1 −0; names: +1 −0; nationalities: +1 −1"
        ),
        ListChange("N-2", ChangeKind.REMOVED, "ACME TRADING", "entry removed"),
    )


def test_changes_computed_by_the_caller_are_recorded_as_given(db: Database) -> None:
    v1 = ListEntry("N-1", EntryKind.PERSON, (Name.from_parts("DOE", "JOHN"),))
    given = [ListChange("N-1", ChangeKind.CHANGED, "JOHN DOE", "names: -JON DOE; +JOHN DOE")]
    with db.sessions.begin() as session:
        import_list_version(session, Watchlist("national", "csv", "1", (v1,)), sha256="1" * 64)
        result = import_list_version(
            session, Watchlist("national", "csv", "2", (v1,)), sha256="2" * 64, changes=given
        )
    with db.sessions() as session:
        stored = list_changes(session, result.version.id)
        assert find_version(session, "national", "2") == result.version
        assert find_version(session, "national", "3") is None
    assert stored == given


def test_latest_versions_names_the_last_import_of_every_list(db: Database) -> None:
    entry = ListEntry("N-1", EntryKind.PERSON, (Name.from_parts("DOE", "JOHN"),))
    with db.sessions() as session:
        assert latest_versions(session) == []
    with db.sessions.begin() as session:
        for name, versions in (("national", ("1", "2", "3")), ("interpol", ("a",)), ("eu", ("x", "y"))):
            for number, version in enumerate(versions):
                listing = Watchlist(
                    name, "csv", version, (ListEntry(f"N-{number}", EntryKind.PERSON, entry.names),)
                )
                import_list_version(session, listing, sha256=f"{name}-{version}", source=name)
    with db.sessions() as session:
        latest = latest_versions(session)
        one_by_one = [latest_version(session, name) for name in watchlist_names(session)]
    assert [(v.list_name, v.version, v.seq) for v in latest] == [
        ("eu", "y", 2),
        ("interpol", "a", 1),
        ("national", "3", 3),
    ]
    assert latest == one_by_one
