"""Expected values for the real samples, kept as CSV tables beside the tests (read from the raw files)."""

from __future__ import annotations

import csv
from datetime import date, datetime
from functools import cache
from pathlib import Path

from tests.conftest import SAMPLES
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.ingest.registry import parse_message

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 1, 15)
CONTEXT = ParseContext(today=TODAY, card_key=b"test-key")


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def parsed(file: str) -> ParsedMessage:
    return parse_message((SAMPLES / file).read_bytes(), file, context=CONTEXT)


def when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def text(value: object) -> str:
    return "" if value is None else str(value)
