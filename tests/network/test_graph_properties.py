"""Graph results against brute-force references on random inputs (the way splink checks its
connected components against networkx on random graphs — here the reference is plain Python).

1. Random bookings → link graph, compared with a pairwise scan of every pair of persons.
2. Groups (connected components) compared with a union-find over the reference pairs.
3. Shortest explained paths on random graphs with group and hub nodes, compared with a plain BFS
   that counts the shortest paths.
"""

from __future__ import annotations

from collections import deque
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.network.builders import booking, leg, push, traveller
from waystation.model import Leg, PnrPush
from waystation.network import (
    Link,
    LinkConfig,
    LinkGraph,
    LinkKind,
    Person,
    Purpose,
    Subject,
    SubjectStatus,
    build_link_graph,
    collect_sightings,
    paths_to_subjects,
    resolve_persons,
    travel_groups,
)
from waystation.network.graph import SharedValue, ValueRole, shared_id

CARDS = [(f"{n:064x}", "VI", f"{n:04d}") for n in range(1, 4)]
PHONES = ["+90 532 000 00 01", "+90 532 000 00 02", "+90 532 000 00 03", "+90 532 000 00 04"]
FLIGHTS = [("TK2228", "IST", "GZT"), ("TK2246", "IST", "HTY")]
DAYS = [3, 10, 17, 24]


@st.composite
def bookings(draw: st.DrawFn) -> tuple[int, list[tuple[list[int], int | None, int | None, int, int]]]:
    people = draw(st.integers(2, 10))
    made = draw(
        st.lists(
            st.tuples(
                st.lists(st.integers(0, people - 1), min_size=1, max_size=4, unique=True),
                st.none() | st.integers(0, len(PHONES) - 1),
                st.none() | st.integers(0, len(CARDS) - 1),
                st.integers(0, len(FLIGHTS) - 1),
                st.integers(0, len(DAYS) - 1),
            ),
            min_size=1,
            max_size=12,
        )
    )
    return people, made


def _leg(flight: int, day: int) -> Leg:
    number, origin, destination = FLIGHTS[flight]
    return leg(
        number, origin, destination, f"2026-03-{DAYS[day]:02d}T10:00", f"2026-03-{DAYS[day]:02d}T11:30"
    )


def _messages(made: list[tuple[list[int], int | None, int | None, int, int]]) -> list[PnrPush]:
    return [
        push(
            f"PNR-{n:02d}",
            [
                booking(
                    f"LOC{n:03d}",
                    [
                        traveller(str(k + 1), f"PERSON{i}", "TEST", dob=f"19{60 + i}-01-01")
                        for k, i in enumerate(who)
                    ],
                    [_leg(flight, day)],
                    phones=[PHONES[phone]] if phone is not None else [],
                    cards=[CARDS[card]] if card is not None else [],
                )
            ],
        )
        for n, (who, phone, card, flight, day) in enumerate(made)
    ]


def _reference(
    made: list[tuple[list[int], int | None, int | None, int, int]], hub_limit: int
) -> set[tuple[int, int, LinkKind]]:
    """Every (a, b, kind) a pairwise scan finds, with the hub rule applied by counting holders."""
    holders: dict[tuple[LinkKind, int], set[int]] = {}
    flights: dict[int, set[tuple[int, int]]] = {}
    for who, phone, card, flight, day in made:
        for kind, value in ((LinkKind.PHONE, phone), (LinkKind.CARD, card)):
            if value is not None:
                holders.setdefault((kind, value), set()).update(who)
        for i in who:
            flights.setdefault(i, set()).add((flight, day))
    found: set[tuple[int, int, LinkKind]] = set()
    people = sorted(flights)
    for a, b in combinations(people, 2):
        for who, _, _, _, _ in made:
            if a in who and b in who:
                found.add((a, b, LinkKind.CO_TRAVEL))  # every booking has one leg that all share
        for (kind, _), members in holders.items():
            if a in members and b in members and len(members) <= hub_limit:
                found.add((a, b, kind))
        shared = flights[a] & flights[b]
        covered: set[tuple[int, int]] = set()
        for f1, f2 in combinations(sorted(shared), 2):
            # holders are the persons who could be linked at all: on flights on three days or more
            both = [p for p in people if {f1, f2} <= flights[p] and len({d for _, d in flights[p]}) >= 3]
            if f1[1] != f2[1] and len(both) <= hub_limit:
                covered |= {f1, f2}
        if len({day for _, day in covered}) >= 3:
            found.add((a, b, LinkKind.REPEATED_CO_TRAVEL))
    return found


def _find(parent: dict[int, int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@settings(max_examples=150, deadline=None)
@given(bookings(), st.integers(2, 6), st.integers(2, 6))
def test_links_and_groups_match_a_pairwise_scan(
    drawn: tuple[int, list[tuple[list[int], int | None, int | None, int, int]]], hub_limit: int, clique: int
) -> None:
    _, made = drawn
    sightings = collect_sightings(_messages(made))
    resolution = resolve_persons(sightings)
    config = LinkConfig(hub_limit=hub_limit, clique_limit=min(clique, hub_limit))
    graph = build_link_graph(sightings, resolution, config)
    index = {pid: int(p.names[0].split()[1].removeprefix("PERSON")) for pid, p in resolution.persons.items()}
    assert len(index) == len({i for who, *_ in made for i in who})  # one person each, never merged

    got: set[tuple[int, int, LinkKind]] = set()
    for a in index:
        for b, links in graph.neighbours(a).items():  # cliques and group nodes alike
            for link in links:
                x, y = sorted((index[a], index[b]))
                got.add((x, y, link.kind))
                assert link.evidence_of(a)
                assert link.evidence_of(b)
            assert graph.links(a, b) == links
    assert got == _reference(made, hub_limit)
    edges = sum(1 for a, b in graph.graph.edges if a in index and b in index)
    assert edges <= len(made) * config.clique_limit**2  # no value costs more than its clique

    for kinds in ({LinkKind.CO_TRAVEL, LinkKind.BOOKING, LinkKind.REPEATED_CO_TRAVEL}, set(LinkKind)):
        parent = {i: i for i in index.values()}
        for a, b, kind in got:
            if kind in kinds:
                parent[_find(parent, a)] = _find(parent, b)
        expected: dict[int, set[int]] = {}
        for i in parent:
            expected.setdefault(_find(parent, i), set()).add(i)
        groups = travel_groups(graph, kinds=kinds)
        assert sorted(sorted(index[p] for p in g) for g in groups) == sorted(
            sorted(g) for g in expected.values() if len(g) > 1
        )
        # Restricted to some persons (a flight's passengers, a query's reach): only links between two
        # of them count, computed without scanning the whole graph.
        kept = {pid for pid, i in index.items() if i % 2 == 0}
        parent = {index[p]: index[p] for p in kept}
        for a, b, kind in got:
            if kind in kinds and a in parent and b in parent:
                parent[_find(parent, a)] = _find(parent, b)
        within: dict[int, set[int]] = {}
        for i in parent:
            within.setdefault(_find(parent, i), set()).add(i)
        restricted = travel_groups(graph, kinds=kinds, persons=kept)
        assert sorted(sorted(index[p] for p in g) for g in restricted) == sorted(
            sorted(g) for g in within.values() if len(g) > 1
        )


Drawn = tuple[int, list[tuple[int, int, LinkKind]], list[list[int]], list[list[int]]]


@st.composite
def graphs(draw: st.DrawFn) -> Drawn:
    n = draw(st.integers(2, 14))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = draw(st.lists(st.tuples(st.sampled_from(pairs), st.sampled_from(list(LinkKind))), max_size=30))
    values = st.lists(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True), max_size=2)
    return n, [(a, b, kind) for (a, b), kind in edges], draw(values), draw(values)


def _link_graph(
    n: int, edges: list[tuple[int, int, LinkKind]], hubs: list[list[int]], groups: list[list[int]]
) -> LinkGraph:
    import networkx as nx

    graph = nx.Graph()
    for a, b, kind in edges:
        links = graph.get_edge_data(f"P{a:02d}", f"P{b:02d}", {"links": ()})["links"]
        graph.add_edge(f"P{a:02d}", f"P{b:02d}", links=(*links, Link(kind, f"v{a}-{b}", "t")))
    made: dict[str, SharedValue] = {}
    for role, kind, values in (
        (ValueRole.HUB, LinkKind.PHONE, hubs),
        (ValueRole.GROUP, LinkKind.CARD, groups),
    ):
        for h, members in enumerate(values):
            node = shared_id(role, kind, f"h{h}")
            made[node] = SharedValue(node, role, kind, f"*{h}", f"h{h}", len(members))
            for m in members:
                graph.add_edge(node, f"P{m:02d}", links=(Link(kind, f"*{h}", f"h{h}"),))
    persons = {f"P{i:02d}": Person(f"P{i:02d}", (f"s{i}",), (f"NAME {i}",)) for i in range(n)}
    return LinkGraph(graph, persons, made)


def _bfs(
    drawn: Drawn, kinds: set[LinkKind], through: bool, source: int
) -> tuple[dict[int, int], dict[int, int]]:
    """Hop counts and the number of shortest paths from ``source``, by plain BFS."""
    n, edges, hubs, groups = drawn
    adjacent: dict[int, set[int]] = {i: set() for i in range(n)}
    for a, b, kind in edges:
        if kind in kinds:
            adjacent[a].add(b)
            adjacent[b].add(a)
    shared = (hubs if through and LinkKind.PHONE in kinds else []) + (
        groups if LinkKind.CARD in kinds else []
    )
    for members in shared:
        for a, b in combinations(members, 2):
            adjacent[a].add(b)
            adjacent[b].add(a)
    distance, count = {source: 0}, {source: 1}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for other in adjacent[node]:
            if other not in distance:
                distance[other] = distance[node] + 1
                count[other] = 0
                queue.append(other)
            if distance[other] == distance[node] + 1:
                count[other] += count[node]
    return distance, count


@settings(max_examples=200, deadline=None)
@given(
    graphs(),
    st.integers(0, 13),
    st.integers(1, 4),
    st.sets(st.sampled_from(list(LinkKind)), min_size=1),
    st.booleans(),
    st.integers(1, 4),
)
def test_shortest_paths_match_a_plain_bfs(
    drawn: Drawn,
    source: int,
    max_hops: int,
    kinds: set[LinkKind],
    through: bool,
    limit: int,
) -> None:
    n = drawn[0]
    source %= n
    graph = _link_graph(*drawn)
    subjects = [Subject(f"P{i:02d}", SubjectStatus.CONFIRMED, f"C-{i}") for i in range(n)]
    result = paths_to_subjects(
        graph, f"P{source:02d}", subjects, Purpose("test", "CASE-1"),
        max_hops=max_hops, kinds=kinds, through_hubs=through, paths_per_subject=limit,
    )  # fmt: skip
    distance, count = _bfs(drawn, kinds, through, source)
    expected = {t: min(limit, count[t]) for t, d in distance.items() if 0 < d <= max_hops}
    got: dict[int, int] = {}
    for path in result.paths:
        target = int(path.subject.person_id[1:])
        got[target] = got.get(target, 0) + 1
        assert path.nodes[0] == f"P{source:02d}"
        assert path.hops == distance[target]
        for step in path.steps:
            assert step.links
            assert all(link.kind in kinds for link in step.links)
    assert got == expected
    assert len({p.nodes for p in result.paths}) == len(result.paths)
    hops = [p.hops for p in result.paths]
    assert hops == sorted(hops)
