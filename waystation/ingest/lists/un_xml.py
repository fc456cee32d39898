"""The UN Security Council Consolidated List (XML), individuals and entities.

The list that matters most here: the ISIL (Da'esh) & Al-Qaida entries (``QDi.*``/``QDe.*``) sit
beside the other UN regimes. How the XML becomes model values:

* names: FIRST_NAME is GIVEN, the last of SECOND..FOURTH_NAME is FAMILY, any between are MIDDLE;
  a name with only FIRST_NAME has one part of UNKNOWN kind (Afghan names often have no family
  name). The DPRK regime writes the family name first (``KIM`` / ``CHOL SAM``), so for
  UN_LIST_TYPE ``DPRK`` FIRST_NAME is FAMILY and SECOND_NAME GIVEN. TITLE ("Maulavi", "Haji") is
  not a name part: it goes to the remarks. Entities have their whole name in FIRST_NAME.
* aliases: QUALITY Good is STRONG, Low is WEAK (entities' "a.k.a." STRONG, "f.k.a." FORMER); the
  NOTE stays on the name; strings holding several names are split (see ``alias_text``);
  NAME_ORIGINAL_SCRIPT is an ORIGINAL_SCRIPT name; an alias's own birth date and place are added
  to the entry's (noted "given with alias …").
* entry_id is REFERENCE_NUMBER, source_id DATAID, programme UN_LIST_TYPE, gender from GENDER or
  "Gender: Male." in COMMENTS1; remarks hold titles, designations and COMMENTS1.
* the version is the file's ``dateGenerated``. Elements the reader does not know
  (HAS_INTERPOL_LINK appeared in 2026) are ignored.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml import etree

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.alias_text import split_note_names
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
from waystation.ingest.lists.safe_xml import line_of, parse_xml
from waystation.ingest.lists.scripts import detect_script
from waystation.ingest.lists.text_dates import parse_text_date
from waystation.ingest.lists.un_fields import address, birth_date, document, fields, place, text
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
    Provenance,
    Sex,
    Watchlist,
)

__all__ = ["DEFAULT_NAME", "FORMAT", "read_un_xml", "sniff"]

FORMAT = "un_xml"
DEFAULT_NAME = "un-consolidated"
_QUALITY = {"good": NameQuality.STRONG, "low": NameQuality.WEAK}
_GENDER = {"male": Sex.MALE, "female": Sex.FEMALE}
_GENDER_IN_COMMENT = re.compile(r"gender\s*[:\[]\s*(male|female)\b", re.I)
_FAMILY_FIRST = frozenset({"DPRK"})


def sniff(data: bytes) -> float:
    """Confident when the first kilobytes open a ``CONSOLIDATED_LIST`` element."""
    return 0.95 if b"<CONSOLIDATED_LIST" in data[:4096] else 0.0


def _values(element: etree._Element, tag: str) -> list[str]:
    """The non-empty VALUE texts of a child such as NATIONALITY or TITLE."""
    return [v for v in (text(value) for value in element.iterfind(f"{tag}/VALUE")) if v]


def _primary(given: dict[str, str], programme: str | None) -> Name:
    present = [
        given[tag] for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME") if tag in given
    ]
    if len(present) == 1:
        return Name((NamePart(present[0], NamePartKind.UNKNOWN),))
    if programme in _FAMILY_FIRST:
        family, givens = present[0], present[1:]
    else:
        family, givens = present[-1], present[:-1]
    parts = [NamePart(g, NamePartKind.GIVEN if i == 0 else NamePartKind.MIDDLE) for i, g in enumerate(givens)]
    if programme in _FAMILY_FIRST:
        return Name((NamePart(family, NamePartKind.FAMILY), *parts))
    return Name((*parts, NamePart(family, NamePartKind.FAMILY)))


def _alias_role_quality(quality_text: str | None) -> tuple[NameRole, NameQuality]:
    key = (quality_text or "").strip().casefold()
    if key in ("f.k.a.", "fka"):
        return NameRole.FORMER, NameQuality.STRONG
    return NameRole.ALIAS, _QUALITY.get(key, NameQuality.STRONG)


class _EntryReader:
    """Reads one INDIVIDUAL or ENTITY element."""

    def __init__(self, element: etree._Element, log: IssueLog, organisation: bool) -> None:
        self.element = element
        self.log = log
        self.organisation = organisation
        self.prefix = "ENTITY" if organisation else "INDIVIDUAL"
        self.fields = fields(element)
        self.alias_dates: list[BirthDate] = []
        self.birth_places: list[str] = []
        self.remarks: list[str] = []

    def names(self, programme: str | None) -> tuple[Name, ...]:
        book = NameBook()
        if self.organisation:
            book.add_text(self.fields.get("FIRST_NAME"), role=NameRole.PRIMARY, organisation=True)
        else:
            book.add(_primary(self.fields, programme))
        for script_name in self.element.iterfind("NAME_ORIGINAL_SCRIPT"):
            book.add_text(text(script_name), role=NameRole.ORIGINAL_SCRIPT, organisation=self.organisation)
        for alias in self.element.iterfind(f"{self.prefix}_ALIAS"):
            self._alias(alias, book)
        return book.names()

    def _alias(self, alias: etree._Element, book: NameBook) -> None:
        given = fields(alias)
        alias_name = given.get("ALIAS_NAME")
        if not alias_name:
            return
        role, quality = _alias_role_quality(given.get("QUALITY"))
        note = given.get("NOTE")
        book.add_text(alias_name, role=role, quality=quality, note=note, organisation=self.organisation)
        if note:
            for extra in split_note_names(note, detect_script(alias_name)):
                book.add(Name.from_full(extra.text, role=role, quality=quality, script=extra.script))
        # An alias may carry its own birth data: it is the subject's, under that name.
        day = given.get("DATE_OF_BIRTH")
        if day:
            parsed = parse_text_date(day)
            if parsed is not None:
                note_text = f"given with alias {alias_name}"
                self.alias_dates.append(
                    BirthDate(parsed.earliest, parsed.latest, parsed.approximate, note_text)
                )
            else:
                self.log.warn("bad_date", f"unreadable alias DATE_OF_BIRTH {day!r}", line=line_of(alias))
        where = ", ".join(p for p in (given.get("CITY_OF_BIRTH"), given.get("COUNTRY_OF_BIRTH")) if p)
        if where:
            self.birth_places.append(where)

    def nationalities(self) -> tuple[str, ...]:
        codes: list[str] = []
        for value in _values(self.element, "NATIONALITY"):
            code = self.log.country(value, line=line_of(self.element), tag="NATIONALITY")
            if code and code not in codes:
                codes.append(code)
        return tuple(codes)

    def documents(self) -> tuple[IdentityDocument, ...]:
        found: list[IdentityDocument] = []
        for element in self.element.iterfind("INDIVIDUAL_DOCUMENT"):
            value = document(element, self.log)
            if isinstance(value, IdentityDocument):
                if value not in found:
                    found.append(value)
            elif value:
                self.remarks.append(value)
        return tuple(found)

    def gender(self, comments: str | None) -> Sex | None:
        stated = self.fields.get("GENDER")
        if stated:
            value = _GENDER.get(stated.casefold())
            if value is None:
                self.log.warn("bad_gender", f"unknown GENDER {stated!r}", line=line_of(self.element))
            return value
        match = _GENDER_IN_COMMENT.search(comments or "")
        return _GENDER[match.group(1).casefold()] if match else None

    def listed_on(self) -> date | None:
        value = self.fields.get("LISTED_ON")
        if not value:
            return None
        try:  # xs:date may carry a zone ("2015-07-01-04:00"); the day is what counts
            return date.fromisoformat(value[:10])
        except ValueError:
            self.log.warn("bad_date", f"unreadable LISTED_ON {value!r}", line=line_of(self.element))
            return None

    def read(self) -> ListEntry | None:
        element = self.element
        reference = self.fields.get("REFERENCE_NUMBER")
        if not reference:
            self.log.error(
                "missing_reference",
                f"{self.prefix} without REFERENCE_NUMBER; skipped",
                line=line_of(element),
            )
            return None
        programme = self.fields.get("UN_LIST_TYPE")
        names = self.names(programme)
        if not names:
            self.log.error("missing_name", f"{reference} has no name; skipped", line=line_of(element))
            return None
        dates = [birth_date(e, self.log) for e in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH")]
        places = [p for p in (place(e) for e in element.iterfind("INDIVIDUAL_PLACE_OF_BIRTH")) if p]
        comments = self.fields.get("COMMENTS1")
        titles = _values(element, "TITLE")
        designations = _values(element, "DESIGNATION")
        documents = self.documents() if not self.organisation else ()
        remarks = [
            *([f"Title: {'; '.join(titles)}"] if titles else []),
            *([f"Designation: {'; '.join(designations)}"] if designations else []),
            *([comments] if comments else []),
            *self.remarks,
        ]
        addresses = [a for a in (address(e) for e in element.iterfind(f"{self.prefix}_ADDRESS")) if a]
        return ListEntry(
            entry_id=reference,
            kind=EntryKind.ORGANIZATION if self.organisation else EntryKind.PERSON,
            names=names,
            birth_dates=tuple(dict.fromkeys([d for d in dates if d is not None] + self.alias_dates)),
            birth_places=tuple(dict.fromkeys(places + self.birth_places)),
            nationalities=self.nationalities(),
            documents=documents,
            gender=None if self.organisation else self.gender(comments),
            programmes=(programme,) if programme else (),
            listed_on=self.listed_on(),
            remarks="\n".join(remarks) or None,
            addresses=tuple(dict.fromkeys(addresses)),
            source_id=self.fields.get("DATAID"),
            provenance=Provenance.at(self.log.source, tag=self.prefix, line=line_of(element)),
        )


def _published(stamp: str | None, log: IssueLog) -> datetime | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        log.warn("bad_date", f"unreadable dateGenerated {stamp!r}", line=1)
        return None


def read_un_xml(data: bytes, source: str) -> Watchlist:
    """Read a UN consolidated list; :class:`WatchlistError` (naming ``source``) when unreadable."""
    root = parse_xml(data, source)
    if root.tag != "CONSOLIDATED_LIST":
        raise WatchlistError(
            f"not a UN consolidated list: the root element is <{root.tag}>, not <CONSOLIDATED_LIST>",
            Locator(source, line=line_of(root)),
        )
    log = IssueLog(source)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for tag, organisation in (("INDIVIDUALS/INDIVIDUAL", False), ("ENTITIES/ENTITY", True)):
        for element in root.iterfind(tag):
            entry = _EntryReader(element, log, organisation).read()
            if entry is None:
                continue
            if entry.entry_id in seen:
                log.warn(
                    "duplicate_reference",
                    f"{entry.entry_id} appears twice; both kept",
                    line=line_of(element),
                )
            seen.add(entry.entry_id)
            entries.append(entry)
    if not entries:
        raise WatchlistError("the UN list holds no INDIVIDUAL or ENTITY", Locator(source))
    stamp = root.get("dateGenerated")
    if not stamp:
        log.warn("missing_version", "no dateGenerated on CONSOLIDATED_LIST; version unknown", line=1)
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=stamp or "unknown",
        entries=tuple(entries),
        published=_published(stamp, log),
        source=source,
        issues=log.frozen(),
    )
