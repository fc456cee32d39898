"""The hard cases users of other screening tools complained about, as a table (hard_cases.csv).

Each row is a traveller and one list entry, and what must happen: ``alert``, ``review`` (a hit
at or above the reporting threshold but below the alert threshold) or ``none`` (no hit). A row
with ``above`` must also score strictly higher than the row it names (scores must rank, not pile
up); ``explains`` is a phrase the explanation must contain (explanations readable); a row with
``cleared_doc`` ("number country") is screened after a false positive was recorded for the same
person with that document (false positives recordable). A regression fails its row by id.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from tests.matching.cases import entry_from, listed, traveller_from
from waystation.matching import DEFAULT_ALGORITHM, Clearance, ClearanceSet, Hit, Screener, algorithm

TABLE = Path(__file__).with_name("hard_cases.csv")
ROWS = {row["id"]: row for row in csv.DictReader(TABLE.open(encoding="utf-8"))}
ALGO = algorithm(DEFAULT_ALGORITHM)
REPORT = ALGO.default_threshold
ALERT = ALGO.default_alert_threshold


@cache
def _hit(case: str) -> Hit | None:
    row = ROWS[case]
    entry = entry_from(row)
    screener = Screener.build([listed(entry)])
    cleared = None
    if row["cleared_doc"]:
        number, _, country = row["cleared_doc"].partition(" ")
        confirmed = traveller_from({**row, "doc_number": number, "doc_country": country})
        cleared = ClearanceSet(
            [
                Clearance.record(
                    confirmed, "test-list", entry, reason="not the listed person", decided_by="analyst"
                )
            ]
        )
    hits = screener.screen(traveller_from(row), threshold=REPORT, alert_threshold=ALERT, cleared=cleared)
    assert len(hits) <= 1
    return hits[0] if hits else None


def _score(case: str) -> float:
    hit = _hit(case)
    return hit.score if hit else 0.0


@pytest.mark.parametrize("case", sorted(ROWS))
def test_expected_outcome(case: str) -> None:
    row = ROWS[case]
    hit = _hit(case)
    why = "\n".join(hit.explanation) if hit else "no hit"
    if row["expect"] == "alert":
        assert hit is not None, f"{case} ({row['note']}) should alert: no hit"
        assert hit.alert, f"{case} ({row['note']}) should alert:\n{why}"
    elif row["expect"] == "review":
        assert hit is not None, f"{case} ({row['note']}) should be a hit: none"
        assert not hit.alert, f"{case} ({row['note']}) should be a hit below alert:\n{why}"
    else:
        assert hit is None or hit.score < REPORT, f"{case} ({row['note']}) should not be a hit:\n{why}"


@pytest.mark.parametrize("case", sorted(c for c, r in ROWS.items() if r["explains"]))
def test_explanation_says_why(case: str) -> None:
    hit = _hit(case)
    assert hit is not None
    text = " ".join(hit.explanation)
    assert ROWS[case]["explains"] in text, text


@pytest.mark.parametrize("case", sorted(c for c, r in ROWS.items() if r["above"]))
def test_ranks_above(case: str) -> None:
    other = ROWS[case]["above"]
    assert _score(case) > _score(other), f"{case} ({_score(case)}) must score above {other} ({_score(other)})"


def test_scores_never_pile_up_at_one() -> None:
    scores = sorted(_score(c) for c in ROWS if ROWS[c]["expect"] == "alert" and not ROWS[c]["cleared_doc"])
    assert scores[-1] < 1.0
    assert len(set(scores)) >= len(scores) - 3, scores


def test_every_complaint_has_a_case() -> None:
    complaints = {row["complaint"] for row in ROWS.values()}
    for needed in (
        "scores pile up at 1.0",
        "short names and initials",
        "missing part vs contradicting part",
        "swapped first and last names",
        "Arabic spellings",
        "particles",
        "namesake",
        "false positives recordable",
        "low-quality aliases",
    ):
        assert needed in complaints
