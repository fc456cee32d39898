from __future__ import annotations

import pytest

from tests.cases.factories import alert, decide
from waystation.cases import AlertKind, AlertState, Disposition, Role, fold, screening_stats
from waystation.cases.workflow import initial_state

A, S = Role.ANALYST, Role.SUPERVISOR
TM, FP, INC = Disposition.TRUE_MATCH, Disposition.FALSE_POSITIVE, Disposition.INCONCLUSIVE


def _decided(
    alert_id: str,
    disposition: Disposition,
    *,
    traveller: str,
    kind: AlertKind = AlertKind.WATCHLIST,
    source: str = "un-sc-consolidated",
) -> AlertState:
    hit = alert(
        alert_id,
        traveller=traveller,
        kind=kind,
        source=source,
        subject=source if kind is AlertKind.RULE else "QDi.420",
    )
    return fold(hit, [decide(disposition, "amira", A, 1, alert_id=alert_id)])


def test_per_list_and_per_rule_counts_and_precision() -> None:
    states = [
        _decided("A-1", TM, traveller="T-1"),
        _decided("A-2", FP, traveller="T-2"),
        _decided("A-3", FP, traveller="T-3"),
        _decided("A-4", INC, traveller="T-4"),
        initial_state(alert("A-5", traveller="T-5")),
        _decided("A-6", FP, traveller="T-6", source="ofac-sdn"),
        _decided("A-7", TM, traveller="T-1", kind=AlertKind.RULE, source="R-7"),
        initial_state(alert("A-8", traveller="T-8", kind=AlertKind.RULE, source="R-9", subject="R-9")),
    ]
    # a supervisor overrides A-2 to a true match: the current disposition is what counts
    states[1] = fold(
        alert("A-2", traveller="T-2"),
        [decide(FP, "amira", A, 1, alert_id="A-2"), decide(TM, "sofia", S, 2, override=True, alert_id="A-2")],
    )
    stats = screening_stats(states, travellers_processed=270)
    assert (stats.travellers_processed, stats.travellers_alerted, stats.travellers_confirmed) == (270, 7, 2)
    assert stats.hits == 8
    rows = [
        (s.kind.value, s.source, s.hits, s.true_match, s.false_positive, s.inconclusive, s.undecided)
        for s in stats.sources
    ]
    assert rows == [
        ("rule", "R-7", 1, 1, 0, 0, 0),
        ("rule", "R-9", 1, 0, 0, 0, 1),
        ("watchlist", "ofac-sdn", 1, 0, 1, 0, 0),
        ("watchlist", "un-sc-consolidated", 5, 2, 1, 1, 1),
    ]
    un = stats.source(AlertKind.WATCHLIST, "un-sc-consolidated")
    assert un is not None
    assert un.precision == pytest.approx(2 / 3)
    r9 = stats.source(AlertKind.RULE, "R-9")
    assert r9 is not None
    assert r9.precision is None
    assert stats.source(AlertKind.NETWORK, "booking") is None


def test_processed_cannot_be_fewer_than_alerted() -> None:
    with pytest.raises(ValueError, match="2 travellers have alerts but only 1 were processed"):
        screening_stats([initial_state(alert("A-1")), initial_state(alert("A-2", traveller="T-2"))], 1)
