"""Multi-part PAXLST (paxlst-astra-16..18) joined by common access reference."""

from __future__ import annotations

from dataclasses import replace

from tests.ingest.tables import parsed
from waystation.ingest.edifact.multipart import reassemble


def _parts() -> list:  # type: ignore[type-arg]
    return [parsed(f"paxlst-astra-{n}.edi").manifests[0] for n in (18, 16, 17)]


def test_three_parts_become_one_flight() -> None:
    (manifest,), issues = reassemble(_parts())
    assert [t.name.family for t in manifest.travellers] == ["STRANSKY", "KOVACS", "LESKA", "PUTIN", "PUTINA"]
    assert [t.ref for t in manifest.travellers] == ["#1", "#2", "#3", "#4", "#5"]
    assert (manifest.final, manifest.part, manifest.declared_count) == (True, None, 5)
    assert manifest.legs[0].designator == "OK688"
    assert issues == ()


def test_missing_part_and_unrelated_manifests() -> None:
    first, third = parsed("paxlst-astra-16.edi").manifests[0], parsed("paxlst-astra-18.edi").manifests[0]
    single = parsed("paxlst-astra-1.edi").manifests[0]
    out, issues = reassemble([single, first, third])
    assert out[0] is single
    assert len(out[1].travellers) == 3
    assert [i.code for i in issues] == ["multipart_gap", "control_count"]
    assert "missing [2]" in issues[0].message
    lone = parsed("paxlst-rcaengine-1.edi").manifests[0]  # part 05, no flag, the others never came
    (out_lone,), issues = reassemble([lone])
    assert out_lone == replace(lone, part=None)
    assert {i.code for i in issues} == {"multipart_gap", "multipart_open"}


def test_parts_in_one_input_are_joined_by_parse_message() -> None:
    from tests.conftest import SAMPLES
    from tests.ingest.tables import CONTEXT
    from waystation.ingest.registry import parse_message

    data = b"".join((SAMPLES / f"paxlst-astra-{n}.edi").read_bytes() for n in (16, 17, 18))
    (manifest,) = parse_message(data, "parts.edi", context=CONTEXT).manifests
    assert len(manifest.travellers) == 5
    assert manifest.final is True
