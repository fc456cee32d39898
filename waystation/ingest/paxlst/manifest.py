"""Assemble a :class:`Manifest` from what a PAXLST reader found, checking CNT against the persons."""

from __future__ import annotations

from datetime import date, datetime

from waystation.ingest.edifact.reading import MessageContext
from waystation.model import Leg, Manifest, ManifestKind, Traveller, TravellerRole

__all__ = ["manifest_of"]

_CREW_DOCUMENTS = frozenset({"250", "336"})
_PASSENGER_DOCUMENTS = frozenset({"745", "266", "655"})
_CREW_ROLES = frozenset({TravellerRole.CREW, TravellerRole.TRANSIT_CREW})


def _kind(document_code: str | None, travellers: list[Traveller]) -> ManifestKind:
    if document_code in _CREW_DOCUMENTS:
        return ManifestKind.CREW
    if document_code in _PASSENGER_DOCUMENTS:
        return ManifestKind.PASSENGERS
    if travellers and all(t.role in _CREW_ROLES for t in travellers):
        return ManifestKind.CREW
    if travellers and all(t.role is TravellerRole.PASSENGER for t in travellers):
        return ManifestKind.PASSENGERS
    return ManifestKind.OTHER


def manifest_of(
    ctx: MessageContext,
    *,
    legs: list[Leg],
    travellers: list[Traveller],
    reporting_party: str | None,
    document_code: str | None,
    function_code: str | None,
    transaction_ref: str | None,
    counts: dict[str, int],
) -> Manifest:
    """The manifest, with a warning when the declared total disagrees with the persons present."""
    kind = _kind(document_code, travellers)
    wanted = "41" if kind is ManifestKind.CREW else "42"
    declared = counts.get(wanted)
    if declared is None and counts:
        qualifier, declared = next(iter(counts.items()))
        ctx.log.warn(
            "control_count",
            f"CNT qualifier {qualifier} on a {kind.value} list (expected {wanted})",
            ctx.message.body[-1] if ctx.message.body else None,
        )
    if declared is not None and declared != len(travellers):
        ctx.log.warn(
            "control_count",
            f"CNT declares {declared} persons, the message holds {len(travellers)} "
            "(a multi-part message may declare the flight total)",
            ctx.message.unt or ctx.message.unh,
        )
    header = ctx.message.header
    interchange = ctx.interchange.header
    group = ctx.message.group
    if not legs:
        ctx.log.warn("no_flight", "the message names no flight (no TDT)", ctx.message.unh)
    return Manifest(
        message_ref=header.ref,
        kind=kind,
        legs=tuple(legs),
        travellers=tuple(travellers),
        message_format=f"{header.type} {header.version or ''}:{header.release or ''}".rstrip(":"),
        interchange_ref=interchange.control_ref if interchange else None,
        sender=(interchange.sender if interchange else None) or (group.sender if group else None),
        recipient=(interchange.recipient if interchange else None) or (group.recipient if group else None),
        prepared_at=_as_datetime(interchange.prepared_at if interchange else None),
        document_code=document_code,
        function_code=function_code,
        transaction_ref=transaction_ref,
        common_access_ref=header.common_access_ref,
        part=header.sequence,
        final=header.final,
        reporting_party=reporting_party,
        declared_count=declared,
        provenance=ctx.prov(ctx.message.unh),
    )


def _as_datetime(value: datetime | date | None) -> datetime | None:
    """UNB always carries a time; a date alone is not turned into an invented midnight."""
    return value if isinstance(value, datetime) else None
