"""PAXLST as UN/IATA D02B-D15B (and CBP ACE D03B): header, reporting party, legs, persons, counts."""

from __future__ import annotations

from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.paxlst.legs import LegBuilder
from waystation.ingest.paxlst.manifest import manifest_of
from waystation.ingest.paxlst.person import PersonDraft, party_name
from waystation.model import Manifest, Traveller
from waystation.numbers import is_number

__all__ = ["read_un_paxlst"]

_PERSON_TAGS = frozenset({"ATT", "DTM", "GEI", "MEA", "FTX", "LOC", "COM", "EMP", "NAT", "RFF", "DOC", "QTY"})


def _count(ctx: MessageContext, segment: Segment) -> tuple[str | None, int | None]:
    qualifier, value = segment.get(1, 0), segment.get(1, 1)
    if value is None and segment.get(2):
        value = segment.get(2)
        ctx.log.warn(
            "malformed_segment", f"CNT count written as a separate element: {segment.raw!r}", segment
        )
    if not is_number(value):
        ctx.log.warn("bad_count", f"CNT without a readable count: {segment.raw!r}", segment)
        return qualifier, None
    return qualifier, int(value)


def read_un_paxlst(ctx: MessageContext) -> Manifest:
    """One UN/IATA PAXLST message to a manifest."""
    legs = LegBuilder(ctx)
    travellers: list[Traveller] = []
    used_refs: set[str] = set()
    person: PersonDraft | None = None
    reporting: str | None = None
    document_code = function_code = transaction_ref = None
    counts: dict[str, int] = {}
    for segment in ctx.message.body:
        tag = segment.tag
        if tag == "NAD":
            if person is not None:
                travellers.append(person.finish(used_refs))
                person = None
            if (segment.get(1) or "").upper() == "MS":
                surname, given = party_name(segment)
                reporting = " ".join([p for p in [surname, *given] if p]) or segment.get(2)
            else:
                person = PersonDraft.start(ctx, segment, len(travellers) + 1)
        elif tag == "CNT":
            qualifier, value = _count(ctx, segment)
            if qualifier and value is not None:
                counts.setdefault(qualifier, value)
        elif person is not None and tag in _PERSON_TAGS:
            person.feed(segment)
        elif tag == "BGM":
            document_code = segment.get(1)
            function_code = segment.get(3) if segment.get(3) else segment.get(2)
        elif tag == "RFF":
            if segment.get(1, 0) == "TN":
                transaction_ref = segment.get(1, 1)
        elif tag == "TDT":
            legs.transport(segment, segment.get(2), segment.get(5, 0))
        elif tag == "LOC":
            legs.location(segment)
        elif tag == "DTM":
            legs.time(segment)
        elif tag in ("COM", "CTA"):
            continue  # the reporting party's contact
        else:
            ctx.log.warn("unexpected_segment", f"{tag} not expected in a PAXLST here; ignored", segment)
    if person is not None:
        travellers.append(person.finish(used_refs))
    return manifest_of(
        ctx,
        legs=legs.build(),
        travellers=travellers,
        reporting_party=reporting,
        document_code=document_code,
        function_code=function_code,
        transaction_ref=transaction_ref,
        counts=counts,
    )
