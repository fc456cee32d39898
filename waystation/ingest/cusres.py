"""CUSRES: a government's iAPI answer (board / no board), read back into plain dataclasses.

Structure (Sirena/Astra and the China NIA samples): BGM 962 (response), 132 (unsolicited change)
or 312 (carrier acknowledgement); RFF+TN echoes the request's transaction number; per flight
RFF+AF with DTM+189/232 and LOC+125/87 (or a LOC+92 pair); per passenger ERP+2, RFF+AVF, RFF+ABO,
ERC status (0Z board, 1Z do not board, 2Z advisory, 4Z insufficient data) and optional FTX+AAP
text; message-level ERP+1 / ERC. Answers are matched on ABO (else AVF), never on names or order.
The gateway's own CUSRES writer is tested against this reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from waystation.ingest.edifact.dates import DateKind, dtm_value
from waystation.ingest.edifact.envelope import EdifactMessage, read_interchange
from waystation.ingest.edifact.issues import IssueLog
from waystation.ingest.message import ParseContext
from waystation.model import ParseIssue, Provenance

__all__ = ["BoardingStatus", "CusresFlight", "CusresResponse", "PassengerStatus", "read_cusres"]


class BoardingStatus(StrEnum):
    OK_TO_BOARD = "0Z"
    DO_NOT_BOARD = "1Z"
    ADVISORY = "2Z"
    INSUFFICIENT_DATA = "4Z"


@dataclass(frozen=True, slots=True)
class PassengerStatus:
    """One passenger's answer: ``code`` as sent, ``status`` when it is a known code."""

    passenger_ref: str | None
    booking_ref: str | None
    code: str | None
    status: BoardingStatus | None
    text: str | None = None
    provenance: Provenance | None = field(default=None, compare=False)

    @property
    def key(self) -> str | None:
        return self.passenger_ref or self.booking_ref


@dataclass(frozen=True, slots=True)
class CusresFlight:
    flight: str | None
    departure: datetime | date | None = None
    arrival: datetime | date | None = None
    origin: str | None = None
    destination: str | None = None


@dataclass(frozen=True, slots=True)
class CusresResponse:
    """One CUSRES message."""

    message_ref: str
    document_code: str | None
    transaction_ref: str | None
    flights: tuple[CusresFlight, ...]
    passengers: tuple[PassengerStatus, ...]
    errors: tuple[str, ...] = ()
    sender: str | None = None
    recipient: str | None = None
    interchange_ref: str | None = None

    def by_passenger(self) -> dict[str, PassengerStatus]:
        """Statuses keyed by ABO (AVF when there is no ABO)."""
        return {p.key: p for p in self.passengers if p.key}

    @property
    def unsolicited(self) -> bool:
        return self.document_code == "132"


@dataclass(slots=True)
class _FlightDraft:
    flight: str | None
    departure: datetime | date | None = None
    arrival: datetime | date | None = None
    airports: list[tuple[str, str]] = field(default_factory=list)

    def done(self) -> CusresFlight:
        origin = next((c for q, c in self.airports if q == "125"), None)
        destination = next((c for q, c in self.airports if q == "87"), None)
        progressive = [c for q, c in self.airports if q == "92"]
        if origin is None and progressive:
            origin = progressive[0]
        if destination is None and len(progressive) > 1:
            destination = progressive[-1]
        return CusresFlight(self.flight, self.departure, self.arrival, origin, destination)


@dataclass(slots=True)
class _PaxDraft:
    start_prov: Provenance
    refs: dict[str, str] = field(default_factory=dict)
    code: str | None = None
    text: str | None = None

    def done(self) -> PassengerStatus:
        status = next((s for s in BoardingStatus if s.value == self.code), None)
        return PassengerStatus(
            self.refs.get("ABO"), self.refs.get("AVF"), self.code, status, self.text, self.start_prov
        )


def _response(message: EdifactMessage, source: str, today: date, log: IssueLog) -> CusresResponse:
    document = transaction = None
    flights: list[_FlightDraft] = []
    passengers: list[_PaxDraft] = []
    errors: list[str] = []
    level: str | None = None
    for segment in message.body:
        tag = segment.tag
        if tag == "BGM":
            document = segment.get(1)
        elif tag == "RFF":
            qualifier, value = segment.get(1, 0), segment.get(1, 1)
            if level == "pax" and passengers and qualifier and value:
                passengers[-1].refs.setdefault(qualifier, value)
            elif qualifier == "TN":
                transaction = value
            elif qualifier == "AF":
                flights.append(_FlightDraft(value))
                level = "flight"
        elif tag == "DTM" and level == "flight" and flights:
            stamp = dtm_value(segment.get(1, 1), segment.get(1, 2), DateKind.EVENT, today)
            if segment.get(1, 0) == "189":
                flights[-1].departure = stamp
            elif segment.get(1, 0) == "232":
                flights[-1].arrival = stamp
        elif tag == "LOC" and level == "flight" and flights:
            flights[-1].airports.append((segment.get(1) or "", segment.get(2) or ""))
        elif tag == "ERP":
            level = "pax" if segment.get(1) == "2" else "message"
            if level == "pax":
                passengers.append(_PaxDraft(segment.provenance(source)))
        elif tag == "ERC":
            code = segment.get(1)
            if level == "pax" and passengers:
                passengers[-1].code = code
            elif code:
                errors.append(code)
        elif tag == "FTX" and level == "pax" and passengers:
            passengers[-1].text = segment.get(4)
        else:
            log.warn("unexpected_segment", f"{tag} not expected in a CUSRES here; ignored", segment)
    return CusresResponse(
        message_ref=message.header.ref,
        document_code=document,
        transaction_ref=transaction,
        flights=tuple(f.done() for f in flights),
        passengers=tuple(p.done() for p in passengers),
        errors=tuple(errors),
    )


def read_cusres(
    data: bytes, source: str = "<input>", context: ParseContext | None = None
) -> tuple[tuple[CusresResponse, ...], tuple[ParseIssue, ...]]:
    """Every CUSRES message of an interchange, with the issues found; other message types are reported."""
    today = (context or ParseContext()).today
    interchange = read_interchange(data, source, today)
    log = IssueLog(source, interchange.issues)
    header = interchange.header
    responses: list[CusresResponse] = []
    for message in interchange.messages:
        if message.header.type != "CUSRES":
            log.warn(
                "unsupported_message", f"{message.header.identifier} is not a CUSRES; skipped", message.unh
            )
            continue
        response = _response(message, source, today, log)
        if header:
            response = CusresResponse(
                response.message_ref,
                response.document_code,
                response.transaction_ref,
                response.flights,
                response.passengers,
                response.errors,
                header.sender,
                header.recipient,
                header.control_ref,
            )
        responses.append(response)
    return tuple(responses), log.freeze()
