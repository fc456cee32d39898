"""Building the link graph by hash joins: group sightings on each key, never compare them in pairs.

Every sighting yields its keys (booking locator, phone, e-mail, address, card hash, document);
sightings are grouped on ``(kind, key)`` and each group joins the *persons* in it. The work is
linear in the number of keys plus the number of edges made, and the edges are bounded by size:

    up to ``clique_limit`` persons share a value: an edge between every two (at most 28 for 8);
    up to ``hub_limit`` (``booking_hub_limit`` for a booking, which holds up to 99 names): a
    group node with an edge to each person, passed through as one hop;
    more: a hub node with an edge to each person, passed through only on request.

So no value ever costs more than ``clique_limit²/2`` edges, and a 10,000-booking agency phone
costs 10,000 edges, not 50 million (see ``network.graph``).

Two persons in one booking who share a leg flew together (CO_TRAVEL, on the shared legs);
otherwise they are only in the same booking (BOOKING). Repeated co-travel is found by keying each
person on every *pair* of flights they took on different days (a flight is designator plus day),
so two persons sharing a key were on the same flights on at least two days; the days of all
their shared keys must reach ``min_co_travel_days``. Only persons who flew on that many days take
part (nobody else could be linked), persons with more than ``max_flights_for_co_travel`` flights
(crew, commuters) and crew sightings are left out, and a pair of flights shared by more than
``hub_limit`` of the persons taking part is a hub.
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
from waystation.network.bulk import collector_paused
from waystation.network.graph import LinkGraph, SharedValue, ValueRole, shared_id
from waystation.network.links import Evidence, Link, LinkKind, seen_at, shown_at, sighting_keys
from waystation.network.masking import digest
from waystation.network.resolve import Resolution
from waystation.network.sightings import Sighting

__all__ = ["LinkConfig", "build_link_graph"]

_CANCELLED = frozenset({"HX", "XX", "UN", "UC", "NO", "XL"})
_CREW = frozenset({TravellerRole.CREW, TravellerRole.TRANSIT_CREW})
Flight = tuple[str, date]
_SLOTS = 64  # values of one kind per sighting that can link (a group entry packs index and position)


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """The knobs of link building (documented in docs/network.md)."""

    clique_limit: int = 8
    hub_limit: int = 30
    booking_hub_limit: int = 100
    min_co_travel_days: int = 3
    max_flights_for_co_travel: int = 30
    evidence_per_side: int = 2
    secret: bytes = b""

    def __post_init__(self) -> None:
        problems = [
            f"{name} must be at least {low}, not {getattr(self, name)}"
            for name, low in (
                ("clique_limit", 2),
                ("hub_limit", 2),
                ("booking_hub_limit", 2),
                ("min_co_travel_days", 2),
                ("max_flights_for_co_travel", 2),
                ("evidence_per_side", 1),
            )
            if getattr(self, name) < low
        ]
        if self.clique_limit > min(self.hub_limit, self.booking_hub_limit):
            problems.append(
                f"clique_limit ({self.clique_limit}) must not exceed hub_limit or booking_hub_limit"
            )
        if problems:
            raise ConfigError(problems)


def _day(leg: Leg) -> date | None:
    value = leg.departure
    return value.date() if isinstance(value, datetime) else value


def _flight(leg: Leg) -> str:
    return "".join(leg.designator.upper().split())


LegKey = tuple[str, date | None, str | None, str | None]


class _Legs:
    """Leg keys per itinerary, computed once: the travellers of a booking share one itinerary tuple."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[tuple[LegKey, Leg], ...]] = {}

    def of(self, legs: tuple[Leg, ...]) -> tuple[tuple[LegKey, Leg], ...]:
        found = self.cache.get(id(legs))
        if found is None:
            found = tuple(
                ((_flight(leg), _day(leg), leg.origin, leg.destination), leg)
                for leg in legs
                if (leg.status or "").upper() not in _CANCELLED
            )
            self.cache[id(legs)] = found
        return found


def _leg_text(key: LegKey) -> str:
    flight, day, origin, destination = key
    return f"{flight} {day or '?'} {origin or '?'}-{destination or '?'}"


class _Builder:
    def __init__(self, sightings: list[Sighting], resolution: Resolution, config: LinkConfig) -> None:
        self.sightings = sightings
        self.person = [resolution.person_of[s.sighting_id] for s in sightings]
        self.config = config
        self.legs = _Legs()
        self.edges: dict[tuple[str, str], list[Link]] = defaultdict(list)
        self.values: dict[str, SharedValue] = {}
        self.value_links: dict[str, tuple[Link, list[str]]] = {}

    def tag(self, text: str) -> str:
        return digest(text, self.config.secret)

    def proof(self, codes: list[int], kind: LinkKind) -> tuple[Evidence, ...]:
        """The first ``evidence_per_side`` places where one person showed the value."""
        found = []
        for code in codes[: self.config.evidence_per_side]:
            sighting = self.sightings[code // _SLOTS]
            found.append(Evidence(sighting.sighting_id, seen_at(sighting, kind, code % _SLOTS)))
        return tuple(found)

    def shown(self, code: int, kind: LinkKind) -> str:
        return shown_at(self.sightings[code // _SLOTS], kind, code % _SLOTS)

    def link_group(self, kind: LinkKind, key: str, codes: list[int]) -> None:
        """Link the persons whose sightings share ``key`` (``codes``: sighting index and value position)."""
        by_person: dict[str, list[int]] = {}
        for code in codes:
            by_person.setdefault(self.person[code // _SLOTS], []).append(code)
        if len(by_person) < 2:
            return
        limit = self.config.booking_hub_limit if kind is LinkKind.BOOKING else self.config.hub_limit
        tag = self.tag(f"{kind.value}:{key}")
        if len(by_person) > limit:
            self.add_value(ValueRole.HUB, Link(kind, self.shown(codes[0], kind), tag), sorted(by_person))
            return
        evidence = {p: self.proof(items, kind) for p, items in by_person.items()}
        if kind is LinkKind.BOOKING:
            members = {p: [code // _SLOTS for code in items] for p, items in by_person.items()}
            self.booking_group(key, members, evidence)
            return
        self.join(Link(kind, self.shown(codes[0], kind), tag, evidence), sorted(by_person))

    def join(self, link: Link, persons: list[str]) -> None:
        """A clique up to ``clique_limit`` persons, a group node above (see the module docstring)."""
        if len(persons) > self.config.clique_limit:
            self.add_value(ValueRole.GROUP, link, persons)
            return
        for pair in combinations(persons, 2):
            self.edges[pair].append(link)

    def add_value(self, role: ValueRole, link: Link, persons: list[str]) -> None:
        node = shared_id(role, link.kind, link.tag)
        self.values[node] = SharedValue(node, role, link.kind, link.shown, link.tag, len(persons))
        self.value_links[node] = (link, persons)

    def booking_group(
        self, locator: str, by_person: dict[str, list[int]], evidence: dict[str, tuple[Evidence, ...]]
    ) -> None:
        """One link per pair of the booking: CO_TRAVEL on the legs they share, else BOOKING.

        Persons with the same legs form a class and share one link object. A booking of one class
        (the usual case) is joined like any shared value: a clique, or a group node above
        ``clique_limit``. A booking whose travellers fly different legs gets a clique, bounded by
        ``booking_hub_limit``.
        """
        classes: dict[frozenset[LegKey], list[str]] = defaultdict(list)
        for person in sorted(by_person):
            legs = frozenset(
                key for i in by_person[person] for key, _ in self.legs.of(self.sightings[i].legs)
            )
            classes[legs].append(person)
        keys = sorted(classes, key=lambda c: classes[c][0])
        if len(keys) == 1:  # all on the same legs, as in most bookings: a clique or a group node
            legs = keys[0]
            booked = Link(LinkKind.BOOKING, locator, self.tag(f"booking:{locator}"), evidence)
            self.join(self.co_travel_link(locator, legs, evidence) if legs else booked, classes[legs])
            return
        for n, first in enumerate(keys):
            for second in keys[n:]:
                shared = first & second
                if shared:
                    link = self.co_travel_link(locator, shared, evidence)
                else:
                    link = Link(LinkKind.BOOKING, locator, self.tag(f"booking:{locator}"), evidence)
                if first is second:
                    pairs = list(combinations(classes[first], 2))
                else:
                    pairs = [(a, b) if a < b else (b, a) for a in classes[first] for b in classes[second]]
                for pair in pairs:
                    self.edges[pair].append(link)

    def co_travel_link(
        self, locator: str, legs: frozenset[LegKey], evidence: dict[str, tuple[Evidence, ...]]
    ) -> Link:
        text = ", ".join(_leg_text(k) for k in sorted(legs, key=lambda k: (str(k[1]), k[0])))
        days = len({k[1] for k in legs})
        return Link(
            LinkKind.CO_TRAVEL,
            f"{text} in {locator}",
            self.tag(f"co_travel:{locator}:{text}"),
            evidence,
            days,
        )

    def by_keys(self) -> None:
        groups: dict[LinkKind, dict[str, int | list[int]]] = defaultdict(dict)
        for i, sighting in enumerate(self.sightings):
            for kind, position, key in sighting_keys(sighting):
                if position >= _SLOTS:
                    continue
                code = i * _SLOTS + position
                group = groups[kind]
                found = group.get(key)
                if found is None:
                    group[key] = code  # most values are seen once: no list for them
                elif isinstance(found, int):
                    if found // _SLOTS != i:
                        group[key] = [found, code]
                elif found[-1] // _SLOTS != i:
                    found.append(code)
        for kind in sorted(groups):
            for key, members in groups[kind].items():
                if isinstance(members, list):
                    self.link_group(kind, key, members)
            groups[kind] = {}  # free the kind's index before the next one

    def repeated_co_travel(self) -> None:
        """Persons on the same flights on ``min_co_travel_days`` or more days (see module docstring)."""
        by_person: dict[str, list[int]] = defaultdict(list)
        for i, sighting in enumerate(self.sightings):
            if sighting.traveller.role not in _CREW and sighting.legs:
                by_person[self.person[i]].append(i)
        pairs: dict[tuple[Flight, Flight], list[str]] = {}
        limit = self.config.max_flights_for_co_travel
        for person, items in by_person.items():
            flights = {(key[0], key[1]) for i in items for key, _ in self.legs.of(self.sightings[i].legs)}
            if len(flights) < 2 or len(flights) > limit:
                continue
            dated = sorted((f, d) for f, d in flights if f and d is not None)
            if len({d for _, d in dated}) < self.config.min_co_travel_days:
                continue
            for first, second in combinations(dated, 2):
                if first[1] != second[1]:
                    pairs.setdefault((first, second), []).append(person)
        shared: dict[tuple[str, str], set[Flight]] = defaultdict(set)
        for (first, second), persons in pairs.items():
            if len(persons) < 2:
                continue
            if len(persons) > self.config.hub_limit:
                shown = f"{first[0]} {first[1]} + {second[0]} {second[1]}"
                link = Link(LinkKind.REPEATED_CO_TRAVEL, shown, self.tag(f"repeated:{shown}"))
                self.add_value(ValueRole.HUB, link, sorted(persons))
                continue
            for pair in combinations(sorted(persons), 2):
                shared[pair].update((first, second))
        for (a, b), together in sorted(shared.items()):
            days = len({d for _, d in together})
            if days < self.config.min_co_travel_days:
                continue
            shown = ", ".join(
                f"{flight} {day}" for flight, day in sorted(together, key=lambda f: (f[1], f[0]))
            )
            evidence = {
                p: tuple(Evidence(self.sightings[i].sighting_id) for i in by_person[p][:1]) for p in (a, b)
            }
            link = Link(LinkKind.REPEATED_CO_TRAVEL, shown, self.tag(f"repeated:{shown}"), evidence, days)
            self.edges[(a, b)].append(link)

    def graph(self, resolution: Resolution) -> LinkGraph:
        """Only linked persons become nodes (a million lone travellers would cost memory for nothing)."""
        graph = nx.Graph()
        graph.add_edges_from(self.drain())
        for node, (link, persons) in self.value_links.items():
            graph.add_edges_from((node, person, {"links": (link,)}) for person in persons)
        self.value_links.clear()
        return LinkGraph(graph, resolution.persons, dict(self.values))

    def drain(self) -> Iterator[tuple[str, str, dict[str, tuple[Link, ...]]]]:
        """The edges, each freed as it is handed over, so the two copies never coexist whole."""
        while self.edges:
            (a, b), links = self.edges.popitem()
            yield a, b, {"links": tuple(links)}


def build_link_graph(
    sightings: Iterable[Sighting], resolution: Resolution, config: LinkConfig | None = None
) -> LinkGraph:
    """The link graph of the resolved persons of ``sightings`` (see the module docstring)."""
    with collector_paused():
        unique = {s.sighting_id: s for s in sightings}
        builder = _Builder([unique[k] for k in sorted(unique)], resolution, config or LinkConfig())
        builder.by_keys()
        builder.repeated_co_travel()
        return builder.graph(resolution)
