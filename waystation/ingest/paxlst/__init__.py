"""PAXLST (batch and interactive API): UN/IATA D02B-D15B, CBP ACE D03B and the legacy US 001:000."""

from waystation.ingest.paxlst.legacy_us import read_legacy_paxlst
from waystation.ingest.paxlst.un import read_un_paxlst

__all__ = ["read_legacy_paxlst", "read_paxlst_message", "read_un_paxlst"]

from waystation.ingest.edifact.reading import MessageContext
from waystation.model import Manifest


def read_paxlst_message(ctx: MessageContext) -> Manifest:
    """Dispatch on the message version: ``001:000`` is the legacy US format, anything else UN/IATA."""
    header = ctx.message.header
    if header.version == "001" and (header.release or "").startswith("000"):
        return read_legacy_paxlst(ctx)
    return read_un_paxlst(ctx)
