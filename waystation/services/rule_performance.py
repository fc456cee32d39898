"""How a rule performs: its backtest over the stored traffic, and precision from analysts' decisions.

Both come from the rules stage's pure functions (``backtest``, ``rule_statistics``); this module
gathers their inputs. The backtest runs a rule version — a draft too — over every stored
passenger-list traveller on their whole journey, day by day, and compares what it would flag
with what analysts decided about those travellers for any reason. Precision in force counts the
rule's own alerts and their current dispositions (inconclusive ones count as undetermined).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from waystation.cases.permissions import Permission, require
from waystation.cases.vocab import AlertKind, Disposition
from waystation.exc import NotFound
from waystation.rules import (
    BacktestReport,
    Rule,
    RuleDisposition,
    RuleStats,
    Verdict,
    backtest,
    rule_statistics,
)
from waystation.rules.subject import RuleSubject
from waystation.services.principal import Principal
from waystation.services.rulebook import RuleBook, rules_in_force
from waystation.services.targeting import rule_subjects
from waystation.services.traffic import stored_picture
from waystation.services.workspace import Workspace
from waystation.store import AlertFilter, count_alerts, find_alerts, load_travellers

__all__ = ["backtest_rule", "backtest_rules", "rule_precision", "verdict_of"]

_VERDICTS = {
    Disposition.TRUE_MATCH: Verdict.TRUE_MATCH,
    Disposition.FALSE_POSITIVE: Verdict.FALSE_POSITIVE,
    Disposition.INCONCLUSIVE: Verdict.UNDETERMINED,
}


def verdict_of(disposition: Disposition | None) -> Verdict | None:
    return _VERDICTS[disposition] if disposition is not None else None


def rule_precision(workspace: Workspace, principal: Principal) -> dict[tuple[str, int], RuleStats]:
    """Hits, confirmed, false positives, undetermined and pending per rule version in force."""
    require(principal.role, Permission.READ_STATISTICS)
    where = AlertFilter(kind=AlertKind.RULE)
    with workspace.transaction() as session:
        alerts = find_alerts(session, where, limit=max(count_alerts(session, where), 1))
    records = [
        RuleDisposition(
            a.alert.source,
            int(a.alert.source_version or 0),
            a.alert.alert_id,
            verdict_of(a.state.disposition),
        )
        for a in alerts
    ]
    return rule_statistics(records)


def _by_day(subjects: Iterable[RuleSubject]) -> list[tuple[date, list[RuleSubject]]]:
    days: dict[date, list[RuleSubject]] = defaultdict(list)
    for subject in subjects:
        first = subject.legs[0].leg.departure if subject.legs else None
        day = first.date() if isinstance(first, datetime) else first
        if day is not None:
            days[day].append(subject)
    return sorted(days.items())


def backtest_rule(
    workspace: Workspace,
    principal: Principal,
    book: RuleBook,
    rule_id: str,
    *,
    now: datetime | None = None,
) -> BacktestReport:
    """Run the latest version of ``rule_id`` over the stored traffic (no alert is raised)."""
    require(principal.role, Permission.READ_STATISTICS)
    rule = rules_in_force(book).get(rule_id)
    if rule is None:
        raise NotFound(f"no usable rule {rule_id!r} (a rule with problems cannot be backtested)")
    return backtest_rules(workspace, principal, [rule], now=now)[0]


def backtest_rules(
    workspace: Workspace,
    principal: Principal,
    rules: Sequence[Rule],
    *,
    days: int | None = None,
    until: date | None = None,
    now: datetime | None = None,
) -> list[BacktestReport]:
    """Run each rule — drafts and expired ones too — over the stored traffic, day by day, with the
    analysts' verdicts on those travellers; no alert is raised. ``until`` drops later days;
    ``days`` keeps the last N calendar days of history up to the latest day left."""
    require(principal.role, Permission.READ_STATISTICS)
    found = stored_picture(workspace)
    with workspace.transaction() as session:
        decided = [
            a
            for a in find_alerts(session, None, limit=max(count_alerts(session), 1))
            if a.state.disposition is not None and a.traveller_id is not None
        ]
        rows = {
            t.id: t for t in load_travellers(session, [a.traveller_id for a in decided if a.traveller_id])
        }
    verdicts: dict[str, Verdict] = {}
    for alert in decided:
        row = rows.get(alert.traveller_id or -1)
        verdict = verdict_of(alert.state.disposition)
        if row is None or verdict is None:
            continue
        sighting = found.sightings.get((row.message_id, row.traveller.ref))
        if sighting and verdicts.get(sighting) is not Verdict.TRUE_MATCH:
            verdicts[sighting] = verdict
    at = (now or datetime.now(UTC)).replace(tzinfo=None)
    history = _window(_by_day(rule_subjects(found.picture, at)), days, until)
    return [backtest(rule, history, verdicts) for rule in rules]


def _window(
    history: list[tuple[date, list[RuleSubject]]], days: int | None, until: date | None
) -> list[tuple[date, list[RuleSubject]]]:
    kept = [(day, subjects) for day, subjects in history if until is None or day <= until]
    if days is not None and kept:
        last = kept[-1][0]
        kept = [(day, subjects) for day, subjects in kept if (last - day).days < days]
    return kept
