"""Backtesting a rule over stored history, and live per-rule statistics from dispositions.

Before a rule is approved its owner and approver should see what it would have done: how many
travellers a day it would have put in front of analysts (the cost, and the intrusion), and —
where analysts have already judged those travellers for other reasons — how many of its hits
were true matches (precision). Once in force, the same counts come from the dispositions of the
rule's own alerts. Both are pure functions over iterables: the store streams, this counts.

``Verdict`` is the rules stage's view of an analyst's disposition; services map the case
workflow's dispositions onto it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from waystation.rules.engine import evaluate_rule
from waystation.rules.model import Rule
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = [
    "BacktestReport",
    "DayResult",
    "RuleDisposition",
    "RuleStats",
    "Verdict",
    "backtest",
    "rule_statistics",
]


class Verdict(StrEnum):
    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"
    UNDETERMINED = "undetermined"


def _precision(confirmed: int, false_positives: int) -> float | None:
    judged = confirmed + false_positives
    return confirmed / judged if judged else None


@dataclass(frozen=True, slots=True)
class DayResult:
    day: date
    screened: int
    flagged: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """What a rule version would have flagged, day by day, and how that compares with dispositions.

    ``precision`` counts only flagged subjects with a true-match or false-positive verdict
    (``None`` when none has one); ``missed_true_matches`` are subjects judged true matches that
    the rule did not flag — a rough view of what it does not cover.
    """

    rule_id: str
    rule_version: int
    days: tuple[DayResult, ...]
    screened: int
    flagged: int
    true_matches: int
    false_positives: int
    undetermined: int
    unjudged: int
    missed_true_matches: int

    @property
    def precision(self) -> float | None:
        return _precision(self.true_matches, self.false_positives)

    @property
    def flagged_per_day(self) -> float:
        return self.flagged / len(self.days) if self.days else 0.0


def backtest(
    rule: Rule,
    subjects_by_day: Iterable[tuple[date, Iterable[RuleSubject]]],
    dispositions: Mapping[str, Verdict],
    refs: ReferenceData | None = None,
) -> BacktestReport:
    """Run ``rule`` (even a draft: the life cycle is not enforced) over history.

    ``dispositions`` maps a subject id to the analysts' verdict on that traveller, from whatever
    alert they reviewed. A subject seen on several days is counted on each day it was screened.
    """
    days: list[DayResult] = []
    counts: dict[Verdict | None, int] = defaultdict(int)
    screened = 0
    flagged_ids: set[str] = set()
    true_seen: set[str] = set()
    for day, subjects in subjects_by_day:
        flagged: list[str] = []
        day_screened = 0
        for subject in subjects:
            day_screened += 1
            if dispositions.get(subject.subject_id) is Verdict.TRUE_MATCH:
                true_seen.add(subject.subject_id)
            if evaluate_rule(rule, subject, refs or ReferenceData(), enforce_lifecycle=False) is not None:
                flagged.append(subject.subject_id)
                counts[dispositions.get(subject.subject_id)] += 1
                flagged_ids.add(subject.subject_id)
        screened += day_screened
        days.append(DayResult(day, day_screened, tuple(flagged)))
    return BacktestReport(
        rule.id,
        rule.version,
        tuple(days),
        screened,
        sum(len(d.flagged) for d in days),
        counts[Verdict.TRUE_MATCH],
        counts[Verdict.FALSE_POSITIVE],
        counts[Verdict.UNDETERMINED],
        counts[None],
        len(true_seen - flagged_ids),
    )


@dataclass(frozen=True, slots=True)
class RuleDisposition:
    """One alert raised by a rule version, with the analyst's verdict (``None``: not yet reviewed)."""

    rule_id: str
    rule_version: int
    alert_id: str
    verdict: Verdict | None = None


@dataclass(frozen=True, slots=True)
class RuleStats:
    rule_id: str
    rule_version: int
    hits: int
    confirmed: int
    false_positives: int
    undetermined: int
    pending: int

    @property
    def precision(self) -> float | None:
        return _precision(self.confirmed, self.false_positives)


def rule_statistics(records: Iterable[RuleDisposition]) -> dict[tuple[str, int], RuleStats]:
    """Hits, confirmed, false positives, undetermined and pending per (rule id, version).

    An alert that appears more than once (re-screening) counts once, with its latest verdict.
    """
    latest: dict[tuple[str, int], dict[str, Verdict | None]] = defaultdict(dict)
    for record in records:
        latest[(record.rule_id, record.rule_version)][record.alert_id] = record.verdict
    stats: dict[tuple[str, int], RuleStats] = {}
    for key in sorted(latest):
        verdicts = list(latest[key].values())
        stats[key] = RuleStats(
            key[0],
            key[1],
            len(verdicts),
            verdicts.count(Verdict.TRUE_MATCH),
            verdicts.count(Verdict.FALSE_POSITIVE),
            verdicts.count(Verdict.UNDETERMINED),
            verdicts.count(None),
        )
    return stats
