"""The JSON document and its detached digest: deterministic, verified, strict on reading."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sharing.fixtures import ANKARA, HIT, T0, package
from waystation.exc import InputError
from waystation.sharing import (
    SCHEMA,
    HandlingMark,
    OriginatorConsent,
    Recipient,
    SharedHit,
    SharePackage,
    Tlp,
    read_document,
    redact_for,
    to_document,
)


def test_document_shape_and_digest() -> None:
    doc = to_document(redact_for(package(Tlp.AMBER_STRICT, orcon=True), ANKARA))
    assert doc.digest == "sha256:" + hashlib.sha256(doc.body).hexdigest()
    assert doc.body.endswith(b"}\n")
    data = json.loads(doc.body)
    assert data["schema"] == SCHEMA
    assert data["mark"] == {"tlp": "TLP:AMBER+STRICT", "orcon": True, "label": "TLP:AMBER+STRICT ORCON"}
    assert data["recipients"] == [{"org_id": "NCB-ANKARA", "person": "Insp. Kaya"}]
    assert data["created_at"] == "2025-03-02T09:30:00.000000Z"
    assert data["case_number"] == "WS-2025-000123-5"
    assert [item["type"] for item in data["items"]] == ["watchlist_entry", "hit"]
    assert data["items"][0]["entry_id"] == "QDi.335"
    assert data["items"][1]["redacted"] == ["reviewer_note"]
    assert data["items"][1]["reviewer_note"] is None
    assert "‘ABD AL-RAHMAN" in doc.body.decode("utf-8")  # UTF-8, not \u escapes


def test_same_package_same_bytes_and_round_trip() -> None:
    original = redact_for(package(Tlp.AMBER_STRICT), ANKARA)
    doc = to_document(original)
    assert to_document(original) == doc
    assert read_document(doc.body, doc.digest) == original


def test_a_tampered_document_is_refused() -> None:
    doc = to_document(package(Tlp.RED, Recipient("NCB-ANKARA", "Insp. Kaya")))
    loosened = doc.body.replace(b'"TLP:RED"', b'"TLP:CLEAR"')
    with pytest.raises(InputError, match="does not match its digest") as caught:
        read_document(loosened, doc.digest, source="PKG-2025-0007.json")
    assert str(caught.value.locator) == "PKG-2025-0007.json, field digest"


def _body(**changes: object) -> bytes:
    data = json.loads(to_document(package(Tlp.AMBER)).body)
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"schema": "other/1"}, "schema", "expected schema"),
        ({"mark__tlp": "TLP:BLUE"}, "mark.tlp", "not a TLP 2.0 label"),
        ({"mark__orcon": "yes"}, "mark.orcon", "true or false"),
        ({"created_at": "2025-03-02T09:30:00"}, "created_at", "must carry a zone"),
        ({"items__1__score": 1.7}, "items[1].score", "between 0 and 1"),
        ({"items__1__type": "dossier"}, "items[1].type", "unknown item type"),
        ({"items__0__names": "QDi.335"}, "items[0].names", "list of strings"),
        ({"recipients__0__org_id": ""}, "recipients[0].org_id", "non-empty string"),
    ],
)
def test_reading_names_the_bad_field(changes: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_document(_body(**changes), None)
    assert caught.value.locator.field == field


def test_not_json() -> None:
    with pytest.raises(InputError, match="not a JSON document"):
        read_document(b"\xff\xfe garbage", None, source="x.json")


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(list(Tlp)),
    st.booleans(),
    st.lists(text, min_size=1, max_size=3),
    st.floats(0, 1) | st.none(),
    st.lists(text, max_size=3),
    text,
)
def test_any_package_round_trips(
    tlp: Tlp, orcon: bool, orgs: list[str], score: float | None, explanation: list[str], purpose: str
) -> None:
    hit = replace(HIT, score=score, explanation=tuple(explanation), traveller_name=purpose)
    original = SharePackage(
        package_id="P-1",
        originator="WS-PIU",
        sender=orgs[0],
        mark=HandlingMark(tlp, orcon),
        recipients=tuple(Recipient(org, "p") for org in orgs),
        created_at=T0,
        created_by="sofia",
        purpose=purpose,
        items=(hit,),
        derived_from="P-0",
        consents=(OriginatorConsent("P-0", orgs[0], "sofia", T0),),
    )
    doc = to_document(original)
    back = read_document(doc.body, doc.digest)
    assert back == original
    assert isinstance(back.items[0], SharedHit)
