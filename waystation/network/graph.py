"""The link graph: resolved persons joined by explained links, large groups and hubs as nodes.

Nodes are person ids (``P-…``) and *shared-value* nodes; every edge carries the tuple of
:class:`~waystation.network.links.Link` that join its two ends under the ``"links"`` attribute.
How persons sharing one value (a booking, a phone, a card…) are joined depends on how many they are:

* up to ``clique_limit`` (a family, a small party): a direct edge between every two of them;
* up to ``hub_limit``: a **group** node (``group:<kind>:<tag>``) with one edge per person — the
  same information as the clique without its quadratic cost; analysis passes through it as one
  hop, so nothing changes for paths and groups;
* more (an agency's phone, a corporate card, a charter booking): a **hub** node
  (``hub:<kind>:<tag>``), passed through only when a query asks ``through_hubs``, because "shares
  the agency's phone with 10,000 others" explains nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from waystation.network.links import Link, LinkKind
from waystation.network.resolve import Person

__all__ = ["LinkGraph", "SharedValue", "ValueRole", "is_hub", "is_shared", "shared_id"]


class ValueRole(StrEnum):
    GROUP = "group"
    HUB = "hub"


def shared_id(role: ValueRole, kind: LinkKind, tag: str) -> str:
    return f"{role.value}:{kind.value}:{tag}"


def is_hub(node: str) -> bool:
    return node.startswith("hub:")


def is_shared(node: str) -> bool:
    """A group or hub node (not a person)."""
    return node.startswith(("hub:", "group:"))


@dataclass(frozen=True, slots=True)
class SharedValue:
    """A value shared by more persons than ``clique_limit``: a node joined to each of them."""

    node_id: str
    role: ValueRole
    kind: LinkKind
    shown: str
    tag: str
    persons: int


class LinkGraph:
    """A networkx graph of persons and shared values, with the persons and values it was built from."""

    def __init__(self, graph: Any, persons: Mapping[str, Person], values: Mapping[str, SharedValue]) -> None:
        self.graph = graph
        self.persons = persons
        self.values = values

    @property
    def hubs(self) -> dict[str, SharedValue]:
        return {k: v for k, v in self.values.items() if v.role is ValueRole.HUB}

    def __contains__(self, node: object) -> bool:
        return node in self.persons or node in self.values

    def label(self, node: str) -> str:
        """A person's first name as written, or a shared value's kind, masked value and size."""
        if node in self.values:
            value = self.values[node]
            return f"{value.kind.value} {value.shown} (shared by {value.persons})"
        person = self.persons.get(node)
        return person.label if person else node

    def links(self, a: str, b: str) -> tuple[Link, ...]:
        """The direct links between persons ``a`` and ``b``, and those through a group node they share."""
        data = self.graph.get_edge_data(a, b) if a in self.graph and b in self.graph else None
        found = list(data["links"]) if data else []
        if a in self.graph and b in self.graph:
            for node in self.graph[a]:
                if node.startswith("group:") and self.graph.has_edge(node, b):
                    found.extend(self.graph[a][node]["links"])
        return tuple(found)

    def hubs_of(self, person_id: str) -> tuple[SharedValue, ...]:
        if person_id not in self.graph:
            return ()
        return tuple(self.values[n] for n in sorted(self.graph[person_id]) if is_hub(n))

    def neighbours(
        self,
        person_id: str,
        *,
        kinds: Collection[LinkKind] | None = None,
        through_hubs: bool = False,
    ) -> dict[str, tuple[Link, ...]]:
        """The persons one hop away, each with the links (of ``kinds``, default all) that join them.

        Through a group node, and through a hub when ``through_hubs``, every other person sharing
        the value is one hop away, joined by the value's link.
        """
        found: dict[str, list[Link]] = {}
        if person_id not in self.graph:
            return {}
        adjacency = self.graph[person_id]
        for node in adjacency:
            links = [lk for lk in adjacency[node]["links"] if kinds is None or lk.kind in kinds]
            if not links:
                continue
            if not is_shared(node):
                found.setdefault(node, []).extend(links)
            elif through_hubs or not is_hub(node):
                for other in self.graph[node]:
                    if other != person_id:
                        found.setdefault(other, []).extend(links)
        return {node: tuple(links) for node, links in found.items()}

    def stats(self) -> dict[str, int]:
        """Counts for logs and benchmarks: persons, values, edges, and person-to-person links by kind."""
        kinds: dict[str, int] = {}
        shared_edges = 0
        for a, b, data in self.graph.edges(data=True):
            if is_shared(a) or is_shared(b):
                shared_edges += 1
                continue
            for link in data["links"]:
                kinds[link.kind.value] = kinds.get(link.kind.value, 0) + 1
        roles = [v.role for v in self.values.values()]
        return {
            "persons": len(self.persons),
            "linked_persons": sum(1 for n in self.graph if not is_shared(n)),
            "groups": roles.count(ValueRole.GROUP),
            "hubs": roles.count(ValueRole.HUB),
            "value_edges": shared_edges,
            "person_edges": int(self.graph.number_of_edges()) - shared_edges,
            **{f"links_{k}": v for k, v in sorted(kinds.items())},
        }
