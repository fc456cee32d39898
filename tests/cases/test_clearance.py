"""Cleared travellers: only from a human false positive, one entry, one document, until expiry."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.cases.factories import T0, alert, at, decide
from waystation.cases import (
    AlertKind,
    AlertState,
    Clearance,
    Disposition,
    Role,
    clear_traveller,
    fold,
    suppressing_clearance,
)
from waystation.cases.workflow import initial_state
from waystation.exc import Conflict, Forbidden

A = Role.ANALYST
YEAR = timedelta(days=365)
REASON = "namesake: born 1991 in Mosul, listed person born 1963; checked twice"


def test_a_clearance_suppresses_the_same_person_document_and_entry() -> None:
    clearance = clear_traveller(
        fold(alert(), [decide(Disposition.FALSE_POSITIVE, "amira", A, 5)]),
        person_key="HADDAD|ABDUL RAHMAN|1991-04-02",
        document_key="IRQ|A1234567",
        actor="amira",
        role=A,
        at=at(6),
        reason=REASON,
        expires_at=T0 + YEAR,
    )
    assert (clearance.source, clearance.subject, clearance.based_on_alert) == (
        "un-sc-consolidated",
        "QDi.420",
        "A-1",
    )
    later = alert("A-9", score=0.91)
    person, doc = "HADDAD|ABDUL RAHMAN|1991-04-02", "IRQ|A1234567"
    next_week = T0 + timedelta(days=7)
    assert suppressing_clearance(later, person, doc, [clearance], next_week) == clearance
    assert (
        suppressing_clearance(later, person, "IRQ|B7654321", [clearance], next_week) is None
    )  # new passport
    assert suppressing_clearance(later, "HADDAD|ABDUL RAHMAN|1963-01-01", doc, [clearance], next_week) is None
    assert suppressing_clearance(alert("A-9", subject="QDi.421"), person, doc, [clearance], next_week) is None
    assert suppressing_clearance(alert("A-9", source="ofac-sdn"), person, doc, [clearance], next_week) is None
    rule_hit = alert("A-9", kind=AlertKind.RULE, source="R-7", subject="R-7")
    assert suppressing_clearance(rule_hit, person, doc, [clearance], next_week) is None
    assert suppressing_clearance(later, person, doc, [clearance], T0 + YEAR) is None  # expired


def _clear(state: AlertState, role: Role = A, expires_at: datetime = T0 + YEAR) -> Clearance:
    return clear_traveller(
        state,
        person_key="HADDAD|ABDUL RAHMAN|1991-04-02",
        document_key=None,
        actor="amira",
        role=role,
        at=at(6),
        reason=REASON,
        expires_at=expires_at,
    )


def test_clearances_need_a_human_false_positive() -> None:
    with pytest.raises(Conflict, match="not decided false positive"):
        _clear(initial_state(alert()))
    with pytest.raises(Conflict, match="not decided false positive"):
        _clear(fold(alert(), [decide(Disposition.TRUE_MATCH, "amira", A, 5)]))
    cleared = fold(alert(), [decide(Disposition.FALSE_POSITIVE, "amira", A, 5)])
    with pytest.raises(Forbidden, match="a carrier may not clear"):
        _clear(cleared, role=Role.CARRIER)
    with pytest.raises(Conflict, match="must expire after"):
        _clear(cleared, expires_at=at(6))
    assert _clear(cleared).document_key is None
