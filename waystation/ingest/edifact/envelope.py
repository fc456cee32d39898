"""The envelope: interchange (UNB/UNZ), optional groups (UNG/UNE), messages (UNH/UNT).

Messages are cut out of the segment stream and described by their headers, so that a reader can
be chosen by message type and version (PAXLST D:05B, PAXLST 001:000, PNRGOV 11:1, CUSRES ...).
Control counts and references (UNT, UNE, UNZ) are compared with what was received and every
disagreement is a warning, never a failure: real senders get them wrong in a third of the
samples. A message without UNT runs to the end of the input (a truncated transmission) and a
second UNH closes the message before it; both are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from waystation.exc import Locator, UnreadableMessage
from waystation.ingest.edifact.dates import DateKind, with_time, yymmdd
from waystation.ingest.edifact.issues import IssueLog
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.edifact.syntax import Syntax
from waystation.ingest.edifact.tokenizer import Tokenized, tokenize
from waystation.model import ParseIssue
from waystation.numbers import number

__all__ = [
    "EdifactMessage",
    "GroupHeader",
    "Interchange",
    "InterchangeHeader",
    "MessageHeader",
    "read_interchange",
]

_SERVICE = frozenset({"UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})
_ENVELOPE = frozenset({"UNT", "UNH", "UNE", "UNZ", "UNG", "UNB"})  # what ends a message body


@dataclass(frozen=True, slots=True)
class InterchangeHeader:
    """UNB: who sent the interchange to whom, when, under which control reference."""

    syntax_id: str | None
    syntax_version: int | None
    sender: str | None
    recipient: str | None
    prepared_at: datetime | date | None
    control_ref: str | None
    application_ref: str | None = None
    sender_qualifier: str | None = None
    recipient_qualifier: str | None = None
    test: bool = False


@dataclass(frozen=True, slots=True)
class GroupHeader:
    """UNG: a functional group of messages of one type."""

    message_type: str | None
    sender: str | None
    recipient: str | None
    prepared_at: datetime | date | None
    ref: str | None
    agency: str | None
    version: str | None


@dataclass(frozen=True, slots=True)
class MessageHeader:
    """UNH: reference, message identifier, common access reference, sequence of transfers."""

    ref: str
    type: str
    version: str | None = None
    release: str | None = None
    agency: str | None = None
    association: str | None = None
    common_access_ref: str | None = None
    sequence: int | None = None
    sequence_flag: str | None = None

    @property
    def identifier(self) -> str:
        """``PAXLST:D:05B:UN:IATA`` as written (without empty trailing parts)."""
        parts = [self.type, self.version, self.release, self.agency, self.association]
        while parts and not parts[-1]:
            parts.pop()
        return ":".join(p or "" for p in parts)

    @property
    def final(self) -> bool | None:
        """``True`` for ``F`` (last part), ``False`` for ``C`` (more to come), ``None`` when not said."""
        if self.sequence_flag == "F":
            return True
        if self.sequence_flag == "C":
            return False
        return None


@dataclass(frozen=True, slots=True)
class EdifactMessage:
    """One message: its header, its body segments (between UNH and UNT) and its envelope."""

    header: MessageHeader
    body: tuple[Segment, ...]
    unh: Segment
    unt: Segment | None = None
    group: GroupHeader | None = None


@dataclass(frozen=True, slots=True)
class Interchange:
    """A whole input: its header, its messages, and everything found wrong on the way."""

    header: InterchangeHeader | None
    messages: tuple[EdifactMessage, ...]
    syntax: Syntax
    encoding: str
    issues: tuple[ParseIssue, ...]
    prelude: str = ""
    trailer: str = ""


def _stamp(segment: Segment, index: int, today: date) -> datetime | date | None:
    return with_time(yymmdd(segment.get(index, 0), DateKind.EVENT, today), segment.get(index, 1))


def _interchange_header(unb: Segment, today: date) -> InterchangeHeader:
    version = unb.get(1, 1)
    sender = unb.literal(2)
    recipient = unb.literal(3)
    return InterchangeHeader(
        syntax_id=unb.get(1, 0),
        syntax_version=number(version),
        sender=(sender[0].strip() or None) if sender else None,
        recipient=(recipient[0].strip() or None) if recipient else None,
        prepared_at=_stamp(unb, 4, today),
        control_ref=unb.get(5),
        application_ref=unb.get(7),
        sender_qualifier=(sender[1].strip() or None) if len(sender) > 1 else None,
        recipient_qualifier=(recipient[1].strip() or None) if len(recipient) > 1 else None,
        test=unb.get(11) == "1",
    )


def _group_header(ung: Segment, today: date) -> GroupHeader:
    version = ":".join(c.strip() for c in ung.element(7) if c.strip()) or None
    sender = ung.literal(2)
    recipient = ung.literal(3)
    return GroupHeader(
        message_type=ung.get(1),
        sender=(sender[0].strip() or None) if sender else None,
        recipient=(recipient[0].strip() or None) if recipient else None,
        prepared_at=_stamp(ung, 4, today),
        ref=ung.get(5),
        agency=ung.get(6),
        version=version,
    )


def _message_header(unh: Segment) -> MessageHeader:
    sequence = unh.get(4, 0)
    flag = (unh.get(4, 1) or "").upper() or None
    return MessageHeader(
        ref=unh.get(1) or "",
        type=(unh.get(2, 0) or "").upper(),
        version=unh.get(2, 1),
        release=unh.get(2, 2),
        agency=unh.get(2, 3),
        association=unh.get(2, 4),
        common_access_ref=unh.get(3),
        sequence=number(sequence),
        sequence_flag=flag,
    )


def _count(segment: Segment, index: int) -> int | None:
    value = segment.get(index)
    return number(value)


class _Builder:
    def __init__(self, log: IssueLog, today: date) -> None:
        self.log = log
        self.today = today
        self.header: InterchangeHeader | None = None
        self.unb: Segment | None = None
        self.group: GroupHeader | None = None
        self.ung: Segment | None = None
        self.groups = 0
        self.in_group = 0
        self.messages: list[EdifactMessage] = []
        self.unh: Segment | None = None
        self.body: list[Segment] = []

    def close(self, unt: Segment | None) -> None:
        assert self.unh is not None
        header = _message_header(self.unh)
        if unt is None:
            self.log.warn("no_unt", f"message {header.ref!r} has no UNT: read up to here", self.unh)
        else:
            declared, actual = _count(unt, 1), len(self.body) + 2
            if declared != actual:
                self.log.warn(
                    "control_count",
                    f"UNT says {unt.get(1)!r} segments, the message has {actual} (UNH to UNT)",
                    unt,
                )
            if (unt.get(2) or "") != header.ref:
                self.log.warn(
                    "control_ref",
                    f"UNT reference {unt.get(2)!r} differs from UNH reference {header.ref!r}",
                    unt,
                )
        self.messages.append(EdifactMessage(header, tuple(self.body), self.unh, unt, self.group))
        self.in_group += 1
        self.unh, self.body = None, []

    def feed(self, segment: Segment) -> None:
        tag = segment.tag
        if self.unh is not None and tag not in _ENVELOPE:
            self.body.append(segment)
            return
        if tag == "UNH":
            if self.unh is not None:
                self.close(None)
            self.unh = segment
            if not segment.get(1) or not segment.get(2):
                self.log.warn("bad_unh", "UNH without message reference or identifier", segment)
        elif tag == "UNT":
            if self.unh is None:
                self.log.warn("stray_unt", "UNT outside any message ignored", segment)
            else:
                self.close(segment)
        else:
            if self.unh is not None:
                self.close(None)
            self.service(segment)

    def service(self, segment: Segment) -> None:
        tag = segment.tag
        if tag == "UNB":
            if self.header is not None:
                self.log.warn(
                    "second_unb", "a second UNB inside the input; its messages are read too", segment
                )
            self.unb, self.header = segment, _interchange_header(segment, self.today)
        elif tag == "UNG":
            self.ung, self.group, self.in_group = segment, _group_header(segment, self.today), 0
            self.groups += 1
        elif tag == "UNE":
            if _count(segment, 1) != self.in_group:
                self.log.warn(
                    "control_count",
                    f"UNE says {segment.get(1)!r} messages, the group has {self.in_group}",
                    segment,
                )
            if self.group and segment.get(2) != self.group.ref:
                self.log.warn(
                    "control_ref",
                    f"UNE reference {segment.get(2)!r} differs from UNG {self.group.ref!r}",
                    segment,
                )
            self.group = None
        elif tag == "UNZ":
            expected = self.groups if self.groups else len(self.messages)
            if _count(segment, 1) != expected:
                what = "groups" if self.groups else "messages"
                self.log.warn(
                    "control_count",
                    f"UNZ says {segment.get(1)!r} {what}, the interchange has {expected}",
                    segment,
                )
            if self.header and segment.get(2) != self.header.control_ref:
                self.log.warn(
                    "control_ref",
                    f"UNZ reference {segment.get(2)!r} differs from UNB {self.header.control_ref!r}",
                    segment,
                )
        else:
            self.log.warn("outside_message", f"{tag} segment outside any message ignored", segment)


def read_interchange(
    data: bytes | str | Tokenized, source: str = "<input>", today: date | None = None
) -> Interchange:
    """Tokenize (unless given tokens) and cut into messages; raises when no message is found."""
    tokens = data if isinstance(data, Tokenized) else tokenize(data, source)
    log = IssueLog(source, tokens.issues)
    builder = _Builder(log, today or date.today())
    for segment in tokens.segments:
        # A message's body segment, inline (nearly all ~2,700 of a 300-passenger manifest).
        if builder.unh is not None and segment.tag not in _ENVELOPE:
            builder.body.append(segment)
        else:
            builder.feed(segment)
    if builder.unh is not None:
        builder.close(None)
    if not builder.messages:
        raise UnreadableMessage(
            "no message header (UNH) found: the interchange holds no message",
            Locator(source, tokens.segments[-1].position if tokens.segments else None),
        )
    if builder.header is not None and not any(s.tag == "UNZ" for s in tokens.segments[-2:]):
        log.warn("no_unz", "the interchange has no UNZ trailer (truncated?)", tokens.segments[-1])
    return Interchange(
        builder.header,
        tuple(builder.messages),
        tokens.syntax,
        tokens.encoding,
        log.freeze(),
        tokens.prelude,
        tokens.trailer,
    )
