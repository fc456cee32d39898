"""One PNR (an SRC group) read segment by segment, with the context that decides what a segment means.

The same tag means different things by position, so the reader keeps a mode:

* ``pnr`` - after SRC/RCI: PNR-level SSR, DAT+700, OSI (IFT+4:28), ORG agency, ADD, FOP;
* ``traveller`` - after TIF: FTI, REF, SSR DOCS/DOCO/DOCA/INFT/TKNE, TKT, DAT+710, FOP, IFT+4:43;
* ``segment`` - after an itinerary TVL: RPI status, segment SSRs; RCI, DAT+2, TRI, TIF, SSD and TBD
  there are check-in data, so a TIF never creates a traveller after the first flight;
* ``nonair`` - after MSG+8: TVLs are hotels or cars, kept as remarks, never as flights;
* ``history`` - from ABI or LTS on: the PNR history. LTS lines and IFT+4:19 history text are kept
  as remarks (prefixed ``history:``); structured history (SAC, TVL, SSR, TIF after ABI) is ignored
  on purpose, because it restates earlier states of data already read from the PNR itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from waystation.ingest.edifact.dates import DateKind, ddmmyy, with_time
from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.ingest.pnrgov.contacts import address_of, agency_of, ctc_contact, payment_of
from waystation.ingest.pnrgov.itinerary import tvl_leg
from waystation.ingest.pnrgov.ssr import association, parse_doca, parse_doco, parse_docs, parse_inft, ssr_text
from waystation.ingest.pnrgov.travellers import PnrTraveller, normal_ref
from waystation.model import (
    Address,
    Agency,
    Booking,
    Contact,
    ContactKind,
    Leg,
    PartialDate,
    Payment,
    TravelDocument,
)
from waystation.numbers import is_number

__all__ = ["BookingDraft"]

_IGNORED = frozenset({"EBD", "FAR", "MON", "PTK", "TXD", "APD", "TRI", "SSD", "TBD", "EQN", "SRC", "PTS"})


@dataclass(slots=True)
class _PendingSsr:
    segment: Segment
    code: str
    ref: str | None


@dataclass(slots=True)
class BookingDraft:
    """The PNR being read; :meth:`finish` resolves SSRs and returns the :class:`Booking`."""

    ctx: MessageContext
    start: Segment
    index: int
    mode: str = "pnr"
    locator: str | None = None
    system: str | None = None
    other_locators: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    modified_at: datetime | None = None
    ticketed_at: datetime | None = None
    travellers: list[PnrTraveller] = field(default_factory=list)
    legs: list[Leg] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    agency: Agency | None = None
    remarks: list[str] = field(default_factory=list)
    pending: list[_PendingSsr] = field(default_factory=list)

    @property
    def current(self) -> PnrTraveller | None:
        return self.travellers[-1] if self.mode == "traveller" and self.travellers else None

    def feed(self, segment: Segment) -> None:
        tag = segment.tag
        if tag in ("ABI", "LTS", "SAC"):
            self.mode = "history"
        if self.mode == "history":
            self._history(segment)
            return
        if tag in _IGNORED:
            return
        handler = getattr(self, f"_{tag.lower()}", None)
        if handler is None:
            self.ctx.log.warn("unexpected_segment", f"{tag} not expected in a PNR; ignored", segment)
            return
        handler(segment)

    def _history(self, segment: Segment) -> None:
        if segment.tag == "LTS" and segment.get(1):
            self.remarks.append(f"history: {segment.get(1)}")
        elif segment.tag == "IFT" and segment.get(1, 1) == "19" and segment.get(2):
            self.remarks.append(f"history: {segment.get(2)}")

    def _stamp(self, day_text: str | None, time_text: str | None) -> datetime | None:
        value = with_time(ddmmyy(day_text, DateKind.EVENT, self.ctx.today), time_text)
        return (
            value
            if isinstance(value, datetime)
            else (datetime(value.year, value.month, value.day) if value else None)
        )

    def _rci(self, segment: Segment) -> None:
        if self.mode in ("segment", "nonair"):
            return  # check-in data of a flight
        if self.locator is not None:
            return
        comps = segment.element(1)
        self.system, self.locator = segment.get(1, 0), segment.get(1, 1)
        day, time = segment.get(1, 3), segment.get(1, 4)
        third = segment.get(1, 2)
        if third and len(third) == 6 and is_number(third) and len(comps) == 4:
            self.ctx.log.warn(
                "malformed_segment", "RCI date written in the reservation-type component", segment
            )
            day, time = third, segment.get(1, 3)
        if day:
            self.created_at = self._stamp(day, time)
        for index in range(2, len(segment.elements) + 1):
            other = segment.get(index, 1)
            if other and other not in self.other_locators:
                self.other_locators.append(other)
        if not comps or self.locator is None:
            self.ctx.log.warn("no_locator", "RCI without a record locator", segment)

    def _dat(self, segment: Segment) -> None:
        if self.mode in ("segment", "nonair"):
            return
        for index in range(1, len(segment.elements) + 1):
            qualifier = segment.get(index, 0)
            stamp = self._stamp(segment.get(index, 1), segment.get(index, 2))
            if stamp is None:
                continue
            if qualifier == "700" and self.modified_at is None:
                self.modified_at = stamp
            elif qualifier == "710" and (self.ticketed_at is None or stamp < self.ticketed_at):
                self.ticketed_at = stamp

    def _msg(self, segment: Segment) -> None:
        if segment.get(1, 0) == "8":
            self.mode = "nonair"

    def _tvl(self, segment: Segment) -> None:
        if self.mode == "nonair":
            self.remarks.append(f"non-air segment: {segment.raw}")
            return
        leg = tvl_leg(self.ctx, segment)
        if leg is None:
            self.remarks.append(f"flight stub: {segment.raw}")
            return
        self.legs.append(leg)
        self.mode = "segment"

    def _rpi(self, segment: Segment) -> None:
        if self.mode == "segment" and self.legs and segment.get(2):
            self.legs[-1] = replace(self.legs[-1], status=segment.get(2))

    def _tif(self, segment: Segment) -> None:
        if self.mode in ("segment", "nonair"):
            return  # check-in TIF
        self.travellers.append(PnrTraveller.from_tif(self.ctx, segment))
        self.mode = "traveller"

    def _fti(self, segment: Segment) -> None:
        if self.current:
            number = segment.get(1, 1)
            airline = segment.get(1, 0) or ""
            self.current.set_reference("FQTV", f"{airline}{number}" if number else None, self.ctx, segment)

    def _ref(self, segment: Segment) -> None:
        if self.current:
            self.current.set_reference("REF", segment.get(1, 1) or segment.get(1, 0), self.ctx, segment)

    def _tkt(self, segment: Segment) -> None:
        if self.current:
            self.current.set_reference("TKT", segment.get(1, 0), self.ctx, segment)

    def _org(self, segment: Segment) -> None:
        if self.mode in ("pnr", "traveller") and self.agency is None:
            self.agency = agency_of(self.ctx, segment)

    def _add(self, segment: Segment) -> None:
        address, phone = address_of(self.ctx, segment)
        if address and address not in self.addresses:
            self.addresses.append(address)
        if phone:
            self._contact(phone)

    def _contact(self, contact: Contact) -> None:
        if contact not in self.contacts:
            self.contacts.append(contact)
        if self.current and contact not in self.current.contacts:
            self.current.contacts.append(contact)
            self.current.fields.setdefault("contacts", contact.provenance or self.ctx.prov(self.start))

    def _fop(self, segment: Segment) -> None:
        payment = payment_of(segment, self.ctx.context, self.ctx.source)
        key = _payment_key(payment)
        if all(_payment_key(p) != key for p in self.payments):
            self.payments.append(payment)

    def _ift(self, segment: Segment) -> None:
        kind = segment.get(1, 1)
        # free text: an unreleased element separator inside it is data (``746-4647`` with ``-``)
        separator = self.ctx.interchange.syntax.element
        text = separator.join(
            ":".join(segment.element(i)) for i in range(2, len(segment.elements) + 1)
        ).strip()
        if kind == "28" and text:
            contact = ctc_contact(text, self.ctx.prov(segment))
            if contact:
                self._contact(contact)
            else:
                self.remarks.append(text)
        elif kind == "43":
            payer, phone = segment.get(2), segment.get(4)
            if payer and self.payments and self.payments[-1].payer is None:
                self.payments[-1] = replace(self.payments[-1], payer=payer)
            if phone and sum(ch.isdigit() for ch in phone) >= 5:
                self._contact(Contact(ContactKind.PHONE, phone, self.ctx.prov(segment)))

    def _ssr(self, segment: Segment) -> None:
        code = (segment.get(1, 0) or "").upper()
        if code in ("DOCS", "DOCO", "DOCA", "INFT"):
            ref = normal_ref(association(segment))
            if ref is None and self.current is not None:
                ref = normal_ref(self.current.ref) or f"@{len(self.travellers)}"
            self.pending.append(_PendingSsr(segment, code, ref))
        elif code == "TKNE":
            ref = normal_ref(association(segment))
            owner = self._by_ref(ref) if ref else self.current
            if owner:
                owner.set_reference("TKNE", ssr_text(segment) or None, self.ctx, segment)
        elif code == "OTHS" and self.mode == "pnr":
            text = ssr_text(segment)
            if text:
                self.remarks.append(text)

    def _by_ref(self, ref: str | None) -> PnrTraveller | None:
        if ref and ref.startswith("@"):
            index = int(ref[1:]) - 1
            return self.travellers[index] if 0 <= index < len(self.travellers) else None
        return next((t for t in self.travellers if normal_ref(t.ref) == ref), None)

    def _owner(self, pending: _PendingSsr) -> PnrTraveller | None:
        owner = self._by_ref(pending.ref)
        if owner is None and len([t for t in self.travellers if not t.is_infant]) == 1:
            owner = next(t for t in self.travellers if not t.is_infant)
            self.ctx.log.warn(
                "ssr_association",
                f"SSR {pending.code} names traveller {pending.ref!r}, not in this PNR; "
                "given to its only adult",
                pending.segment,
            )
        if owner is None:
            self.ctx.log.warn(
                "ssr_association", f"SSR {pending.code} names no traveller of this PNR", pending.segment
            )
        return owner

    def _infant_of(self, adult: PnrTraveller, given: str | None, pending: _PendingSsr) -> PnrTraveller:
        infants = [t for t in self.travellers if t.is_infant]
        wanted = (given or "").split()[0].upper() if (given or "").split() else ""
        match = next((t for t in infants if wanted and t.first_given == wanted), None)
        if match is None and len(infants) == 1:
            match = infants[0]
        if match is None:
            return adult
        return match

    def _resolve(self) -> None:
        birth_pivot, today = self.ctx.birth_pivot, self.ctx.today
        for pending in self.pending:
            owner = self._owner(pending)
            if owner is None:
                continue
            text = ssr_text(pending.segment)
            if pending.code == "DOCS":
                docs = parse_docs(text, birth_pivot, today)
                target = self._infant_of(owner, docs.given, pending) if docs.infant else owner
                if docs.infant and target is owner:
                    target = PnrTraveller.from_infant(
                        self.ctx,
                        pending.segment,
                        docs.surname,
                        docs.given,
                        f"{owner.ref or len(self.travellers)}/INF",
                    )
                    self.travellers.append(target)
                target.add_docs(self.ctx, pending.segment, docs)
            elif pending.code == "DOCO":
                doco = parse_doco(text, today)
                if doco.birth_place and owner.birth_place is None:
                    owner.birth_place = doco.birth_place
                    owner.fields["birth_place"] = self.ctx.prov(pending.segment, "birth_place")
                if doco.number or doco.doc_type:
                    issued = PartialDate.of(doco.issued) if doco.issued else None
                    country = self.ctx.country(doco.country, pending.segment, "issuing_country")
                    owner.add_document(
                        self.ctx,
                        pending.segment,
                        TravelDocument(
                            doco.doc_type, doco.number, country, None, issued, self.ctx.prov(pending.segment)
                        ),
                    )
            elif pending.code == "DOCA":
                doca = parse_doca(text)
                country = self.ctx.country(doca.country, pending.segment, "country")
                if (doca.kind or "").upper() == "R":
                    owner.residence = owner.residence or country
                    owner.address = owner.address or Address(
                        doca.street,
                        doca.city,
                        doca.region,
                        doca.postcode,
                        country,
                        self.ctx.prov(pending.segment),
                    )
            elif pending.code == "INFT":
                infant = parse_inft(text, birth_pivot)
                target = self._infant_of(owner, infant.given, pending)
                if target is owner and infant.given:
                    target = PnrTraveller.from_infant(
                        self.ctx,
                        pending.segment,
                        infant.surname,
                        infant.given,
                        f"{owner.ref or len(self.travellers)}/INF",
                    )
                    self.travellers.append(target)
                target.add_infant_data(infant, self.ctx, pending.segment)

    def finish(self) -> Booking:
        self._resolve()
        locator = self.locator or ""
        if not locator:
            self.ctx.log.warn("no_locator", "PNR without a record locator (RCI)", self.start)
        travellers = tuple(
            t.finish(self.ctx, locator, i, self.ctx.birth_pivot) for i, t in enumerate(self.travellers, 1)
        )
        return Booking(
            record_locator=locator,
            travellers=travellers,
            itinerary=tuple(self.legs),
            system=self.system,
            other_locators=tuple(self.other_locators),
            created_at=self.created_at,
            modified_at=self.modified_at,
            ticketed_at=self.ticketed_at,
            contacts=tuple(self.contacts),
            addresses=tuple(self.addresses),
            payments=tuple(self.payments),
            agency=self.agency,
            remarks=tuple(self.remarks),
            provenance=self.ctx.prov(self.start),
        )


def _payment_key(payment: Payment) -> tuple[str, str | None, str | None, str | None, str | None]:
    """The same card or cash payment repeated per traveller is one payment (payer aside)."""
    return payment.method, payment.card_vendor, payment.card_hash, payment.card_last4, payment.amount
