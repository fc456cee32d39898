"""Hypothesis against every watchlist reader (the XML ones above all): small real documents, cut,
corrupted, spliced or built from XML pieces, are read or refused cleanly — a ``Watchlist`` or a
``WatchlistError``/``InputError`` naming the source, never another exception.

The API's upload fuzzer (tests/api/test_entry_point_fuzz.py) goes through sniffing, which turns
most noise away before a reader sees it; this one calls each registered reader directly.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import WATCHLISTS
from waystation.exc import InputError
from waystation.ingest.lists.registry import readers
from waystation.model import Watchlist

_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
)
SOURCE = "fuzzed-list"
FIXTURES = Path(__file__).parent / "fixtures"


def _first_records(data: bytes, closing: bytes, count: int, tail: bytes) -> bytes:
    """A small whole document: everything up to the ``count``-th ``closing`` tag, then ``tail``."""
    end = 0
    for _ in range(count):
        end = data.index(closing, end) + len(closing)
    return data[:end] + tail


def _first_lines(name: str, count: int = 12) -> bytes:
    return b"".join((WATCHLISTS / name).read_bytes().splitlines(keepends=True)[:count])


@cache
def seeds() -> dict[str, bytes]:
    """A small valid document per format, cut from the real files."""
    un = (WATCHLISTS / "un-consolidated.xml").read_bytes()
    ofac = (WATCHLISTS / "ofac-consolidated-nonsdn.xml").read_bytes()
    ftm_lines = (WATCHLISTS / "opensanctions-zala-entities.ftm.json").read_bytes().splitlines(keepends=True)
    return {
        "un_xml": _first_records(
            un, b"</INDIVIDUAL>", 3, b"\n</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n"
        ),
        "ofac_xml": _first_records(ofac, b"</sdnEntry>", 3, b"\n</sdnList>\n"),
        "ofac_csv": _first_lines("ofac-sdn.csv"),
        "ftm_json": b"".join(ftm_lines[:12]),
        "os_targets_simple": _first_lines("opensanctions-interpol-red-notices-targets.simple.csv"),
        "uk_hmt_csv": _first_lines("uk-hmt-conlist-2018-04-13.csv"),
        "national_csv": (FIXTURES / "national.csv").read_bytes(),
    }


_XML_PIECES = st.sampled_from([
    "<?xml version='1.0'?>", "<CONSOLIDATED_LIST>", "</CONSOLIDATED_LIST>", "<INDIVIDUALS>",
    "</INDIVIDUALS>", "<INDIVIDUAL>", "</INDIVIDUAL>", "<FIRST_NAME>", "</FIRST_NAME>",
    "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>", "<ENTITIES>", "<ENTITY>",
    "<INDIVIDUAL_DATE_OF_BIRTH><YEAR>19x1</YEAR></INDIVIDUAL_DATE_OF_BIRTH>",
    "<sdnList xmlns='https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML'>",
    "</sdnList>", "<sdnEntry>", "</sdnEntry>", "<uid>", "</uid>", "<lastName>", "</lastName>",
    "<dateOfBirth>", "<!DOCTYPE x [<!ENTITY e 'boom'>]>", "&e;", "&amp;", "<![CDATA[x]]>", "\x00",
    "<a b='1'>", "ALI", "\u0416",
])  # fmt: skip
_XML = st.lists(_XML_PIECES, max_size=40).map(lambda parts: "".join(parts).encode("utf-8"))


@st.composite
def _mangled(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed cut short, with bytes overwritten, a span removed or repeated, or XML pieces inserted."""
    how = draw(st.sampled_from(["cut", "overwrite", "remove", "repeat", "insert"]))
    at = draw(st.integers(0, len(seed)))
    if how == "cut":
        return seed[:at]
    if how == "overwrite":
        noise = draw(st.binary(min_size=1, max_size=12))
        return seed[:at] + noise + seed[at + len(noise) :]
    span = draw(st.integers(1, 400))
    if how == "remove":
        return seed[:at] + seed[at + span :]
    if how == "repeat":
        return seed[: at + span] + seed[at : at + span] + seed[at + span :]
    return seed[:at] + draw(_XML) + seed[at:]


def _read_cleanly(name: str, data: bytes) -> None:
    reader = readers()[name]
    refused: InputError | None = None
    result = None
    try:
        result = reader.read(data, SOURCE, {})
    except InputError as error:
        refused = error
    if refused is not None:
        assert refused.locator.source == SOURCE, refused
        assert refused.reason
    else:
        assert isinstance(result, Watchlist)


def test_every_reader_has_a_seed_that_it_reads() -> None:
    assert set(seeds()) == set(readers())
    for name, seed in seeds().items():
        result = readers()[name].read(seed, SOURCE, {})
        assert len(result.entries) >= 2, name


@pytest.mark.parametrize("name", sorted(readers()))
@_SETTINGS
@given(data=st.data())
def test_a_mangled_document_is_read_or_refused_cleanly(name: str, data: st.DataObject) -> None:
    _read_cleanly(name, data.draw(_mangled(seeds()[name]), label="input"))


@pytest.mark.parametrize("name", ["un_xml", "ofac_xml"])
@_SETTINGS
@given(data=st.one_of(_XML, st.binary(max_size=300)))
def test_xml_pieces_and_noise_are_read_or_refused_cleanly(name: str, data: bytes) -> None:
    _read_cleanly(name, data)
