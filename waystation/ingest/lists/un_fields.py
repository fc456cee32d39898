"""The parts of a UN list entry other than names: birth dates, places, addresses, documents.

Each function takes one element of the UN consolidated XML and returns a model value (or
``None`` when the element is empty), recording anything it cannot read in the :class:`IssueLog`.
"""

from __future__ import annotations

import re

from lxml import etree

from waystation.ingest.lists.documents import document_kind, find_country, read_document_text
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.safe_xml import line_of
from waystation.ingest.lists.text_dates import MONTHS, parse_text_date
from waystation.model import BirthDate, IdentityDocument, PartialDate
from waystation.numbers import is_number

__all__ = ["address", "birth_date", "document", "fields", "place", "text"]


def text(element: etree._Element | None, tag: str | None = None) -> str | None:
    """The whitespace-collapsed text of ``element`` (or of its child ``tag``); ``None`` if empty."""
    if element is None:
        return None
    value = element.findtext(tag) if tag else element.text
    if value is None:
        return None
    return " ".join(value.split()) or None


def fields(element: etree._Element) -> dict[str, str]:
    """The collapsed text of each child, by tag (the first non-empty one when a tag repeats).

    One pass over the children instead of one path search per field: reading the whole UN
    list asks for about 47,000 fields, most of them absent.
    """
    found: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in found and child.text:
            value = " ".join(child.text.split())
            if value:
                found[tag] = value
    return found


def _year(value: str | None) -> int | None:
    return int(value) if is_number(value) and len(value) == 4 else None


def birth_date(element: etree._Element, log: IssueLog) -> BirthDate | None:
    """One INDIVIDUAL_DATE_OF_BIRTH: EXACT (DATE or YEAR), APPROXIMATELY, BETWEEN, or a NOTE.

    A NOTE that refines the date ("Sep." beside YEAR 1958, "Nov. 1973", "Between Aug. and Sep.
    1977") is read; one that cannot be read ("24/06/1402 (Hijri Calendar)") is kept as the note
    of a date whose year is unknown, so the analyst still sees it.
    """
    given = fields(element)
    kind = given.get("TYPE_OF_DATE", "").upper()
    note = given.get("NOTE")
    day, year = given.get("DATE"), _year(given.get("YEAR"))
    first, last = _year(given.get("FROM_YEAR")), _year(given.get("TO_YEAR"))
    line = line_of(element)
    approximate = kind == "APPROXIMATELY" or (note or "").casefold() == "approximately"
    if day:
        value = PartialDate.parse(day)
        if value is None:
            log.warn("bad_date", f"unreadable DATE {day!r}", line=line, tag="INDIVIDUAL_DATE_OF_BIRTH")
            return BirthDate(PartialDate(), note=f"{day}; {note}" if note else day)
        return BirthDate(value, approximate=approximate, note=note)
    if first or last:
        start, end = PartialDate(first or last), PartialDate(last or first)
        return BirthDate(start, end, approximate=approximate, note=note)
    if year:
        month = MONTHS.get((note or "").strip(" .").lower()[:3]) if note and len(note) <= 10 else None
        return BirthDate(PartialDate(year, month), approximate=approximate, note=note)
    if note:
        parsed = parse_text_date(note)
        if parsed is not None:
            return BirthDate(parsed.earliest, parsed.latest, approximate or parsed.approximate, note)
        return BirthDate(PartialDate(), approximate=approximate, note=note)
    if kind:
        log.warn(
            "empty_date", f"TYPE_OF_DATE {kind} without a date", line=line, tag="INDIVIDUAL_DATE_OF_BIRTH"
        )
    return None


def _join(*parts: str | None) -> str | None:
    seen: list[str] = []
    for part in parts:
        if part and part.casefold() not in (s.casefold() for s in seen):
            seen.append(part)
    return ", ".join(seen) or None


def place(element: etree._Element) -> str | None:
    """One INDIVIDUAL_PLACE_OF_BIRTH as "street, city, province, country (note)"."""
    given = fields(element)
    where = _join(*(given.get(t) for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")))
    note = given.get("NOTE")
    if where and note:
        return f"{where} ({note})"
    return where or note


def address(element: etree._Element) -> str | None:
    """One INDIVIDUAL_ADDRESS / ENTITY_ADDRESS as one line, its note in parentheses."""
    tags = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
    given = fields(element)
    where = _join(*(given.get(t) for t in tags))
    note = given.get("NOTE")
    if where and note:
        return f"{where} ({note})"
    return where or note


_SAME_AS_TYPE = re.compile(r"^(?:passport|national identification number|number:?)$", re.I)


def document(element: etree._Element, log: IssueLog) -> IdentityDocument | str | None:
    """One INDIVIDUAL_DOCUMENT as an :class:`IdentityDocument`.

    The number comes from NUMBER when it is a bare number; otherwise it is pulled out of the free
    text of NUMBER, TYPE_OF_DOCUMENT2 or NOTE. The issuing country is ISSUING_COUNTRY, then
    COUNTRY_OF_ISSUE, then a country the text names ("Qatari", "Libya"). The note keeps the
    subtype, the free text, the NOTE and the issue and expiry dates. A document description with
    no number at all is returned as text (for the entry's remarks); an empty element as ``None``.
    """
    given = fields(element)
    if not given:
        return None
    line = line_of(element)
    type_text, subtype = given.get("TYPE_OF_DOCUMENT"), given.get("TYPE_OF_DOCUMENT2")
    raw_number, note = given.get("NUMBER"), given.get("NOTE")
    number: str | None = None
    text_country: str | None = None
    described_by: str | None = None
    notes: list[str] = []
    if subtype and not _SAME_AS_TYPE.match(subtype) and subtype.casefold() != (type_text or "").casefold():
        notes.append(subtype)
    for candidate in (raw_number, subtype, note):
        if not candidate:
            continue
        found = read_document_text(candidate)
        if found.number:
            number, text_country = found.number, found.country
            described_by = candidate if found.rest else None
            if candidate == raw_number and found.rest:
                notes.append(raw_number)
            break
    if note:
        notes.append(note)
    for tag, label in (
        ("DATE_OF_ISSUE", "issued"),
        ("DATE_OF_EXPIRY", "expires"),
        ("CITY_OF_ISSUE", "issued in"),
    ):
        if given.get(tag):
            notes.append(f"{label} {given[tag]}")
    issuer = given.get("ISSUING_COUNTRY") or given.get("COUNTRY_OF_ISSUE")
    country = log.country(issuer, line=line, tag="INDIVIDUAL_DOCUMENT") if issuer else None
    if country is None:
        country = text_country or find_country(" ".join(n for n in (raw_number, subtype, note) if n))
    # The subtype and the text the number was found in say more than the two-valued TYPE_OF_DOCUMENT
    # ("Birth certificate" filed as a National Identification Number); the NOTE is not used for the
    # kind unless the number came from it, because it talks about issue places and names.
    kind = document_kind(subtype, described_by, type_text)
    if number is None:
        described = "; ".join(v for v in (type_text, *notes) if v)
        log.warn("document_without_number", f"document without a number: {described}", line=line)
        return f"{type_text or 'document'} without number: {'; '.join(notes)}" if notes else None
    return IdentityDocument(kind, number, country, "; ".join(dict.fromkeys(notes)) or None)
