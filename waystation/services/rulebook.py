"""The rulebook: targeting rules as versioned data, edited by supervisors, approved by a second person.

Every change is appended to a journal (JSON Lines, one event a line, never rewritten): a new
version of a rule, written by its owner, or the approval of a version by someone else. The rules
in force are the fold of the journal — each rule's latest version, with its approval if it has
one — checked by the rules stage exactly as a rule file is (shape, conditions, areas, the
protected-attribute guard). A version is never edited: a change is a new version, a draft until
approved; so every alert still names the version that raised it. Each event is also logged in
the audit chain (``rule_changed``) in the same step.

The journal lives beside the store (``WAYSTATION_HOME/rules/journal.jsonl``); a first open seeds
it from the shipped ``default.yml``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from waystation.cases.events import RuleChanged
from waystation.cases.permissions import Permission, require
from waystation.exc import Forbidden, NotFound, RuleError
from waystation.rules import Problem, Rule, RuleSet, RuleStatus, default_rules_text, read_rules
from waystation.services.audit import audited
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace

__all__ = [
    "RuleBook",
    "RuleEntry",
    "approve_rule",
    "rule_entries",
    "rule_history",
    "rule_text",
    "save_rule",
]

FORMAT = "waystation-rules/1"
SHIPPED = "shipped rules"
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Where the journal is; one per deployment (``WAYSTATION_HOME/rules``)."""

    folder: Path

    @property
    def journal(self) -> Path:
        return self.folder / "journal.jsonl"


def _events(book: RuleBook) -> list[dict[str, Any]]:
    with _LOCK:
        if not book.journal.exists():
            _seed(book)
        lines = book.journal.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _seed(book: RuleBook) -> None:
    document = yaml.safe_load(default_rules_text())
    book.folder.mkdir(parents=True, exist_ok=True)
    at = datetime.now(UTC).isoformat()
    lines = []
    for raw in document["rules"]:
        approval = raw.pop("approval", None)
        lines.append({"event": "version", "rule": _jsonable(raw), "by": SHIPPED, "at": at})
        if approval:
            lines.append(
                {
                    "event": "approval",
                    "rule_id": raw["id"],
                    "version": raw["version"],
                    "by": approval["approved_by"],
                    "on": str(approval["approved_at"]),
                    "at": at,
                }
            )
    book.journal.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _append(book: RuleBook, event: dict[str, Any]) -> None:
    with _LOCK, book.journal.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(event, ensure_ascii=False) + "\n")


def _versions(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each rule's versions in order, each a rule mapping with its approval merged in."""
    found: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        if event["event"] == "version":
            found.setdefault(event["rule"]["id"], []).append(dict(event["rule"]))
        elif event["event"] == "approval":
            for version in found.get(event["rule_id"], []):
                if version["version"] == event["version"]:
                    version["approval"] = {"approved_by": event["by"], "approved_at": event["on"]}
    return found


def _document(rules: Sequence[Mapping[str, Any]]) -> str:
    return yaml.safe_dump({"format": FORMAT, "rules": list(rules)}, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """A rule's latest version as built by the rules stage (``None`` with problems when it is broken)."""

    rule_id: str
    version: int
    rule: Rule | None
    status: RuleStatus | None
    problems: tuple[Problem, ...]
    owner: str
    versions: int


def _latest(book: RuleBook) -> tuple[RuleSet, list[Problem], dict[str, list[dict[str, Any]]]]:
    versions = _versions(_events(book))
    latest = [history[-1] for history in versions.values()]
    ruleset, problems = read_rules(_document(latest), "rulebook")
    return ruleset, problems, versions


def rule_entries(
    workspace: Workspace, principal: Principal, book: RuleBook, *, now: datetime | None = None
) -> list[RuleEntry]:
    """Every rule's latest version with its status; analysts read, supervisors manage."""
    require(principal.role, Permission.READ_STATISTICS)
    ruleset, problems, versions = _latest(book)
    at = now or datetime.now(UTC)
    entries = []
    for rule_id, history in versions.items():
        rule = ruleset.get(rule_id)
        entries.append(
            RuleEntry(
                rule_id,
                int(history[-1].get("version", 0)),
                rule,
                rule.status(at) if rule else None,
                tuple(p for p in problems if p.rule_id == rule_id),
                str(history[-1].get("owner", "")),
                len(history),
            )
        )
    return sorted(entries, key=lambda e: e.rule_id)


def rules_in_force(book: RuleBook) -> RuleSet:
    """The latest version of every good rule (the engine fires only the approved ones in force)."""
    return _latest(book)[0]


def rule_history(
    workspace: Workspace, principal: Principal, book: RuleBook, rule_id: str
) -> list[dict[str, Any]]:
    """Every version of a rule, oldest first, as stored (with its approval when it has one)."""
    require(principal.role, Permission.READ_STATISTICS)
    history = _versions(_events(book)).get(rule_id)
    if not history:
        raise NotFound(f"no rule {rule_id!r}")
    return history


def rule_text(workspace: Workspace, principal: Principal, book: RuleBook, rule_id: str) -> str:
    """The latest version as YAML for the edit form, without the fields the service sets."""
    history = rule_history(workspace, principal, book, rule_id)
    editable = {k: v for k, v in history[-1].items() if k not in ("version", "owner", "approval")}
    return yaml.safe_dump(editable, sort_keys=False, allow_unicode=True)


def save_rule(
    workspace: Workspace, principal: Principal, book: RuleBook, text: str, *, rule_id: str | None = None
) -> int:
    """Store a new version (a draft owned by the caller) from the YAML of one rule; its version number.

    Raises ``RuleError`` with every problem the rules stage finds (the protected-attribute guard
    included); nothing is stored then.
    """
    require(principal.role, Permission.MANAGE_RULES)
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RuleError([f"the rule is not readable YAML: {error}"]) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise RuleError(["a rule is a mapping with at least an 'id'"])
    if rule_id is not None and raw["id"] != rule_id:
        raise RuleError([f"the id {raw['id']!r} is not the id of the rule being edited ({rule_id!r})"])
    history = _versions(_events(book)).get(raw["id"], [])
    version = int(history[-1].get("version", 0)) + 1 if history else 1
    rule = {
        **{k: v for k, v in raw.items() if k not in ("version", "owner", "approval")},
        "version": version,
        "owner": principal.name,
    }
    rule = _jsonable(rule)
    _ruleset, problems = read_rules(_document([rule]), f"rule {raw['id']}")
    if problems:
        raise RuleError([p.reason if p.rule_id else str(p) for p in problems])
    event = {"event": "version", "rule": rule, "by": principal.name, "at": datetime.now(UTC).isoformat()}
    with audited(workspace) as (_session, audit):
        _append(book, event)
        audit.log(
            RuleChanged(rule["id"], str(version), "new version (draft)", rule["justification"]), principal
        )
    return version


def approve_rule(
    workspace: Workspace, principal: Principal, book: RuleBook, rule_id: str, version: int
) -> None:
    """Approve a version: a supervisor who is not its owner, and only the latest version."""
    require(principal.role, Permission.MANAGE_RULES)
    history = rule_history(workspace, principal, book, rule_id)
    latest = history[-1]
    if int(latest["version"]) != version:
        raise Forbidden(f"only the latest version of {rule_id} (v{latest['version']}) can be approved")
    if str(latest.get("owner", "")).strip().casefold() == principal.name.strip().casefold():
        raise Forbidden("a rule must be approved by someone other than its owner")
    if latest.get("approval"):
        raise Forbidden(f"{rule_id} v{version} is already approved")
    today = datetime.now(UTC).date().isoformat()
    event = {
        "event": "approval",
        "rule_id": rule_id,
        "version": version,
        "by": principal.name,
        "on": today,
        "at": datetime.now(UTC).isoformat(),
    }
    with audited(workspace) as (_session, audit):
        _append(book, event)
        audit.log(
            RuleChanged(rule_id, str(version), "approved", str(latest.get("justification", ""))), principal
        )
