"""Bad input never escapes as an unhandled exception: a located error, or a message with issues."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, WATCHLISTS
from tests.ingest.tables import CONTEXT
from waystation.exc import InputError, UnknownFormat, UnreadableMessage
from waystation.ingest import edifact_reader
from waystation.ingest.message import ParsedMessage
from waystation.ingest.registry import parse_message

EDI_SAMPLES = sorted(p for p in SAMPLES.glob("*.edi") if not p.name.startswith("cusres"))


def _outcome(data: bytes, name: str) -> ParsedMessage | InputError:
    try:
        return parse_message(data, name, context=CONTEXT)
    except InputError as error:
        return error


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"", UnreadableMessage, "empty"),
        (b"   \r\n", UnreadableMessage, "empty"),
        (bytes(range(256)) * 3, UnknownFormat, "not a message format"),
        (b"UNB+UNOA:4+A+B+070429:0900+1'UNZ+0+1'", UnreadableMessage, "no message header"),
        (b"UNB+UNOA:4+A+B+070429:0900+1'UNH+1+INVOIC:D:96A:UN'UNT+2+1'", UnknownFormat, "INVOIC"),
        (b"surname,given\nDOE,JOHN\n", UnknownFormat, "not a message format"),
    ],
)
def test_unreadable_input_names_the_file_and_the_reason(
    data: bytes, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error, match=reason) as info:
        parse_message(data, "bad.edi", context=CONTEXT)
    assert "bad.edi" in str(info.value)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("bcbp-*.txt", "BCBP"), ("app-*.txt", "APP"), ("pnrgov-xml-*.xml", "PNRGOV XML")],
)
def test_known_formats_we_do_not_read_are_refused_clearly(pattern: str, reason: str) -> None:
    files = sorted(SAMPLES.glob(pattern))
    assert files
    for path in files:
        with pytest.raises(UnknownFormat, match=f"{reason}.*not supported") as info:
            parse_message(path.read_bytes(), path.name, context=CONTEXT)
        assert path.name in str(info.value)


def test_a_watchlist_is_not_a_message() -> None:
    path = next(p for p in sorted(WATCHLISTS.glob("*.xml")))
    with pytest.raises(UnknownFormat, match="not a message format") as info:
        parse_message(path.read_bytes()[:200_000], path.name, context=CONTEXT)
    assert path.name in str(info.value)


def test_truncated_message_keeps_what_was_read() -> None:
    data = (SAMPLES / "paxlst-astra-10.edi").read_bytes()
    cut = data[: data.index(b"NAD+FL+++XING")]
    message = parse_message(cut, "cut.edi", context=CONTEXT)
    (manifest,) = message.manifests
    assert [t.name.family for t in manifest.travellers] == ["ONE", "ZHANG", "ZHANG"]
    codes = {i.code for i in message.issues}
    assert {"no_unt", "no_unz"} <= codes
    no_unt = next(i for i in message.issues if i.code == "no_unt")
    assert (no_unt.locator.source, no_unt.locator.segment, no_unt.locator.tag) == ("cut.edi", 3, "UNH")


def test_a_failure_cutting_the_interchange_is_an_unreadable_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the compiled tokenizer raises on a value of an unexpected type (the fuzz tests below
    found none) reaches the gateway as a rejected message, not as an unexpected error."""

    def refuse(data: bytes, source: str, today: object) -> None:
        raise TypeError("str object expected; got None")

    monkeypatch.setattr(edifact_reader, "read_interchange", refuse)
    data = (SAMPLES / "paxlst-astra-1.edi").read_bytes()
    with pytest.raises(UnreadableMessage) as info:
        parse_message(data, "t.edi", context=CONTEXT)
    assert info.value.reason == "the interchange could not be read (TypeError: str object expected; got None)"
    assert info.value.locator is not None
    assert info.value.locator.source == "t.edi"


def test_one_broken_value_is_an_issue_not_a_failure() -> None:
    data = (SAMPLES / "paxlst-astra-1.edi").read_bytes().replace(b"DTM+329:560620", b"DTM+329:561340")
    message = parse_message(data, "v.edi", context=CONTEXT)
    first = message.manifests[0].travellers[0]
    assert first.birth_date is None
    issue = next(i for i in message.issues if i.code == "bad_date")
    assert (issue.locator.segment, issue.locator.tag) == (15, "DTM")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EDI_SAMPLES), st.floats(0.0, 1.0))
def test_truncated_samples_never_crash(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    outcome = _outcome(data[: int(len(data) * fraction)], path.name)
    if isinstance(outcome, ParsedMessage):
        assert not [i for i in outcome.issues if i.code == "reader_failure"], outcome.issues
    else:
        assert path.name in str(outcome)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EDI_SAMPLES), st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_corrupted_samples_never_crash(path: Path, at: int, noise: bytes) -> None:
    data = path.read_bytes()
    at %= len(data)
    outcome = _outcome(data[:at] + noise + data[at + len(noise) :], path.name)
    if isinstance(outcome, ParsedMessage):
        assert not [i for i in outcome.issues if i.code == "reader_failure"], outcome.issues


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _outcome(data, "noise.bin")
    _outcome(b"UNH+1+PAXLST:D:05B:UN:IATA'" + data, "noise.edi")
    _outcome(b"UNH+1+PNRGOV:11:1:IA'SRC'" + data, "noise.edi")
