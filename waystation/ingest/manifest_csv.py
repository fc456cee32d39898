"""The CSV manifest of ARCHITECTURE.md: a simple way for small carriers and tests to send lists.

Header row, UTF-8, columns ``ref, surname, given_names, date_of_birth, sex, nationality,
document_type, document_number, document_country, flight, departure_date, origin, destination,
booking_ref`` and optionally ``email, phone, payment, address``. Only ``ref`` and ``surname`` are
required; dates are ISO and may be partial; countries ISO alpha-3. One manifest is produced per
flight and day; when contact or payment columns are present, bookings are produced as well, so
the network stage sees them.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from waystation.exc import Locator, UnreadableMessage
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.model import (
    Address,
    Booking,
    Contact,
    ContactKind,
    Leg,
    Manifest,
    ManifestKind,
    Name,
    ParseIssue,
    PartialDate,
    Payment,
    PnrPush,
    Provenance,
    Severity,
    Sex,
    TravelDocument,
    Traveller,
    to_alpha3,
)

__all__ = ["COLUMNS", "OPTIONAL_COLUMNS", "REQUIRED", "parse", "sniff"]

FORMAT = "manifest_csv"
COLUMNS = (
    "ref", "surname", "given_names", "date_of_birth", "sex", "nationality", "document_type",
    "document_number", "document_country", "flight", "departure_date", "origin", "destination",
    "booking_ref",
)  # fmt: skip
OPTIONAL_COLUMNS = ("email", "phone", "payment", "address")
REQUIRED = ("ref", "surname")
_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.UNSPECIFIED, "U": Sex.UNKNOWN}


def sniff(data: bytes) -> float:
    """Confident when the first line is a CSV header naming ``ref`` and ``surname``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    cells = {c.strip() for c in head.split(",")}
    return 0.95 if set(REQUIRED) <= cells else 0.0


@dataclass
class _Reader:
    source: str
    context: ParseContext
    issues: list[ParseIssue] = field(default_factory=list)

    def issue(self, severity: Severity, code: str, message: str, line: int, column: str | None) -> None:
        self.issues.append(ParseIssue(severity, code, message, Locator(self.source, line=line, field=column)))

    def date(self, row: dict[str, str], column: str, line: int) -> PartialDate | None:
        text = row.get(column, "").strip()
        if not text:
            return None
        value = PartialDate.parse(text)
        if value is None:
            self.issue(
                Severity.WARNING, "bad_date", f"not an ISO date: {text!r}; kept as unknown", line, column
            )
        return value

    def country(self, row: dict[str, str], column: str, line: int) -> str | None:
        text = row.get(column, "").strip()
        if not text:
            return None
        code = to_alpha3(text)
        if code is None:
            self.issue(Severity.WARNING, "bad_country", f"not a country code: {text!r}", line, column)
        return code

    def traveller(self, row: dict[str, str], line: int) -> Traveller | None:
        ref, surname = row.get("ref", "").strip(), row.get("surname", "").strip()
        if not ref or not surname:
            missing = "ref" if not ref else "surname"
            self.issue(Severity.ERROR, "missing_value", f"{missing} is empty; row skipped", line, missing)
            return None
        prov = Provenance.at(self.source, line=line)
        sex_text = row.get("sex", "").strip().upper()
        sex = _SEXES.get(sex_text) if sex_text else None
        if sex_text and sex is None:
            self.issue(
                Severity.WARNING, "bad_sex", f"sex must be M, F, X or U, not {sex_text!r}", line, "sex"
            )
        documents: tuple[TravelDocument, ...] = ()
        number = row.get("document_number", "").strip()
        if number:
            doc_type = row.get("document_type", "").strip().upper() or None
            issuer = self.country(row, "document_country", line)
            documents = (TravelDocument(doc_type, number, issuer, provenance=prov),)
        nationality = self.country(row, "nationality", line)
        contacts = tuple(
            Contact(kind, row[column].strip(), prov)
            for column, kind in (("email", ContactKind.EMAIL), ("phone", ContactKind.PHONE))
            if row.get(column, "").strip()
        )
        address_text = row.get("address", "").strip()
        references = {"AVF": row["booking_ref"].strip()} if row.get("booking_ref", "").strip() else {}
        return Traveller(
            ref=ref,
            name=Name.from_parts(surname, row.get("given_names", "").split() or None),
            birth_date=self.date(row, "date_of_birth", line),
            sex=sex,
            nationalities=(nationality,) if nationality else (),
            documents=documents,
            address=Address(street=address_text, provenance=prov) if address_text else None,
            contacts=contacts,
            references=references,
            provenance=prov,
        )

    def leg(self, row: dict[str, str], line: int) -> Leg | None:
        flight = row.get("flight", "").strip().upper()
        origin = row.get("origin", "").strip().upper() or None
        destination = row.get("destination", "").strip().upper() or None
        if not (flight or origin or destination):
            return None
        day = self.date(row, "departure_date", line)
        carrier = flight[:2] if len(flight) > 2 else None
        return Leg(
            carrier=carrier,
            flight=flight or None,
            origin=origin,
            destination=destination,
            departure=day.to_date() if day else None,
            provenance=Provenance.at(self.source, line=line),
        )


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableMessage(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", Locator(source, line=line)
        ) from None


def parse(data: bytes, source: str, context: ParseContext | None = None) -> ParsedMessage:
    """Read a CSV manifest; raises :class:`UnreadableMessage` when the file as a whole is unusable."""
    reader = _Reader(source, context or ParseContext())
    text = _decode(data, source)
    rows = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (rows.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UnreadableMessage(
            f"the header lacks the column(s) {', '.join(missing)}", Locator(source, line=1)
        )
    rows.fieldnames = header
    unknown = [h for h in header if h not in COLUMNS and h not in OPTIONAL_COLUMNS]
    if unknown:
        reader.issue(Severity.WARNING, "unknown_column", f"ignored column(s): {', '.join(unknown)}", 1, None)

    by_flight: dict[Leg | None, list[Traveller]] = defaultdict(list)
    bookings: dict[str, list[tuple[Traveller, Leg | None, dict[str, str], int]]] = defaultdict(list)
    seen: set[str] = set()
    has_booking_columns = any(c in header for c in OPTIONAL_COLUMNS)
    for row in rows:
        line = rows.line_num
        clean = {k: (v or "") for k, v in row.items() if k is not None}
        if None in row:
            reader.issue(Severity.WARNING, "extra_cells", "more cells than header columns", line, None)
        traveller = reader.traveller(clean, line)
        if traveller is None:
            continue
        if traveller.ref in seen:
            reader.issue(Severity.WARNING, "duplicate_ref", f"ref {traveller.ref!r} repeated", line, "ref")
        seen.add(traveller.ref)
        leg = reader.leg(clean, line)  # legs compare without provenance: one key per flight
        by_flight[leg].append(traveller)
        if has_booking_columns and traveller.booking_ref:
            bookings[traveller.booking_ref].append((traveller, leg, clean, line))

    if not by_flight:
        raise UnreadableMessage("the file holds no traveller rows", Locator(source, line=1))
    manifests = tuple(_manifest(source, leg, travellers) for leg, travellers in by_flight.items())
    pushes = _pushes(source, bookings, reader.context)
    return ParsedMessage(source, FORMAT, manifests, pushes, tuple(reader.issues))


def _manifest(source: str, leg: Leg | None, travellers: list[Traveller]) -> Manifest:
    ref = f"{source}#{leg.designator}/{leg.departure or ''}" if leg else f"{source}#no-flight"
    return Manifest(
        message_ref=ref,
        kind=ManifestKind.PASSENGERS,
        legs=(leg,) if leg else (),
        travellers=tuple(travellers),
        message_format=FORMAT,
        declared_count=len(travellers),
        provenance=Provenance.at(source),
    )


def _payment(text: str, context: ParseContext, prov: Provenance) -> Payment:
    """``CA`` (cash), or ``CC:VI:4111111111111111`` (card, vendor, number → keyed hash only)."""
    method, _, rest = text.partition(":")
    vendor, _, number = rest.partition(":")
    digits = "".join(ch for ch in number if ch.isdigit())
    return Payment(
        method=method.strip().upper() or "MS",
        card_vendor=vendor.strip().upper() or None,
        card_hash=context.card_hash(digits) if digits else None,
        card_last4=digits[-4:] if digits else None,
        provenance=prov,
    )


def _pushes(
    source: str,
    bookings: dict[str, list[tuple[Traveller, Leg | None, dict[str, str], int]]],
    context: ParseContext,
) -> tuple[PnrPush, ...]:
    """One push holding a booking per record locator, its itinerary the flights its rows name."""
    result: list[Booking] = []
    for locator, members in bookings.items():
        contacts: list[Contact] = []
        payments: list[Payment] = []
        addresses: list[Address] = []
        legs: list[Leg] = []
        travellers: list[Traveller] = []
        for traveller, leg, row, line in members:
            prov = Provenance.at(source, line=line)
            if leg is not None and leg not in legs:
                legs.append(leg)
            if leg is None or leg == legs[0]:
                travellers.append(traveller)
            contacts.extend(c for c in traveller.contacts if c not in contacts)
            if traveller.address and traveller.address not in addresses:
                addresses.append(traveller.address)
            if row.get("payment", "").strip():
                payment = _payment(row["payment"], context, prov)
                if payment not in payments:
                    payments.append(payment)
        result.append(
            Booking(
                record_locator=locator,
                travellers=tuple(travellers),
                itinerary=tuple(sorted(legs, key=lambda leg: str(leg.departure or ""))),
                contacts=tuple(contacts),
                addresses=tuple(addresses),
                payments=tuple(payments),
                provenance=Provenance.at(source, line=members[0][3]),
            )
        )
    if not result:
        return ()
    return (
        PnrPush(
            message_ref=f"{source}#bookings",
            message_format=FORMAT,
            bookings=tuple(result),
            provenance=Provenance.at(source),
        ),
    )
