"""Interactive API (iAPI) requests: the check-in PAXLST a departure-control system sends one by one.

Like :func:`~waystation.synth.render_edifact.render_paxlst` but with the transaction number
(``RFF+TN``) that makes it an interactive request answered with CUSRES, the interchange
application reference ``IAPI``, and the passengers given (from one to a whole flight). Used by
the gateway's tests and the load benchmark.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from waystation.ingest.edifact import Segment, serialize
from waystation.model import Leg, Traveller

__all__ = ["render_iapi"]


def _seg(tag: str, *elements: str | tuple[str, ...]) -> Segment:
    return Segment(tag, tuple((e,) if isinstance(e, str) else e for e in elements))


def _traveller(traveller: Traveller) -> list[Segment]:
    name = traveller.name
    segments = [
        _seg("NAD", "FL", "", "", (name.family or "", name.given or "")),
        _seg("ATT", "2", "", traveller.sex.value if traveller.sex else "U"),
    ]
    if traveller.birth_date and traveller.birth_date.to_date():
        segments.append(_seg("DTM", ("329", f"{traveller.birth_date.to_date():%y%m%d}")))
    segments += [_seg("NAT", "2", n) for n in traveller.nationalities[:1]]
    segments += [_seg("RFF", (key, value)) for key, value in traveller.references.items()]
    for document in traveller.documents:
        segments.append(_seg("DOC", (document.doc_type or "P", "110", "111"), document.number or ""))
        if document.expiry and document.expiry.to_date():
            segments.append(_seg("DTM", ("36", f"{document.expiry.to_date():%y%m%d}")))
        if document.issuing_country:
            segments.append(_seg("LOC", "91", document.issuing_country))
    return segments


def render_iapi(leg: Leg, travellers: Sequence[Traveller], *, reference: str, transaction: str) -> bytes:
    """One iAPI PAXLST for ``travellers`` on ``leg``; ``reference`` is the interchange control reference
    (unique per sender), ``transaction`` the RFF+TN the CUSRES answer echoes."""
    departure = leg.departure if isinstance(leg.departure, datetime) else None
    arrival = leg.arrival if isinstance(leg.arrival, datetime) else None
    sender = f"{leg.carrier or 'YY'}DCS"
    stamp = ((departure or datetime(2000, 1, 1)).strftime("%y%m%d"), "0000")
    body = [
        _seg("UNH", "1", ("PAXLST", "D", "05B", "UN", "IATA"), "", ("01", "F")),
        _seg("BGM", "745"),
        _seg("RFF", ("TN", transaction)),
        _seg("TDT", "20", leg.designator, "", "", leg.carrier or ""),
        _seg("LOC", "125", leg.origin or ""),
    ]
    if departure:
        body.append(_seg("DTM", ("189", f"{departure:%y%m%d%H%M}", "201")))
    body.append(_seg("LOC", "87", leg.destination or ""))
    if arrival:
        body.append(_seg("DTM", ("232", f"{arrival:%y%m%d%H%M}", "201")))
    for traveller in travellers:
        body += _traveller(traveller)
    body.append(_seg("CNT", ("42", str(len(travellers)))))
    body.append(_seg("UNT", str(len(body) + 1), "1"))
    segments = [
        _seg("UNB", ("UNOA", "4"), sender, "WAYSTATION", stamp, reference, "", "IAPI"),
        _seg("UNG", "PAXLST", sender, "WAYSTATION", stamp, reference, "UN", ("D", "05B")),
        *body,
        _seg("UNE", "1", reference),
        _seg("UNZ", "1", reference),
    ]
    return serialize(segments, line_break="\n")
