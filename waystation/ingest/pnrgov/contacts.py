"""Contacts, addresses, payments and agencies of a PNR: what links travellers who never fly together.

* IFT+4:28 OSI lines ``CTCE MOLLY..LOBB//GMAIL.COM`` (``//`` is ``@``, ``..`` is ``_``), ``CTCM``,
  ``CTCH``, ``CTCB``, ``CTCT``, ``CTCR`` phones; other OSI text is a remark.
* ADD ``++702:street:city:region::country:postcode:phone``.
* FOP ``CC::amount:vendor:number:MMYY`` and ``CA::amount``: a full card number is replaced by
  :meth:`ParseContext.card_hash` and never kept, not even in the provenance text; a masked
  number (``XXXXXXXX1186``) is not hashed (the visible digits would link strangers) and only
  its last four digits are kept.
* ORG ``system:city+iata number:location+...+country:currency``.
"""

from __future__ import annotations

import re

from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.message import ParseContext
from waystation.model import Address, Agency, Contact, ContactKind, Payment, Provenance, to_alpha3

__all__ = ["address_of", "agency_of", "ctc_contact", "decode_email", "payment_of"]

_CTC = re.compile(r"\bCTC(?:([A-Z])\s+|(\S*)\s+)(.+)$")
_CARD = re.compile(r"^\d{12,19}$")
_MIN_PHONE_DIGITS = 5


def decode_email(text: str) -> str:
    """PNR e-mail encoding: ``//`` for ``@`` and ``..`` for ``_``."""
    return "".join(text.split()).replace("//", "@").replace("..", "_")


def ctc_contact(text: str, prov: Provenance) -> Contact | None:
    """A contact from an OSI ``CTCx`` line, or ``None`` when the line is not one."""
    match = _CTC.search(text)
    if not match:
        return None
    code, value = (match.group(1) or match.group(2) or ""), match.group(3).strip()
    if code == "E":
        return Contact(ContactKind.EMAIL, decode_email(value), prov)
    return Contact(ContactKind.PHONE, " ".join(value.split()), prov)


def _phone(text: str | None) -> str | None:
    if not text or sum(ch.isdigit() for ch in text) < _MIN_PHONE_DIGITS:
        return None
    return " ".join(text.split())


def address_of(ctx: MessageContext, segment: Segment) -> tuple[Address | None, Contact | None]:
    comps = [c.strip() for c in segment.element(2)]
    comps += [""] * (8 - len(comps))
    street, city, region, country, postcode, phone = (
        comps[1],
        comps[2],
        comps[3],
        comps[5],
        comps[6],
        comps[7],
    )
    prov = ctx.prov(segment)
    address = None
    if street or city or region or postcode or country:
        address = Address(
            street or None,
            city or None,
            region or None,
            postcode or None,
            ctx.country(country or None, segment, "country"),
            prov,
        )
    number = _phone(phone)
    return address, Contact(ContactKind.PHONE, number, prov) if number else None


def payment_of(segment: Segment, context: ParseContext, source: str) -> Payment:
    comps = [c.strip() for c in segment.element(1)]
    comps += [""] * (6 - len(comps))
    method, amount, vendor, number = comps[0].upper() or "MS", comps[2], comps[3], comps[4]
    raw = segment.raw
    card_hash = last4 = None
    if number:
        digits = "".join(ch for ch in number if ch.isdigit())
        compact = "".join(number.split())
        if _CARD.match(compact):
            card_hash = context.card_hash(compact)
        last4 = digits[-4:] if len(digits) >= 4 and compact[-4:].isdigit() else None
        masked = "X" * max(0, len(compact) - 4) + compact[-4:]
        raw = raw.replace(number, masked)
    prov = Provenance.at(source, segment.position, segment.tag, raw, line=segment.line)
    return Payment(
        method=method,
        card_vendor=vendor.upper() or None,
        card_hash=card_hash,
        card_last4=last4,
        amount=amount or None,
        provenance=prov,
    )


def agency_of(ctx: MessageContext, segment: Segment) -> Agency:
    country = segment.get(6, 0)
    return Agency(
        code=segment.get(1, 0),
        location=segment.get(1, 1),
        iata_number=segment.get(2, 0),
        country=to_alpha3(country) if country else None,
        provenance=ctx.prov(segment),
    )
