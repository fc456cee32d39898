"""Backtesting a draft over a constructed history, and live statistics from dispositions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.rules.factory import BACK_1, BACK_2, OUT_1, OUT_2, booking, rule_file, subject
from waystation.rules import (
    Rule,
    RuleDisposition,
    RuleSubject,
    Verdict,
    backtest,
    load_rules,
    rule_statistics,
)

WHEN = "all: [{route: {transit: istanbul, destination: syria-border-tr}}, {one_way: {}}]"


def _draft() -> Rule:
    text = rule_file(WHEN)
    start, end = text.index("    approval:"), text.index("    valid_from:")
    rule = load_rules(text[:start] + text[end:], "draft.yml").rules[0]
    assert rule.approval is None
    return rule


def one_way(subject_id: str) -> RuleSubject:
    return subject(subject_id=subject_id)


def round_trip(subject_id: str) -> RuleSubject:
    return subject(subject_id=subject_id, booking=booking(itinerary=(OUT_1, OUT_2, BACK_1, BACK_2)))


HISTORY = [
    (date(2026, 11, 1), [one_way("S1"), round_trip("S2"), one_way("S3")]),
    (date(2026, 11, 2), [one_way("S4"), round_trip("S5")]),
    (date(2026, 11, 3), [one_way("S6"), one_way("S7")]),
]
VERDICTS = {
    "S1": Verdict.TRUE_MATCH,
    "S2": Verdict.FALSE_POSITIVE,  # judged for another alert; not flagged by this rule
    "S3": Verdict.FALSE_POSITIVE,
    "S5": Verdict.TRUE_MATCH,  # a true match the rule misses
    "S6": Verdict.FALSE_POSITIVE,
    "S7": Verdict.UNDETERMINED,
}


def test_backtest_counts_per_day_and_precision() -> None:
    report = backtest(_draft(), HISTORY, VERDICTS)
    assert [(d.day.isoformat(), d.screened, d.flagged) for d in report.days] == [
        ("2026-11-01", 3, ("S1", "S3")),
        ("2026-11-02", 2, ("S4",)),
        ("2026-11-03", 2, ("S6", "S7")),
    ]
    assert (report.screened, report.flagged) == (7, 5)
    assert (report.true_matches, report.false_positives, report.undetermined, report.unjudged) == (1, 2, 1, 1)
    assert report.precision == pytest.approx(1 / 3)
    assert report.missed_true_matches == 1
    assert report.flagged_per_day == pytest.approx(5 / 3)
    assert (report.rule_id, report.rule_version) == ("test-rule", 1)


def test_backtest_without_dispositions_has_no_precision() -> None:
    report = backtest(_draft(), HISTORY, {})
    assert report.precision is None
    assert report.unjudged == 5


def test_backtest_reads_generators_once() -> None:
    days = ((day, (s for s in subjects)) for day, subjects in HISTORY)
    assert backtest(_draft(), days, VERDICTS).flagged == 5


def test_backtest_of_an_expired_rule_still_runs() -> None:
    rule = replace(_draft(), expires=date(2026, 6, 2))
    assert backtest(rule, HISTORY[:1], VERDICTS).flagged == 2


def test_rule_statistics_from_dispositions() -> None:
    records = [
        RuleDisposition("ftf-border-route", 3, "A1", Verdict.TRUE_MATCH),
        RuleDisposition("ftf-border-route", 3, "A2", Verdict.FALSE_POSITIVE),
        RuleDisposition("ftf-border-route", 3, "A3", None),
        RuleDisposition("ftf-border-route", 3, "A3", Verdict.FALSE_POSITIVE),  # reviewed later
        RuleDisposition("ftf-border-route", 3, "A4", Verdict.UNDETERMINED),
        RuleDisposition("ftf-border-route", 2, "A0", Verdict.FALSE_POSITIVE),
        RuleDisposition("lost-stolen-document", 1, "B1", None),
    ]
    stats = rule_statistics(records)
    assert list(stats) == [("ftf-border-route", 2), ("ftf-border-route", 3), ("lost-stolen-document", 1)]
    current = stats[("ftf-border-route", 3)]
    assert (
        current.hits,
        current.confirmed,
        current.false_positives,
        current.undetermined,
        current.pending,
    ) == (
        4,
        1,
        2,
        1,
        0,
    )
    assert current.precision == pytest.approx(1 / 3)
    assert stats[("ftf-border-route", 2)].precision == 0.0
    assert stats[("lost-stolen-document", 1)].precision is None
    assert stats[("lost-stolen-document", 1)].pending == 1
