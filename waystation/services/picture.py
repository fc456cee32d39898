"""The traffic picture: who travels, as persons resolved across messages, with journeys and links.

Targeting rules and network analysis both need more than one message: the journey a traveller is
on (API and PNR joined), their booking, their companions, and who they share a phone or a card
with. The picture is built from parsed messages (the service re-reads stored raw messages, the
demo passes what it just received) by the pure network stage, and then answers the questions the
rules and the network alerts ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from waystation.ingest.message import ParsedMessage
from waystation.model import Booking, Leg, Manifest, PnrPush
from waystation.network import (
    Itinerary,
    LinkConfig,
    LinkGraph,
    Resolution,
    Sighting,
    SourceKind,
    build_itineraries,
    build_link_graph,
    collect_sightings,
    resolve_persons,
)

__all__ = ["TrafficPicture", "build_picture", "flight_key"]


def flight_key(leg: Leg) -> tuple[str, date | None]:
    """A flight as (designator, day): how a manifest's leg and an itinerary's leg are matched."""
    departure = leg.departure
    day = departure.date() if isinstance(departure, datetime) else departure
    return ("".join(leg.designator.upper().split()), day)


@dataclass(frozen=True, slots=True)
class TrafficPicture:
    """Sightings, the persons they resolve to, each person's itinerary, and the link graph."""

    sightings: tuple[Sighting, ...]
    resolution: Resolution
    itineraries: Mapping[str, Itinerary]
    graph: LinkGraph

    def person_of(self, sighting_id: str) -> str | None:
        return self.resolution.person_of.get(sighting_id)

    def bookings_of(self, person_id: str) -> list[Booking]:
        """The PNRs in which the person appears (latest push of each locator last)."""
        found: dict[str, Booking] = {}
        for sighting in self.sightings:
            if (
                sighting.booking is not None
                and self.resolution.person_of.get(sighting.sighting_id) == person_id
            ):
                found[sighting.booking.record_locator] = sighting.booking
        return list(found.values())

    def api_sightings(self) -> list[Sighting]:
        return [s for s in self.sightings if s.source is SourceKind.API]


def build_picture(messages: Iterable[ParsedMessage], *, secret: bytes) -> TrafficPicture:
    """Resolve, join and link the travellers of ``messages`` (keyed with the deployment secret)."""
    items: list[Manifest | PnrPush] = []
    for message in messages:
        items.extend(message.manifests)
        items.extend(message.pnr_pushes)
    sightings = collect_sightings(items)
    resolution = resolve_persons(sightings, secret=secret)
    itineraries = build_itineraries(sightings, resolution.person_of)
    graph = build_link_graph(sightings, resolution, LinkConfig(secret=secret))
    return TrafficPicture(tuple(sightings), resolution, itineraries, graph)
