"""The link graph: resolved persons joined by explained links, and the hubs kept out of the way.

Nodes are person ids (``P-…``) and hub ids (``hub:<kind>:<tag>``); every edge carries the tuple of
:class:`~waystation.network.links.Link` that join its two ends under the ``"links"`` attribute.
A *hub* is a value shared by so many persons (an agency's phone, a corporate card, a charter
booking) that linking everyone to everyone would be quadratic and would explain nothing; it is a
node of its own with one edge per person, and analysis passes through it only when asked to.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from waystation.network.links import Link, LinkKind
from waystation.network.resolve import Person

__all__ = ["Hub", "LinkGraph", "hub_id", "is_hub"]

_HUB = "hub:"


def hub_id(kind: LinkKind, tag: str) -> str:
    return f"{_HUB}{kind.value}:{tag}"


def is_hub(node: str) -> bool:
    return node.startswith(_HUB)


@dataclass(frozen=True, slots=True)
class Hub:
    """A value shared by more persons than the configured limit: recorded, not expanded into pairs."""

    hub_id: str
    kind: LinkKind
    shown: str
    tag: str
    persons: int


class LinkGraph:
    """A networkx graph of persons and hubs, with the persons and hubs it was built from."""

    def __init__(self, graph: Any, persons: Mapping[str, Person], hubs: Mapping[str, Hub]) -> None:
        self.graph = graph
        self.persons = persons
        self.hubs = hubs

    def __contains__(self, node: object) -> bool:
        return node in self.persons or node in self.hubs

    def label(self, node: str) -> str:
        """A person's first name as written, or a hub's masked value."""
        if node in self.hubs:
            hub = self.hubs[node]
            return f"{hub.kind.value} {hub.shown} (shared by {hub.persons})"
        person = self.persons.get(node)
        return person.label if person else node

    def links(self, a: str, b: str) -> tuple[Link, ...]:
        """The links on the edge between ``a`` and ``b`` (empty when there is none)."""
        data = self.graph.get_edge_data(a, b)
        return tuple(data["links"]) if data else ()

    def hubs_of(self, person_id: str) -> tuple[Hub, ...]:
        if person_id not in self.graph:
            return ()
        return tuple(self.hubs[n] for n in sorted(self.graph[person_id]) if is_hub(n))

    def neighbours(
        self,
        person_id: str,
        *,
        kinds: Collection[LinkKind] | None = None,
        through_hubs: bool = False,
    ) -> dict[str, tuple[Link, ...]]:
        """The persons one hop away, each with the links (of ``kinds``, default all) that join them.

        Through a hub, every other person sharing the hub's value is one hop away, joined by the
        hub's link; hubs are skipped unless ``through_hubs``.
        """
        found: dict[str, list[Link]] = {}
        if person_id not in self.graph:
            return {}
        adjacency = self.graph[person_id]
        for node in adjacency:
            links = [lk for lk in adjacency[node]["links"] if kinds is None or lk.kind in kinds]
            if not links:
                continue
            if not is_hub(node):
                found.setdefault(node, []).extend(links)
            elif through_hubs:
                for other in self.graph[node]:
                    if other != person_id:
                        found.setdefault(other, []).extend(links)
        return {node: tuple(links) for node, links in found.items()}

    def stats(self) -> dict[str, int]:
        """Counts for logs and benchmarks."""
        kinds: dict[str, int] = {}
        hub_edges = 0
        for a, b, data in self.graph.edges(data=True):
            if is_hub(a) or is_hub(b):
                hub_edges += 1
                continue
            for link in data["links"]:
                kinds[link.kind.value] = kinds.get(link.kind.value, 0) + 1
        return {
            "persons": len(self.persons),
            "hubs": len(self.hubs),
            "hub_edges": hub_edges,
            "person_edges": int(self.graph.number_of_edges()) - hub_edges,
            **{f"links_{k}": v for k, v in sorted(kinds.items())},
        }
