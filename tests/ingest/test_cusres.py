"""The CUSRES reader on all 12 real answers (values read by hand from the raw files, data/cusres.csv)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import SAMPLES
from tests.ingest.tables import CONTEXT, rows
from waystation.exc import UnknownFormat
from waystation.ingest.cusres import BoardingStatus, read_cusres
from waystation.ingest.registry import parse_message

ROWS = rows("cusres.csv")


def test_every_cusres_sample_is_listed() -> None:
    assert sorted(r["file"] for r in ROWS) == sorted(p.name for p in SAMPLES.glob("cusres-*.edi"))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["file"])
def test_response(row: dict[str, str]) -> None:
    (response,), issues = read_cusres((SAMPLES / row["file"]).read_bytes(), row["file"], CONTEXT)
    assert response.document_code == row["document"]
    assert (response.transaction_ref or "") == row["transaction"]
    flights = "|".join(f"{f.flight}:{f.origin}-{f.destination}" for f in response.flights)
    assert flights == row["flights"]
    statuses = "|".join(f"{p.passenger_ref}={p.code}" for p in response.passengers)
    assert statuses == row["statuses"]
    assert "|".join(response.errors) == row["errors"]
    texts = "|".join(p.text for p in response.passengers if p.text)
    assert texts == row["texts"]
    assert not [i for i in issues if i.code == "unexpected_segment"]


def test_keyed_by_passenger_reference() -> None:
    (response,), _ = read_cusres((SAMPLES / "cusres-astra-8.edi").read_bytes(), "c8", CONTEXT)
    by_ref = response.by_passenger()
    assert by_ref["33281411"].status is BoardingStatus.DO_NOT_BOARD
    assert by_ref["33281411"].booking_ref == "MWZRCQ"
    assert by_ref["33281401"].status is BoardingStatus.OK_TO_BOARD
    assert response.flights[0].departure == datetime(2019, 9, 24, 16, 20)
    assert (response.sender, response.recipient, response.interchange_ref) == ("NIAC", "CA", "ASTRA114010001")


def test_unsolicited_and_wrong_counts() -> None:
    (response,), issues = read_cusres((SAMPLES / "cusres-astra-9.edi").read_bytes(), "c9", CONTEXT)
    assert response.unsolicited
    assert {i.code for i in issues} == {"control_count", "control_ref"}


def test_parse_message_refuses_cusres_with_a_pointer() -> None:
    with pytest.raises(UnknownFormat, match="read_cusres") as info:
        parse_message((SAMPLES / "cusres-astra-1.edi").read_bytes(), "cusres-astra-1.edi")
    assert "cusres-astra-1.edi, segment 3 (UNH)" in str(info.value)
