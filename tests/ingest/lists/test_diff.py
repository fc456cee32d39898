"""List versions: what the May UN list added, removed and changed since January, and what is cosmetic."""

from __future__ import annotations

import dataclasses

from waystation.ingest.lists import FieldChange, diff_watchlists
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NameQuality,
    NameRole,
    PartialDate,
    Watchlist,
)


def test_un_january_to_may(un_january: Watchlist, un_may: Watchlist) -> None:
    diff = diff_watchlists(un_january, un_may)
    assert diff.old_version == "2026-01-28T00:00:11.197Z"
    assert diff.new_version == "2026-05-08T23:00:06.922Z"
    assert sorted(e.entry_id for e in diff.added) == [
        "QDi.437", "QDi.438", "QDi.439",
        "SDi.007", "SDi.008", "SDi.009", "SDi.010", "SDi.011", "SDi.012", "SDi.013", "SDi.014",
    ]  # fmt: skip
    assert all(e.kind is EntryKind.PERSON for e in diff.added)
    assert [e.entry_id for e in diff.removed] == ["QDe.137"]
    assert diff.removed[0].kind is EntryKind.ORGANIZATION
    # Measured: 137 entries changed, 134 of them in their remarks; 861 identical.
    assert len(diff.changed) == 137
    assert diff.unchanged == 861
    assert len(diff.added) + len(diff.changed) + diff.unchanged == len(un_may.entries)
    counts = diff.field_counts()
    assert counts["remarks"] == 134
    assert counts["documents"] == 25
    assert counts["names"] == 19


def test_changed_entries_checked_by_hand(un_january: Watchlist, un_may: Watchlist) -> None:
    changed = {c.entry_id: c for c in diff_watchlists(un_january, un_may).changed}
    # TAi.024: January had an empty INDIVIDUAL_DOCUMENT and one approximate year; May adds two
    # passports and an exact date of birth.
    mullah = changed["TAi.024"]
    assert mullah.fields == ("birth_dates", "documents", "addresses", "remarks")
    assert mullah.change("birth_dates") == FieldChange("birth_dates", (), ("1963-09-29",))
    documents = mullah.change("documents")
    assert documents is not None
    assert [d.split(" [")[0] for d in documents.added] == [
        "passport D0009751 (AFG)",
        "passport P04999950 (AFG)",
    ]
    # CDi.040: the passport's expiry moved from the NOTE into DATE_OF_EXPIRY, nothing else.
    passport = changed["CDi.040"]
    assert passport.fields == ("documents",)
    assert passport.change("documents") == FieldChange(
        "documents",
        removed=("passport AB850901 (TZA) [Expiration date: 2026-12-11.]",),
        added=("passport AB850901 (TZA) [expires 2026-12-11]",),
    )
    # TAi.068: the January file had a broken character in the original-script name.
    script = changed["TAi.068"].change("names")
    assert script is not None
    assert script.added == ("محمد الله مطيع (original_script, strong)",)


def _entry(*names: Name, remarks: str = "Financier.") -> ListEntry:
    return ListEntry(
        entry_id="QDi.900",
        kind=EntryKind.PERSON,
        names=names,
        birth_dates=(BirthDate(PartialDate(1970)), BirthDate(PartialDate(1971, 2, 3))),
        nationalities=("IRQ", "SYR"),
        documents=(IdentityDocument("passport", "A 123456", "IRQ"),),
        remarks=remarks,
    )


def _list(version: str, *entries: ListEntry) -> Watchlist:
    return Watchlist("test", "national_csv", version, entries)


def test_cosmetic_changes_are_not_changes() -> None:
    old = _entry(
        Name.from_parts("AL-IRAQI", "ABU"),
        Name.from_full("Abu  Ali", role=NameRole.ALIAS),
        Name.from_full("Abu Omar", role=NameRole.ALIAS, quality=NameQuality.WEAK),
    )
    new = dataclasses.replace(
        old,
        names=(
            Name.from_parts("AL-IRAQI ", " ABU"),
            Name.from_full("Abu Omar", role=NameRole.ALIAS, quality=NameQuality.WEAK),
            Name.from_full("ABU ALI", role=NameRole.ALIAS),
        ),
        birth_dates=tuple(reversed(old.birth_dates)),
        nationalities=("SYR", "IRQ"),
        remarks="  Financier. ",
    )
    diff = diff_watchlists(_list("1", old), _list("2", new))
    assert diff.is_empty
    assert diff.unchanged == 1


def test_real_changes_are_reported_per_field() -> None:
    old = _entry(Name.from_parts("AL-IRAQI", "ABU"), Name.from_full("Abu Ali", role=NameRole.ALIAS))
    new = dataclasses.replace(
        old,
        names=(
            Name.from_parts("AL-IRAQI", "ABU"),
            Name.from_full("Abu Ali", role=NameRole.ALIAS, quality=NameQuality.WEAK),
        ),
        nationalities=("IRQ",),
        documents=(IdentityDocument("passport", "A 123457", "IRQ"),),
    )
    change = diff_watchlists(_list("1", old), _list("2", new)).changed[0]
    assert change.fields == ("names", "nationalities", "documents")
    assert str(change.change("names")) == "names: -Abu Ali (alias, strong); +Abu Ali (alias, weak)"
    assert str(change.change("nationalities")) == "nationalities: -SYR"
    assert str(change.change("documents")) == "documents: -passport A 123456 (IRQ); +passport A 123457 (IRQ)"
