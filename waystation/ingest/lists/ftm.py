"""FollowTheMoney entities as JSON lines (OpenSanctions exports, yente fixtures).

Each line is ``{"id", "schema", "caption", "properties": {name: [values]}, "target", ...}``.
Read deliberately, and only these schemata:

* Person, Organization, Company, LegalEntity, PublicBody, Vessel, Airplane become entries when
  they are sanction targets (``"target": true``, or no ``target`` key at all); related
  companies that are not targets are left out, so they never raise a hit.
* Passport and Identification entities are joined to their ``holder`` as documents.
* Sanction entities are joined to their ``entity``: programme ids and the earliest listing date.
* Everything else (Ownership, Family, Directorship, Address, ...) is ignored: relations are the
  network stage's business, not screening's.

Names: every ``name`` value is a name of the subject (OpenSanctions merges sources, so one
person has a dozen spellings in Latin and Cyrillic); ``alias`` is an alias, ``weakAlias`` a weak
one, ``previousName`` a former name. The primary name is the caption when it is in Latin
letters, otherwise the first Latin ``name``; when firstName, fatherName/middleName and lastName
values all occur in it, it is split into GIVEN, PATRONYMIC and FAMILY parts. ``LAST, First``
values of people are split at the comma. Cyrillic names keep their script (``Cyrl``).

Nationality and citizenship give nationalities (``country`` too, for organisations);
passportNumber, idNumber, taxNumber and innCode give documents. There is no list date in the
format: the version is a content hash, and ``published`` the latest ``last_change``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.documents import document_kind, read_document_text
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
from waystation.ingest.lists.scripts import is_latin
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
    Provenance,
    Sex,
    Watchlist,
)

__all__ = ["DEFAULT_NAME", "FORMAT", "read_ftm", "sniff"]

FORMAT = "ftm_json"
DEFAULT_NAME = "ftm"
_KINDS = {
    "Person": EntryKind.PERSON,
    "Organization": EntryKind.ORGANIZATION,
    "Company": EntryKind.ORGANIZATION,
    "LegalEntity": EntryKind.ORGANIZATION,
    "PublicBody": EntryKind.ORGANIZATION,
    "Vessel": EntryKind.VESSEL,
    "Airplane": EntryKind.AIRCRAFT,
}
_DOCUMENT_SCHEMATA = {"Passport": "passport", "Identification": "national_id"}
_DOCUMENT_PROPERTIES = (
    ("passportNumber", "passport", None),
    ("idNumber", "national_id", None),
    ("taxNumber", "other", "tax number"),
    ("innCode", "other", "INN (Russian tax number)"),
)


def sniff(data: bytes) -> float:
    """Confident when the first line is a JSON object with ``schema`` and ``properties``."""
    first = data[:65536].lstrip().split(b"\n", 1)[0]
    if not first.startswith(b"{") or b'"schema"' not in first or b'"properties"' not in first:
        return 0.0
    return 0.9


def _values(entity: dict[str, Any], prop: str) -> list[str]:
    raw = entity.get("properties", {}).get(prop, [])
    values = raw if isinstance(raw, list) else [raw]
    return [" ".join(str(v).split()) for v in values if v is not None and str(v).strip()]


@dataclass
class _Joined:
    """What other entities say about a subject: its documents and its sanctions."""

    documents: list[IdentityDocument] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    listed: list[date] = field(default_factory=list)


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _join(entities: list[tuple[int, dict[str, Any]]], log: IssueLog) -> dict[str, _Joined]:
    joined: dict[str, _Joined] = defaultdict(_Joined)
    for line, entity in entities:
        schema = entity.get("schema")
        if schema in _DOCUMENT_SCHEMATA:
            numbers = _values(entity, "number")
            for holder in _values(entity, "holder"):
                if not numbers:
                    log.warn(
                        "document_without_number", f"{schema} {entity.get('id')} has no number", line=line
                    )
                for number in numbers:
                    country = next(iter(_values(entity, "country")), None)
                    note = "; ".join(_values(entity, "type")) or None
                    doc = IdentityDocument(
                        _DOCUMENT_SCHEMATA[schema], number, _country(country, log, line), note
                    )
                    joined[holder].documents.append(doc)
        elif schema == "Sanction":
            for subject in _values(entity, "entity"):
                joined[subject].programmes.extend(_values(entity, "programId"))
                days = [_iso_day(v) for v in _values(entity, "listingDate") + _values(entity, "startDate")]
                joined[subject].listed.extend(d for d in days if d)
    return joined


def _country(text: str | None, log: IssueLog, line: int) -> str | None:
    return log.country(text, line=line) if text else None


def _primary(entity: dict[str, Any], names: list[str], person: bool) -> Name:
    caption = " ".join(str(entity.get("caption") or "").split())
    text = caption if caption and is_latin(caption) else next((n for n in names if is_latin(n)), caption)
    if not person:
        return Name.from_full(text)
    folded = text.casefold()
    given = next((v for v in _values(entity, "firstName") if v.casefold() in folded), None)
    middle = next(
        (v for v in _values(entity, "fatherName") + _values(entity, "middleName") if v.casefold() in folded),
        None,
    )
    family = next((v for v in _values(entity, "lastName") if v.casefold() in folded), None)
    if given and family and given.casefold() != family.casefold():
        parts = [NamePart(given, NamePartKind.GIVEN)]
        if middle and middle.casefold() not in given.casefold():
            parts.append(NamePart(middle, NamePartKind.PATRONYMIC))
        parts.append(NamePart(family, NamePartKind.FAMILY))
        return Name(tuple(parts))
    return _split(text, NameRole.PRIMARY, NameQuality.STRONG, person)


def _split(text: str, role: NameRole, quality: NameQuality, person: bool) -> Name:
    family, comma, given = text.partition(",")
    if person and comma and given.strip():
        return Name.from_parts(family.strip(), given.strip(), role=role, quality=quality)
    return Name.from_full(text, role=role, quality=quality)


def _names(entity: dict[str, Any], person: bool) -> tuple[Name, ...]:
    book = NameBook()
    names = _values(entity, "name")
    book.add(_primary(entity, names, person))
    for prop, role, quality in (
        ("name", NameRole.ALIAS, NameQuality.STRONG),
        ("alias", NameRole.ALIAS, NameQuality.STRONG),
        ("previousName", NameRole.FORMER, NameQuality.STRONG),
        ("weakAlias", NameRole.ALIAS, NameQuality.WEAK),
    ):
        for value in _values(entity, prop):
            book.add(_split(value, role, quality, person))
    return book.names()


def _entry(line: int, entity: dict[str, Any], joined: _Joined, log: IssueLog) -> ListEntry | None:
    kind = _KINDS[entity["schema"]]
    person = kind is EntryKind.PERSON
    names = _names(entity, person)
    if not names:
        log.error("missing_name", f"{entity['schema']} {entity.get('id')} has no name; skipped", line=line)
        return None
    dates: list[BirthDate] = []
    for value in _values(entity, "birthDate"):
        parsed = PartialDate.parse(value[:10])
        if parsed is None:
            log.warn("bad_date", f"unreadable birthDate {value!r}", line=line)
            dates.append(BirthDate(PartialDate(), note=value))
        else:
            dates.append(BirthDate(parsed))
    country_props = ("nationality", "citizenship") if person else ("country", "jurisdiction", "nationality")
    nationalities = [c for p in country_props for v in _values(entity, p) if (c := _country(v, log, line))]
    documents: dict[str, IdentityDocument] = {}
    for prop, doc_kind, note in _DOCUMENT_PROPERTIES:
        for value in _values(entity, prop):
            # "TIN: 183111242572", "Taxpayer No. 184101937739": the label says what it is.
            found = read_document_text(value)
            if not found.number:
                continue
            label = found.rest.strip(" :.") or None
            labelled = document_kind(label) if label and doc_kind != "other" else doc_kind
            key = "".join(ch for ch in found.number.upper() if ch.isalnum())
            documents.setdefault(key, IdentityDocument(labelled, found.number, None, label or note))
    for doc in joined.documents:
        documents.setdefault("".join(ch for ch in doc.number.upper() if ch.isalnum()), doc)
    gender = {"male": Sex.MALE, "female": Sex.FEMALE}.get((_values(entity, "gender") or [""])[0].casefold())
    remarks = _values(entity, "notes") + _values(entity, "position")
    if person and _values(entity, "country"):
        remarks.append("Countries: " + ", ".join(_values(entity, "country")))
    return ListEntry(
        entry_id=str(entity["id"]),
        kind=kind,
        names=names,
        birth_dates=tuple(dict.fromkeys(dates)),
        birth_places=tuple(dict.fromkeys(_values(entity, "birthPlace"))),
        nationalities=tuple(dict.fromkeys(nationalities)),
        documents=tuple(documents.values()),
        gender=gender,
        programmes=tuple(dict.fromkeys(_values(entity, "programId") + joined.programmes)),
        listed_on=min(joined.listed) if joined.listed else None,
        remarks="\n".join(remarks) or None,
        addresses=tuple(dict.fromkeys(_values(entity, "address"))),
        provenance=Provenance.at(log.source, tag=str(entity["schema"]), line=line),
    )


def _parse_lines(data: bytes, source: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WatchlistError("not UTF-8 text", Locator(source, line=line)) from None
    entities: list[tuple[int, dict[str, Any]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise WatchlistError(f"not a JSON object: {exc.msg}", Locator(source, line=number)) from None
        if not isinstance(value, dict) or "schema" not in value or "id" not in value:
            raise WatchlistError(
                "not a FollowTheMoney entity (no id or schema)", Locator(source, line=number)
            )
        entities.append((number, value))
    return entities


def read_ftm(data: bytes, source: str) -> Watchlist:
    """Read FtM JSON lines; :class:`WatchlistError` (naming ``source`` and the line) when unreadable."""
    if not data.strip():
        raise WatchlistError("the file is empty", Locator(source))
    entities = _parse_lines(data, source)
    log = IssueLog(source)
    joined = _join(entities, log)
    entries = [
        entry
        for line, entity in entities
        if entity["schema"] in _KINDS
        and entity.get("target", True) is not False
        and (entry := _entry(line, entity, joined.get(str(entity["id"]), _Joined()), log))
    ]
    if not entries:
        raise WatchlistError("the file holds no target Person or Organization", Locator(source))
    stamps = [str(e.get("last_change")) for _, e in entities if e.get("last_change")]
    published = None
    if stamps:
        try:
            published = datetime.fromisoformat(max(stamps))
        except ValueError:
            log.warn("bad_date", f"unreadable last_change {max(stamps)!r}")
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=f"sha256:{hashlib.sha256(data).hexdigest()[:16]}",
        entries=tuple(entries),
        published=published,
        source=source,
        issues=log.frozen(),
    )
