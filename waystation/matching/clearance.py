"""Cleared travellers: a confirmed false positive stops alerting for that person and document.

This is the redress mechanism. When an analyst confirms that a traveller is NOT a listed person,
the decision is recorded against the traveller's document (normalized number and issuing
country), their name and date of birth, and the list entry as it stood (its id and a digest of
its identifying content). The next time the same person travels on the same document, the hit
is still computed and shown as cleared, but does not alert. Anything new is screened afresh:

- another document (a new passport) → alerts again until reviewed;
- another entry, or the same entry changed (a new alias, date or document was listed) → alerts;
- another person with the same name → alerts (the document and birth date differ).

Pure data: storing and auditing clearances is the store's and the services' job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from waystation.matching.compare.documents import document_key
from waystation.matching.normalize import analyse
from waystation.matching.text import fold
from waystation.model import ListEntry, Traveller

__all__ = ["Clearance", "ClearanceSet", "entry_digest", "person_key"]


def person_key(traveller: Traveller) -> str:
    """The traveller's normalized name parts in sorted order, and date of birth: ``1975-01-01|ali hassan``.

    Normalized as for matching, so "AL-ZAWAHIRI" and "ZAWAHIRI" are one person key."""
    parts = sorted(p.word.text for p in analyse(traveller.name, document=True).parts)
    born = traveller.birth_date.iso() if traveller.birth_date else ""
    return f"{born}|{' '.join(parts)}"


def entry_digest(entry: ListEntry) -> str:
    """A short digest of what identifies an entry (names, dates, documents, nationalities)."""
    names = sorted(fold(n.full) for n in entry.names)
    dates = sorted(str(d) for d in entry.birth_dates)
    documents = sorted(document_key(d.number) for d in entry.documents)
    text = "\n".join(
        ["|".join(names), "|".join(dates), "|".join(documents), "|".join(sorted(entry.nationalities))]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Clearance:
    """One confirmed false positive: this person on this document is not this entry."""

    list_name: str
    entry_id: str
    entry_digest: str
    document_number: str  # normalized (document_key)
    document_country: str | None
    person: str  # person_key
    reason: str
    decided_by: str
    decided_at: datetime | None = None

    @classmethod
    def record(
        cls,
        traveller: Traveller,
        list_name: str,
        entry: ListEntry,
        *,
        reason: str,
        decided_by: str,
        decided_at: datetime | None = None,
    ) -> Clearance:
        """A clearance for the traveller's first document with a number (ValueError if none).

        A clearance without a document would clear every namesake: it is refused.
        """
        for document in traveller.documents:
            number = document_key(document.number)
            if number:
                return cls(
                    list_name, entry.entry_id, entry_digest(entry), number, document.issuing_country,
                    person_key(traveller), reason, decided_by, decided_at,
                )  # fmt: skip
        raise ValueError(f"traveller {traveller.ref} has no document number: a clearance needs one")


class ClearanceSet:
    """Recorded clearances, looked up by (list, entry id); immutable once built."""

    __slots__ = ("_by_entry",)

    def __init__(self, clearances: Iterable[Clearance] = ()) -> None:
        by_entry: dict[tuple[str, str], list[Clearance]] = {}
        for clearance in clearances:
            by_entry.setdefault((clearance.list_name, clearance.entry_id), []).append(clearance)
        self._by_entry = {key: tuple(value) for key, value in by_entry.items()}

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_entry.values())

    def covering(self, traveller: Traveller, list_name: str, entry: ListEntry) -> Clearance | None:
        """The clearance that applies to this traveller against this entry as it now stands, if any."""
        recorded = self._by_entry.get((list_name, entry.entry_id))
        if not recorded:
            return None
        person = person_key(traveller)
        documents = {(document_key(d.number), d.issuing_country) for d in traveller.documents if d.number}
        digest = entry_digest(entry)
        for clearance in recorded:
            if (
                clearance.person == person
                and (clearance.document_number, clearance.document_country) in documents
                and clearance.entry_digest == digest
            ):
                return clearance
        return None
