"""Redress: a confirmed false positive stops alerting for that person, document and entry only."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from tests.matching.cases import entry_from, listed, traveller_from
from waystation.matching import Clearance, ClearanceSet, Screener
from waystation.model import Name, TravelDocument

ROW = {
    "surname": "AL-ZAWAHIRI", "given": "AYMAN", "dob": "1975-06-19", "sex": "M", "nationality": "FRA",
    "doc_number": "12AB34567", "doc_country": "FRA",
    "entry_names": "Ayman/al-Zawahiri", "entry_dob": "1975", "entry_nationality": "EGY", "entry_doc": "",
}  # fmt: skip
ENTRY = entry_from(ROW, "QDi.006")
WHEN = datetime(2026, 5, 9, 10, 30)


def _screen(traveller, entry=ENTRY, cleared=None):  # type: ignore[no-untyped-def]
    screener = Screener.build([listed(entry)])
    hits = screener.screen(traveller, threshold=0.5, alert_threshold=0.7, cleared=cleared)
    assert len(hits) == 1
    return hits[0]


def _cleared() -> ClearanceSet:
    traveller = traveller_from(ROW)
    return ClearanceSet(
        [
            Clearance.record(
                traveller,
                "test-list",
                ENTRY,
                reason="case 2026-17: a French engineer",
                decided_by="analyst7",
                decided_at=WHEN,
            )
        ]
    )


def test_the_same_person_and_document_no_longer_alerts() -> None:
    before = _screen(traveller_from(ROW))
    assert before.alert
    after = _screen(traveller_from(ROW), cleared=_cleared())
    assert not after.alert
    assert after.score == before.score  # still shown, with the same evidence
    assert after.cleared is not None
    assert "analyst7" in after.cleared
    assert "case 2026-17" in after.cleared
    assert any(line.startswith("Not alerted: cleared") for line in after.explanation)


def test_document_number_is_normalized() -> None:
    spaced = replace(traveller_from(ROW), documents=(TravelDocument("P", "12 ab-34567", "FRA"),))
    assert not _screen(spaced, cleared=_cleared()).alert


def test_a_new_document_is_screened_afresh() -> None:
    renewed = replace(traveller_from(ROW), documents=(TravelDocument("P", "99ZZ11111", "FRA"),))
    assert _screen(renewed, cleared=_cleared()).alert


def test_another_person_with_the_same_name_and_document_number_is_screened_afresh() -> None:
    other = replace(traveller_from(ROW), name=Name.from_parts("AL-ZAWAHIRI", ["AYMAN", "OMAR"]))
    assert _screen(other, cleared=_cleared()).alert


def test_a_changed_entry_is_screened_afresh() -> None:
    changed = replace(
        ENTRY, birth_dates=(*ENTRY.birth_dates, *entry_from({**ROW, "entry_dob": "1975-06-19"}).birth_dates)
    )
    assert _screen(traveller_from(ROW), entry=changed, cleared=_cleared()).alert


def test_another_entry_is_screened_afresh() -> None:
    other = replace(ENTRY, entry_id="QDi.007")
    assert _screen(traveller_from(ROW), entry=other, cleared=_cleared()).alert


def test_a_clearance_needs_a_document() -> None:
    with pytest.raises(ValueError, match="no document number"):
        Clearance.record(
            replace(traveller_from(ROW), documents=()), "test-list", ENTRY, reason="x", decided_by="y"
        )


def test_clearance_records_what_it_matched_on() -> None:
    clearance = Clearance.record(
        traveller_from(ROW), "test-list", ENTRY, reason="r", decided_by="a", decided_at=WHEN
    )
    assert clearance.document_number == "12AB34567"
    assert clearance.document_country == "FRA"
    assert clearance.person == "1975-06-19|ayman zawahiri"
    assert clearance.entry_id == "QDi.006"
    assert len(clearance.entry_digest) == 16
    assert len(ClearanceSet([clearance, clearance])) == 2
