"""The rulebook: versions appended by their owners, approved by someone else, checked like a rule file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from waystation.cases.events import AuditEventType
from waystation.cases.vocab import Role
from waystation.exc import Forbidden, RuleError
from waystation.rules import RuleStatus, default_rules
from waystation.services.audit import audit_page, verify_audit
from waystation.services.principal import Principal
from waystation.services.rulebook import (
    RuleBook,
    approve_rule,
    rule_entries,
    rule_history,
    rule_text,
    rules_in_force,
    save_rule,
)
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings

OWNER = Principal("supervisor.demir", Role.SUPERVISOR)
SECOND = Principal("head.piu.kaya", Role.SUPERVISOR)
ANALYST = Principal("analyst.one", Role.ANALYST)
AUDITOR = Principal("auditor.one", Role.AUDITOR)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return open_workspace(Settings(home=tmp_path / "home"))


@pytest.fixture
def book(tmp_path: Path) -> RuleBook:
    return RuleBook(tmp_path / "home" / "rules")


def test_the_first_open_seeds_the_shipped_rules(workspace: Workspace, book: RuleBook) -> None:
    entries = {e.rule_id: e for e in rule_entries(workspace, ANALYST, book)}
    shipped = default_rules()
    assert set(entries) == {r.id for r in shipped.rules}
    for rule in shipped.rules:
        entry = entries[rule.id]
        assert entry.version == rule.version
        assert entry.rule == rule
        assert entry.problems == ()
    assert entries["new-passport-one-way-draft"].status is RuleStatus.DRAFT
    assert book.journal.read_text("utf-8").count("\n") == len(shipped.rules) + sum(
        1 for r in shipped.rules if r.approval
    )


def test_a_change_is_a_draft_until_someone_else_approves_it(workspace: Workspace, book: RuleBook) -> None:
    text = rule_text(workspace, OWNER, book, "broken-journey-border")
    assert "version" not in yaml.safe_load(text)
    version = save_rule(
        workspace,
        OWNER,
        book,
        text.replace("severity: medium", "severity: high"),
        rule_id="broken-journey-border",
    )
    assert version == 2
    entry = next(e for e in rule_entries(workspace, OWNER, book) if e.rule_id == "broken-journey-border")
    assert (entry.version, entry.owner, entry.status) == (2, OWNER.name, RuleStatus.DRAFT)
    assert rules_in_force(book).get("broken-journey-border") is not None
    with pytest.raises(Forbidden, match="someone other than its owner"):
        approve_rule(workspace, OWNER, book, "broken-journey-border", 2)
    with pytest.raises(Forbidden, match="manage rules"):
        approve_rule(workspace, ANALYST, book, "broken-journey-border", 2)
    with pytest.raises(Forbidden, match="only the latest version"):
        approve_rule(workspace, SECOND, book, "broken-journey-border", 1)
    approve_rule(workspace, SECOND, book, "broken-journey-border", 2)
    history = rule_history(workspace, AUDITOR, book, "broken-journey-border")
    assert [h["version"] for h in history] == [1, 2]
    assert history[1]["approval"]["approved_by"] == SECOND.name
    assert history[1]["severity"] == "high"
    with pytest.raises(Forbidden, match="already approved"):
        approve_rule(workspace, SECOND, book, "broken-journey-border", 2)
    changes = audit_page(workspace, AUDITOR, event_type=AuditEventType.RULE_CHANGE).records
    assert [(r.actor, r.payload["rule_id"], r.payload["version"], r.payload["change"]) for r in changes] == [
        (OWNER.name, "broken-journey-border", "2", "new version (draft)"),
        (SECOND.name, "broken-journey-border", "2", "approved"),
    ]
    assert verify_audit(workspace).ok


def test_a_bad_or_unlawful_rule_is_not_stored(workspace: Workspace, book: RuleBook) -> None:
    rule_entries(workspace, OWNER, book)  # seeds the journal
    before = book.journal.read_text("utf-8")
    unlawful = (
        "id: by-name\ntitle: Travellers with one given name\njustification: >\n  Travellers with one given "
        "name would be selected, a proxy of ethnic origin and religion that the law forbids us to use.\n"
        "valid_from: 2026-12-01\nexpires: 2027-11-30\nseverity: low\n"
        "when:\n  field: {field: traveller.name, equals: [AHMED]}\n"
    )
    with pytest.raises(RuleError, match=r"traveller\.name"):
        save_rule(workspace, OWNER, book, unlawful)
    with pytest.raises(RuleError, match="not readable YAML"):
        save_rule(workspace, OWNER, book, "id: [unclosed")
    with pytest.raises(RuleError, match="not the id of the rule being edited"):
        save_rule(workspace, OWNER, book, "id: other\n", rule_id="ftf-border-route")
    with pytest.raises(Forbidden):
        save_rule(workspace, ANALYST, book, unlawful)
    assert book.journal.read_text("utf-8") == before
    assert "by-name" not in {e.rule_id for e in rule_entries(workspace, OWNER, book)}
