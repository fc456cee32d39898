"""Unmasking on a real store: asked under an open case, approved by another person who is a
supervisor, read only by the requester while the case is open, every step audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.services.conftest import Fresh
from tests.services.test_retention import ANALYST, NOW, POLICY, _key, _open_case_for, _receive
from waystation.cases.events import AuditEventType
from waystation.cases.retention import MaskedField
from waystation.cases.vocab import Role
from waystation.exc import Conflict, Forbidden, NotFound
from waystation.services.audit import verify_audit
from waystation.services.cases import cases, close
from waystation.services.principal import Principal
from waystation.services.retention import run_retention
from waystation.services.unmasking import decide, read_unmasked, request_unmask, unmask_requests
from waystation.store import audit_records

SUPERVISOR = Principal("sofia", Role.SUPERVISOR)
OTHER_ANALYST = Principal("bilal", Role.ANALYST)


def _masked_case(fresh: Fresh) -> tuple[str, str]:
    message = _receive(fresh, "HADDAD", datetime(2026, 4, 20, tzinfo=UTC), "N1000001")
    key = _key(fresh, message)
    run_retention(fresh.workspace, POLICY, now=NOW)  # masked before any case
    _open_case_for(fresh, message, key)  # the alert carries the key computed before masking
    (case,) = cases(fresh.workspace, ANALYST)
    return key, str(case.case.number)


def test_asked_approved_and_read_by_the_requester_only(fresh: Fresh) -> None:
    key, number = _masked_case(fresh)
    asked = request_unmask(
        fresh.workspace,
        ANALYST,
        traveller_key=key,
        case_number=number,
        fields=[MaskedField.NAME, MaskedField.DOCUMENT_NUMBER],
        reason="the liaison officer needs the passport number",
    )
    assert asked.status == "pending"
    with pytest.raises(Conflict, match="is pending, not approved"):
        read_unmasked(fresh.workspace, ANALYST, asked.id)
    with pytest.raises(Forbidden, match="an analyst may not approve unmask"):
        decide(fresh.workspace, OTHER_ANALYST, asked.id, approve=True, reason="this looks fine to me")
    approved = decide(
        fresh.workspace, SUPERVISOR, asked.id, approve=True, reason="the case needs the passport number"
    )
    assert (approved.status, approved.decided_by) == ("approved", "sofia")
    with pytest.raises(Conflict, match="already approved"):
        decide(fresh.workspace, SUPERVISOR, asked.id, approve=False, reason="I changed my mind about it")
    (record,) = read_unmasked(fresh.workspace, ANALYST, asked.id)
    assert record.values == {
        "family_name": "HADDAD",
        "given_names": "Omar",
        "full_name": "Omar HADDAD",
        "documents": [{"type": "P", "number": "N1000001", "country": "SYR"}],
    }
    with pytest.raises(NotFound, match="of yours"):
        read_unmasked(fresh.workspace, OTHER_ANALYST, asked.id)
    assert [r.id for r in unmask_requests(fresh.workspace, OTHER_ANALYST)] == []
    assert [r.id for r in unmask_requests(fresh.workspace, SUPERVISOR)] == [asked.id]
    close(fresh.workspace, ANALYST, number, "the inquiry found nothing further to pursue")
    with pytest.raises(Forbidden, match="is closed"):
        read_unmasked(fresh.workspace, ANALYST, asked.id)
    with fresh.workspace.transaction() as session:
        kinds = [r.event_type for r in audit_records(session) if r.event_type.value.startswith("unmask")]
        (read,) = audit_records(session, event_type=AuditEventType.UNMASK)
    assert kinds == [AuditEventType.UNMASK_REQUEST, AuditEventType.UNMASK_DECISION, AuditEventType.UNMASK]
    assert (read.actor, read.payload["approved_by"], read.payload["case_number"]) == (
        "amira",
        "sofia",
        number,
    )
    assert read.payload["fields_unmasked"] == ["document_number", "name"]
    assert verify_audit(fresh.workspace).ok


def test_a_supervisor_cannot_approve_their_own_request(fresh: Fresh) -> None:
    key, number = _masked_case(fresh)
    asked = request_unmask(
        fresh.workspace,
        SUPERVISOR,
        traveller_key=key,
        case_number=number,
        fields=[MaskedField.NAME],
        reason="the case needs the traveller name",
    )
    with pytest.raises(Forbidden, match="cannot approve their own"):
        decide(fresh.workspace, SUPERVISOR, asked.id, approve=True, reason="approving my own request here")


def test_a_traveller_outside_the_case_cannot_be_asked_for(fresh: Fresh) -> None:
    _, number = _masked_case(fresh)
    with pytest.raises(Conflict, match="is not linked to case"):
        request_unmask(
            fresh.workspace,
            ANALYST,
            traveller_key="tk-000000000000000000000009",
            case_number=number,
            fields=[MaskedField.NAME],
            reason="the analyst is merely curious",
        )
