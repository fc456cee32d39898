"""Model objects to table rows: pure functions of one message's content, no database.

Provenance is written by :class:`~waystation.store.provenance.ProvenanceWriter`: each segment's
raw text once per row, without the message's own source name (restored from the message on
reading).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from json.encoder import encode_basestring
from typing import Any

from waystation.model import (
    Address,
    Booking,
    Contact,
    Leg,
    Manifest,
    Name,
    NamePartKind,
    NameQuality,
    NameRole,
    PnrPush,
    Provenance,
    TravelDocument,
    Traveller,
)
from waystation.store.codec import name_to_json
from waystation.store.engine import EncodedJson, dumps_json
from waystation.store.keys import address_key, contact_key, document_key, partial_date_text
from waystation.store.provenance import ProvenanceWriter

__all__ = ["Row", "RowBuilder"]

Row = dict[str, Any]


class RowBuilder:
    """Builds the rows of one raw message (its id and source name are on every row)."""

    def __init__(self, message_id: int, source: str) -> None:
        self.message_id = message_id
        self.source = source
        self._provenance = ProvenanceWriter(source)

    def prov(self, provenance: Provenance | None) -> Any:
        """One provenance as a JSON value (``store/provenance.py``: its place, or its object)."""
        return self._provenance.one(provenance)

    def prov_json(self, provenance: Provenance | None) -> EncodedJson | None:
        """:meth:`prov` already encoded, as :func:`~waystation.store.engine.dumps_json` would."""
        if provenance is None:
            return None
        text = self._provenance.one_text(provenance)
        return EncodedJson(text if text is not None else dumps_json(self.prov(provenance)))

    def manifest_row(self, position: int, m: Manifest, flight: int | None) -> Row:
        return {
            "raw_message_id": self.message_id,
            "position": position,
            "flight_id": flight,
            "message_ref": m.message_ref,
            "kind": m.kind.value,
            "message_format": m.message_format,
            "interchange_ref": m.interchange_ref,
            "sender": m.sender,
            "recipient": m.recipient,
            "prepared_at": m.prepared_at,
            "document_code": m.document_code,
            "function_code": m.function_code,
            "transaction_ref": m.transaction_ref,
            "common_access_ref": m.common_access_ref,
            "part": m.part,
            "final": m.final,
            "reporting_party": m.reporting_party,
            "declared_count": m.declared_count,
            "traveller_count": len(m.travellers),
            "provenance": self.prov(m.provenance),
        }

    @staticmethod
    def leg_row(owner: str, owner_id: int, position: int, flight: int, leg: Leg) -> Row:
        return {
            owner: owner_id,
            "position": position,
            "flight_id": flight,
            "booking_class": leg.booking_class,
            "status": leg.status,
        }

    def push_row(self, position: int, p: PnrPush, flight: int | None) -> Row:
        return {
            "raw_message_id": self.message_id,
            "position": position,
            "flight_id": flight,
            "message_ref": p.message_ref,
            "message_format": p.message_format,
            "sender": p.sender,
            "recipient": p.recipient,
            "interchange_ref": p.interchange_ref,
            "prepared_at": p.prepared_at,
            "declared_count": p.declared_count,
            "provenance": self.prov(p.provenance),
        }

    def booking_row(self, position: int, push_id: int, b: Booking) -> Row:
        agency = b.agency
        locator = b.provenance.locator if b.provenance else None
        return {
            "raw_message_id": self.message_id,
            "pnr_push_id": push_id,
            "position": position,
            "record_locator": b.record_locator,
            "system": b.system,
            "other_locators": list(b.other_locators),
            "booked_at": b.created_at,
            "modified_at": b.modified_at,
            "ticketed_at": b.ticketed_at,
            "agency_code": agency.code if agency else None,
            "agency_location": agency.location if agency else None,
            "agency_iata": agency.iata_number if agency else None,
            "agency_country": agency.country if agency else None,
            "remarks": list(b.remarks),
            "segment": locator.segment if locator else None,
            "line": locator.line if locator else None,
            "provenance": {
                "at": self.prov(b.provenance),
                "agency": self.prov(agency.provenance if agency else None),
            },
        }

    def payment_rows(self, booking_id: int, booking: Booking) -> list[Row]:
        return [
            {
                "booking_id": booking_id,
                "position": position,
                "method": p.method,
                "card_vendor": p.card_vendor,
                "card_hash": p.card_hash,
                "card_last4": p.card_last4,
                "amount": p.amount,
                "currency": p.currency,
                "payer": p.payer,
                "provenance": self.prov(p.provenance),
            }
            for position, p in enumerate(booking.payments)
        ]

    def contact_rows(self, owner: str, owner_id: int, contacts: Iterable[Contact]) -> list[Row]:
        return [
            {
                owner: owner_id,
                "position": position,
                "kind": c.kind.value,
                "value": c.value,
                "value_key": contact_key(c.kind, c.value),
                "provenance": self.prov(c.provenance),
            }
            for position, c in enumerate(contacts)
        ]

    def address_rows(self, owner: str, owner_id: int, addresses: Iterable[Address]) -> list[Row]:
        return [
            {
                owner: owner_id,
                "position": position,
                "street": a.street,
                "city": a.city,
                "region": a.region,
                "postcode": a.postcode,
                "country": a.country,
                "address_key": address_key(a),
                "provenance": self.prov(a.provenance),
            }
            for position, a in enumerate(addresses)
        ]

    def document_rows(self, traveller_id: int, documents: Iterable[TravelDocument]) -> list[Row]:
        return [
            {
                "traveller_id": traveller_id,
                "position": position,
                "doc_type": d.doc_type,
                "number": d.number,
                "number_key": document_key(d.number),
                "issuing_country": d.issuing_country,
                "expiry": partial_date_text(d.expiry),
                "issued": partial_date_text(d.issued),
                "provenance": self.prov_json(d.provenance),
            }
            for position, d in enumerate(documents)
        ]

    def traveller_row(self, position: int, t: Traveller, manifest_id: int | None, flight: int | None) -> Row:
        locator = t.provenance.locator if t.provenance else None
        birth = t.birth_date
        family, given, full, name = _name_columns(t.name)
        return {
            "raw_message_id": self.message_id,
            "manifest_id": manifest_id,
            "flight_id": flight,
            "position": position,
            "ref": t.ref,
            "role": t.role.value,
            "family_name": family,
            "given_names": given,
            "full_name": full,
            "name": name,
            "birth_date": partial_date_text(birth),
            "birth_year": birth.year if birth is not None and birth.year is not None else None,
            "sex": t.sex.value if t.sex is not None else None,
            "nationalities": _texts_json(t.nationalities),
            "residence_country": t.residence_country,
            "birth_place": t.birth_place,
            "embarkation": t.embarkation,
            "debarkation": t.debarkation,
            "verified": t.verified,
            "booking_ref": t.booking_ref,
            "references": _text_map_json(t.references),
            "segment": locator.segment if locator else None,
            "line": locator.line if locator else None,
            "provenance": self._traveller_provenance(t),
        }

    def _traveller_provenance(self, t: Traveller) -> EncodedJson | dict[str, Any] | None:
        """A traveller's own provenance and each value's, each segment's text once
        (``store/provenance.py``), encoded here: see :class:`~waystation.store.engine.EncodedJson`."""
        if t.provenance is None and not t.fields:
            return None
        text = self._provenance.traveller_text(t.provenance, t.fields)
        if text is None:
            return self._provenance.traveller(t.provenance, t.fields)
        return EncodedJson(text)


# A traveller's small JSON values (its name, nationalities and references: ~900 per 300-passenger
# message) written as text here, exactly as ``dumps_json`` writes the objects (``EncodedJson``):
# encoding each object through the column's processing cost ~2 µs a value, writing it ~0.5 µs.
# Any value that is not the usual text falls back to the object (``TypeError``, ``KeyError``).
_text = encode_basestring  # a JSON string as the store's encoder writes it (C, UTF-8 kept)
_KINDS = {kind: _text(kind.value) for kind in NamePartKind}


def _name_columns(name: Name) -> tuple[str | None, str | None, str, EncodedJson | dict[str, Any]]:
    """``name.family_given_full()`` and the name's JSON."""
    family, given, full = name.family_given_full()
    try:
        parts = ",".join([f"[{_text(part.text)},{_KINDS[part.kind]}]" for part in name.parts])
        json = f'{{"parts":[{parts}]'
        if name.role is not NameRole.PRIMARY:
            json += f',"role":{_text(name.role.value)}'
        if name.quality is not NameQuality.STRONG:
            json += f',"quality":{_text(name.quality.value)}'
        if name.script is not None:
            json += f',"script":{_text(name.script)}'
        if name.note is not None:
            json += f',"note":{_text(name.note)}'
    except (TypeError, KeyError):
        return family, given, full, name_to_json(name)
    return family, given, full, EncodedJson(json + "}")


def _texts_json(values: Collection[str]) -> EncodedJson | list[Any]:
    """``list(values)`` as JSON text when every value is text."""
    try:
        return EncodedJson(f"[{','.join(map(_text, values))}]")
    except TypeError:
        return list(values)


def _text_map_json(values: Mapping[str, str]) -> EncodedJson | dict[Any, Any]:
    """``dict(values)`` as JSON text when every key and value is text."""
    try:
        return EncodedJson(f"{{{','.join([f'{_text(k)}:{_text(v)}' for k, v in values.items()])}}}")
    except TypeError:
        return dict(values)
