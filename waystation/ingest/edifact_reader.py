"""UN/EDIFACT carrier messages: one entry point that reads the envelope and dispatches each message.

The message type in UNH picks the reader (PAXLST -> manifest, PNRGOV -> PNR push); the PAXLST
reader dispatches further on the version (the legacy US ``001:000``). A reader failing on one
message is contained: the message is reported as an ERROR issue and the others are still read,
so one malformed message never loses a whole transmission. A failure while cutting the
interchange itself, before any message, is an unreadable message, never an unexpected error:
the tokenizer and the envelope reader are compiled by mypyc (docs/matching.md), where a value of
an unexpected type raises ``TypeError`` instead of passing through. CUSRES (a government's answer) is
not passenger data: :func:`waystation.ingest.cusres.read_cusres` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from waystation.exc import InputError, Locator, UnknownFormat, UnreadableMessage
from waystation.ingest.edifact.envelope import read_interchange
from waystation.ingest.edifact.issues import IssueLog
from waystation.ingest.edifact.multipart import reassemble
from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.ingest.paxlst import read_paxlst_message
from waystation.ingest.pnrgov import read_pnrgov_message
from waystation.model import Manifest, PnrPush

__all__ = ["MESSAGE_READERS", "parse_edifact", "sniff_edifact", "sniff_paxlst", "sniff_pnrgov"]

MessageHandler = Callable[[MessageContext], Manifest | PnrPush]
MESSAGE_READERS: dict[str, MessageHandler] = {
    "PAXLST": read_paxlst_message,
    "PNRGOV": read_pnrgov_message,
}
_SNIFF_WINDOW = 65536
_ANY = re.compile(rb"UNA[^\w\s]|UN[BH][^\w\s]")


def _message_type(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"UNH[^\w\s][^\r\n]{0,40}?" + name)


_PAXLST = _message_type(b"PAXLST")
_PNRGOV = _message_type(b"PNRGOV")


def sniff_paxlst(data: bytes) -> float:
    return 0.95 if _PAXLST.search(data, 0, _SNIFF_WINDOW) else 0.0


def sniff_pnrgov(data: bytes) -> float:
    return 0.95 if _PNRGOV.search(data, 0, _SNIFF_WINDOW) else 0.0


def sniff_edifact(data: bytes) -> float:
    """Any UN/EDIFACT at all: low confidence, so the specific readers win when they can."""
    return 0.4 if _ANY.search(data, 0, _SNIFF_WINDOW) else 0.0


def parse_edifact(data: bytes, source: str, context: ParseContext | None = None) -> ParsedMessage:
    """Read every message of an interchange into manifests and PNR pushes, with all issues found."""
    context = context or ParseContext()
    try:
        interchange = read_interchange(data, source, context.today)
    except InputError:
        raise
    except Exception as exc:  # contained: see module docstring
        reason = f"the interchange could not be read ({type(exc).__name__}: {exc})"
        raise UnreadableMessage(reason, Locator(source)) from exc
    log = IssueLog(source, interchange.issues)
    manifests: list[Manifest] = []
    pushes: list[PnrPush] = []
    skipped: list[str] = []
    for message in interchange.messages:
        handler = MESSAGE_READERS.get(message.header.type)
        if handler is None:
            skipped.append(message.header.type or "?")
            log.warn(
                "unsupported_message",
                f"{message.header.identifier or 'untyped'} message not read",
                message.unh,
            )
            continue
        ctx = MessageContext(source, context, log, interchange, message)
        try:
            result = handler(ctx)
        except Exception as exc:  # contained per message: see module docstring
            log.error(
                "reader_failure", f"message could not be read ({type(exc).__name__}: {exc})", message.unh
            )
            continue
        if isinstance(result, Manifest):
            manifests.append(result)
        else:
            pushes.append(result)
    if not manifests and not pushes:
        if skipped:
            kinds = ", ".join(sorted(set(skipped)))
            hint = " (a response to the carrier: read it with read_cusres)" if "CUSRES" in skipped else ""
            raise UnknownFormat(
                f"UN/EDIFACT {kinds} messages are not passenger data waystation reads{hint}",
                Locator(source, interchange.messages[0].unh.position, "UNH"),
            )
        first = next((i for i in log.items if i.code == "reader_failure"), None)
        raise UnreadableMessage(
            first.message if first else "no message could be read",
            first.locator if first else Locator(source),
        )
    if len(manifests) > 1:  # parts of one flight sent in one input are joined here
        joined, part_issues = reassemble(manifests)
        manifests = list(joined)
        log.extend(part_issues)
    message_format = "paxlst" if manifests else "pnrgov"
    return ParsedMessage(source, message_format, tuple(manifests), tuple(pushes), log.freeze())
