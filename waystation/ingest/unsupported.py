"""Formats we recognise but do not read yet, refused with a clear reason instead of "unknown format".

* IATA BCBP (bar-coded boarding pass, Resolution 792): no birth date and no document, so nothing
  to screen beyond a 20-character name; reading it is planned with the gate integration.
* APP (SITA-style CIRQ/CIRS/CICX/CIMR text): an interactive protocol with per-version field
  counts; it needs its own reader and response writer.
* PNRGOV XML (IATA_PNRGOV_NotifRQ): no authentic sample exists (the only one is a student file),
  and a reader written against no real traffic would be a guess.
"""

from __future__ import annotations

import re

from waystation.exc import Locator, UnknownFormat
from waystation.ingest.message import ParseContext, ParsedMessage

__all__ = ["refuse_app", "refuse_bcbp", "refuse_pnrgov_xml", "sniff_app", "sniff_bcbp", "sniff_pnrgov_xml"]

_BCBP = re.compile(r"^M[1-9][^\r\n]{20}[E ][^\r\n]{7}")
_APP = re.compile(rb"^\s*CI[A-Z]{2}:\d")
_XML_PNR = re.compile(rb"<(?:\w+:)?(?:PNR|IATA_PNRGOV_NotifRQ|BookingRefID)\b")


def sniff_bcbp(data: bytes) -> float:
    head = data[:600].decode("utf-8", "replace")
    return 0.9 if _BCBP.match(head) and head.count("\n") <= 1 else 0.0


def sniff_app(data: bytes) -> float:
    return 0.9 if _APP.match(data) else 0.0


def sniff_pnrgov_xml(data: bytes) -> float:
    head = data[:4096].lstrip()
    return 0.9 if head.startswith(b"<") and _XML_PNR.search(head) else 0.0


def refuse_bcbp(data: bytes, source: str, context: ParseContext) -> ParsedMessage:
    raise UnknownFormat(
        "IATA BCBP boarding pass data is not supported yet (see docs/formats.md)", Locator(source)
    )


def refuse_app(data: bytes, source: str, context: ParseContext) -> ParsedMessage:
    raise UnknownFormat(
        "APP (CIRQ/CIRS) messages are not supported yet (see docs/formats.md)", Locator(source)
    )


def refuse_pnrgov_xml(data: bytes, source: str, context: ParseContext) -> ParsedMessage:
    raise UnknownFormat("PNRGOV XML is not supported yet (see docs/formats.md)", Locator(source))
