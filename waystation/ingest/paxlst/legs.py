"""Flight legs from TDT groups: each group lists stops (LOC) with times (DTM); legs join stops.

A TDT group normally holds a departure (LOC+125, DTM+189) and an arrival (LOC+87, DTM+232).
Progressive flights use LOC+92 for an airport that is both; the legacy US variant uses LOC+5/8
and PT with DTM+136/132 in separate elements. Keying on stops rather than on fixed qualifiers
reads all of them, in whatever number, as consecutive legs of the TDT's flight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from waystation.ingest.edifact.dates import DateKind, dtm_value, with_time, yymmdd
from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.model import Leg

__all__ = ["LegBuilder", "airport_code", "carrier_of"]

DEPARTURE = frozenset({"189", "136"})
ARRIVAL = frozenset({"232", "132"})
_CARRIER = re.compile(r"^([A-Z0-9]{2})\d")
_LOCODE = re.compile(r"^[A-Z]{2}([A-Z0-9]{3})$")


def carrier_of(flight: str | None) -> str | None:
    """The two-character airline designator at the start of a flight id (``OK688`` -> ``OK``)."""
    match = _CARRIER.match(flight or "")
    return match.group(1) if match else None


def airport_code(text: str | None) -> str | None:
    """Airport codes as given; a five-letter UN/LOCODE (``NZAKL``) becomes its location part ``AKL``."""
    if not text:
        return None
    match = _LOCODE.match(text)
    return match.group(1) if match else text


@dataclass(slots=True)
class _Stop:
    code: str | None
    qualifier: str
    segment: Segment
    departure: datetime | date | None = None
    arrival: datetime | date | None = None


@dataclass(slots=True)
class _Group:
    segment: Segment
    carrier: str | None
    flight: str | None
    stops: list[_Stop] = field(default_factory=list)
    arrival: datetime | date | None = None


class LegBuilder:
    """Collects TDT/LOC/DTM segments and turns them into legs."""

    def __init__(self, ctx: MessageContext) -> None:
        self.ctx = ctx
        self.groups: list[_Group] = []

    def transport(self, segment: Segment, flight: str | None, carrier: str | None) -> None:
        self.groups.append(_Group(segment, carrier or carrier_of(flight), flight))

    def location(self, segment: Segment) -> None:
        if not self.groups:
            self.ctx.log.warn("orphan_location", "LOC before any TDT ignored", segment)
            return
        code = airport_code(segment.get(2))
        self.groups[-1].stops.append(_Stop(code, segment.get(1) or "", segment))

    def time(self, segment: Segment) -> None:
        qualifier = segment.get(1, 0)
        if segment.get(1, 1) is None and segment.get(2):  # legacy US: DTM+136+020131+1030+M05
            value = with_time(yymmdd(segment.get(2), DateKind.EVENT, self.ctx.today), segment.get(3))
        else:
            value = dtm_value(segment.get(1, 1), segment.get(1, 2), DateKind.EVENT, self.ctx.today)
        if value is None:
            self.ctx.log.warn("bad_date", f"unreadable flight date/time {segment.raw!r}", segment)
            return
        if not self.groups:
            self.ctx.log.warn("orphan_date", "DTM before any TDT ignored", segment)
            return
        group = self.groups[-1]
        if not group.stops:
            if qualifier in ARRIVAL:
                group.arrival = value
            return
        stop = group.stops[-1]
        if qualifier in DEPARTURE:
            stop.departure = value
        elif qualifier in ARRIVAL:
            stop.arrival = value

    def build(self) -> list[Leg]:
        legs: list[Leg] = []
        for group in self.groups:
            prov = self.ctx.prov(group.segment)
            stops = group.stops
            if len(stops) >= 2:
                for here, there in pairwise(stops):
                    legs.append(
                        Leg(
                            group.carrier,
                            group.flight,
                            here.code,
                            there.code,
                            here.departure,
                            there.arrival,
                            provenance=prov,
                        )
                    )
            elif len(stops) == 1:
                stop = stops[0]
                arrives = stop.qualifier in ("87", "8", "008")
                legs.append(
                    Leg(
                        group.carrier,
                        group.flight,
                        None if arrives else stop.code,
                        stop.code if arrives else None,
                        stop.departure,
                        stop.arrival,
                        provenance=prov,
                    )
                )
            else:
                legs.append(
                    Leg(group.carrier, group.flight, None, None, None, group.arrival, provenance=prov)
                )
        return legs
