"""Audit events: one typed dataclass per thing the law says must leave a trace.

In the style of datasette's ``events.py``: every event class names its type once (a ClassVar) and
carries only its own facts; the actor, role and time belong to the audit record that seals it
(``chain.py``). ``payload()`` turns an event into plain JSON values (str, int, bool, None, lists)
— no floats, so the hash chain's canonical form is the same in every language — and
:func:`event_from_payload` turns it back, so the auditor's page can show typed events.

Personal data is kept out of payloads where a key suffices (a traveller key, not the name): the
audit log outlives the masking of traveller data and must not undo it.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, fields
from enum import Enum, StrEnum
from typing import Any, ClassVar, TypeAlias, TypeVar, Union, get_args, get_origin, get_type_hints

from waystation.cases.vocab import AlertKind, AlertStatus, BoardingAnswer, Disposition, ReviewAction

__all__ = [
    "EVENT_CLASSES",
    "AlertRaised",
    "AlertStepTaken",
    "AuditEvent",
    "AuditEventType",
    "BoardingAnswered",
    "BoardingAnswersGiven",
    "CaseClosed",
    "CaseNoteAdded",
    "CaseOpened",
    "CaseTravellerLinked",
    "DispositionRecorded",
    "Exported",
    "JsonValue",
    "ListImported",
    "Login",
    "Logout",
    "NetworkQueried",
    "PackageShared",
    "PartnerChanged",
    "PolicyChanged",
    "RetentionApplied",
    "RuleChanged",
    "Search",
    "TravellerCleared",
    "TravellerRead",
    "UnmaskDecided",
    "UnmaskRequested",
    "Unmasked",
    "UserChanged",
    "event_from_payload",
]

JsonValue: TypeAlias = str | int | bool | list["JsonValue"] | dict[str, "JsonValue"] | None


class AuditEventType(StrEnum):
    LOGIN = "login"
    LOGOUT = "logout"
    TRAVELLER_READ = "traveller_read"
    SEARCH = "search"
    ALERT_RAISED = "alert_raised"
    ALERT_STEP = "alert_step"
    DISPOSITION = "disposition"
    BOARDING_ANSWER = "boarding_answer"
    BOARDING_ANSWERS = "boarding_answers"
    CASE_OPENED = "case_opened"
    CASE_NOTE = "case_note"
    CASE_LINK = "case_link"
    CASE_CLOSED = "case_closed"
    NETWORK_QUERY = "network_query"
    RULE_CHANGE = "rule_change"
    LIST_IMPORT = "list_import"
    POLICY_CHANGE = "policy_change"
    UNMASK = "unmask"
    UNMASK_REQUEST = "unmask_request"
    UNMASK_DECISION = "unmask_decision"
    EXPORT = "export"
    SHARE = "share"
    PARTNER_CHANGE = "partner_change"
    RETENTION = "retention"
    CLEARANCE = "clearance"
    USER_CHANGE = "user_change"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Base of all audit events; subclasses set ``event_type`` and add their facts as fields."""

    event_type: ClassVar[AuditEventType]

    def payload(self) -> dict[str, JsonValue]:
        """The event's facts as JSON values, keyed by field name."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: object) -> JsonValue:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        if set(map(type, value)) <= _TEXT:  # (a 300-passenger answer record: 300 such entries)
            return list(value)
        return [_plain(item) for item in value]
    raise TypeError(f"audit payloads hold str, int, bool, None and tuples, not {type(value).__name__}")


_TEXT = frozenset({str})  # text itself, not a subclass (an Enum member is written by its value)

EVENT_CLASSES: dict[AuditEventType, type[AuditEvent]] = {}
_E = TypeVar("_E", bound=type[AuditEvent])


def _register(cls: _E) -> _E:
    EVENT_CLASSES[cls.event_type] = cls
    return cls


@_register
@dataclass(frozen=True, slots=True)
class Login(AuditEvent):
    event_type = AuditEventType.LOGIN
    method: str
    success: bool
    remote: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class Logout(AuditEvent):
    event_type = AuditEventType.LOGOUT


@_register
@dataclass(frozen=True, slots=True)
class TravellerRead(AuditEvent):
    """Someone looked at a traveller's data: which parts, for what, under which case if any."""

    event_type = AuditEventType.TRAVELLER_READ
    traveller_key: str
    purpose: str
    fields_read: tuple[str, ...] = ()
    case_number: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class Search(AuditEvent):
    event_type = AuditEventType.SEARCH
    scope: str
    query: str
    result_count: int


@_register
@dataclass(frozen=True, slots=True)
class AlertRaised(AuditEvent):
    """The machine produced a hit; which algorithm and version, on which list or rule version."""

    event_type = AuditEventType.ALERT_RAISED
    alert_id: str
    kind: AlertKind
    traveller_key: str
    source: str
    source_version: str | None
    subject: str
    score: str
    algorithm: str
    algorithm_version: str


@_register
@dataclass(frozen=True, slots=True)
class AlertStepTaken(AuditEvent):
    event_type = AuditEventType.ALERT_STEP
    alert_id: str
    action: ReviewAction
    from_status: AlertStatus
    to_status: AlertStatus
    reason: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class DispositionRecorded(AuditEvent):
    event_type = AuditEventType.DISPOSITION
    alert_id: str
    disposition: Disposition
    reason: str
    override: bool = False
    replaces: Disposition | None = None


@_register
@dataclass(frozen=True, slots=True)
class BoardingAnswered(AuditEvent):
    """What the carrier was told, and — for the auditor only — on what basis."""

    event_type = AuditEventType.BOARDING_ANSWER
    traveller_key: str
    traveller_ref: str
    flight: str
    answer: BoardingAnswer
    basis: str
    policy_version: str
    alert_ids: tuple[str, ...] = ()


@_register
@dataclass(frozen=True, slots=True)
class BoardingAnswersGiven(AuditEvent):
    """One interactive request answered: every passenger's answer in one record (a 300-passenger
    iAPI request is one record, not 300), each entry with — for the auditor only — its basis.

    ``answers`` holds one entry per passenger, in the order of the request, laid out as
    :data:`ANSWER_ENTRY` (the alert ids, if any, come last); :meth:`passengers` reads them back as
    :class:`BoardingAnswered` events, so a passenger's answer is as visible as a single record was.
    """

    event_type = AuditEventType.BOARDING_ANSWERS
    message_id: int
    policy_version: str
    answers: tuple[tuple[str, ...], ...]

    ANSWER_ENTRY: ClassVar[tuple[str, ...]] = (
        "traveller_key",
        "traveller_ref",
        "flight",
        "answer",
        "basis",
        "*alert_ids",
    )

    def passengers(self) -> tuple[BoardingAnswered, ...]:
        """Each passenger's answer as its own event."""
        return tuple(
            BoardingAnswered(key, ref, flight, BoardingAnswer(answer), basis, self.policy_version, tuple(ids))
            for key, ref, flight, answer, basis, *ids in self.answers
        )


@_register
@dataclass(frozen=True, slots=True)
class CaseOpened(AuditEvent):
    event_type = AuditEventType.CASE_OPENED
    case_number: str
    purpose: str
    alert_ids: tuple[str, ...]
    traveller_keys: tuple[str, ...]


@_register
@dataclass(frozen=True, slots=True)
class CaseNoteAdded(AuditEvent):
    event_type = AuditEventType.CASE_NOTE
    case_number: str
    note_number: int


@_register
@dataclass(frozen=True, slots=True)
class CaseTravellerLinked(AuditEvent):
    event_type = AuditEventType.CASE_LINK
    case_number: str
    traveller_key: str
    reason: str


@_register
@dataclass(frozen=True, slots=True)
class CaseClosed(AuditEvent):
    event_type = AuditEventType.CASE_CLOSED
    case_number: str
    reason: str


@_register
@dataclass(frozen=True, slots=True)
class NetworkQueried(AuditEvent):
    event_type = AuditEventType.NETWORK_QUERY
    traveller_key: str
    depth: int
    case_number: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class RuleChanged(AuditEvent):
    event_type = AuditEventType.RULE_CHANGE
    rule_id: str
    version: str
    change: str
    justification: str


@_register
@dataclass(frozen=True, slots=True)
class ListImported(AuditEvent):
    event_type = AuditEventType.LIST_IMPORT
    list_name: str
    version: str
    added: int
    removed: int
    changed: int
    source: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class PolicyChanged(AuditEvent):
    event_type = AuditEventType.POLICY_CHANGE
    policy_version: str
    summary: str


@_register
@dataclass(frozen=True, slots=True)
class Unmasked(AuditEvent):
    """Masked data was shown again: under which case, asked by whom, approved by whom."""

    event_type = AuditEventType.UNMASK
    traveller_key: str
    fields_unmasked: tuple[str, ...]
    case_number: str
    requested_by: str
    approved_by: str
    reason: str


@_register
@dataclass(frozen=True, slots=True)
class UnmaskRequested(AuditEvent):
    """An analyst asked to see a traveller's masked data again, under a case, for a reason."""

    event_type = AuditEventType.UNMASK_REQUEST
    request_id: str
    traveller_key: str
    case_number: str
    fields_requested: tuple[str, ...]
    reason: str


@_register
@dataclass(frozen=True, slots=True)
class UnmaskDecided(AuditEvent):
    """A supervisor (not the requester) approved or refused an unmasking request."""

    event_type = AuditEventType.UNMASK_DECISION
    request_id: str
    traveller_key: str
    case_number: str
    requested_by: str
    approved: bool
    reason: str


@_register
@dataclass(frozen=True, slots=True)
class Exported(AuditEvent):
    event_type = AuditEventType.EXPORT
    what: str
    count: int
    destination: str
    case_number: str | None = None
    digest: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class PackageShared(AuditEvent):
    event_type = AuditEventType.SHARE
    package_id: str
    tlp: str
    orcon: bool
    recipients: tuple[str, ...]
    digest: str


@_register
@dataclass(frozen=True, slots=True)
class PartnerChanged(AuditEvent):
    """The partner directory changed: an agency added (or its agreement's terms recorded)."""

    event_type = AuditEventType.PARTNER_CHANGE
    org_id: str
    change: str
    personal_data: bool
    account: str | None = None


@_register
@dataclass(frozen=True, slots=True)
class RetentionApplied(AuditEvent):
    """One run of the retention job: travellers masked, messages deleted, travellers held back
    (by an open case or a confirmed match), and the rest of its counts."""

    event_type = AuditEventType.RETENTION
    policy: str
    masked: int
    deleted: int
    held: int
    as_of: str = ""
    bookings_masked: int = 0
    messages_masked: int = 0
    travellers_deleted: int = 0


@_register
@dataclass(frozen=True, slots=True)
class TravellerCleared(AuditEvent):
    """A confirmed false positive recorded as a clearance: this person and document are not that entry."""

    event_type = AuditEventType.CLEARANCE
    traveller_key: str
    alert_id: str
    source: str
    subject: str
    reason: str
    expires: str


@_register
@dataclass(frozen=True, slots=True)
class UserChanged(AuditEvent):
    """An account was created, given a token or a password, or had a token revoked."""

    event_type = AuditEventType.USER_CHANGE
    user: str
    change: str
    role: str | None = None


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _coerce(inner, value)
    if origin is tuple:
        return tuple(_coerce(get_args(hint)[0], item) for item in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value


def event_from_payload(event_type: AuditEventType | str, payload: dict[str, JsonValue]) -> AuditEvent:
    """Rebuild a typed event from a stored payload (``KeyError``/``ValueError`` when it does not fit)."""
    cls = EVENT_CLASSES[AuditEventType(event_type)]
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    unknown = set(payload) - known
    if unknown:
        raise ValueError(f"{cls.__name__} has no fields {sorted(unknown)}")
    return cls(**{name: _coerce(hints[name], value) for name, value in payload.items()})
