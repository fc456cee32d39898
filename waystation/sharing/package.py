"""Share packages: watchlist entries or hits, with their explanation, under one handling mark.

A package is built for a purpose (and usually under a case), addressed to recipients, and
never changed afterwards: redaction (``redact.py``) makes a new package, and passing material on
(:func:`reshare`) makes a derived package that keeps the originator, cites its source and may
only tighten the mark. Items are plain values — strings, not model objects — because a package
is what leaves the country: only what is written in it is shared.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeAlias

from waystation.exc import Forbidden
from waystation.model import ListEntry
from waystation.sharing.marks import HandlingMark
from waystation.sharing.parties import OriginatorConsent, Recipient

__all__ = ["ShareItem", "SharePackage", "SharedEntry", "SharedHit", "reshare"]


@dataclass(frozen=True, slots=True)
class SharedEntry:
    """A watchlist entry as shared: the list's own reference and what identifies the subject."""

    list_name: str
    list_version: str
    entry_id: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    remarks: str | None = None

    @classmethod
    def from_list_entry(cls, entry: ListEntry, list_name: str, list_version: str) -> SharedEntry:
        documents = tuple(" ".join(p for p in (d.kind, d.number, d.country) if p) for d in entry.documents)
        return cls(
            list_name,
            list_version,
            entry.entry_id,
            tuple(name.full for name in entry.names if name),
            tuple(str(b) for b in entry.birth_dates),
            entry.nationalities,
            documents,
            entry.programmes,
            entry.remarks,
        )


@dataclass(frozen=True, slots=True)
class SharedHit:
    """A screening hit as shared: the traveller's side, the entry it hit, the score and why.

    ``redacted`` names the fields that were withheld from this copy (so the recipient knows
    something exists and can ask the originator for it).
    """

    hit_id: str
    flight: str
    flight_date: str | None
    list_name: str
    entry_id: str
    score: float | None = None
    explanation: tuple[str, ...] = ()
    disposition: str | None = None
    traveller_name: str | None = None
    traveller_birth_date: str | None = None
    traveller_nationalities: tuple[str, ...] = ()
    traveller_document: str | None = None
    reviewer_note: str | None = None
    redacted: tuple[str, ...] = ()


ShareItem: TypeAlias = SharedEntry | SharedHit


@dataclass(frozen=True, slots=True)
class SharePackage:
    """One package. ``sender`` is the organisation sending this copy: the originator, or a
    recipient passing it on — then ``derived_from`` names the originator's package that the
    material first came in (consents refer to that one), however many hands it passed."""

    package_id: str
    originator: str
    sender: str
    mark: HandlingMark
    recipients: tuple[Recipient, ...]
    created_at: datetime
    created_by: str
    purpose: str
    items: tuple[ShareItem, ...]
    case_number: str | None = None
    derived_from: str | None = None
    consents: tuple[OriginatorConsent, ...] = ()

    @property
    def is_reshare(self) -> bool:
        return self.sender != self.originator

    def recipient(self, org_id: str) -> Recipient | None:
        return next((r for r in self.recipients if r.org_id == org_id), None)

    @property
    def hits(self) -> tuple[SharedHit, ...]:
        return tuple(item for item in self.items if isinstance(item, SharedHit))


def reshare(
    source: SharePackage,
    *,
    package_id: str,
    sender: str,
    recipients: tuple[Recipient, ...],
    created_at: datetime,
    created_by: str,
    purpose: str,
    mark: HandlingMark | None = None,
    consents: tuple[OriginatorConsent, ...] = (),
) -> SharePackage:
    """A derived package passing ``source`` on; its mark may tighten but never loosen.

    Whether it may actually go to a partner is for ``release.check_release`` to say.
    """
    if sender not in {r.org_id for r in source.recipients}:
        raise Forbidden(f"{sender} did not receive package {source.package_id} and cannot pass it on")
    chosen = mark or source.mark
    if not chosen.at_least(source.mark):
        raise Forbidden(f"a re-shared package cannot loosen {source.mark} to {chosen}")
    return replace(
        source,
        package_id=package_id,
        sender=sender,
        mark=chosen,
        recipients=recipients,
        created_at=created_at,
        created_by=created_by,
        purpose=purpose,
        derived_from=source.derived_from or source.package_id,
        consents=(*source.consents, *consents),
    )
