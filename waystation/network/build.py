"""Building the link graph by hash joins: group sightings on each key, never compare them in pairs.

Every sighting yields its keys (booking locator, phone, e-mail, address, card hash, document);
sightings are grouped on ``(kind, key)`` and each group becomes links between the *persons* in
it. The work is linear in the number of keys plus the number of links made. The one quadratic
step, a group's pairs, is bounded by the hub rule:

    a value shared by more than ``hub_limit`` persons (``booking_hub_limit`` for a booking, since
    a group booking holds up to 99 names) is a hub: one node with an edge to each person, no
    person-to-person links.

Co-travel comes from the same groups: two persons of one booking who share a leg flew together.
Repeated co-travel is found by keying each person on every *pair* of flights they took on
different days (a flight is designator plus day), so two persons sharing a key were on the same
flights on at least two days; persons with more than ``max_flights_for_co_travel`` flights (crew,
commuters) and crew sightings are left out of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations

import networkx as nx

from waystation.exc import ConfigError
from waystation.model import Leg, TravellerRole
from waystation.network.graph import Hub, LinkGraph, hub_id
from waystation.network.links import Evidence, Link, LinkKind, sighting_keys, where_seen
from waystation.network.masking import digest
from waystation.network.resolve import Resolution
from waystation.network.sightings import Sighting

__all__ = ["LinkConfig", "build_link_graph"]

_CANCELLED = frozenset({"HX", "XX", "UN", "UC", "NO", "XL"})
_CREW = frozenset({TravellerRole.CREW, TravellerRole.TRANSIT_CREW})
Flight = tuple[str, date]


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """The knobs of link building (documented in docs/network.md)."""

    hub_limit: int = 50
    booking_hub_limit: int = 100
    min_co_travel_days: int = 2
    max_flights_for_co_travel: int = 30
    evidence_per_side: int = 2
    secret: bytes = b""

    def __post_init__(self) -> None:
        problems = [
            f"{name} must be at least {low}, not {getattr(self, name)}"
            for name, low in (
                ("hub_limit", 2),
                ("booking_hub_limit", 2),
                ("min_co_travel_days", 2),
                ("max_flights_for_co_travel", 2),
                ("evidence_per_side", 1),
            )
            if getattr(self, name) < low
        ]
        if problems:
            raise ConfigError(problems)


def _day(leg: Leg) -> date | None:
    value = leg.departure
    return value.date() if isinstance(value, datetime) else value


def _live(legs: Iterable[Leg]) -> Iterator[Leg]:
    return (leg for leg in legs if (leg.status or "").upper() not in _CANCELLED)


def _flight(leg: Leg) -> str:
    return "".join(leg.designator.upper().split())


def _leg_text(leg: Leg) -> str:
    return f"{_flight(leg)} {_day(leg) or '?'} {leg.origin or '?'}-{leg.destination or '?'}"


class _Builder:
    def __init__(self, sightings: list[Sighting], resolution: Resolution, config: LinkConfig) -> None:
        self.sightings = sightings
        self.person = [resolution.person_of[s.sighting_id] for s in sightings]
        self.config = config
        self.edges: dict[tuple[str, str], list[Link]] = defaultdict(list)
        self.hubs: dict[str, Hub] = {}
        self.hub_members: dict[str, list[str]] = {}

    def evidence(self, indexes: list[int], kind: LinkKind, key: str) -> tuple[str, tuple[Evidence, ...]]:
        shown, found = "", []
        for i in indexes[: self.config.evidence_per_side]:
            seen = where_seen(self.sightings[i], kind, key)
            if seen is not None:
                shown = shown or seen[0]
                found.append(Evidence(self.sightings[i].sighting_id, seen[1]))
        return shown, tuple(found)

    def link_group(self, kind: LinkKind, key: str, indexes: list[int]) -> None:
        by_person: dict[str, list[int]] = {}
        for i in indexes:
            by_person.setdefault(self.person[i], []).append(i)
        if len(by_person) < 2:
            return
        tag = digest(f"{kind.value}:{key}", self.config.secret)
        limit = self.config.booking_hub_limit if kind is LinkKind.BOOKING else self.config.hub_limit
        if len(by_person) > limit:
            shown, _ = self.evidence(indexes[:1], kind, key)
            self.add_hub(kind, shown, tag, sorted(by_person))
            return
        proofs = {p: self.evidence(items, kind, key) for p, items in by_person.items()}
        for a, b in combinations(sorted(by_person), 2):
            shown = proofs[a][0] or proofs[b][0]
            self.edges[(a, b)].append(Link(kind, shown, tag, proofs[a][1] + proofs[b][1]))
        if kind is LinkKind.BOOKING:
            self.co_travel(key, by_person)

    def add_hub(self, kind: LinkKind, shown: str, tag: str, persons: list[str]) -> None:
        node = hub_id(kind, tag)
        self.hubs[node] = Hub(node, kind, shown, tag, len(persons))
        self.hub_members[node] = persons

    def co_travel(self, locator: str, by_person: dict[str, list[int]]) -> None:
        """Persons of one booking who share a leg flew together (one link per pair and booking)."""
        legs: dict[str, dict[tuple[str, date | None, str | None, str | None], Leg]] = {}
        for person, items in by_person.items():
            mine = legs.setdefault(person, {})
            for i in items:
                for leg in _live(self.sightings[i].legs):
                    mine.setdefault((_flight(leg), _day(leg), leg.origin, leg.destination), leg)
        for a, b in combinations(sorted(by_person), 2):
            shared = sorted(set(legs[a]) & set(legs[b]), key=lambda k: (str(k[1]), k[0]))
            if not shared:
                continue
            text = ", ".join(_leg_text(legs[a][k]) for k in shared)
            tag = digest(f"co_travel:{locator}:{text}", self.config.secret)
            evidence = tuple(
                Evidence(self.sightings[i].sighting_id) for p in (a, b) for i in by_person[p][:1]
            )
            days = len({k[1] for k in shared})
            self.edges[(a, b)].append(Link(LinkKind.CO_TRAVEL, f"{text} in {locator}", tag, evidence, days))

    def by_keys(self) -> None:
        groups: dict[LinkKind, dict[str, int | list[int]]] = defaultdict(dict)
        for i, sighting in enumerate(self.sightings):
            for kind, key in sighting_keys(sighting):
                group = groups[kind]
                found = group.get(key)
                if found is None:
                    group[key] = i
                elif isinstance(found, int):
                    if found != i:
                        group[key] = [found, i]
                elif found[-1] != i:
                    found.append(i)
        for kind in sorted(groups):
            for key, members in groups[kind].items():
                if isinstance(members, list):
                    self.link_group(kind, key, members)

    def repeated_co_travel(self) -> None:
        """Persons on the same flights on ``min_co_travel_days`` or more days (see module docstring)."""
        by_person: dict[str, list[int]] = defaultdict(list)
        for i, sighting in enumerate(self.sightings):
            if sighting.traveller.role not in _CREW and sighting.legs:
                by_person[self.person[i]].append(i)
        pairs: dict[tuple[Flight, Flight], list[str]] = {}
        for person, items in by_person.items():
            flights = sorted(
                {
                    (_flight(leg), d)
                    for i in items
                    for leg in _live(self.sightings[i].legs)
                    if (d := _day(leg)) and _flight(leg)
                }
            )
            if len(flights) > self.config.max_flights_for_co_travel or len({f[1] for f in flights}) < 2:
                continue
            for first, second in combinations(flights, 2):
                if first[1] != second[1]:
                    pairs.setdefault((first, second), []).append(person)
        shared: dict[tuple[str, str], set[Flight]] = defaultdict(set)
        for (first, second), persons in pairs.items():
            if len(persons) < 2:
                continue
            if len(persons) > self.config.hub_limit:
                shown = f"{first[0]} {first[1]} + {second[0]} {second[1]}"
                tag = digest(f"repeated:{shown}", self.config.secret)
                self.add_hub(LinkKind.REPEATED_CO_TRAVEL, shown, tag, sorted(persons))
                continue
            for a, b in combinations(sorted(persons), 2):
                shared[(a, b)].update((first, second))
        for (a, b), together in sorted(shared.items()):
            days = len({f[1] for f in together})
            if days < self.config.min_co_travel_days:
                continue
            shown = ", ".join(
                f"{flight} {day}" for flight, day in sorted(together, key=lambda f: (f[1], f[0]))
            )
            tag = digest(f"repeated:{shown}", self.config.secret)
            evidence = tuple(
                Evidence(self.sightings[i].sighting_id) for p in (a, b) for i in by_person[p][:1]
            )
            self.edges[(a, b)].append(Link(LinkKind.REPEATED_CO_TRAVEL, shown, tag, evidence, days))

    def graph(self, resolution: Resolution) -> LinkGraph:
        graph = nx.Graph()
        graph.add_nodes_from(resolution.persons)
        graph.add_edges_from((a, b, {"links": tuple(links)}) for (a, b), links in self.edges.items())
        for node, hub in self.hubs.items():
            link = Link(hub.kind, hub.shown, hub.tag)
            graph.add_node(node)
            graph.add_edges_from((node, person, {"links": (link,)}) for person in self.hub_members[node])
        return LinkGraph(graph, resolution.persons, dict(self.hubs))


def build_link_graph(
    sightings: Iterable[Sighting], resolution: Resolution, config: LinkConfig | None = None
) -> LinkGraph:
    """The link graph of the resolved persons of ``sightings`` (see the module docstring)."""
    unique = {s.sighting_id: s for s in sightings}
    builder = _Builder([unique[k] for k in sorted(unique)], resolution, config or LinkConfig())
    builder.by_keys()
    builder.repeated_co_travel()
    return builder.graph(resolution)
