"""Typed audit events: plain JSON payloads, and back."""

from __future__ import annotations

import json

import pytest

from waystation.cases import AuditEventType, BoardingAnswer, Disposition, event_from_payload
from waystation.cases.events import (
    EVENT_CLASSES,
    AlertRaised,
    AlertStepTaken,
    AuditEvent,
    BoardingAnswered,
    BoardingAnswersGiven,
    CaseClosed,
    CaseNoteAdded,
    CaseOpened,
    CaseTravellerLinked,
    DispositionRecorded,
    Exported,
    ListImported,
    Login,
    Logout,
    NetworkQueried,
    PackageShared,
    PartnerChanged,
    PolicyChanged,
    RetentionApplied,
    RuleChanged,
    Search,
    TravellerCleared,
    TravellerRead,
    UnmaskDecided,
    Unmasked,
    UnmaskRequested,
    UserChanged,
    _plain,
)
from waystation.cases.vocab import AlertKind, AlertStatus, ReviewAction

SAMPLES: list[AuditEvent] = [
    Login("password", True, "10.0.0.7"),
    Logout(),
    TravellerRead("T-100", "alert review", ("name", "documents"), None),
    Search("travellers", "surname:HADDAD", 3),
    AlertRaised(
        "A-1",
        AlertKind.WATCHLIST,
        "T-100",
        "un-sc-consolidated",
        "2025-02-27",
        "QDi.420",
        "0.9300",
        "name-dob-doc",
        "1.0",
    ),
    AlertStepTaken(
        "A-1", ReviewAction.ESCALATE, AlertStatus.OPEN, AlertStatus.ESCALATED, "two aliases fit the name"
    ),
    DispositionRecorded(
        "A-1", Disposition.TRUE_MATCH, "passport number agrees with QDi.420", True, Disposition.FALSE_POSITIVE
    ),
    BoardingAnswered(
        "T-100", "33280801", "CA339", BoardingAnswer.NO_BOARD, "human_true_match", "p2", ("A-1",)
    ),
    CaseOpened("WS-2025-000123-5", "travel of a listed facilitator", ("A-1",), ("T-100",)),
    CaseNoteAdded("WS-2025-000123-5", 2),
    CaseTravellerLinked("WS-2025-000123-5", "T-55", "same booking and phone"),
    CaseClosed("WS-2025-000123-5", "subject did not travel"),
    NetworkQueried("T-100", 3, "WS-2025-000123-5"),
    RuleChanged("R-7", "3", "approved", "route pattern seen in 2024 returns"),
    ListImported("un-sc-consolidated", "2025-02-27", 3, 1, 12, "consolidated.xml"),
    PolicyChanged("p2", "confirmed matches are denied boarding"),
    Unmasked("T-55", ("name",), "WS-2025-000123-5", "amira", "sofia", "co-traveller of QDi.420"),
    UnmaskRequested("7", "T-55", "WS-2025-000123-5", ("name",), "co-traveller of QDi.420"),
    UnmaskDecided("7", "T-55", "WS-2025-000123-5", "amira", True, "the case needs the name"),
    Exported("statistics", 12, "oversight-report.csv"),
    PackageShared("PKG-1", "TLP:AMBER", True, ("NCB-Ankara",), "sha256:ab"),
    PartnerChanged("NCB-Ankara", "added", True, "partner-ankara"),
    RetentionApplied("mask 6 / delete 60 months", 4211, 12, 3),
    TravellerCleared("T-55", "A-9", "un", "QDi.420", "other birth date and passport", "2026-11-25"),
    UserChanged("amira", "created", "analyst"),
    BoardingAnswersGiven(
        41,
        "p2",
        (
            ("T-100", "33280801", "CA339", "1Z", "human_true_match", "A-1", "A-2"),
            ("T-101", "33280802", "CA339", "0Z", "no_alerts"),
        ),
    ),
]


def test_every_event_type_has_one_class_and_a_sample() -> None:
    assert set(EVENT_CLASSES) == set(AuditEventType)
    assert {type(e) for e in SAMPLES} == set(EVENT_CLASSES.values())


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: e.event_type.value)
def test_payload_is_plain_json_and_round_trips(event: AuditEvent) -> None:
    payload = event.payload()
    assert json.loads(json.dumps(payload)) == payload
    assert event_from_payload(event.event_type.value, json.loads(json.dumps(payload))) == event


def test_payload_values() -> None:
    assert SAMPLES[6].payload() == {
        "alert_id": "A-1",
        "disposition": "true_match",
        "reason": "passport number agrees with QDi.420",
        "override": True,
        "replaces": "false_positive",
    }
    assert SAMPLES[7].payload()["answer"] == "1Z"


def test_unknown_payload_fields_are_refused() -> None:
    with pytest.raises(ValueError, match=r"Login has no fields \['extra'\]"):
        event_from_payload("login", {"method": "password", "success": True, "extra": 1})


def test_one_record_answers_a_request_and_reads_back_per_passenger() -> None:
    event = SAMPLES[-1]
    assert isinstance(event, BoardingAnswersGiven)
    assert event.payload()["answers"] == [
        ["T-100", "33280801", "CA339", "1Z", "human_true_match", "A-1", "A-2"],
        ["T-101", "33280802", "CA339", "0Z", "no_alerts"],
    ]
    assert event.passengers() == (
        BoardingAnswered(
            "T-100", "33280801", "CA339", BoardingAnswer.NO_BOARD, "human_true_match", "p2", ("A-1", "A-2")
        ),
        BoardingAnswered("T-101", "33280802", "CA339", BoardingAnswer.BOARD, "no_alerts", "p2", ()),
    )


def test_a_payload_keeps_lists_of_text_and_writes_enums_inside_lists_by_value() -> None:
    given = BoardingAnswersGiven(
        7, "v1", (("tk-1", "P1", "SV1", "0Z", "no_alert"), ("tk-2", "P2", "SV1", "0Z", "alert", "12"))
    )
    assert given.payload()["answers"] == [
        ["tk-1", "P1", "SV1", "0Z", "no_alert"],
        ["tk-2", "P2", "SV1", "0Z", "alert", "12"],
    ]
    assert _plain((AuditEventType.LOGIN, "x", 3)) == ["login", "x", 3]
