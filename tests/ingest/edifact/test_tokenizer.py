"""The tokenizer on the separators, wrappers and breakages real traffic has; round trips; no crashes."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waystation.exc import UnreadableMessage
from waystation.ingest.edifact import DEFAULT, Segment, Syntax, serialize, serialize_text, tokenize
from waystation.ingest.edifact.dates import DateKind, ddmmmyy, full_year, partial_yymmdd
from waystation.model import PartialDate


def _tags(data: bytes | str) -> list[str]:
    return [s.tag for s in tokenize(data).segments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UNA:+.? 'UNB+UNOA:4+A+B+070429:0900+1'UNH+1+PAXLST:D:05B:UN:IATA'NAD+FL+++O?'LEARY'", "O'LEARY"),
        ("UNA:*.? $UNB*UNOA:4*A*B*070429:0900*1$UNH*1*PAXLST$NAD*FL***BETTON:DAVID:$", "BETTON"),
        ("UNA:-.? *UNB-IATA:1-DL--200223:1410-1*UNH-1-PNRGOV:13:1:IA*NAD-FL---A?-B*", "A-B"),
        ("STX UNA:(.) -\nUNB(UNOA:4(1A(X(250725:0121(1-\nUNH(1(PAXLST-\nNAD(FL(((A)(B-\n", "A(B"),
        ("UNA:+.\\*'UNB+IATA:1+1A+KRC+130527:0754+3'UNH+1+PNRGOV'NAD+FL+++14\\:30 \\*1A'", "14:30 *1A"),
    ],
)
def test_separators_and_release(text: str, expected: str) -> None:
    segments = tokenize(text).segments
    assert segments[-1].tag == "NAD"
    assert segments[-1].get(4) == expected


def test_sirena_syntax_without_una() -> None:
    tokens = tokenize(b'UNB+SIRE:4+CA+NIAC+190924:0810+1++IAPI+O"\nUNH+1+PAXLST:D:05B:UN:IATA"\nBGM+745"\n')
    assert tokens.syntax.terminator == '"'
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH", "BGM"]


def test_repetition_in_version_4_and_literal_in_service_segments() -> None:
    tokens = tokenize("UNB+UNOA:4+APIS*C3K:ZZ+X+140202:0600+1'UNH+1+PAXLST'ATT+2++M*M*M'")
    unb, _, att = tokens.segments
    assert unb.literal(2) == ("APIS*C3K", "ZZ")
    assert att.get(3) == "M"
    assert att.repetitions(3) == (("M",), ("M",), ("M",))


def test_five_character_una_and_typographic_terminators() -> None:
    tokens = tokenize(
        "UNA:+\\*'\nUNB+IATA:1+1A+KRC+130527:0754+3' UNH+1+PNRGOV'\nSSR+DOCS:HK/X\u2019\nTVL+1'"
    )
    assert tokens.syntax.release == "\\"
    assert tokens.syntax.repetition == "*"
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH", "SSR", "TVL"]
    codes = {i.code for i in tokens.issues}
    assert {"service_string", "typographic_terminator"} <= codes
    tokens = tokenize("UNA:+.\\*\u2019 UNB+IATA:1+1A+KRC+130527:0649+3'UNH+1+PNRGOV'")
    assert tokens.syntax.terminator == "'"


def test_line_breaks_wrapped_values_and_missing_terminators() -> None:
    text = (
        "UNB+IATA:1+TZ+AU+130523:2210+1'\nUNH+1+PNRGOV:11:1:IA+AUTZ0006SIN201305\n28'\n"
        "SSR+DOCS:HK:1:TZ:::::/P/USA/548721687/USA/04JUL80/M/12JAN19/VANDENBE\nRG/KEVIN'\n"
        "LTS+4/Z/1AINV RM SQ\nLTS+0/5/C/5/AP AMADEUS-H'\nRPI+1+HKIFT+4:19+GN FROM NONE'\nUNZ+1+1"
    )
    tokens = tokenize(text)
    tags = [s.tag for s in tokens.segments]
    assert tags == ["UNB", "UNH", "SSR", "LTS", "LTS", "RPI", "IFT", "UNZ"]
    assert tokens.segments[1].get(3) == "AUTZ0006SIN20130528"
    assert tokens.segments[2].get(1, 8) == "/P/USA/548721687/USA/04JUL80/M/12JAN19/VANDENBERG/KEVIN"
    assert tokens.segments[5].elements == (("1",), ("HK",))
    assert tokens.segments[6].elements == (("4", "19"), ("GN FROM NONE",))
    assert [s.position for s in tokens.segments] == list(range(1, 9))
    codes = [i.code for i in tokens.issues]
    assert codes.count("missing_terminator") == 3
    assert codes.count("wrapped_segment") == 2


def test_wrappers_and_trailing_text_are_kept_and_reported() -> None:
    tokens = tokenize(b"\x01QK LONPPXS\r\n.MUCKMTS 250521\r\n\x02UNB+UNOA:4+A+B+1+1'UNZ+0+1'13Nov09\x03")
    assert tokens.prelude.startswith("\x01QK")
    assert tokens.trailer == "13Nov09\x03"
    assert {"wrapper", "trailing_text"} <= {i.code for i in tokens.issues}


def test_latin1_and_mac_roman_bytes_are_decoded_and_reported() -> None:
    tokens = tokenize(b"UNB+UNOA:4+A+B+1+1'UNH+1+PAXLST'NAD+FL+++M\xfcller'")
    assert tokens.segments[-1].get(4) == "Müller"
    assert tokens.encoding == "iso8859_1"
    tokens = tokenize(b"UNB+UNOA:4+A+B+1+1'\rUNH+1+PAXLST'\rNAD+FL+++Nov\x87k'\r")
    assert tokens.segments[-1].get(4) == "Novák"
    issue = next(i for i in tokens.issues if "0x87" in i.message)
    assert (issue.locator.segment, issue.locator.tag) == (3, "NAD")


def test_no_edifact_at_all_is_unreadable() -> None:
    with pytest.raises(UnreadableMessage, match="no UN/EDIFACT"):
        tokenize(b"hello world", "x.edi")


def test_century_rules() -> None:
    pivot = date(2019, 9, 24)
    assert full_year(56, 6, 20, DateKind.BIRTH, pivot) == date(1956, 6, 20)
    assert full_year(18, 4, 12, DateKind.BIRTH, pivot) == date(2018, 4, 12)
    assert full_year(19, 12, 25, DateKind.BIRTH, pivot) == date(1919, 12, 25)
    assert full_year(39, 1, 1, DateKind.EXPIRY, pivot) == date(2039, 1, 1)
    assert full_year(40, 1, 1, DateKind.EXPIRY, pivot) == date(1940, 1, 1)
    assert full_year(7, 10, 8, DateKind.EVENT, pivot) == date(2007, 10, 8)
    assert ddmmmyy("20SEP12", DateKind.BIRTH, pivot) == date(2012, 9, 20)
    assert partial_yymmdd("7200XX", DateKind.BIRTH, pivot) == PartialDate(1972)
    assert partial_yymmdd("19350919", DateKind.BIRTH, pivot) == PartialDate(1935, 9, 19)


_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\u2019"), max_size=12
)
_COMPONENTS = st.lists(_TEXT, min_size=1, max_size=3).map(tuple)
_TAGS = st.from_regex(r"X[A-Z][A-Z0-9]", fullmatch=True)
_SEGMENTS = st.lists(
    st.builds(lambda tag, els: Segment(tag, tuple(els)), _TAGS, st.lists(_COMPONENTS, max_size=5)), max_size=8
)
_SYNTAXES = st.sampled_from(
    [
        DEFAULT,
        Syntax(":", "+", ".", "?", "*", "'"),
        Syntax(":", "*", ".", "?", None, "$"),
        Syntax(":", "-", ".", "?", None, "*"),
        Syntax(":", "(", ".", ")", None, "-"),
        Syntax(":", "+", ".", "\\", "*", "'"),
    ]
)
_HEADER = Segment("UNB", (("UNOA", "4"), ("SENDER",), ("RECIPIENT",), ("260101", "1200"), ("1",)))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_SEGMENTS, _SYNTAXES, st.sampled_from(["", "\n", "\r\n"]))
def test_round_trip_through_the_serializer(segments: list[Segment], syntax: Syntax, line_break: str) -> None:
    data = serialize([_HEADER, *segments], syntax, line_break=line_break)
    tokens = tokenize(data)
    assert tokens.syntax == syntax
    got = [(s.tag, s.elements, s.repeated) for s in tokens.segments]
    assert got == [(s.tag, s.elements, s.repeated) for s in [_HEADER, *segments]]
    assert [s.position for s in tokens.segments] == list(range(1, len(segments) + 2))


def test_serializer_releases_service_characters() -> None:
    text = serialize_text([Segment("NAD", (("FL",), ("",), ("",), ("O'LEARY", "A+B:C?")))], una=False)
    assert text == "NAD+FL+++O?'LEARY:A?+B?:C??'"


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        tokens = tokenize(b"UNB+UNOA:4+A+B+1+1'" + data)
    except UnreadableMessage:
        return
    assert tokens.segments[0].tag == "UNB"


def _century_rule(yy: int, month: int, day: int, kind: DateKind, pivot: date) -> date | None:
    """The century rule as the module docstring states it, written plainly (the reference)."""
    century = pivot.year // 100 * 100
    candidates = []
    for start in (century - 100, century, century + 100):
        with contextlib.suppress(ValueError):
            candidates.append(date(start + yy, month, day))
    if not candidates:
        return None
    if kind is DateKind.EVENT:
        return min(candidates, key=lambda d: abs((d - pivot).days))
    limit = pivot
    if kind is DateKind.EXPIRY:
        try:
            limit = date(pivot.year + 20, pivot.month, min(pivot.day, 28))
        except ValueError:
            limit = pivot
    past = [d for d in candidates if d <= limit]
    return max(past) if past else min(candidates)


@given(
    st.integers(-1, 101),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(list(DateKind)),
    st.dates(),
)
def test_two_digit_years_follow_the_century_rule(
    yy: int, month: int, day: int, kind: DateKind, pivot: date
) -> None:
    assert full_year.__wrapped__(yy, month, day, kind, pivot) == _century_rule(yy, month, day, kind, pivot)
