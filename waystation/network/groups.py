"""Groups travelling together: connected components (or communities) over travel links.

Only the travel kinds join a group by default — same booking, co-travel, repeated co-travel —
because a group is *who travelled together*; shared phones or cards are network links, examined
through the purpose-limited path queries instead. A group node (a booking of more than
``clique_limit`` travellers) joins its members as its clique would; hubs never join a group: a
150-seat charter booking or an agency phone is not a group of companions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import networkx as nx

from waystation.network.graph import LinkGraph, is_hub, is_shared
from waystation.network.links import LinkKind

__all__ = ["TRAVEL_KINDS", "communities", "travel_groups"]

TRAVEL_KINDS = frozenset({LinkKind.BOOKING, LinkKind.CO_TRAVEL, LinkKind.REPEATED_CO_TRAVEL})


def _edges(graph: LinkGraph, keep: frozenset[str] | None) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every edge, or only those touching a kept person (a few persons' groups: no full scan)."""
    if keep is None:
        yield from graph.graph.edges(data=True)
        return
    for person in sorted(keep):
        if person in graph.graph:
            for other, data in graph.graph[person].items():
                yield person, other, data


def _travel_graph(graph: LinkGraph, kinds: Collection[LinkKind], persons: Collection[str] | None) -> Any:
    wanted = frozenset(kinds)
    keep = None if persons is None else frozenset(persons)
    sub = nx.Graph()
    for a, b, data in _edges(graph, keep):
        if is_hub(a) or is_hub(b) or not any(link.kind in wanted for link in data["links"]):
            continue
        if keep is None or ((a in keep or is_shared(a)) and (b in keep or is_shared(b))):
            sub.add_edge(a, b)
    return sub


def _ordered(groups: list[frozenset[str]], min_size: int) -> list[frozenset[str]]:
    persons = (frozenset(n for n in g if not is_shared(n)) for g in groups)
    return sorted((g for g in persons if len(g) >= min_size), key=lambda g: (-len(g), min(g)))


def travel_groups(
    graph: LinkGraph,
    *,
    kinds: Collection[LinkKind] = TRAVEL_KINDS,
    persons: Collection[str] | None = None,
    min_size: int = 2,
) -> list[frozenset[str]]:
    """Connected components of the persons joined by ``kinds`` links, largest first.

    ``persons`` restricts the groups to a set (the passengers of one flight, say): only links
    between two of them count.
    """
    sub = _travel_graph(graph, kinds, persons)
    return _ordered([frozenset(c) for c in nx.connected_components(sub)], min_size)


def communities(
    graph: LinkGraph,
    *,
    kinds: Collection[LinkKind] = TRAVEL_KINDS,
    persons: Collection[str] | None = None,
    min_size: int = 2,
    seed: int = 0,
) -> list[frozenset[str]]:
    """Louvain communities inside the travel components (a large component split into its groups).

    Deterministic for a given ``seed``; weight is the number of links on an edge.
    """
    sub = _travel_graph(graph, kinds, persons)
    for a, b in sub.edges:
        sub[a][b]["weight"] = len(graph.graph[a][b]["links"])
    found = nx.community.louvain_communities(sub, weight="weight", seed=seed)
    return _ordered([frozenset(c) for c in found], min_size)
