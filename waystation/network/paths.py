"""Shortest explained paths from a person to listed or confirmed subjects.

A breadth-first search over persons, at most ``max_hops`` deep, that keeps every shortest-path
predecessor; the paths to each subject reached are then read back, smallest ids first, so the
answer is the same on every run. Each step of a path keeps the links that join its two persons,
so a path reads as sentences an analyst can check against the messages: "ALI HASSAN and OMAR
FAROUK gave the same phone +90*******67 (PNR …, segment 14); OMAR FAROUK and … are in booking …".

Hops are counted between persons: going through a hub (when ``through_hubs``) is one hop.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from waystation.network.graph import LinkGraph
from waystation.network.links import Link, LinkKind
from waystation.network.purpose import NetworkQueryAudit, Purpose, QueryKind, Subject, authorise, make_audit

__all__ = [
    "ExplainedPath",
    "PathResult",
    "PathStep",
    "Reach",
    "explain",
    "paths_to_subjects",
    "reach",
    "subject_paths",
]


@dataclass(frozen=True, slots=True)
class PathStep:
    """One hop: two persons and every link (of the kinds asked for) between them."""

    source: str
    target: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ExplainedPath:
    """A shortest path from ``person_id`` to a subject, with a sentence per link."""

    person_id: str
    subject: Subject
    nodes: tuple[str, ...]
    steps: tuple[PathStep, ...]
    explanation: str

    @property
    def hops(self) -> int:
        return len(self.steps)


@dataclass(frozen=True, slots=True)
class PathResult:
    paths: tuple[ExplainedPath, ...]
    audit: NetworkQueryAudit


@dataclass(slots=True)
class Reach:
    """The BFS from one person: hop counts, shortest-path predecessors, and links seen."""

    source: str
    distance: dict[str, int]
    parents: dict[str, list[str]]
    links: dict[str, dict[str, tuple[Link, ...]]]

    def paths_to(self, target: str, limit: int) -> list[tuple[str, ...]]:
        """Up to ``limit`` shortest paths to ``target``, in a fixed order (smallest ids first)."""
        found: list[tuple[str, ...]] = []

        def walk(node: str, tail: tuple[str, ...]) -> None:
            if len(found) >= limit:
                return
            if node == self.source:
                found.append((node, *tail))
                return
            for parent in self.parents.get(node, ()):
                walk(parent, (node, *tail))

        if target in self.distance:
            walk(target, ())
        return found


def reach(
    graph: LinkGraph,
    source: str,
    max_hops: int,
    *,
    kinds: Collection[LinkKind] | None = None,
    through_hubs: bool = False,
) -> Reach:
    """Breadth-first search from ``source`` to ``max_hops`` (no purpose check: callers do it)."""
    result = Reach(source, {source: 0}, {}, {})
    frontier = [source]
    for depth in range(1, max_hops + 1):
        following: list[str] = []
        for node in frontier:
            adjacent = graph.neighbours(node, kinds=kinds, through_hubs=through_hubs)
            result.links[node] = adjacent
            for other in sorted(adjacent):
                seen = result.distance.get(other)
                if seen is None:
                    result.distance[other] = depth
                    result.parents[other] = [node]
                    following.append(other)
                elif seen == depth:
                    result.parents[other].append(node)
        frontier = following
    for parents in result.parents.values():
        parents.sort()
    return result


def explain(graph: LinkGraph, reach_: Reach, nodes: tuple[str, ...], subject: Subject) -> ExplainedPath:
    steps = tuple(PathStep(a, b, reach_.links[a][b]) for a, b in pairwise(nodes))
    sentences = [
        "; ".join(link.sentence(graph.label(step.source), graph.label(step.target)) for link in step.links)
        for step in steps
    ]
    tail = f"{graph.label(subject.person_id)} is a {subject.status.value} subject ({subject.reference})"
    return ExplainedPath(nodes[0], subject, nodes, steps, ". ".join([*sentences, tail]) + ".")


def subject_paths(
    graph: LinkGraph, reach_: Reach, subjects: Iterable[Subject], per_subject: int
) -> list[ExplainedPath]:
    """The explained paths from the reach's source to each subject it reached, nearest first."""
    found: list[ExplainedPath] = []
    for subject in subjects:
        if subject.person_id == reach_.source:
            continue
        for nodes in reach_.paths_to(subject.person_id, per_subject):
            found.append(explain(graph, reach_, nodes, subject))
    found.sort(key=lambda p: (p.hops, p.subject.person_id, p.nodes))
    return found


def paths_to_subjects(
    graph: LinkGraph,
    person_id: str,
    subjects: Iterable[Subject],
    purpose: Purpose,
    *,
    max_hops: int = 2,
    kinds: Collection[LinkKind] | None = None,
    through_hubs: bool = False,
    paths_per_subject: int = 3,
    at: datetime | None = None,
) -> PathResult:
    """The shortest explained paths (``max_hops``, two by default) from a person to the subjects.

    Beyond one hop ``purpose.case_number`` is required (:class:`~waystation.exc.Forbidden`
    otherwise); the result carries the audit record of the query.
    """
    authorise(purpose, max_hops)
    targets = {s.person_id: s for s in subjects}
    reached = reach(graph, person_id, max_hops, kinds=kinds, through_hubs=through_hubs)
    paths = subject_paths(graph, reached, [targets[k] for k in sorted(targets)], paths_per_subject)
    record = make_audit(
        QueryKind.PATHS,
        purpose,
        max_hops=max_hops,
        through_hubs=through_hubs,
        started_from=[person_id],
        subjects=len(targets),
        disclosed=[node for path in paths for node in path.nodes],
        at=at,
    )
    return PathResult(tuple(paths), record)
