"""What changed between two versions of a list: entries added, removed, and changed field by field.

A list update is a legal event (a person newly listed must be screened for from that day; one
delisted must no longer be flagged), so importing a version records the difference. Cosmetic
edits are not changes: spacing, letter case and the order of aliases, dates or documents are
ignored, and so are fields that are bookkeeping rather than identity (provenance, DATAID).

The comparison is pure: two :class:`Watchlist` values in, a :class:`ListDiff` out. Each field of
an entry is reduced to a set of canonical keys (with a readable form for display), and a field
changed when the sets differ; the change lists what was removed and what was added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from waystation.model import BirthDate, IdentityDocument, ListEntry, Name, Watchlist

__all__ = ["FIELDS", "EntryChange", "FieldChange", "ListDiff", "diff_watchlists"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one entry: the values only the old version had, and those only the new has."""

    field: str
    removed: tuple[str, ...]
    added: tuple[str, ...]

    def __str__(self) -> str:
        parts = [f"-{value}" for value in self.removed] + [f"+{value}" for value in self.added]
        return f"{self.field}: " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class EntryChange:
    """An entry present in both versions whose identity fields differ."""

    entry_id: str
    old: ListEntry
    new: ListEntry
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(change.field for change in self.changes)

    def change(self, field: str) -> FieldChange | None:
        return next((c for c in self.changes if c.field == field), None)


@dataclass(frozen=True, slots=True)
class ListDiff:
    """The difference from ``old_version`` to ``new_version`` of one list."""

    old_version: str
    new_version: str
    added: tuple[ListEntry, ...]
    removed: tuple[ListEntry, ...]
    changed: tuple[EntryChange, ...]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def field_counts(self) -> dict[str, int]:
        """How many changed entries changed each field, most frequent first."""
        counts: dict[str, int] = {}
        for change in self.changed:
            for field in change.fields:
                counts[field] = counts.get(field, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def summary(self) -> str:
        return (
            f"{self.old_version} -> {self.new_version}: {len(self.added)} added, "
            f"{len(self.removed)} removed, {len(self.changed)} changed, {self.unchanged} unchanged"
        )


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _name(name: Name) -> tuple[str, str]:
    parts = "|".join(_fold(p.text) for p in name.parts) if name.role == "primary" else _fold(name.full)
    shown = f"{name.full} ({name.role.value}, {name.quality.value})"
    return f"{name.role.value}/{name.quality.value}/{parts}", shown


def _date(value: BirthDate) -> tuple[str, str]:
    shown = str(value) + (f" [{' '.join(value.note.split())}]" if value.note else "")
    return _fold(shown), shown


def _document(value: IdentityDocument) -> tuple[str, str]:
    number = "".join(ch for ch in value.number.upper() if ch.isalnum())
    shown = f"{value.kind} {value.number}" + (f" ({value.country})" if value.country else "")
    shown += f" [{' '.join(value.note.split())}]" if value.note else ""
    return f"{value.kind}/{number}/{value.country or ''}/{_fold(value.note)}", shown


def _texts(values: Iterable[str | None]) -> list[tuple[str, str]]:
    return [(_fold(v), " ".join(v.split())) for v in values if v and v.strip()]


# field name -> the canonical (key, display) pairs of an entry for that field.
FIELDS: dict[str, Callable[[ListEntry], list[tuple[str, str]]]] = {
    "kind": lambda e: [(e.kind.value, e.kind.value)],
    "names": lambda e: [_name(n) for n in e.names],
    "birth_dates": lambda e: [_date(d) for d in e.birth_dates],
    "birth_places": lambda e: _texts(e.birth_places),
    "nationalities": lambda e: _texts(e.nationalities),
    "documents": lambda e: [_document(d) for d in e.documents],
    "gender": lambda e: _texts([e.gender.value if e.gender else None]),
    "programmes": lambda e: _texts(e.programmes),
    "listed_on": lambda e: _texts([e.listed_on.isoformat() if e.listed_on else None]),
    "addresses": lambda e: _texts(e.addresses),
    "remarks": lambda e: _texts([e.remarks]),
}


def _compare(old: ListEntry, new: ListEntry) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    for field, canonical in FIELDS.items():
        before, after = dict(canonical(old)), dict(canonical(new))
        if before.keys() == after.keys():
            continue
        removed = tuple(shown for key, shown in before.items() if key not in after)
        added = tuple(shown for key, shown in after.items() if key not in before)
        changes.append(FieldChange(field, removed, added))
    return tuple(changes)


def diff_watchlists(old: Watchlist, new: Watchlist) -> ListDiff:
    """Entries added, removed and changed from ``old`` to ``new``, matched by ``entry_id``.

    The order of the result follows the new list for added and changed entries and the old
    list for removed ones.
    """
    old_entries, new_entries = old.by_id(), new.by_id()
    added = tuple(e for e in new.entries if e.entry_id not in old_entries)
    removed = tuple(e for e in old.entries if e.entry_id not in new_entries)
    changed: list[EntryChange] = []
    unchanged = 0
    for entry in new.entries:
        before = old_entries.get(entry.entry_id)
        if before is None:
            continue
        changes = _compare(before, entry)
        if changes:
            changed.append(EntryChange(entry.entry_id, before, entry, changes))
        else:
            unchanged += 1
    return ListDiff(old.version, new.version, added, removed, tuple(changed), unchanged)
