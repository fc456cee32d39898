"""Every real PAXLST sample, checked against values read by hand from the raw files (data/*.csv)."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from tests.ingest.tables import parsed, rows, text, when
from waystation.model import Severity

TRAVELLERS = rows("paxlst_travellers.csv")
MANIFESTS = rows("paxlst_manifests.csv")
LEGS = rows("paxlst_legs.csv")


def test_every_paxlst_sample_has_expectations() -> None:
    files = sorted(p.name for p in SAMPLES.glob("paxlst-*.edi"))
    assert len(files) == 33  # the brief counted 31; the folder holds 33
    assert sorted(r["file"] for r in MANIFESTS) == files
    assert {r["file"] for r in LEGS} == set(files)
    assert {r["file"] for r in TRAVELLERS} == set(files) - {"paxlst-rcaengine-1.edi"}


@pytest.mark.parametrize("row", MANIFESTS, ids=lambda r: r["file"])
def test_manifest(row: dict[str, str]) -> None:
    message = parsed(row["file"])
    assert message.message_format == "paxlst"
    (manifest,) = message.manifests
    assert manifest.kind.value == row["kind"]
    assert len(manifest.travellers) == int(row["travellers"])
    assert text(manifest.declared_count) == row["declared"]
    assert text(manifest.reporting_party) == row["reporting_party"]
    assert manifest.message_ref == row["message_ref"]
    assert text(manifest.transaction_ref) == row["transaction_ref"]
    assert text(manifest.function_code) == row["function_code"]
    assert text(manifest.common_access_ref) == row["common_access_ref"]
    assert text(manifest.part) == row["part"]
    assert text(manifest.final).lower() == row["final"].lower() if row["final"] else manifest.final is None
    assert text(manifest.sender) == row["sender"]
    assert len({t.ref for t in manifest.travellers}) == len(manifest.travellers)
    assert not [i for i in message.issues if i.code == "reader_failure"]


@pytest.mark.parametrize("row", LEGS, ids=lambda r: f"{r['file']}#{r['index']}")
def test_leg(row: dict[str, str]) -> None:
    (manifest,) = parsed(row["file"]).manifests
    assert len(manifest.legs) == len([r for r in LEGS if r["file"] == row["file"]])
    leg = manifest.legs[int(row["index"])]
    assert text(leg.carrier) == row["carrier"]
    assert text(leg.flight) == row["flight"]
    assert text(leg.origin) == row["origin"]
    assert text(leg.destination) == row["destination"]
    assert when(leg.departure) == row["departure"]
    assert when(leg.arrival) == row["arrival"]
    assert leg.provenance is not None
    assert leg.provenance.locator.tag == "TDT"


@pytest.mark.parametrize("row", TRAVELLERS, ids=lambda r: f"{r['file']}{r['ref']}")
def test_traveller(row: dict[str, str]) -> None:
    (manifest,) = parsed(row["file"]).manifests
    by_ref = {t.ref: t for t in manifest.travellers}
    traveller = by_ref[row["ref"]]
    assert traveller.role.value == row["role"]
    assert text(traveller.name.family) == row["surname"]
    assert text(traveller.name.given) == row["given"]
    assert (traveller.birth_date.iso() if traveller.birth_date else "") == row["birth_date"]
    assert text(traveller.sex.value if traveller.sex else None) == row["sex"]
    assert ",".join(traveller.nationalities) == row["nationality"]
    assert len(traveller.documents) == int(row["documents"])
    if traveller.documents:
        doc = traveller.documents[0]
        assert text(doc.doc_type) == row["doc_type"]
        assert text(doc.number) == row["doc_number"]
        assert (doc.expiry.iso() if doc.expiry else "") == row["doc_expiry"]
        assert text(doc.issuing_country) == row["doc_issuer"]
    assert traveller.references.get("AVF", "") == row["avf"]
    assert traveller.references.get("ABO", "") == row["abo"]
    name_source = traveller.fields["name"]
    assert name_source.locator.tag in ("NAD", "PDT")
    assert name_source.locator.source == row["file"]
    assert name_source.raw is not None
    assert row["surname"][:4] in name_source.raw.replace("?", "")
    if row["birth_date"]:
        assert traveller.fields["birth_date"].locator.segment is not None


def test_provenance_points_at_the_segment() -> None:
    (manifest,) = parsed("paxlst-astra-1.edi").manifests
    first = manifest.travellers[0]
    assert first.provenance is not None
    assert (first.provenance.locator.segment, first.provenance.raw) == (13, "NAD+FL+++ONE:TWO WI")
    assert first.fields["birth_date"].raw == "DTM+329:560620"
    assert first.fields["documents[0].expiry"].raw == "DTM+36:201215"
    assert first.references["YZY"] == "7842836432717C2"
    assert (first.embarkation, first.debarkation, first.verified) == ("ICN", "CAN", True)


def test_person_details_of_the_guide_example() -> None:
    (manifest,) = parsed("paxlst-jetway-1.edi").manifests
    (person,) = manifest.travellers
    assert person.address is not None
    assert (person.address.street, person.address.city, person.address.region) == (
        "235 WESTERN ROAD SUITE 203",
        "SLEAFORD",
        "LINCS",
    )
    assert (person.address.postcode, person.address.country) == ("PE224T5", "GBR")
    assert person.birth_place == "AMBER HILL GBR"
    assert person.residence_country == "GBR"
    assert [c.value for c in person.contacts] == ["44 188 84 14151"]
    assert person.verified is False  # GEI+4+174


def test_second_documents_and_visas() -> None:
    (manifest,) = parsed("paxlst-astra-12.edi").manifests
    visa = manifest.travellers[0].documents[1]
    assert (visa.doc_type, visa.number, str(visa.expiry), visa.issuing_country) == (
        "V",
        "C7155231",
        "2020-10-25",
        None,
    )
    (manifest,) = parsed("paxlst-smooks-1.edi").manifests
    assert [(d.doc_type, d.number, d.issuing_country) for d in manifest.travellers[0].documents] == [
        ("5K", "P100971204141", "USA"),
        ("39", "15504141", "USA"),
    ]
    assert manifest.travellers[0].address is not None
    assert manifest.travellers[0].address.street == "11107 SUNSET HILL'S ROAD"


def test_bad_data_becomes_warnings() -> None:
    message = parsed("paxlst-gtas-3.edi")
    codes = {i.code for i in message.issues}
    assert {"control_count", "implausible_date", "malformed_segment"} <= codes
    assert all(i.severity is Severity.WARNING for i in message.issues)
    assert "empty_value" in {i.code for i in parsed("paxlst-astra-14.edi").issues}
    charset = [i for i in parsed("paxlst-gtas-4.edi").issues if i.code == "character_set"]
    assert any("0x87" in i.message and i.locator.tag == "NAD" for i in charset)
    assert "trailing_text" in {i.code for i in parsed("paxlst-gtas-2.edi").issues}
    assert "wrapper" in {i.code for i in parsed("paxlst-rcaengine-1.edi").issues}
