"""What of a hit may go out, by mark and by the partner's personal-data agreement."""

from __future__ import annotations

import pytest

from tests.sharing.fixtures import ANKARA, ENTRY, HIT, SOFIA, package
from waystation.sharing import HandlingMark, Tlp, redact_for, unredacted, withheld_fields

ALL = {
    "score",
    "disposition",
    "traveller_nationalities",
    "explanation",
    "traveller_name",
    "traveller_birth_date",
    "traveller_document",
    "reviewer_note",
}


@pytest.mark.parametrize(
    ("tlp", "withheld_for_ankara"),
    [
        (Tlp.CLEAR, ALL),
        (Tlp.GREEN, ALL),
        (Tlp.AMBER, ALL - {"score", "disposition", "traveller_nationalities"}),
        (Tlp.AMBER_STRICT, {"reviewer_note"}),
        (Tlp.RED, set()),
    ],
)
def test_withheld_by_mark(tlp: Tlp, withheld_for_ankara: set[str]) -> None:
    assert withheld_fields(HandlingMark(tlp), ANKARA) == withheld_for_ankara


def test_no_personal_data_without_an_agreement_even_under_red() -> None:
    assert withheld_fields(HandlingMark(Tlp.RED), SOFIA) == {
        "explanation",
        "traveller_name",
        "traveller_birth_date",
        "traveller_document",
        "reviewer_note",
    }


def test_redacted_copy_for_ankara_under_amber_strict() -> None:
    copy = redact_for(package(Tlp.AMBER_STRICT), ANKARA)
    entry, hit = copy.items
    assert entry == ENTRY
    assert hit.traveller_name == "ABDULRAHMAN KHALAF ALANIZI"
    assert hit.score == 0.94
    assert hit.reviewer_note is None
    assert hit.redacted == ("reviewer_note",)
    assert unredacted(copy, ANKARA) == []
    assert unredacted(package(Tlp.AMBER_STRICT), ANKARA) == ["A-1.reviewer_note"]


def test_redacted_copy_under_green_says_only_flight_list_and_entry() -> None:
    (hit,) = redact_for(package(Tlp.GREEN, items=(HIT,)), SOFIA).items
    assert (hit.hit_id, hit.flight, hit.flight_date, hit.list_name, hit.entry_id) == (
        "A-1",
        "TK784",
        "2025-03-03",
        "un-sc-consolidated",
        "QDi.335",
    )
    assert (hit.score, hit.explanation, hit.disposition, hit.traveller_name, hit.traveller_nationalities) == (
        None,
        (),
        None,
        None,
        (),
    )
    assert hit.redacted == tuple(sorted(ALL))
