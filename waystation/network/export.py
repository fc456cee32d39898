"""A person's neighbourhood, exported for analysts' other tools as GraphML and Cytoscape JSON.

The exported graph holds only what the link graph holds: names as written, masked values, link
kinds and evidence references. Its size is purpose-limited like every network query (one hop
without a case number) and the export returns the audit record of the query.

GraphML attributes must be scalars, so each edge carries ``kinds`` (comma-separated),
``explanation`` (sentences) and ``links`` as a JSON string; Cytoscape JSON gets ``links`` as a
list of objects.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import networkx as nx

from waystation.network.graph import LinkGraph, is_hub, is_shared
from waystation.network.links import Link, LinkKind
from waystation.network.paths import reach
from waystation.network.purpose import NetworkQueryAudit, Purpose, QueryKind, Subject, authorise, make_audit

__all__ = ["Neighbourhood", "neighbourhood", "to_cytoscape", "to_graphml"]


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """The exportable subgraph (networkx, scalar attributes) and the audit record of the query."""

    graph: Any
    audit: NetworkQueryAudit


def _link_record(link: Link, a: str, b: str) -> dict[str, Any]:
    return {
        "kind": link.kind.value,
        "shown": link.shown,
        "tag": link.tag,
        "occasions": link.occasions,
        "evidence": [str(e) for e in link.evidence_of(a, b)],
    }


def _edge(graph: LinkGraph, a: str, b: str, links: tuple[Link, ...]) -> dict[str, Any]:
    return {
        "kinds": ",".join(sorted({link.kind.value for link in links})),
        "weight": len(links),
        "explanation": "; ".join(link.sentence(graph.label(a), graph.label(b)) for link in links),
        "links": json.dumps([_link_record(link, a, b) for link in links], ensure_ascii=False),
    }


def _node(graph: LinkGraph, node: str, hops: int, subjects: dict[str, Subject]) -> dict[str, Any]:
    if is_shared(node):
        value = graph.values[node]
        return {
            "kind": value.role.value,
            "label": graph.label(node),
            "hops": hops,
            "shared_by": value.persons,
        }
    person = graph.persons[node]
    subject = subjects.get(node)
    return {
        "kind": "person",
        "label": person.label,
        "hops": hops,
        "birth_date": person.birth_date.iso() if person.birth_date else "",
        "nationalities": ",".join(person.nationalities),
        "documents": ",".join(person.documents),
        "sightings": len(person.sighting_ids),
        "subject": f"{subject.status.value} {subject.reference}" if subject else "",
    }


def neighbourhood(
    graph: LinkGraph,
    person_id: str,
    purpose: Purpose,
    *,
    hops: int = 1,
    kinds: Collection[LinkKind] | None = None,
    through_hubs: bool = False,
    subjects: Iterable[Subject] = (),
    at: datetime | None = None,
) -> Neighbourhood:
    """The persons within ``hops`` of ``person_id``, every link between them, the group nodes
    that join them and (with ``through_hubs``) the hubs. A shared-value node's ``hops`` is that of
    the first person through whom it was reached."""
    authorise(purpose, hops)
    marks = {s.person_id: s for s in subjects}
    reached = reach(graph, person_id, hops, kinds=kinds, through_hubs=through_hubs)
    out = nx.Graph()
    for node in sorted(reached.distance):
        if node in graph.persons:
            out.add_node(node, **_node(graph, node, reached.distance[node], marks))
    for node in sorted(out.nodes):
        if node not in graph.graph:
            continue  # a person without any link is no node of the link graph
        for other, data in graph.graph[node].items():
            links = tuple(lk for lk in data["links"] if kinds is None or lk.kind in kinds)
            if not links:
                continue
            if other in out and not out.has_edge(node, other):
                out.add_edge(node, other, **_edge(graph, node, other, links))
            elif is_shared(other) and (through_hubs or not is_hub(other)):
                if other not in out:
                    out.add_node(other, **_node(graph, other, reached.distance[node], marks))
                out.add_edge(node, other, **_edge(graph, node, other, links))
    record = make_audit(
        QueryKind.NEIGHBOURHOOD,
        purpose,
        max_hops=hops,
        through_hubs=through_hubs,
        started_from=[person_id],
        subjects=len(marks),
        disclosed=[n for n in out.nodes if not is_shared(n)],
        at=at,
    )
    return Neighbourhood(out, record)


def to_graphml(exported: Any) -> bytes:
    """GraphML (UTF-8 bytes) of a :class:`Neighbourhood` graph, readable by ``networkx.read_graphml``."""
    buffer = io.BytesIO()
    nx.write_graphml(exported, buffer, encoding="utf-8")
    return buffer.getvalue()


def to_cytoscape(exported: Any) -> dict[str, Any]:
    """Cytoscape.js JSON (``{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}``)."""
    data: dict[str, Any] = nx.cytoscape_data(exported)
    for edge in data["elements"]["edges"]:
        edge["data"]["links"] = json.loads(edge["data"]["links"])
    return data
