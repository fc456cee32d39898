"""The protected-attribute guard: refuse rules that target who people are instead of what they do.

Three checks, each reported as its own problem naming the rule, the condition and the reason:

1. **Fields** (whitelist): every field a condition reads must be allowed by the policy. A field
   that encodes a protected category, or is its obvious proxy (names, sex, age, birth place,
   address), is refused with that category named.
2. **Values** (blacklist): text a condition searches for (remark words, field values), the rule's
   title and area names are checked for protected codes (religious meals MOML/KSML/HNML,
   medical WCHR/MEDA…) and keywords (religious, ethnic, political, union, health, sexual terms).
3. **Nationality never alone**: nationality (and the issuing country of a document, which is
   nationality by another name) may narrow a rule but never carry it. Every way the rule can fire
   — every branch of its ``any``, through ``not`` — must include a *positive* condition that is
   not about nationality. Negated conditions do not count: "nationality X and not one-way" still
   selects almost everyone of nationality X.

The third check works on "kinds" of satisfying branches instead of expanding the tree into
disjunctive normal form, so it stays linear in the size of the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from waystation.rules.areas import Area
from waystation.rules.problems import Problem, ProblemCode
from waystation.rules.protected import Policy
from waystation.rules.tree import All, Leaf, Node, Not, leaves

__all__ = ["guard_areas", "guard_rule", "nationality_only_branch"]


class _Kind(IntEnum):
    """What a satisfying branch rests on, ordered by how it combines under ``all``."""

    EMPTY = 0  # only negated non-nationality conditions
    NATIONALITY = 1  # a nationality condition and no positive non-nationality condition
    SUPPORTED = 2  # at least one positive non-nationality condition


_Witness = dict[_Kind, tuple[str, ...]]


def _leaf_kind(leaf: Leaf, policy: Policy, positive: bool) -> _Kind:
    if any(policy.is_nationality(name) for name in leaf.reads):
        return _Kind.NATIONALITY
    return _Kind.SUPPORTED if positive else _Kind.EMPTY


def _kinds(node: Node, policy: Policy, positive: bool) -> _Witness:
    """The kinds of branches under which ``node`` (negated when not ``positive``) can hold."""
    if isinstance(node, Leaf):
        label = ("" if positive else "not ") + f"{node.name} ({node.path})"
        return {_leaf_kind(node, policy, positive): (label,)}
    if isinstance(node, Not):
        return _kinds(node.child, policy, not positive)
    children = [_kinds(child, policy, positive) for child in node.children]
    conjunctive = isinstance(node, All) == positive
    if not conjunctive:  # a union of the children's branches
        merged: _Witness = {}
        for child in children:
            for kind, witness in child.items():
                merged.setdefault(kind, witness)
        return merged
    combined: _Witness = {_Kind.EMPTY: ()}
    for child in children:
        step: _Witness = {}
        for kind_a, witness_a in combined.items():
            for kind_b, witness_b in child.items():
                step.setdefault(max(kind_a, kind_b), witness_a + witness_b)
        combined = step
    return combined


def nationality_only_branch(node: Node, policy: Policy) -> tuple[str, ...] | None:
    """A way the rule can fire on nationality alone (its conditions), or ``None`` when there is none."""
    return _kinds(node, policy, True).get(_Kind.NATIONALITY)


def guard_rule(
    rule_id: str, title: str, node: Node, policy: Policy, source: str, line: int | None = None
) -> list[Problem]:
    """Every protected-attribute problem of one rule."""
    problems: list[Problem] = []
    for leaf in leaves(node):
        for name in sorted(leaf.reads):
            violation = policy.field_violation(name)
            if violation is not None:
                reason = f"condition {leaf.path} reads {name}, which a rule may not use: {violation.reason}"
                if violation.category != "not_whitelisted":
                    reason += f" ({violation.category_label})"
                problems.append(Problem(rule_id, ProblemCode.PROTECTED_FIELD, reason, source, line))
        for text in leaf.condition.searched_text():
            violation = policy.text_violation(text)
            if violation is not None:
                reason = f"condition {leaf.path} searches for {text!r}: {violation.sentence()}"
                problems.append(Problem(rule_id, ProblemCode.PROTECTED_VALUE, reason, source, line))
    violation = policy.text_violation(title)
    if violation is not None:
        reason = f"the title {title!r} names a protected attribute: {violation.sentence()}"
        problems.append(Problem(rule_id, ProblemCode.PROTECTED_VALUE, reason, source, line))
    branch = nationality_only_branch(node, policy)
    if branch is not None:
        reason = (
            "nationality can never be a rule's only condition, but this rule can fire on "
            + " and ".join(branch)
            + " alone; add a non-nationality condition to every branch"
        )
        problems.append(Problem(rule_id, ProblemCode.NATIONALITY_ONLY, reason, source, line))
    return problems


def guard_areas(areas: Mapping[str, Area], policy: Policy, source: str) -> list[Problem]:
    """Area names and titles must not name protected attributes ("muslim-countries")."""
    problems: list[Problem] = []
    for area in areas.values():
        for text in (area.name, area.title):
            violation = policy.text_violation(text)
            if violation is not None:
                reason = f"area {area.name}: {text!r} names a protected attribute: {violation.sentence()}"
                problems.append(Problem(None, ProblemCode.PROTECTED_VALUE, reason, source))
                break
    return problems
