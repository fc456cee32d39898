"""The retention job: mask identifying data after ``mask_after_months``, delete at the limit.

For every raw message old enough, each traveller gets ``cases.retention.retention_decision``
(held by an open case linking their traveller key, or by a confirmed match). Masked travellers
and bookings are rewritten from ``mask_traveller`` / ``mask_booking``; the originals are kept
only sealed (``services.sealing``) for a lawful unmasking. The raw bytes — the only place a
card number or an unmasked name survives — are sealed and blanked with the last traveller of
their message; if a case holds one traveller of a message, its bytes stay (they are the
evidence) and the message is looked at again on every run until the case closes.

At the limit the message's content is deleted with its sealed copies, unless an open case holds
one of its travellers (a confirmed match alone does not hold data past the limit). The job is
idempotent (finished work is skipped), one transaction, and one ``RetentionApplied`` audit
event per run; a dry run reports the same counts and changes nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from waystation.cases.events import RetentionApplied
from waystation.cases.retention import (
    RetentionAction,
    RetentionDecision,
    RetentionPolicy,
    add_months,
    mask_booking,
    mask_traveller,
    retention_decision,
)
from waystation.cases.timestamps import require_aware
from waystation.services.audit import audited
from waystation.services.identity import stored_traveller_key
from waystation.services.principal import SYSTEM, Principal
from waystation.services.sealing import Sealer
from waystation.services.workspace import Workspace
from waystation.store import StoredTraveller, load_bookings, travellers_of_message
from waystation.store.retention import (
    DueMessage,
    MaskedBooking,
    MaskedTraveller,
    MessageState,
    OwnerKind,
    SealedRecord,
    booking_ids_of_message,
    confirmed_match_keys,
    delete_message_content,
    due_messages,
    erase_freed_space,
    message_snapshot,
    open_case_keys,
    save_sealed,
    sealed_of,
    set_state,
    snapshots,
    write_masked_bookings,
    write_masked_message,
    write_masked_travellers,
)
from waystation.store.schema import (
    AddressRow,
    BookingRow,
    ContactRow,
    PaymentRow,
    TravelDocumentRow,
    TravellerRow,
)

__all__ = ["RetentionReport", "policy_text", "run_retention"]

# The database is asked for messages a little younger than the cut-off; the pure decision, which
# clamps month ends (31 Aug + 6 months = 28 Feb), has the last word on each one.
_SLACK = timedelta(days=4)


@dataclass(frozen=True, slots=True)
class RetentionReport:
    as_of: datetime
    policy: RetentionPolicy
    dry_run: bool
    messages_examined: int = 0
    travellers_masked: int = 0
    bookings_masked: int = 0
    messages_masked: int = 0
    messages_deleted: int = 0
    travellers_deleted: int = 0
    travellers_held: int = 0
    messages_held: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "messages_examined": self.messages_examined,
            "travellers_masked": self.travellers_masked,
            "bookings_masked": self.bookings_masked,
            "messages_masked": self.messages_masked,
            "messages_deleted": self.messages_deleted,
            "travellers_deleted": self.travellers_deleted,
            "travellers_held": self.travellers_held,
            "messages_held": self.messages_held,
        }


def policy_text(policy: RetentionPolicy) -> str:
    return f"mask after {policy.mask_after_months} months, delete after {policy.delete_after_months} months"


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, amount: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + amount


@dataclass
class _Job:
    session: Session
    workspace: Workspace
    policy: RetentionPolicy
    now: datetime
    dry_run: bool
    sealer: Sealer
    in_case: set[str]
    confirmed: set[str]
    tally: _Tally = field(default_factory=_Tally)

    def key_of(self, stored: StoredTraveller, sealed: dict[tuple[OwnerKind, int], str | None]) -> str:
        if (OwnerKind.TRAVELLER, stored.id) in sealed:
            return sealed[(OwnerKind.TRAVELLER, stored.id)] or ""
        return stored_traveller_key(stored, self.workspace.card_key)

    def decide(self, message: DueMessage, key: str) -> RetentionDecision:
        return retention_decision(
            message.received_at,
            self.now,
            self.policy,
            in_open_case=key in self.in_case,
            confirmed_match=key in self.confirmed,
        )

    def message(self, message: DueMessage) -> None:
        self.tally.add("messages_examined")
        sealed = sealed_of(self.session, message.id)
        travellers = travellers_of_message(self.session, message.id)
        keys = {t.id: self.key_of(t, sealed) for t in travellers}
        decisions = {t.id: self.decide(message, keys[t.id]) for t in travellers}
        limit_reached = self.now >= add_months(message.received_at, self.policy.delete_after_months)
        if not limit_reached and self.now < add_months(message.received_at, self.policy.mask_after_months):
            return  # fetched with the slack, not due yet
        held = {i for i, d in decisions.items() if d.action is RetentionAction.KEEP}
        self.tally.add("travellers_held", len(held))
        if limit_reached and not held:
            self.tally.add("messages_deleted")
            self.tally.add("travellers_deleted", len(travellers))
            if not self.dry_run:
                delete_message_content(self.session, message.id)
                set_state(self.session, message.id, MessageState.DELETED, self.now)
            return
        to_mask = [t for t in travellers if t.id not in held and (OwnerKind.TRAVELLER, t.id) not in sealed]
        self.tally.add("travellers_masked", len(to_mask))
        records = self.mask_travellers(message, to_mask, keys)
        records += self.mask_bookings(message, held, sealed)
        if not held and (OwnerKind.MESSAGE, message.id) not in sealed:
            self.tally.add("messages_masked")
            records.append(self.mask_bytes(message))
        if held:
            self.tally.add("messages_held")
        if not self.dry_run:
            save_sealed(self.session, records)
            set_state(self.session, message.id, MessageState.HELD if held else MessageState.MASKED, self.now)

    def seal(
        self, message: DueMessage, kind: OwnerKind, owner: int, key: str | None, value: object
    ) -> SealedRecord:
        sealed = self.sealer.seal_json(value, f"{kind.value}:{owner}")
        return SealedRecord(message.id, kind, owner, key, sealed.key_id, sealed.nonce, sealed.data, self.now)

    def mask_travellers(
        self, message: DueMessage, travellers: list[StoredTraveller], keys: dict[int, str]
    ) -> list[SealedRecord]:
        parts = {"documents": TravelDocumentRow.traveller_id, "contacts": ContactRow.traveller_id}
        parts["addresses"] = AddressRow.traveller_id
        found = snapshots(self.session, TravellerRow, [t.id for t in travellers], parts)
        records, items = [], []
        for stored in travellers:
            snapshot = found[stored.id]
            (row,) = snapshot.pop("self")
            snapshot["traveller"] = [row]
            records.append(self.seal(message, OwnerKind.TRAVELLER, stored.id, keys[stored.id], snapshot))
            masked = mask_traveller(stored.traveller, self.policy.masked_fields)
            documents = {d["position"]: d["id"] for d in snapshot["documents"]}
            items.append(MaskedTraveller(stored, masked, row["position"], documents, keys[stored.id]))
        if not self.dry_run:
            write_masked_travellers(self.session, message.id, items)
        return records

    def mask_bookings(
        self, message: DueMessage, held: set[int], sealed: dict[tuple[OwnerKind, int], str | None]
    ) -> list[SealedRecord]:
        ids = [
            b
            for b in booking_ids_of_message(self.session, message.id)
            if (OwnerKind.BOOKING, b) not in sealed
        ]
        due = [b for b in load_bookings(self.session, ids) if not held & set(b.traveller_ids)]
        self.tally.add("bookings_masked", len(due))
        parts = {"payments": PaymentRow.booking_id, "contacts": ContactRow.booking_id}
        parts["addresses"] = AddressRow.booking_id
        found = snapshots(self.session, BookingRow, [b.id for b in due], parts)
        records, items = [], []
        for stored in due:
            snapshot = found[stored.id]
            snapshot["booking"] = snapshot.pop("self")
            records.append(self.seal(message, OwnerKind.BOOKING, stored.id, None, snapshot))
            masked = mask_booking(stored.booking, self.policy.masked_fields)
            payments = {p["position"]: p["id"] for p in snapshot["payments"]}
            items.append(MaskedBooking(stored, masked, payments))
        if not self.dry_run:
            write_masked_bookings(self.session, message.id, items)
        return records

    def mask_bytes(self, message: DueMessage) -> SealedRecord:
        body, issues = message_snapshot(self.session, message.id)
        value = {"body": base64.b64encode(body).decode("ascii"), "issues": issues}
        record = self.seal(message, OwnerKind.MESSAGE, message.id, None, value)
        if not self.dry_run:
            write_masked_message(self.session, message.id)
        return record


def _report(job: _Job) -> RetentionReport:
    return RetentionReport(job.now, job.policy, job.dry_run, **job.tally.counts)


def run_retention(
    workspace: Workspace,
    policy: RetentionPolicy,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    principal: Principal = SYSTEM,
) -> RetentionReport:
    """Apply ``policy`` as of ``now`` (default: the current time) and report what was (or would be) done."""
    policy.check()
    now = now or datetime.now(UTC)
    require_aware(now, "now")
    mask_cutoff = add_months(now, -policy.mask_after_months) + _SLACK
    delete_cutoff = add_months(now, -policy.delete_after_months) + _SLACK
    sealer = Sealer(workspace.masking_key)
    with audited(workspace) as (session, audit):
        if not dry_run:
            erase_freed_space(session)
        job = _Job(
            session,
            workspace,
            policy,
            now,
            dry_run,
            sealer,
            open_case_keys(session),
            confirmed_match_keys(session),
        )
        for message in due_messages(session, mask_cutoff, delete_cutoff):
            job.message(message)
        report = _report(job)
        if dry_run:
            return report
        audit.log(
            RetentionApplied(
                policy_text(policy),
                report.travellers_masked,
                report.messages_deleted,
                report.travellers_held,
                now.isoformat(),
                report.bookings_masked,
                report.messages_masked,
                report.travellers_deleted,
            ),
            principal,
        )
    return report
