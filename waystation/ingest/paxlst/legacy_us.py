"""The legacy US EDIFACT PAXLST (``PAXLST:001:000``, pre-2005): CTA, TDT, LOC/DTM, UNS, one PDT per person.

``PDT+P/182345345:990909:US+MANGUS:SIMON:P:590429:M+PAX+NZAKL:USLAX``: document type/number,
expiry and issuer; surname, given, middle, birth date and gender; PAX or CREW; route as
UN/LOCODEs. Dates and times sit in separate DTM elements (``DTM+136+020131+1030+M05``).
"""

from __future__ import annotations

from waystation.ingest.edifact.dates import DateKind, partial_yymmdd, yymmdd
from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.paxlst.legs import LegBuilder, airport_code
from waystation.ingest.paxlst.manifest import manifest_of
from waystation.ingest.paxlst.person import SEXES
from waystation.model import Manifest, Name, PartialDate, TravelDocument, Traveller, TravellerRole

__all__ = ["read_legacy_paxlst"]

_ROLES = {"PAX": TravellerRole.PASSENGER, "CREW": TravellerRole.CREW, "CRW": TravellerRole.CREW}


def _traveller(ctx: MessageContext, segment: Segment, index: int) -> Traveller:
    prov = ctx.prov(segment)
    fields = {"name": ctx.prov(segment, "name")}
    doc_type, _, number = (segment.get(1, 0) or "").partition("/")
    documents: tuple[TravelDocument, ...] = ()
    if doc_type or number:
        expiry_day = yymmdd(segment.get(1, 1), DateKind.EXPIRY, ctx.today)
        expiry = PartialDate.of(expiry_day) if expiry_day else None
        issuer = ctx.country(segment.get(1, 2), segment, "issuing_country")
        documents = (
            TravelDocument(doc_type.strip() or None, number.strip() or None, issuer, expiry, None, prov),
        )
        fields["documents[0]"] = ctx.prov(segment, "documents[0]")
    birth = partial_yymmdd(segment.get(2, 3), DateKind.BIRTH, ctx.birth_pivot)
    if segment.get(2, 3) and birth is None:
        ctx.log.warn("bad_date", f"unreadable date of birth {segment.get(2, 3)!r}", segment)
    if birth:
        fields["birth_date"] = ctx.prov(segment, "birth_date")
    sex = SEXES.get((segment.get(2, 4) or "").upper())
    if sex:
        fields["sex"] = ctx.prov(segment, "sex")
    given = [g for g in (segment.get(2, 1), segment.get(2, 2)) if g]
    role_code = (segment.get(3) or "").upper()
    if not role_code:
        ctx.log.warn("no_role", "PDT without PAX/CREW: read as a passenger", segment)
        role_code = "PAX"
    return Traveller(
        ref=f"#{index}",
        name=Name.from_parts(segment.get(2, 0), given),
        role=_ROLES.get(role_code, TravellerRole.OTHER),
        birth_date=birth,
        sex=sex,
        documents=documents,
        embarkation=airport_code(segment.get(4, 0)),
        debarkation=airport_code(segment.get(4, 1)),
        provenance=prov,
        fields=fields,
    )


def read_legacy_paxlst(ctx: MessageContext) -> Manifest:
    """One legacy US PAXLST message to a manifest."""
    legs = LegBuilder(ctx)
    travellers: list[Traveller] = []
    reporting: str | None = None
    for segment in ctx.message.body:
        tag = segment.tag
        if tag == "PDT":
            travellers.append(_traveller(ctx, segment, len(travellers) + 1))
        elif tag == "TDT":
            legs.transport(segment, segment.get(2), segment.get(4))
        elif tag == "LOC":
            legs.location(segment)
        elif tag == "DTM":
            legs.time(segment)
        elif tag == "CTA":
            reporting = segment.get(2, 1) or segment.get(2, 0)
        elif tag in ("UNS", "COM", "BGM", "NAD"):
            continue
        else:
            ctx.log.warn("unexpected_segment", f"{tag} not expected in a legacy PAXLST; ignored", segment)
    return manifest_of(
        ctx,
        legs=legs.build(),
        travellers=travellers,
        reporting_party=reporting,
        document_code=None,
        function_code=None,
        transaction_ref=None,
        counts={},
    )
