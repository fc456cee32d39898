"""Purpose limitation: multi-hop network queries and unmasking only under an open case."""

from __future__ import annotations

import pytest

from tests.cases.factories import alert, at
from waystation.cases import (
    CaseNumber,
    MaskedField,
    Role,
    UnmaskApproval,
    UnmaskRequest,
    authorize_network_query,
    authorize_unmask,
    close_case,
    open_case,
)
from waystation.cases.events import NetworkQueried, Unmasked
from waystation.exc import Forbidden, InputError

A, S = Role.ANALYST, Role.SUPERVISOR
NUMBER = CaseNumber.issue(2025, 123)
CASE = open_case(
    NUMBER,
    [alert()],
    title="CA339",
    purpose="travel of a listed ISIL facilitator through the hub",
    actor="amira",
    role=A,
    at=at(1),
)


def test_one_hop_needs_no_case() -> None:
    assert authorize_network_query("T-999", 1, A) == NetworkQueried("T-999", 1, None)


def test_more_hops_need_an_open_case_linking_the_traveller() -> None:
    event = authorize_network_query("T-100", 3, A, case_number="ws-2025-000123-5", case=CASE)
    assert event == NetworkQueried("T-100", 3, "WS-2025-000123-5")
    with pytest.raises(
        Forbidden, match="2-hop network query needs an open case linking the traveller: no case given"
    ):
        authorize_network_query("T-100", 2, A)
    with pytest.raises(Forbidden, match="traveller T-999 is not linked to case WS-2025-000123-5"):
        authorize_network_query("T-999", 2, A, case_number="WS-2025-000123-5", case=CASE)
    closed = close_case(CASE, reason="subject did not travel after all", actor="amira", role=A, at=at(2))
    with pytest.raises(Forbidden, match="case WS-2025-000123-5 is closed"):
        authorize_network_query("T-100", 2, A, case_number="WS-2025-000123-5", case=closed)
    other = str(CaseNumber.issue(2025, 124))
    with pytest.raises(
        Forbidden, match=r"case WS-2025-000124-\d was asked for but case WS-2025-000123-5 was given"
    ):
        authorize_network_query("T-100", 2, A, case_number=other, case=CASE)
    with pytest.raises(InputError, match="wrong check digit"):
        authorize_network_query("T-100", 2, A, case_number="WS-2025-000123-4", case=CASE)
    with pytest.raises(InputError, match="depth must be between 1 and 4"):
        authorize_network_query("T-100", 5, A, case_number="WS-2025-000123-5", case=CASE)
    with pytest.raises(Forbidden, match="partner may not query"):
        authorize_network_query("T-100", 1, Role.PARTNER)


def _request(by: str = "amira", case_number: str = "WS-2025-000123-5") -> UnmaskRequest:
    return UnmaskRequest(
        "T-100",
        frozenset({MaskedField.NAME, MaskedField.DOCUMENT_NUMBER}),
        case_number,
        "partner asks whether this traveller used passport K1234567",
        by,
        A,
        at(5),
    )


def test_unmasking_with_case_and_a_second_persons_approval() -> None:
    grant = authorize_unmask(_request(), UnmaskApproval("sofia", S, at(6)), CASE)
    assert grant.case_number == NUMBER
    assert grant.fields == {MaskedField.NAME, MaskedField.DOCUMENT_NUMBER}
    assert grant.event == Unmasked(
        "T-100",
        ("document_number", "name"),
        "WS-2025-000123-5",
        "amira",
        "sofia",
        "partner asks whether this traveller used passport K1234567",
    )


def test_unmasking_refusals_list_every_reason() -> None:
    closed = close_case(CASE, reason="subject did not travel after all", actor="amira", role=A, at=at(2))
    with pytest.raises(Forbidden) as caught:
        authorize_unmask(_request(), UnmaskApproval("boris", A, at(4)), closed)
    assert str(caught.value) == (
        "unmasking refused: case WS-2025-000123-5 is closed; approval by analyst boris, not by a supervisor; "
        "the approval predates the request"
    )
    with pytest.raises(Forbidden, match="unmasking refused: no supervisor approval"):
        authorize_unmask(_request(), None, CASE)
    with pytest.raises(Forbidden, match="the requester cannot approve their own unmasking"):
        authorize_unmask(_request(by="sofia"), UnmaskApproval("sofia", S, at(6)), CASE)
    with pytest.raises(Forbidden, match="unmasking refused: no case given"):
        authorize_unmask(_request(), UnmaskApproval("sofia", S, at(6)), None)
    with pytest.raises(InputError, match="not a case number"):
        authorize_unmask(_request(case_number="123"), UnmaskApproval("sofia", S, at(6)), CASE)
