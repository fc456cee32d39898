"""Reading a rule file: every problem at once, then frozen rules the engine can trust.

``check_rules(text, source)`` returns the problems (empty: the file is good); ``load_rules``
raises one :class:`~waystation.exc.RuleError` carrying all of them; ``read_rules`` returns the
good rules and the problems of the others (for listings that should show what is wrong without
refusing the rest). Nothing here raises on bad input: arbitrary YAML gives problems, not crashes.

File shape::

    format: waystation-rules/1        # optional
    areas:  {name: {title, airports: [...], countries: [...]}}
    rules:
      - id, title, version, owner, justification,
        approval: {approved_by, approved_at},  # absent: a draft, which never fires
        valid_from, expires, severity,
        when: {all: [...]} | {any: [...]} | {not: {...}} | {<condition>: {params}}
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError

import waystation.rules.conditions  # noqa: F401  (registers the shipped conditions)
from waystation.rules.areas import Area, area_problems, default_areas
from waystation.rules.conditions.base import BuildContext, BuildError, ConditionRegistry, default_registry
from waystation.rules.guard import guard_areas, guard_rule
from waystation.rules.model import Approval, Rule, RuleSet
from waystation.rules.problems import Problem, ProblemCode, pydantic_problems, raise_for
from waystation.rules.protected import Policy, default_policy
from waystation.rules.schema import FORMAT, MAX_VALIDITY_DAYS, RuleModel, justification_problems
from waystation.rules.textload import load_document, rule_lines
from waystation.rules.tree import All, AnyOf, Leaf, Node, Not

__all__ = ["MAX_CONDITIONS", "MAX_DEPTH", "check_rules", "load_rules", "read_rules"]

MAX_DEPTH = 8
MAX_CONDITIONS = 40
_TOP_KEYS = {"format", "areas", "rules"}


@dataclass
class _Walk:
    """State while building one rule's condition tree."""

    rule_id: str | None
    source: str
    line: int | None
    registry: ConditionRegistry
    context: BuildContext
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    nodes: int = 0
    aborted: bool = False

    def problem(self, code: ProblemCode, reason: str) -> None:
        self.problems.append(Problem(self.rule_id, code, reason, self.source, self.line))

    def too_complex(self, reason: str) -> None:
        """Report once and stop walking: YAML aliases can make a small file a huge tree."""
        self.problem(ProblemCode.TOO_COMPLEX, reason)
        self.aborted = True

    def node(self, raw: object, path: str, depth: int) -> Node | None:
        if self.aborted:
            return None
        self.nodes += 1
        if depth > MAX_DEPTH:
            self.too_complex(f"{path}: conditions nested deeper than {MAX_DEPTH} levels")
            return None
        if self.nodes > 2 * MAX_CONDITIONS:
            self.too_complex(
                f"{path}: more than {2 * MAX_CONDITIONS} conditions and combinations in one rule"
            )
            return None
        if not isinstance(raw, dict) or len(raw) != 1:
            self.problem(
                ProblemCode.BAD_SHAPE,
                f"{path}: a condition is a mapping with exactly one key (all, any, not or a condition name)",
            )
            return None
        key, value = next(iter(raw.items()))
        name = str(key)
        if name in ("all", "any"):
            if not isinstance(value, list) or not value:
                self.problem(ProblemCode.BAD_SHAPE, f"{path}.{name}: expects a non-empty list of conditions")
                return None
            children = [self.node(item, f"{path}.{name}[{i}]", depth + 1) for i, item in enumerate(value)]
            if any(child is None for child in children):
                return None
            built = tuple(c for c in children if c is not None)
            return All(built) if name == "all" else AnyOf(built)
        if name == "not":
            child = self.node(value, f"{path}.not", depth + 1)
            return Not(child) if child is not None else None
        return self.leaf(name, value, f"{path}.{name}")

    def leaf(self, name: str, value: object, path: str) -> Node | None:
        self.count += 1
        if self.count > MAX_CONDITIONS:
            if self.count == MAX_CONDITIONS + 1:
                self.problem(
                    ProblemCode.TOO_COMPLEX, f"{path}: more than {MAX_CONDITIONS} conditions in one rule"
                )
            return None
        spec = self.registry.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, self.registry.names(), n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(self.registry.names())}"
            )
            self.problem(ProblemCode.UNKNOWN_CONDITION, f"{path}: unknown condition {name!r}{hint}")
            return None
        try:
            condition = spec.make(value, self.context)
        except ValidationError as error:
            for item in error.errors(include_url=False, include_input=False):
                where = ".".join(str(p) for p in item["loc"])
                text = f"{path}{'.' + where if where else ''}: {item['msg']}"
                self.problem(ProblemCode.BAD_CONDITION, text)
            return None
        except BuildError as error:
            code = ProblemCode.UNKNOWN_AREA if "unknown area" in str(error) else ProblemCode.BAD_CONDITION
            self.problem(code, f"{path}: {error}")
            return None
        return Leaf(name, condition, spec.reads | condition.fields(), path)


def _rule_id(raw: object) -> str | None:
    if isinstance(raw, dict):
        value = raw.get("id")
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()[:64]
    return None


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _paperwork(
    rule_id: str | None, body: Mapping[str, object], source: str, line: int | None
) -> list[Problem]:
    """Justification, approval by a second person, and bounded validity.

    Read from the raw values (each when it has the right type) so that these problems are
    reported even when another field of the rule is invalid.
    """
    found: list[Problem] = []

    def add(code: ProblemCode, reason: str) -> None:
        found.append(Problem(rule_id, code, reason, source, line))

    title, justification, owner = (
        _text(body.get("title")),
        _text(body.get("justification")),
        _text(body.get("owner")),
    )
    if justification is not None:
        for reason in justification_problems(title or "", justification):
            add(ProblemCode.WEAK_JUSTIFICATION, reason)
    approval = body.get("approval")
    approved_by = _text(approval.get("approved_by")) if isinstance(approval, dict) else None
    approved_at = _as_date(approval.get("approved_at")) if isinstance(approval, dict) else None
    valid_from, expires = _as_date(body.get("valid_from")), _as_date(body.get("expires"))
    if approved_by and owner and approved_by.casefold() == owner.casefold():
        add(ProblemCode.SELF_APPROVED, f"approved by its own owner {owner!r}: a second person must approve")
    if approved_at and expires and approved_at > expires:
        add(ProblemCode.BAD_DATES, "approved after it expires")
    if valid_from and expires:
        if expires < valid_from:
            add(ProblemCode.BAD_DATES, f"expires ({expires}) before it is valid ({valid_from})")
        elif (expires - valid_from).days > MAX_VALIDITY_DAYS:
            days = (expires - valid_from).days
            add(
                ProblemCode.EXPIRY_TOO_LONG,
                f"valid for {days} days; at most {MAX_VALIDITY_DAYS} (12 months) "
                "so that it is reviewed yearly",
            )
    return found


def _build_rule(
    raw: object,
    source: str,
    line: int | None,
    registry: ConditionRegistry,
    context: BuildContext,
    policy: Policy,
) -> tuple[Rule | None, list[Problem]]:
    rule_id = _rule_id(raw)
    if not isinstance(raw, dict):
        return None, [Problem(None, ProblemCode.BAD_SHAPE, "each rule must be a mapping", source, line)]
    body = {str(k): v for k, v in raw.items()}
    when = body.pop("when", None)
    problems: list[Problem] = []
    model: RuleModel | None = None
    try:
        model = RuleModel.model_validate(body)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, rule_id, source, line=line))
    walk = _Walk(rule_id, source, line, registry, context)
    node: Node | None = None
    if when is None:
        walk.problem(ProblemCode.BAD_SHAPE, "has no conditions ('when')")
    else:
        node = walk.node(when, "when", 0)
    problems.extend(walk.problems)
    problems.extend(_paperwork(rule_id, body, source, line))
    if node is not None:
        title = model.title if model is not None else str(body.get("title", ""))
        problems.extend(guard_rule(rule_id or "?", title, node, policy, source, line))
    if problems or model is None or node is None:
        return None, problems
    approval = Approval(model.approval.approved_by, model.approval.approved_at) if model.approval else None
    rule = Rule(
        model.id,
        model.title,
        model.version,
        model.owner,
        model.justification,
        model.valid_from,
        model.expires,
        model.severity,
        node,
        approval,
        source,
        line,
    )
    return rule, []


def read_rules(
    text: str,
    source: str,
    *,
    areas: Mapping[str, Area] | None = None,
    registry: ConditionRegistry | None = None,
    policy: Policy | None = None,
) -> tuple[RuleSet, list[Problem]]:
    """The good rules of a file and every problem found (a rule with a problem is left out).

    ``areas`` are the shared areas (default: the shipped ``areas.yml``; pass ``{}`` for none).
    """
    registry = registry or default_registry()
    policy = policy or default_policy()
    shared = dict(default_areas() if areas is None else areas)
    try:
        document, problems = load_document(text, source)
    except Exception as error:  # pragma: no cover - the YAML library's own bugs must not crash a check
        return RuleSet((), shared, source), [Problem(None, ProblemCode.UNREADABLE, repr(error)[:300], source)]
    if problems:
        return RuleSet((), shared, source), problems
    if not isinstance(document, dict):
        reason = "a rule file is a mapping with a 'rules' list (and optionally 'areas')"
        return RuleSet((), shared, source), [Problem(None, ProblemCode.BAD_SHAPE, reason, source)]
    unknown = sorted(str(k) for k in document if str(k) not in _TOP_KEYS)
    if unknown:
        problems.append(
            Problem(None, ProblemCode.BAD_SHAPE, f"unknown top-level keys: {', '.join(unknown)}", source)
        )
    if "format" in document and document["format"] != FORMAT:
        problems.append(Problem(None, ProblemCode.BAD_SHAPE, f"format must be {FORMAT!r}", source))
    local, area_issues = area_problems(document.get("areas"), source)
    problems.extend(area_issues)
    for name in sorted(set(local) & set(shared)):
        problems.append(Problem(None, ProblemCode.BAD_SHAPE, f"area {name} redefines a shared area", source))
    problems.extend(guard_areas(local, policy, source))
    merged = {**shared, **local}
    raw_rules = document.get("rules")
    if not isinstance(raw_rules, list):
        problems.append(Problem(None, ProblemCode.BAD_SHAPE, "'rules' must be a list of rules", source))
        return RuleSet((), merged, source), problems
    lines = rule_lines(text)
    context = BuildContext(merged)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_rules):
        line = lines[index] if index < len(lines) else None
        rule_id = _rule_id(raw)
        if rule_id is not None:
            if rule_id in seen:
                reason = f"the id is used by rule number {seen[rule_id] + 1} too; ids must be unique"
                problems.append(Problem(rule_id, ProblemCode.DUPLICATE_ID, reason, source, line))
            seen.setdefault(rule_id, index)
        rule, rule_problems = _build_rule(raw, source, line, registry, context, policy)
        problems.extend(rule_problems)
        if rule is not None and seen.get(rule.id) == index:
            rules.append(rule)
    return RuleSet(tuple(rules), merged, source), problems


def check_rules(
    text: str,
    source: str,
    *,
    areas: Mapping[str, Area] | None = None,
    registry: ConditionRegistry | None = None,
    policy: Policy | None = None,
) -> list[Problem]:
    """Every problem of a rule file, each naming the rule and the reason (empty: the file is good)."""
    return read_rules(text, source, areas=areas, registry=registry, policy=policy)[1]


def load_rules(
    text: str,
    source: str,
    *,
    areas: Mapping[str, Area] | None = None,
    registry: ConditionRegistry | None = None,
    policy: Policy | None = None,
) -> RuleSet:
    """The rules of a file, or a :class:`RuleError` listing every problem."""
    ruleset, problems = read_rules(text, source, areas=areas, registry=registry, policy=policy)
    raise_for(problems)
    return ruleset
