"""Hypothesis at the two byte-level entry points: the gateway (EDIFACT, and the XML PNR format)
and the watchlist upload (XML lists, CSV). Whatever arrives, the answer is a success or a clean
error in the one shape — never a 5xx — and a refused message is still kept."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import Served
from tests.api.fuzz_fixtures import EXAMPLES, fuzz_served  # noqa: F401  (fixture)
from tests.api.test_error_shape import KEYS
from waystation.cases.vocab import Role
from waystation.store import message_bytes

_SETTINGS = settings(
    max_examples=EXAMPLES * 3,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,
)

_VALUE = st.text(st.sampled_from("AZ09 :+'?*.-/\"\n\u00e9\u0416"), max_size=10)
_TAG = st.sampled_from(
    [
        "UNA",
        "UNB",
        "UNG",
        "UNH",
        "BGM",
        "RFF",
        "TDT",
        "LOC",
        "DTM",
        "NAD",
        "ATT",
        "DOC",
        "NAT",
        "CNT",
        "UNT",
        "UNE",
        "UNZ",
        "TIF",
        "SSR",
        "TVL",
        "SRC",
        "RCI",
        "XYZ",
    ]
)
_SEGMENT = st.builds(lambda tag, values: tag + "+" + "+".join(values), _TAG, st.lists(_VALUE, max_size=5))
_EDIFACT = st.builds(
    lambda head, segments, terminator: (head + terminator.join(segments)).encode("utf-8", "replace"),
    st.sampled_from(["", "UNA:+.? '", "UNB+UNOA:4+CA+WS+260314:0800+R1'UNH+1+PAXLST:D:05B:UN:IATA'"]),
    st.lists(_SEGMENT, max_size=25),
    st.sampled_from(["'", "'\n", '"\n', "~"]),
)
_XML_PIECE = st.sampled_from([
    "<?xml version='1.0'?>", "<CONSOLIDATED_LIST>", "</CONSOLIDATED_LIST>", "<INDIVIDUALS>", "<INDIVIDUAL>",
    "<FIRST_NAME>", "</FIRST_NAME>", "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>", "</INDIVIDUAL>",
    "<!DOCTYPE x [<!ENTITY e 'boom'>]>", "&e;", "<sdnList>", "<sdnEntry>", "</sdnEntry>", "ALI", "&amp;",
    "<PNR>", "</PNR>", "<![CDATA[x]]>", "\x00", "<a b='1'>",
])  # fmt: skip
_XML = st.lists(_XML_PIECE, max_size=30).map(lambda parts: "".join(parts).encode("utf-8"))


def _clean(response_status: int, body: dict[str, object]) -> None:
    assert response_status < 500, body
    if response_status >= 400:
        assert set(body) == KEYS
        assert body["status"] == response_status


@_SETTINGS
@given(data=st.one_of(_EDIFACT, _XML, st.binary(max_size=300)))
def test_the_gateway_answers_any_bytes_cleanly_and_keeps_them(fuzz_served: Served, data: bytes) -> None:  # noqa: F811
    response = fuzz_served.client.post(
        "/v1/messages",
        content=data,
        headers={**fuzz_served.headers(Role.CARRIER), "Content-Type": "application/edifact"},
    )
    if response.headers["content-type"].startswith("application/json"):
        _clean(response.status_code, response.json())
    else:
        assert response.status_code == 200
        assert response.content.startswith(b"UNA:+.? '\nUNB+")
    message_id = int(response.headers["X-Message-Id"])
    with fuzz_served.workspace.transaction() as session:
        assert message_bytes(session, message_id) == data


@_SETTINGS
@given(data=st.one_of(_XML, st.binary(max_size=300)), name=st.sampled_from(["list.xml", "list.csv", "x"]))
def test_a_watchlist_upload_of_any_bytes_is_a_clean_answer(
    fuzz_served: Served,  # noqa: F811
    data: bytes,
    name: str,
) -> None:
    response = fuzz_served.client.post(
        "/v1/watchlists",
        files={"file": (name, data, "application/octet-stream")},
        data={"name": "fuzzed"},
        headers=fuzz_served.headers(Role.SUPERVISOR),
    )
    _clean(response.status_code, response.json())
