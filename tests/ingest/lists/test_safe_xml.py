"""Hostile and broken XML is refused with a WatchlistError naming the file, never expanded."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import UnknownFormat, WatchlistError
from waystation.ingest.lists import read_un_xml, read_watchlist

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&lol9;</FIRST_NAME><REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY secret SYSTEM "file:///etc/passwd">
 <!ENTITY remote SYSTEM "http://198.51.100.7/list.xml">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&secret;&remote;</FIRST_NAME><REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://198.51.100.7/evil.dtd">
<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test (Python-level connections)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(("document", "line"), [(BILLION_LAUGHS, 2), (EXTERNAL_ENTITY, 2), (EXTERNAL_DTD, 2)])
def test_hostile_documents_are_refused(document: bytes, line: int) -> None:
    with pytest.raises(WatchlistError) as caught:
        read_un_xml(document, "hostile.xml")
    assert caught.value.locator.source == "hostile.xml"
    assert caught.value.locator.line == line
    assert "refused" in caught.value.reason
    assert str(caught.value).startswith("hostile.xml, line 2: ")


def test_hostile_document_through_the_entry_point_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(WatchlistError) as caught:
        read_watchlist(path)
    assert caught.value.locator.source == str(path)


def test_utf16_doctype_is_caught_after_parsing() -> None:
    # The byte scan cannot see a DTD in UTF-16; the parsed document's docinfo still does.
    document = EXTERNAL_ENTITY.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(WatchlistError) as caught:
        read_un_xml(document.decode("ascii").encode("utf-16"), "wide.xml")
    assert caught.value.locator.source == "wide.xml"


def test_truncated_file_names_file_and_line() -> None:
    data = (WATCHLISTS / "un-consolidated.xml").read_bytes()[:50_000]
    with pytest.raises(WatchlistError) as caught:
        read_un_xml(data, "cut.xml")
    assert caught.value.locator.source == "cut.xml"
    assert caught.value.locator.line is not None
    assert caught.value.locator.line > 900
    assert "not well-formed XML" in caught.value.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b"<?xml version='1.0'?><sdnList/>", "not a UN consolidated list"),
        (b"<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>", "holds no INDIVIDUAL"),
        (b"\x00\x01\x02binary", "not well-formed XML"),
    ],
)
def test_bad_files(data: bytes, reason: str) -> None:
    with pytest.raises(WatchlistError) as caught:
        read_un_xml(data, "bad.xml")
    assert caught.value.locator.source == "bad.xml"
    assert reason in caught.value.reason


def test_wrong_format_is_unknown_to_sniffing() -> None:
    with pytest.raises(UnknownFormat):
        read_watchlist(b"UNA:+.? 'UNB+UNOA:4+AIR+GOV'", source="paxlst.edi")


def test_unreadable_path() -> None:
    with pytest.raises(WatchlistError) as caught:
        read_watchlist(Path("/nonexistent/un.xml"))
    assert caught.value.locator.source == "/nonexistent/un.xml"


@pytest.mark.usefixtures("no_network")
def test_ofac_xml_reader_refuses_entities_too() -> None:
    document = EXTERNAL_ENTITY.replace(b"CONSOLIDATED_LIST", b"sdnList")
    with pytest.raises(WatchlistError) as caught:
        read_watchlist(document, format="ofac_xml", source="sdn.xml")
    assert caught.value.locator.source == "sdn.xml"
    assert "refused" in caught.value.reason
