"""Case numbers and the case file: opened from alerts, appended to, closed with a reason."""

from __future__ import annotations

import pytest

from tests.cases.factories import alert, at
from waystation.cases import (
    CaseNumber,
    CaseStatus,
    Role,
    add_note,
    close_case,
    link_traveller,
    open_case,
    open_cases_for,
)
from waystation.exc import Conflict, Forbidden, InputError

A, S = Role.ANALYST, Role.SUPERVISOR
PURPOSE = "travel of a listed ISIL facilitator through the hub"


@pytest.mark.parametrize(
    ("year", "sequence", "text"),
    [(2025, 123, "WS-2025-000123-5"), (2025, 1, "WS-2025-000001-3"), (2024, 999_999, "WS-2024-999999-4")],
)
def test_case_number_format_and_check_digit(year: int, sequence: int, text: str) -> None:
    number = CaseNumber.issue(year, sequence)
    assert str(number) == text
    assert CaseNumber.parse(text) == number
    assert CaseNumber.parse(f"  {text.lower()} ") == number


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("WS-2025-000123-4", "wrong check digit"),
        ("WS-2025-000132-5", "wrong check digit"),  # adjacent digits swapped
        ("WS-2025-123-4", "not a case number like"),
        ("", "not a case number like"),
        ("WS-2025-000000-0", "that can exist"),
    ],
)
def test_bad_case_numbers(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        CaseNumber.parse(text)
    assert caught.value.locator.field == "case_number"


def test_open_case_links_the_alerted_travellers() -> None:
    case = open_case(
        CaseNumber.issue(2025, 123),
        [alert("A-1"), alert("A-2", traveller="T-200"), alert("A-3", source="ofac-sdn")],
        title="  CA339   facilitator ",
        purpose=PURPOSE,
        actor="amira",
        role=A,
        at=at(10),
    )
    assert case.title == "CA339 facilitator"
    assert case.alert_ids == ("A-1", "A-2", "A-3")
    assert case.travellers == ("T-100", "T-200")
    assert [link.reason for link in case.links] == [
        "subject of alert A-1",
        "subject of alert A-2",
        "subject of alert A-3",
    ]
    assert case.status is CaseStatus.OPEN


def test_notes_links_and_closing() -> None:
    case = open_case(
        CaseNumber.issue(2025, 7), [alert()], title="t", purpose=PURPOSE, actor="amira", role=A, at=at(1)
    )
    case = add_note(case, "called the liaison officer", actor="amira", role=A, at=at(2))
    case = add_note(case, "liaison confirms travel plan", actor="sofia", role=S, at=at(3))
    assert [(n.text, n.author) for n in case.notes] == [
        ("called the liaison officer", "amira"),
        ("liaison confirms travel plan", "sofia"),
    ]
    case = link_traveller(
        case, "T-55", reason="same booking MWZRDQ and same phone number", actor="amira", role=A, at=at(4)
    )
    assert case.travellers == ("T-100", "T-55")
    with pytest.raises(Conflict, match="already linked"):
        link_traveller(
            case, "T-55", reason="same booking MWZRDQ again today", actor="amira", role=A, at=at(5)
        )
    assert open_cases_for([case], "T-55") == (case,)
    closed = close_case(
        case, reason="subject did not travel; booking cancelled", actor="sofia", role=S, at=at(6)
    )
    assert closed.status is CaseStatus.CLOSED
    assert closed.closure is not None
    assert closed.closure.reason == "subject did not travel; booking cancelled"
    assert open_cases_for([closed], "T-55") == ()
    with pytest.raises(Conflict, match="is closed; cannot add a note"):
        add_note(closed, "late note", actor="amira", role=A, at=at(7))
    with pytest.raises(Conflict, match="is closed; cannot close it again"):
        close_case(closed, reason="closing again for good measure", actor="sofia", role=S, at=at(7))


def test_case_rules() -> None:
    number = CaseNumber.issue(2025, 8)
    with pytest.raises(Forbidden, match="auditor may not open a case"):
        open_case(number, [alert()], title="t", purpose=PURPOSE, actor="dpo", role=Role.AUDITOR, at=at(1))
    with pytest.raises(InputError, match="at least one alert"):
        open_case(number, [], title="t", purpose=PURPOSE, actor="amira", role=A, at=at(1))
    with pytest.raises(InputError, match=r"restates|too short"):
        open_case(number, [alert()], title="t", purpose="see notes", actor="amira", role=A, at=at(1))
    case = open_case(number, [alert()], title="t", purpose=PURPOSE, actor="amira", role=A, at=at(5))
    with pytest.raises(Conflict, match="dated before the case was opened"):
        add_note(case, "backdated", actor="amira", role=A, at=at(4))
    with pytest.raises(InputError, match="too short"):
        close_case(case, reason="done", actor="amira", role=A, at=at(6))
