"""Model objects to table rows: pure functions of one message's content, no database.

Provenance is written without the source name when it is the message's own (it is restored from
the raw message on reading), which saves a few hundred bytes per traveller on a busy day.
"""

from __future__ import annotations

from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any

from waystation.model import (
    Address,
    Booking,
    Contact,
    Leg,
    Manifest,
    PnrPush,
    Provenance,
    TravelDocument,
    Traveller,
)
from waystation.store.codec import name_to_json
from waystation.store.engine import EncodedJson, dumps_json
from waystation.store.keys import address_key, contact_key, document_key, partial_date_text

__all__ = ["Row", "RowBuilder"]

Row = dict[str, Any]
_text = encode_basestring  # a JSON string, as the encoder of dumps_json writes it (C, UTF-8 kept)


class RowBuilder:
    """Builds the rows of one raw message (its id and source name are on every row)."""

    def __init__(self, message_id: int, source: str) -> None:
        self.message_id = message_id
        self.source = source

    def prov(self, provenance: Provenance | None) -> dict[str, Any] | None:
        """Provenance as JSON, without the source name when it is the message's own (saves room)."""
        if provenance is None:
            return None
        # codec.provenance_to_json inlined (~3,300 per 300-passenger manifest): same keys, same order
        locator = provenance.locator
        data: dict[str, Any] = {}
        if locator.source is not None and locator.source != self.source:
            data["source"] = locator.source
        if locator.segment is not None:
            data["segment"] = locator.segment
        if locator.tag is not None:
            data["tag"] = locator.tag
        if locator.field is not None:
            data["field"] = locator.field
        if locator.line is not None:
            data["line"] = locator.line
        if provenance.raw is not None:
            data["raw"] = provenance.raw
        if provenance.seen_at is not None:
            data["seen_at"] = provenance.seen_at.isoformat()
        return data

    def prov_json(self, provenance: Provenance | None) -> EncodedJson | None:
        """:meth:`prov` already encoded, as :func:`~waystation.store.engine.dumps_json` would."""
        return None if provenance is None else EncodedJson(self._prov_text(provenance))

    def _prov_text(self, provenance: Provenance) -> str:
        """The text of ``dumps_json(self.prov(provenance))``, written directly for the usual shape
        (the message's own segment with its tag, line and text), by that very call otherwise."""
        locator = provenance.locator
        segment, tag, field, line, raw = (
            locator.segment,
            locator.tag,
            locator.field,
            locator.line,
            provenance.raw,
        )
        if (
            type(segment) is int
            and type(line) is int
            and type(tag) is str
            and type(raw) is str
            and provenance.seen_at is None
            and (locator.source is None or locator.source == self.source)
        ):
            if field is None:
                return f'{{"segment":{segment},"tag":{_text(tag)},"line":{line},"raw":{_text(raw)}}}'
            if type(field) is str:
                return (
                    f'{{"segment":{segment},"tag":{_text(tag)},"field":{_text(field)},'
                    f'"line":{line},"raw":{_text(raw)}}}'
                )
        return dumps_json(self.prov(provenance))

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
        return {
            "raw_message_id": self.message_id,
            "manifest_id": manifest_id,
            "flight_id": flight,
            "position": position,
            "ref": t.ref,
            "role": t.role.value,
            "family_name": t.name.family,
            "given_names": t.name.given,
            "full_name": t.name.full,
            "name": name_to_json(t.name),
            "birth_date": partial_date_text(birth),
            "birth_year": birth.year if birth is not None and birth.year is not None else None,
            "sex": t.sex.value if t.sex is not None else None,
            "nationalities": list(t.nationalities),
            "residence_country": t.residence_country,
            "birth_place": t.birth_place,
            "embarkation": t.embarkation,
            "debarkation": t.debarkation,
            "verified": t.verified,
            "booking_ref": t.booking_ref,
            "references": dict(t.references),
            "segment": locator.segment if locator else None,
            "line": locator.line if locator else None,
            "provenance": self._traveller_provenance(t),
        }

    def _traveller_provenance(self, t: Traveller) -> EncodedJson | dict[str, Any] | None:
        """``{"at": ..., "fields": {name: ...}}``: a traveller's own provenance and each value's,
        encoded here (~11 entries per traveller; see :class:`~waystation.store.engine.EncodedJson`)."""
        if t.provenance is None and not t.fields:
            return None
        text = self._prov_text
        try:
            fields = ",".join(
                [f"{_text(name)}:{text(p) if p is not None else 'null'}" for name, p in t.fields.items()]
            )
        except TypeError:  # a name that is not text: JSON has its own rules for those keys
            return {"at": self.prov(t.provenance), "fields": {n: self.prov(p) for n, p in t.fields.items()}}
        at = text(t.provenance) if t.provenance is not None else "null"
        return EncodedJson(f'{{"at":{at},"fields":{{{fields}}}}}')
