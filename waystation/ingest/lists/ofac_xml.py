"""OFAC's XML list format (``sdn.xml``; the non-SDN consolidated list uses the same schema).

``sdnList`` holds ``publshInformation`` (sic) with ``Publish_Date`` (MM/DD/YYYY) and
``sdnEntry`` elements: uid, firstName, lastName, sdnType (Individual, Entity, Vessel, Aircraft),
programList, akaList (type a.k.a. / f.k.a. / n.k.a., category strong / weak), idList,
nationalityList, citizenshipList, dateOfBirthList, placeOfBirthList, addressList, remarks. The
namespace changes between OFAC releases, so elements are matched by local name.

People are ``firstName`` GIVEN and ``lastName`` FAMILY; organisations and vessels have only a
lastName, kept whole. An idList item whose type names a document (Passport, National ID No.,
Cedula No. … as in the CSV remarks) is a document; ``Gender`` gives the gender; every other item
(registration numbers, websites, sanctions notes) goes to the remarks as "type: value".
Citizenships count as nationalities. The version is the publish date as ``YYYY-MM-DD``.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
from waystation.ingest.lists.ofac_remarks import document_label_kind
from waystation.ingest.lists.safe_xml import line_of, parse_xml
from waystation.ingest.lists.text_dates import parse_text_date
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NameQuality,
    NameRole,
    PartialDate,
    Provenance,
    Sex,
    Watchlist,
)
from waystation.numbers import is_number

__all__ = ["DEFAULT_NAME", "FORMAT", "read_ofac_xml", "sniff"]

FORMAT = "ofac_xml"
DEFAULT_NAME = "ofac-xml"
_KINDS = {
    "individual": EntryKind.PERSON,
    "entity": EntryKind.ORGANIZATION,
    "vessel": EntryKind.VESSEL,
    "aircraft": EntryKind.AIRCRAFT,
}
_ROLES = {"a.k.a.": NameRole.ALIAS, "n.k.a.": NameRole.ALIAS, "f.k.a.": NameRole.FORMER}


def sniff(data: bytes) -> float:
    """Confident when the first kilobytes open an ``sdnList`` element."""
    return 0.95 if b"<sdnList" in data[:4096] else 0.0


def _text(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    value = element.findtext(f"{{*}}{tag}")
    return " ".join(value.split()) or None if value else None


def _all(element: etree._Element, path: str) -> list[etree._Element]:
    return list(element.iterfind("/".join(f"{{*}}{part}" for part in path.split("/"))))


def _name(element: etree._Element, role: NameRole, quality: NameQuality, person: bool) -> Name:
    first, last = _text(element, "firstName"), _text(element, "lastName")
    if person and not first and last and "," in last:  # weak aliases come as "ZAHAR, Mahmoud"
        last, _, first = (part.strip() for part in last.partition(","))
    if person and first:
        return Name.from_parts(last, first, role=role, quality=quality)
    return Name.from_full(" ".join(p for p in (first, last) if p), role=role, quality=quality)


def _address(element: etree._Element) -> str | None:
    tags = ("address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country")
    return ", ".join(v for v in (_text(element, t) for t in tags) if v) or None


class _EntryReader:
    def __init__(self, element: etree._Element, log: IssueLog) -> None:
        self.element = element
        self.log = log
        self.line = line_of(element)
        self.remarks: list[str] = []
        self.gender: Sex | None = None

    def names(self, person: bool) -> tuple[Name, ...]:
        book = NameBook()
        book.add(_name(self.element, NameRole.PRIMARY, NameQuality.STRONG, person))
        for aka in _all(self.element, "akaList/aka"):
            role = _ROLES.get((_text(aka, "type") or "a.k.a.").casefold(), NameRole.ALIAS)
            weak = (_text(aka, "category") or "").casefold() == "weak"
            book.add(_name(aka, role, NameQuality.WEAK if weak else NameQuality.STRONG, person))
        return book.names()

    def documents(self) -> tuple[IdentityDocument, ...]:
        found: list[IdentityDocument] = []
        for item in _all(self.element, "idList/id"):
            label, number, country_text = (
                _text(item, "idType"),
                _text(item, "idNumber"),
                _text(item, "idCountry"),
            )
            if not label or not number:
                continue
            if label.casefold() == "gender":
                self.gender = {"male": Sex.MALE, "female": Sex.FEMALE}.get(number.casefold())
                continue
            kind = document_label_kind(label)
            if kind is None:
                self.remarks.append(
                    f"{label.rstrip(':')}: {number}" + (f" ({country_text})" if country_text else "")
                )
                continue
            country = (
                self.log.country(country_text, line=self.line, tag="idCountry") if country_text else None
            )
            named = None if label.casefold() in ("passport", "national id no.") else label
            document = IdentityDocument(kind, number, country, named)
            if document not in found:
                found.append(document)
        return tuple(found)

    def birth_dates(self) -> tuple[BirthDate, ...]:
        dates: list[BirthDate] = []
        for item in _all(self.element, "dateOfBirthList/dateOfBirthItem"):
            text = _text(item, "dateOfBirth")
            if not text:
                continue
            parsed = parse_text_date(text)
            if parsed is None:
                self.log.warn("bad_date", f"unreadable dateOfBirth {text!r}", line=line_of(item))
                parsed = BirthDate(PartialDate(), note=text)
            dates.append(parsed)
        return tuple(dict.fromkeys(dates))

    def nationalities(self) -> tuple[str, ...]:
        codes: list[str] = []
        for path in ("nationalityList/nationality", "citizenshipList/citizenship"):
            for item in _all(self.element, path):
                code = self.log.country(_text(item, "country"), line=line_of(item), tag="country")
                if code and code not in codes:
                    codes.append(code)
        return tuple(codes)

    def read(self) -> ListEntry | None:
        uid = _text(self.element, "uid")
        if not uid:
            self.log.error("missing_reference", "sdnEntry without uid; skipped", line=self.line)
            return None
        kind = _KINDS.get((_text(self.element, "sdnType") or "").casefold(), EntryKind.OTHER)
        names = self.names(kind is EntryKind.PERSON)
        if not names:
            self.log.error("missing_name", f"sdnEntry {uid} has no name; skipped", line=self.line)
            return None
        documents = self.documents()
        places = [
            p
            for p in (
                _text(i, "placeOfBirth") for i in _all(self.element, "placeOfBirthList/placeOfBirthItem")
            )
            if p
        ]
        addresses = [a for a in (_address(i) for i in _all(self.element, "addressList/address")) if a]
        title = _text(self.element, "title")
        texts = [f"Title: {title}" if title else None, _text(self.element, "remarks"), *self.remarks]
        return ListEntry(
            entry_id=uid,
            kind=kind,
            names=names,
            birth_dates=self.birth_dates(),
            birth_places=tuple(dict.fromkeys(places)),
            nationalities=self.nationalities(),
            documents=documents,
            gender=self.gender,
            programmes=tuple(
                p
                for p in (" ".join((e.text or "").split()) for e in _all(self.element, "programList/program"))
                if p
            ),
            remarks="\n".join(t for t in texts if t) or None,
            addresses=tuple(dict.fromkeys(addresses)),
            provenance=Provenance.at(self.log.source, tag="sdnEntry", line=self.line),
        )


def read_ofac_xml(data: bytes, source: str) -> Watchlist:
    """Read an OFAC ``sdnList`` XML file; :class:`WatchlistError` (naming ``source``) when unreadable."""
    root = parse_xml(data, source)
    if etree.QName(root).localname != "sdnList":
        raise WatchlistError(
            f"not an OFAC XML list: the root element is <{etree.QName(root).localname}>, not <sdnList>",
            Locator(source, line=line_of(root)),
        )
    log = IssueLog(source)
    entries = [e for element in _all(root, "sdnEntry") if (e := _EntryReader(element, log).read())]
    if not entries:
        raise WatchlistError("the OFAC list holds no sdnEntry", Locator(source))
    stamp = _text(root.find("{*}publshInformation"), "Publish_Date")
    published = None
    if stamp:
        try:
            published = datetime.strptime(stamp, "%m/%d/%Y")
        except ValueError:
            log.warn("bad_date", f"unreadable Publish_Date {stamp!r}")
    declared = _text(root.find("{*}publshInformation"), "Record_Count")
    if is_number(declared) and int(declared) != len(entries):
        log.warn(
            "count_mismatch", f"Record_Count says {declared}, the file holds {len(entries)} readable entries"
        )
    if published is None:
        log.warn("missing_version", "no readable Publish_Date; version unknown")
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=published.date().isoformat() if published else "unknown",
        entries=tuple(entries),
        published=published,
        source=source,
        issues=log.frozen(),
    )
