"""Alerts, human dispositions, cases and audit events: the review that precedes any action.

Pure: no I/O, no database. The store keeps what these functions return; the services call them
inside their transactions; the API and pages show their results.

- ``vocab``: the closed vocabularies (alert kind and status, disposition, boarding answer, role);
- ``alerts`` and ``workflow``: alerts, appended review entries, the state machine and its fold;
- ``policy``: the carrier-answer policy (board / no-board / refer / insufficient data);
- ``case_number``, ``case`` and ``purpose``: cases and the powers only a case unlocks;
- ``events`` and ``chain``: typed audit events and the hash-chained log with its verifier;
- ``stats``: list and rule performance from dispositions;
- ``clearance``: cleared travellers (a confirmed false positive that should not alert again);
- ``trail``: the audit event for each core result, so every service logs the same facts;
- ``retention``: masking and deletion; ``permissions``: the role table.
"""

from waystation.cases.alerts import Alert, DispositionRecord, ReviewEntry, ReviewStep
from waystation.cases.case import (
    Case,
    CaseClosure,
    CaseNote,
    CaseStatus,
    TravellerLink,
    add_note,
    close_case,
    link_traveller,
    open_case,
    open_cases_for,
)
from waystation.cases.case_number import CaseNumber
from waystation.cases.chain import (
    GENESIS,
    AuditRecord,
    ChainHead,
    ChainProblem,
    ChainVerdict,
    SignedHead,
    seal,
    seal_all,
    sign_head,
    verify_chain,
)
from waystation.cases.clearance import Clearance, clear_traveller, suppressing_clearance
from waystation.cases.events import AuditEvent, AuditEventType, event_from_payload
from waystation.cases.permissions import PERMISSIONS, Permission, permissions_of, require
from waystation.cases.policy import (
    AnswerBasis,
    AutoDeny,
    BoardingDecision,
    CarrierPolicy,
    OnTrueMatch,
    carrier_answer,
    decide_boarding,
)
from waystation.cases.purpose import (
    UnmaskApproval,
    UnmaskGrant,
    UnmaskRequest,
    authorize_network_query,
    authorize_unmask,
)
from waystation.cases.reasons import check_reason
from waystation.cases.retention import (
    MaskedField,
    RetentionAction,
    RetentionDecision,
    RetentionPolicy,
    mask_booking,
    mask_traveller,
    retention_decision,
)
from waystation.cases.stats import ScreeningStats, SourceStats, screening_stats
from waystation.cases.trail import (
    alert_raised,
    boarding_answered,
    boarding_answers_given,
    case_closed,
    case_note_added,
    case_opened,
    case_traveller_linked,
    review_event,
)
from waystation.cases.vocab import AlertKind, AlertStatus, BoardingAnswer, Disposition, ReviewAction, Role
from waystation.cases.workflow import (
    TRANSITIONS,
    AlertState,
    allowed_actions,
    apply,
    fold,
    may_act_adversely,
)

__all__ = [
    "GENESIS",
    "PERMISSIONS",
    "TRANSITIONS",
    "Alert",
    "AlertKind",
    "AlertState",
    "AlertStatus",
    "AnswerBasis",
    "AuditEvent",
    "AuditEventType",
    "AuditRecord",
    "AutoDeny",
    "BoardingAnswer",
    "BoardingDecision",
    "CarrierPolicy",
    "Case",
    "CaseClosure",
    "CaseNote",
    "CaseNumber",
    "CaseStatus",
    "ChainHead",
    "ChainProblem",
    "ChainVerdict",
    "Clearance",
    "Disposition",
    "DispositionRecord",
    "MaskedField",
    "OnTrueMatch",
    "Permission",
    "RetentionAction",
    "RetentionDecision",
    "RetentionPolicy",
    "ReviewAction",
    "ReviewEntry",
    "ReviewStep",
    "Role",
    "ScreeningStats",
    "SignedHead",
    "SourceStats",
    "TravellerLink",
    "UnmaskApproval",
    "UnmaskGrant",
    "UnmaskRequest",
    "add_note",
    "alert_raised",
    "allowed_actions",
    "apply",
    "authorize_network_query",
    "authorize_unmask",
    "boarding_answered",
    "boarding_answers_given",
    "carrier_answer",
    "case_closed",
    "case_note_added",
    "case_opened",
    "case_traveller_linked",
    "check_reason",
    "clear_traveller",
    "close_case",
    "decide_boarding",
    "event_from_payload",
    "fold",
    "link_traveller",
    "mask_booking",
    "mask_traveller",
    "may_act_adversely",
    "open_case",
    "open_cases_for",
    "permissions_of",
    "require",
    "retention_decision",
    "review_event",
    "screening_stats",
    "seal",
    "seal_all",
    "sign_head",
    "suppressing_clearance",
    "verify_chain",
]
