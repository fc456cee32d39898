"""Travellers of one PNR (TIF) and the identity SSRs attached to them, resolved when the PNR ends.

SSRs name their traveller by reference (``+::1``) and may come before the traveller they belong
to (an infant's DOCS before the infant's TIF), so documents are collected first and attached at
the end: by association, else to the traveller being read, else to the only traveller. DOCS with
an infant gender (MI/FI) go to the infant travelling with the named adult.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.pnrgov.names import pnr_name
from waystation.ingest.pnrgov.ssr import Docs, Infant
from waystation.model import (
    Address,
    Contact,
    Name,
    PartialDate,
    Provenance,
    Sex,
    TravelDocument,
    Traveller,
)

__all__ = ["PnrTraveller", "normal_ref"]

_SEXES = {
    "M": Sex.MALE,
    "F": Sex.FEMALE,
    "MI": Sex.MALE,
    "FI": Sex.FEMALE,
    "U": Sex.UNKNOWN,
    "X": Sex.UNSPECIFIED,
}


def normal_ref(ref: str | None) -> str | None:
    """``002`` and ``2`` are the same traveller; ``1.1`` stays ``1.1``."""
    if not ref:
        return None
    return ".".join(part.lstrip("0") or "0" for part in ref.strip().split("."))


@dataclass(slots=True)
class PnrTraveller:
    """A traveller being read from TIF and the segments after it."""

    segment: Segment
    ref: str | None
    name: Name
    passenger_type: str | None
    with_infant: bool = False
    sex: Sex | None = None
    birth_date: PartialDate | None = None
    nationalities: list[str] = field(default_factory=list)
    documents: list[TravelDocument] = field(default_factory=list)
    birth_place: str | None = None
    residence: str | None = None
    address: Address | None = None
    contacts: list[Contact] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Provenance] = field(default_factory=dict)

    @classmethod
    def from_tif(cls, ctx: MessageContext, segment: Segment) -> PnrTraveller:
        name, title = pnr_name(segment.get(1, 0), segment.get(2, 0))
        ptc = (segment.get(2, 1) or "").upper() or None
        traveller = cls(segment, segment.get(2, 2), name, ptc, with_infant=segment.get(2, 3) == "1")
        traveller.fields["name"] = ctx.prov(segment, "name")
        if ptc:
            traveller.references["PTC"] = ptc
        if title:
            traveller.references["TITLE"] = title
        return traveller

    @classmethod
    def from_infant(
        cls, ctx: MessageContext, segment: Segment, surname: str | None, given: str | None, ref: str
    ) -> PnrTraveller:
        traveller = cls(segment, ref, Name.from_parts(surname, given), "IN")
        traveller.references["PTC"] = "IN"
        traveller.fields["name"] = ctx.prov(segment, "name")
        return traveller

    @property
    def is_infant(self) -> bool:
        return self.passenger_type == "IN"

    @property
    def first_given(self) -> str:
        given = self.name.given or ""
        return given.split()[0].upper() if given.split() else ""

    def set_reference(self, key: str, value: str | None, ctx: MessageContext, segment: Segment) -> None:
        if value and key not in self.references:
            self.references[key] = value
            self.fields[f"references.{key}"] = ctx.prov(segment, f"references.{key}")

    def add_docs(self, ctx: MessageContext, segment: Segment, docs: Docs) -> None:
        if docs.birth_date and self.birth_date is None:
            self.birth_date = PartialDate.of(docs.birth_date)
            self.fields["birth_date"] = ctx.prov(segment, "birth_date")
        elif docs.birth_text and docs.birth_date is None:
            ctx.log.warn("bad_date", f"unreadable DOCS birth date {docs.birth_text!r}", segment)
        sex = _SEXES.get(docs.gender or "")
        if sex and self.sex is None:
            self.sex = sex
            self.fields["sex"] = ctx.prov(segment, "sex")
        nationality = ctx.country(docs.nationality, segment, "nationality")
        if nationality and nationality not in self.nationalities:
            self.nationalities.append(nationality)
            self.fields.setdefault("nationalities", ctx.prov(segment, "nationalities"))
        if docs.number or docs.doc_type:
            issuer = ctx.country(docs.issuer, segment, "issuing_country")
            expiry = PartialDate.of(docs.expiry) if docs.expiry else None
            self.add_document(
                ctx,
                segment,
                TravelDocument(docs.doc_type, docs.number, issuer, expiry, None, ctx.prov(segment)),
            )

    def add_document(self, ctx: MessageContext, segment: Segment, document: TravelDocument) -> None:
        """Add unless the same document (type, number, issuer) is already there."""
        key = (document.doc_type, document.number, document.issuing_country)
        if any((d.doc_type, d.number, d.issuing_country) == key for d in self.documents):
            return
        position = len(self.documents)
        self.documents.append(document)
        self.fields[f"documents[{position}]"] = ctx.prov(segment, f"documents[{position}]")

    def add_infant_data(self, infant: Infant, ctx: MessageContext, segment: Segment) -> None:
        if infant.birth_date and self.birth_date is None:
            self.birth_date = PartialDate.of(infant.birth_date)
            self.fields["birth_date"] = ctx.prov(segment, "birth_date")

    def finish(self, ctx: MessageContext, locator: str, index: int, birth_pivot: date) -> Traveller:
        ref = f"{locator}/{self.ref or index}"
        references = dict(self.references)
        if locator:
            references.setdefault("AVF", locator)
        return Traveller(
            ref=ref,
            name=self.name,
            birth_date=self.birth_date,
            sex=self.sex,
            nationalities=tuple(self.nationalities),
            documents=tuple(self.documents),
            residence_country=self.residence,
            birth_place=self.birth_place,
            address=self.address,
            contacts=tuple(self.contacts),
            references=references,
            provenance=ctx.prov(self.segment),
            fields=dict(self.fields),
        )
