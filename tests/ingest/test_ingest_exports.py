"""The message-ingest public surface is pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import waystation.ingest.cusres
import waystation.ingest.edifact
import waystation.ingest.edifact_reader
from waystation.ingest.registry import readers


def test_edifact_exports() -> None:
    assert sorted(waystation.ingest.edifact.__all__) == [
        "DEFAULT", "EdifactMessage", "Element", "GroupHeader", "Interchange", "InterchangeHeader",
        "MessageHeader", "Segment", "Syntax", "Tokenized", "escape", "read_interchange", "serialize",
        "serialize_text", "tokenize",
    ]  # fmt: skip
    assert sorted(waystation.ingest.cusres.__all__) == [
        "BoardingStatus", "CusresFlight", "CusresResponse", "PassengerStatus", "read_cusres",
    ]  # fmt: skip
    assert "parse_edifact" in waystation.ingest.edifact_reader.__all__


def test_registered_formats() -> None:
    assert sorted(readers()) == ["app", "bcbp", "edifact", "manifest_csv", "paxlst", "pnrgov", "pnrgov_xml"]
