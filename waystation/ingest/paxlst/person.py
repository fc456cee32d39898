"""One person of a PAXLST (the NAD group): name, sex, birth, nationality, places, references, documents.

NAD starts a person and DOC starts a document; nothing else is trusted to come in order, so
every other segment is routed by its qualifier (DTM+329 is the person's birth, DTM+36/182 and
LOC+91 belong to the open document, LOC+174/178/179/180 to the person). Each value keeps the
segment it was read from in ``Traveller.fields``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from waystation.ingest.edifact.dates import DateKind, dtm_value, partial_yymmdd
from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.paxlst.legs import airport_code
from waystation.model import (
    Address,
    Contact,
    ContactKind,
    Name,
    PartialDate,
    Provenance,
    Sex,
    TravelDocument,
    Traveller,
    TravellerRole,
)

__all__ = ["ROLES", "SEXES", "PersonDraft", "contact_of", "party_name"]

ROLES = {
    "FL": TravellerRole.PASSENGER,
    "FM": TravellerRole.CREW,
    "DDU": TravellerRole.TRANSIT_PASSENGER,
    "DDT": TravellerRole.TRANSIT_CREW,
}
SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "U": Sex.UNKNOWN, "X": Sex.UNSPECIFIED}
_CONTACT_KINDS = {"TE": ContactKind.PHONE, "EM": ContactKind.EMAIL, "FX": ContactKind.FAX}
_UNKNOWN_GIVEN = frozenset({"FNU", "UNK", "UNKNOWN"})
_IMPLAUSIBLE_EXPIRY_YEARS = 30


def party_name(segment: Segment, index: int = 4) -> tuple[str | None, list[str]]:
    """Surname and given names from a C080 party name (components 1-5; the 6th is a format code)."""
    comps = [c.strip() for c in segment.element(index)[:5]]
    surname = comps[0] if comps and comps[0] else None
    given = [c for c in comps[1:] if c and c.upper() not in _UNKNOWN_GIVEN]
    return surname, given


def contact_of(number: str, qualifier: str | None, prov: Provenance) -> Contact:
    """A COM entry; an e-mail written with ``.AT.`` gets its ``@`` back (provenance keeps the raw text)."""
    kind = _CONTACT_KINDS.get((qualifier or "").upper(), ContactKind.OTHER)
    value = " ".join(number.split())
    if kind is ContactKind.EMAIL:
        value = value.replace(".AT.", "@").replace(" ", "")
    return Contact(kind, value, prov)


@dataclass(slots=True)
class _DocDraft:
    segment: Segment
    doc_type: str | None
    number: str | None
    issuer: str | None = None
    expiry: PartialDate | None = None
    issued: PartialDate | None = None
    fields: dict[str, Segment] = field(default_factory=dict)


@dataclass(slots=True)
class PersonDraft:
    """A person being read; :meth:`finish` turns it into a :class:`Traveller`."""

    ctx: MessageContext
    nad: Segment
    index: int
    role: TravellerRole = TravellerRole.PASSENGER
    surname: str | None = None
    given: list[str] = field(default_factory=list)
    sex: Sex | None = None
    birth_date: PartialDate | None = None
    nationalities: list[str] = field(default_factory=list)
    residence: str | None = None
    birth_place: str | None = None
    address: Address | None = None
    contacts: list[Contact] = field(default_factory=list)
    embarkation: str | None = None
    debarkation: str | None = None
    verified: bool | None = None
    references: dict[str, str] = field(default_factory=dict)
    documents: list[_DocDraft] = field(default_factory=list)
    fields: dict[str, Provenance] = field(default_factory=dict)
    open_doc: _DocDraft | None = None

    @classmethod
    def start(cls, ctx: MessageContext, nad: Segment, index: int) -> PersonDraft:
        qualifier = (nad.get(1) or "").upper()
        draft = cls(ctx, nad, index, ROLES.get(qualifier, TravellerRole.OTHER))
        draft.surname, draft.given = party_name(nad)
        draft.note("name", nad)
        party_id = nad.get(2)
        if party_id:
            draft.references["PARTY"] = party_id
            draft.note("references.PARTY", nad)
        street = " ".join(c.strip() for c in nad.element(5) if c.strip()) or None
        region = nad.get(7, 0) or nad.get(7, 3)
        country = ctx.country(nad.get(9), nad, "country")
        if street or nad.get(6) or region or nad.get(8) or country:
            draft.address = Address(street, nad.get(6), region, nad.get(8), country, ctx.prov(nad))
            draft.note("address", nad)
        return draft

    def note(self, name: str, segment: Segment) -> None:
        self.fields[name] = self.ctx.prov(segment, name)

    def feed(self, segment: Segment) -> None:
        handler = _HANDLERS.get(segment.tag)
        if handler is None:
            return  # MEA, FTX (bags), EMP, QTY: not part of the traveller model
        handler(self, segment)

    def _att(self, segment: Segment) -> None:
        if segment.get(1) != "2":
            return
        code = (segment.get(3) or "").upper()
        if code in SEXES:
            self.sex = SEXES[code]
            self.note("sex", segment)
        elif code:
            self.ctx.log.warn(
                "bad_sex", f"gender must be M, F, U or X, not {code!r}; kept as unknown", segment
            )

    def _dtm(self, segment: Segment) -> None:
        qualifier, value, fmt = segment.get(1, 0), segment.get(1, 1), segment.get(1, 2)
        if qualifier == "329":
            if value is None:
                self.ctx.log.warn("empty_value", "DTM+329 carries no date of birth", segment)
                return
            self.birth_date = partial_yymmdd(value, DateKind.BIRTH, self.ctx.birth_pivot)  # 6 or 8 digits
            if self.birth_date is None:
                self.ctx.log.warn("bad_date", f"unreadable date of birth {value!r}; kept as unknown", segment)
            else:
                self.note("birth_date", segment)
                if not self.birth_date.is_complete:
                    self.ctx.log.warn("partial_date", f"date of birth {value!r} is partial", segment)
        elif qualifier in ("36", "182"):
            self._document_date(segment, qualifier, value, fmt)

    def _document_date(self, segment: Segment, qualifier: str, value: str | None, fmt: str | None) -> None:
        doc = self.open_doc
        if doc is None:
            self.ctx.log.warn("orphan_date", f"DTM+{qualifier} outside a document ignored", segment)
            return
        if value is None:
            return
        kind = DateKind.EXPIRY if qualifier == "36" else DateKind.ISSUE
        resolved = dtm_value(value, fmt, kind, self.ctx.today)
        day = resolved if isinstance(resolved, date) else None
        if day is None:
            self.ctx.log.warn("bad_date", f"unreadable document date {value!r}; kept as unknown", segment)
            return
        if qualifier == "36":
            doc.expiry = PartialDate(day.year, day.month, day.day)
            doc.fields["expiry"] = segment
            if day.year < self.ctx.today.year - _IMPLAUSIBLE_EXPIRY_YEARS:
                self.ctx.log.warn(
                    "implausible_date",
                    f"expiry {value!r} read as {day.isoformat()} (two-digit years reach at most "
                    f"20 years ahead): probably bad data",
                    segment,
                )
        else:
            doc.issued = PartialDate(day.year, day.month, day.day)
            doc.fields["issued"] = segment

    def _gei(self, segment: Segment) -> None:
        code = segment.get(2)
        if code in ("173", "174"):
            self.verified = code == "173"
            self.note("verified", segment)

    def _loc(self, segment: Segment) -> None:
        qualifier, code = segment.get(1), segment.get(2)
        if qualifier == "91":
            self._issuer(segment)
        elif qualifier == "174":
            self.residence = self.ctx.country(code, segment, "residence_country")
            if self.residence:
                self.note("residence_country", segment)
        elif qualifier == "178":
            self.embarkation = airport_code(code)
            self.note("embarkation", segment)
        elif qualifier == "179":
            self.debarkation = airport_code(code)
            self.note("debarkation", segment)
        elif qualifier == "180":
            self.birth_place = segment.get(2, 3) or code
            if self.birth_place:
                self.note("birth_place", segment)

    def _issuer(self, segment: Segment) -> None:
        doc = self.open_doc
        if doc is None:
            self.ctx.log.warn("orphan_location", "LOC+91 outside a document ignored", segment)
            return
        code = segment.get(2)
        if code is None or segment.get(2, 1) == "163":  # empty, or a state/province (CBP ACE)
            return
        doc.issuer = self.ctx.country(code, segment, "issuing_country")
        if doc.issuer:
            doc.fields["issuing_country"] = segment

    def _nat(self, segment: Segment) -> None:
        code = self.ctx.country(segment.get(2), segment, "nationality")
        if code and code not in self.nationalities:
            self.nationalities.append(code)
            self.note("nationalities", segment)

    def _com(self, segment: Segment) -> None:
        for element in segment.elements:
            if element and element[0].strip():
                self.contacts.append(
                    contact_of(element[0], element[1] if len(element) > 1 else None, self.ctx.prov(segment))
                )
        self.note("contacts", segment)

    def _rff(self, segment: Segment) -> None:
        qualifier, value = segment.get(1, 0), segment.get(1, 1)
        if qualifier and value and qualifier not in self.references:
            self.references[qualifier] = value
            self.note(f"references.{qualifier}", segment)

    def _doc(self, segment: Segment) -> None:
        doc = _DocDraft(segment, segment.get(1, 0), segment.get(2))
        self.documents.append(doc)
        self.open_doc = doc

    def finish(self, used_refs: set[str]) -> Traveller:
        documents: list[TravelDocument] = []
        for doc in self.documents:
            if doc.doc_type is None and doc.number is None:
                self.ctx.log.warn("empty_document", "DOC without type or number ignored", doc.segment)
                continue
            position = len(documents)
            documents.append(
                TravelDocument(
                    doc.doc_type, doc.number, doc.issuer, doc.expiry, doc.issued, self.ctx.prov(doc.segment)
                )
            )
            self.fields[f"documents[{position}]"] = self.ctx.prov(doc.segment, f"documents[{position}]")
            for name, segment in doc.fields.items():
                key = f"documents[{position}].{name}"
                self.fields[key] = self.ctx.prov(segment, key)
        ref = self.references.get("ABO")
        if not ref or ref in used_refs:
            ref = f"#{self.index}"
        used_refs.add(ref)
        if self.surname is None and not self.given:
            self.ctx.log.warn("no_name", "person without a name", self.nad)
        return Traveller(
            ref=ref,
            name=Name.from_parts(self.surname, self.given),
            role=self.role,
            birth_date=self.birth_date,
            sex=self.sex,
            nationalities=tuple(self.nationalities),
            documents=tuple(documents),
            residence_country=self.residence,
            birth_place=self.birth_place,
            address=self.address,
            contacts=tuple(self.contacts),
            embarkation=self.embarkation,
            debarkation=self.debarkation,
            verified=self.verified,
            references=dict(self.references),
            provenance=self.ctx.prov(self.nad),
            fields=dict(self.fields),
        )


# Segment tag -> the PersonDraft method reading it (``_att`` reads ATT ...), looked up once.
_HANDLERS: dict[str, Callable[[PersonDraft, Segment], None]] = {
    name[1:].upper(): getattr(PersonDraft, name)
    for name in ("_att", "_dtm", "_gei", "_loc", "_nat", "_com", "_rff", "_doc")
}
