"""What a message reader needs while it reads: the source, the context, the issue log, the pivots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from waystation.ingest.edifact.envelope import EdifactMessage, Interchange
from waystation.ingest.edifact.issues import IssueLog
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.message import ParseContext
from waystation.model import Provenance, to_alpha3
from waystation.model.provenance import read_at

__all__ = ["MessageContext"]

# The same few nationality and country codes fill a manifest: look each up once.
_alpha3 = lru_cache(maxsize=4096)(to_alpha3)


@dataclass(slots=True)
class MessageContext:
    """Per-message reading state shared by the PAXLST and PNRGOV readers."""

    source: str
    context: ParseContext
    log: IssueLog
    interchange: Interchange
    message: EdifactMessage

    @property
    def today(self) -> date:
        return self.context.today

    @property
    def birth_pivot(self) -> date:
        """Nobody is born after the message was sent: the message date when earlier than today."""
        prepared = self.interchange.header.prepared_at if self.interchange.header else None
        if isinstance(prepared, datetime):
            prepared = prepared.date()
        if prepared is not None and prepared < self.today:
            return prepared
        return self.today

    def prov(self, segment: Segment, field: str | None = None) -> Provenance:
        # Segment.provenance, built directly: a 300-passenger manifest asks for ~3,300 of these
        # (``read_at`` makes the locator and the provenance in one call into their compiled module).
        return read_at(self.source, segment.position, segment.tag, field, segment.line, segment.raw)

    def country(self, text: str | None, segment: Segment, field: str) -> str | None:
        """ISO alpha-3 for a code or name; a warning and ``None`` when it is not a country."""
        if not text:
            return None
        code = _alpha3(text)
        if code is None:
            self.log.warn("bad_country", f"not a country code: {text!r}", segment, field)
        return code
