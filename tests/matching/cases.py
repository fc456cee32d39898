"""Build travellers and list entries from the rows of the matching tables (CSV), and the
brute-force reference that the index must reproduce."""

from __future__ import annotations

from waystation.matching import Screener
from waystation.matching.profiles import profile_traveller
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NamePart,
    NamePartKind,
    NameQuality,
    NameRole,
    PartialDate,
    Sex,
    TravelDocument,
    Traveller,
    Watchlist,
)

__all__ = ["brute_force", "entry_from", "listed", "traveller_from"]


def traveller_from(row: dict[str, str], ref: str = "T1") -> Traveller:
    documents = ()
    if row.get("doc_number"):
        documents = (TravelDocument("P", row["doc_number"], row.get("doc_country") or None),)
    return Traveller(
        ref=ref,
        name=Name.from_parts(row["surname"], row["given"].split() or None),
        birth_date=PartialDate.parse(row.get("dob")),
        sex=Sex(row["sex"]) if row.get("sex") else None,
        nationalities=(row["nationality"],) if row.get("nationality") else (),
        documents=documents,
    )


def _name(text: str, primary: bool) -> Name:
    weak = text.startswith("~")
    text = text.lstrip("~")
    quality = NameQuality.WEAK if weak else NameQuality.STRONG
    role = NameRole.PRIMARY if primary else NameRole.ALIAS
    if "^" in text:  # "Family^Given Name": family first, the given field kept whole (Korean "Pak^Han Se")
        family, given = text.split("^", 1)
        parts = (NamePart(family, NamePartKind.FAMILY), NamePart(given, NamePartKind.GIVEN))
        return Name(parts, role, quality)
    if "/" in text:
        given, family = text.split("/", 1)
        return Name.from_parts(family, given.split(), role=role, quality=quality)
    return Name.from_full(text, role=role, quality=quality)


def _date(text: str) -> BirthDate:
    approximate = text.startswith("~")
    text = text.lstrip("~")
    if ".." in text:
        first, last = text.split("..")
        return BirthDate(PartialDate(int(first)), PartialDate(int(last)))
    value = PartialDate.parse(text)
    assert value is not None, text
    return BirthDate(value, approximate=approximate)


def entry_from(row: dict[str, str], entry_id: str = "QDi.999") -> ListEntry:
    names = [n for n in row["entry_names"].split("|") if n]
    documents = []
    if row.get("entry_doc"):
        number, _, country = row["entry_doc"].partition(" ")
        documents.append(IdentityDocument("passport", number, country or None))
    return ListEntry(
        entry_id=entry_id,
        kind=EntryKind.PERSON,
        names=tuple(_name(n, i == 0) for i, n in enumerate(names)),
        birth_dates=tuple(_date(d) for d in row.get("entry_dob", "").split(";") if d),
        nationalities=tuple(n for n in row.get("entry_nationality", "").split(";") if n),
        documents=tuple(documents),
    )


def listed(*entries: ListEntry, name: str = "test-list", version: str = "2026-05-08") -> Watchlist:
    return Watchlist(name=name, source_format="test", version=version, entries=tuple(entries))


def brute_force(screener: Screener, traveller: Traveller, threshold: float) -> list[tuple[str, float]]:
    """The five best entries by scoring every one with no index and no pruning: the reference
    the index and its bounds must reproduce exactly."""
    profile = profile_traveller(traveller)
    found = []
    for entry in screener.entries:
        assessment = screener.algorithm.assess(profile, entry)
        if assessment is not None and assessment.score >= threshold:
            found.append((assessment.evidence, entry.entry.entry_id, assessment.score))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [(entry_id, score) for _, entry_id, score in found[:5]]
