"""A rule's condition tree: conditions combined with ``all``, ``any`` and ``not``.

Evaluation keeps the findings that decided the answer, so the explanation of a fired rule lists
exactly the conditions that held (for ``any``: every branch that held), with their values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from waystation.rules.conditions.base import Condition, Finding
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = ["All", "AnyOf", "Leaf", "Node", "Not", "Outcome", "describe", "evaluate_node", "leaves"]


@dataclass(frozen=True, slots=True)
class Leaf:
    """One built condition, where it sits in the file (``when.all[1].route``) and what it reads."""

    name: str
    condition: Condition
    reads: frozenset[str]
    path: str


@dataclass(frozen=True, slots=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


Node = Leaf | All | AnyOf | Not


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether a (sub)tree held, and the findings that decided it."""

    held: bool
    findings: tuple[Finding, ...]


def evaluate_node(node: Node, subject: RuleSubject, refs: ReferenceData) -> Outcome:
    if isinstance(node, Leaf):
        finding = node.condition.evaluate(subject, refs)
        return Outcome(finding.held, (finding,))
    if isinstance(node, All):
        collected: list[Finding] = []
        for child in node.children:
            outcome = evaluate_node(child, subject, refs)
            if not outcome.held:
                return Outcome(False, outcome.findings)
            collected.extend(outcome.findings)
        return Outcome(True, tuple(collected))
    if isinstance(node, AnyOf):
        held: list[Finding] = []
        missed: list[Finding] = []
        for child in node.children:
            outcome = evaluate_node(child, subject, refs)
            (held if outcome.held else missed).extend(outcome.findings)
        return Outcome(True, tuple(held)) if held else Outcome(False, tuple(missed))
    inner = evaluate_node(node.child, subject, refs)
    flipped = tuple(replace(f, held=not f.held, negated=not f.negated) for f in inner.findings)
    return Outcome(not inner.held, flipped)


def leaves(node: Node) -> Iterator[Leaf]:
    if isinstance(node, Leaf):
        yield node
    elif isinstance(node, Not):
        yield from leaves(node.child)
    else:
        for child in node.children:
            yield from leaves(child)


def describe(node: Node) -> str:
    """The tree in words: ``all of (the ticket is one-way; paid by cash (CA))``."""
    if isinstance(node, Leaf):
        return node.condition.describe()
    if isinstance(node, Not):
        return f"not ({describe(node.child)})"
    word = "all" if isinstance(node, All) else "any"
    return f"{word} of (" + "; ".join(describe(c) for c in node.children) + ")"
