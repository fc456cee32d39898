"""Concrete alerts and review entries for the cases tests (plain functions, no mocks)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from waystation.cases import Alert, AlertKind, Disposition, DispositionRecord, ReviewAction, ReviewStep, Role

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

REASONS = {
    Disposition.TRUE_MATCH: "passport number and date of birth 1972-09-07 agree with QDi.420",
    Disposition.FALSE_POSITIVE: "born 1991, listed person born 1963; different nationality",
    Disposition.INCONCLUSIVE: "name agrees but no birth date or document in the message",
}


def alert(
    alert_id: str = "A-1",
    *,
    kind: AlertKind = AlertKind.WATCHLIST,
    traveller: str = "T-100",
    source: str = "un-sc-consolidated",
    subject: str = "QDi.420",
    score: float = 0.93,
) -> Alert:
    return Alert(
        alert_id=alert_id,
        kind=kind,
        traveller_key=traveller,
        traveller_ref="33280801",
        flight="CA339",
        flight_date=date(2025, 3, 2),
        source=source,
        source_version="2025-02-27" if kind is AlertKind.WATCHLIST else "3",
        subject=subject,
        score=score,
        algorithm="name-dob-doc",
        algorithm_version="1.0",
        explanation=("name: ABDUL RAHMAN ~ Abd al-Rahman (0.95)", "date of birth: 1972-09-07 = 1972-09-07"),
        created_at=T0,
    )


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def step(
    action: ReviewAction,
    actor: str,
    role: Role,
    minutes: int,
    reason: str | None = None,
    alert_id: str = "A-1",
) -> ReviewStep:
    return ReviewStep(alert_id, action, actor, role, at(minutes), reason)


def decide(
    disposition: Disposition,
    actor: str,
    role: Role,
    minutes: int,
    *,
    override: bool = False,
    alert_id: str = "A-1",
) -> DispositionRecord:
    return DispositionRecord(alert_id, disposition, REASONS[disposition], actor, role, at(minutes), override)
