"""Masking after six months, deletion at the limit, and what masking leaves behind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from waystation.cases import (
    MaskedField,
    RetentionAction,
    RetentionPolicy,
    mask_booking,
    mask_traveller,
    retention_decision,
)
from waystation.cases.retention import add_months
from waystation.exc import ConfigError
from waystation.model import (
    Address,
    Booking,
    Contact,
    ContactKind,
    Name,
    PartialDate,
    Payment,
    Provenance,
    Sex,
    TravelDocument,
    Traveller,
)

RECEIVED = datetime(2025, 1, 31, 10, 0, tzinfo=UTC)
POLICY = RetentionPolicy()


@pytest.mark.parametrize(
    ("now", "in_case", "confirmed", "action", "reason"),
    [
        (datetime(2025, 7, 30, tzinfo=UTC), False, False, RetentionAction.KEEP, "within the unmasked period"),
        (
            datetime(2025, 7, 31, 10, 0, tzinfo=UTC),
            False,
            False,
            RetentionAction.MASK,
            "masking period reached",
        ),
        (
            datetime(2025, 8, 1, tzinfo=UTC),
            True,
            False,
            RetentionAction.KEEP,
            "masking due; linked to an open case",
        ),
        (
            datetime(2025, 8, 1, tzinfo=UTC),
            False,
            True,
            RetentionAction.KEEP,
            "masking due; a confirmed match",
        ),
        (
            datetime(2030, 1, 31, 9, 59, tzinfo=UTC),
            False,
            False,
            RetentionAction.MASK,
            "masking period reached",
        ),
        (
            datetime(2030, 1, 31, 10, 0, tzinfo=UTC),
            False,
            True,
            RetentionAction.DELETE,
            "retention limit reached",
        ),
        (
            datetime(2031, 1, 1, tzinfo=UTC),
            True,
            False,
            RetentionAction.KEEP,
            "retention limit reached; held by an open case",
        ),
    ],
)
def test_retention_decisions(
    now: datetime, in_case: bool, confirmed: bool, action: RetentionAction, reason: str
) -> None:
    decision = retention_decision(RECEIVED, now, POLICY, in_open_case=in_case, confirmed_match=confirmed)
    assert (decision.action, decision.reason) == (action, reason)
    assert decision.mask_due == datetime(2025, 7, 31, 10, 0, tzinfo=UTC)
    assert decision.delete_due == datetime(2030, 1, 31, 10, 0, tzinfo=UTC)


def test_calendar_months_clamp_the_day() -> None:
    assert add_months(datetime(2025, 8, 31, tzinfo=UTC), 6) == datetime(2026, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2023, 8, 31, tzinfo=UTC), 6) == datetime(2024, 2, 29, tzinfo=UTC)
    assert add_months(datetime(2025, 12, 15, tzinfo=UTC), 1) == datetime(2026, 1, 15, tzinfo=UTC)


def test_policy_problems_together() -> None:
    with pytest.raises(ConfigError) as caught:
        RetentionPolicy(0, 0, frozenset({MaskedField.CONTACTS})).check()
    assert caught.value.problems == (
        "mask_after_months must be at least 1",
        "delete_after_months must be later than mask_after_months",
        "masking must include the name",
    )


def _traveller() -> Traveller:
    raw = "NAD+FL+++HADDAD:ABDUL RAHMAN"
    return Traveller(
        ref="33280801",
        name=Name.from_parts("HADDAD", "ABDUL RAHMAN"),
        birth_date=PartialDate(1972, 9, 7),
        sex=Sex.MALE,
        nationalities=("SYR",),
        documents=(
            TravelDocument(
                "P",
                "K1234567",
                "SYR",
                PartialDate(2029, 1, 1),
                provenance=Provenance.at("m.edi", 12, "DOC", "DOC+P+K1234567"),
            ),
        ),
        birth_place="ALEPPO",
        address=Address("1 MAIN ST", "ISTANBUL", country="TUR"),
        contacts=(Contact(ContactKind.PHONE, "+905551112233"),),
        references={"AVF": "MWZRDQ", "ABO": "33280801"},
        provenance=Provenance.at("m.edi", 8, "NAD", raw),
        fields={"name": Provenance.at("m.edi", 8, "NAD", raw)},
    )


def test_masking_removes_identifiers_and_raw_text_and_keeps_statistics() -> None:
    masked = mask_traveller(_traveller())
    assert not masked.name
    assert masked.birth_date == PartialDate(1972)
    assert masked.birth_place is None
    assert masked.address is None
    assert masked.contacts == ()
    assert dict(masked.references) == {}
    assert [(d.doc_type, d.number, d.issuing_country, d.expiry) for d in masked.documents] == [
        ("P", None, "SYR", PartialDate(2029, 1, 1))
    ]
    assert masked.sex is Sex.MALE
    assert masked.nationalities == ("SYR",)
    assert masked.ref == "33280801"
    assert masked.provenance is not None
    assert (masked.provenance.raw, str(masked.provenance.locator)) == (None, "m.edi, segment 8 (NAD)")
    assert masked.documents[0].provenance is not None
    assert masked.documents[0].provenance.raw is None
    assert all(p.raw is None for p in masked.fields.values())
    assert "HADDAD" not in repr(masked)
    assert "K1234567" not in repr(masked)


def test_masking_only_the_configured_fields() -> None:
    masked = mask_traveller(_traveller(), frozenset({MaskedField.NAME}))
    assert not masked.name
    assert masked.documents[0].number == "K1234567"
    assert masked.birth_date == PartialDate(1972, 9, 7)
    assert masked.provenance is not None
    assert masked.provenance.raw is None


def test_masking_a_booking() -> None:
    booking = Booking(
        "MWZRDQ",
        (_traveller(),),
        contacts=(Contact(ContactKind.EMAIL, "a.haddad@example.org"),),
        payments=(Payment("CC", "VI", "h:9f2c", "4242", "420.00", "EUR", "A HADDAD"),),
        remarks=("PAX REQUESTS AISLE",),
    )
    masked = mask_booking(booking)
    assert masked.record_locator == "MWZRDQ"
    assert masked.contacts == ()
    assert masked.remarks == ()
    assert [
        (p.method, p.card_vendor, p.card_hash, p.card_last4, p.amount, p.payer) for p in masked.payments
    ] == [("CC", "VI", None, None, "420.00", None)]
    assert not masked.travellers[0].name
