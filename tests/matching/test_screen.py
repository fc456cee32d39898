"""The screener end to end: contract records, explanations, the registry, batches, the real UN list."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import WATCHLISTS
from tests.matching.cases import entry_from, listed, traveller_from
from waystation.exc import ConfigError
from waystation.ingest.lists.un_xml import read_un_xml
from waystation.matching import (
    CONTRACT_FIELDS,
    DEFAULT_ALGORITHM,
    Screener,
    algorithm,
    algorithms,
    hit_records,
)
from waystation.matching.compare.names import V1_RULES, V2_RULES
from waystation.model import Name, PartialDate, Sex, TravelDocument, Traveller

ROW = {
    "surname": "EL-SAYED", "given": "TAREK ANWAR", "dob": "1963-03-15", "sex": "M", "nationality": "EGY",
    "doc_number": "", "doc_country": "",
    "entry_names": "Tarek Anwar/al-Sayed Ahmad|~Hamdi Ahmad Farag", "entry_dob": "1963-03-15",
    "entry_nationality": "EGY", "entry_doc": "",
}  # fmt: skip


@pytest.fixture(scope="module")
def un() -> Screener:
    data = (WATCHLISTS / "un-consolidated.xml").read_bytes()
    return Screener.build([read_un_xml(data, "un-consolidated.xml")])


def test_contract_records() -> None:
    screener = Screener.build([listed(entry_from(ROW, "QDi.014"), name="un-consolidated")])
    hits = screener.screen(traveller_from(ROW, "P000042"), threshold=0.5, alert_threshold=0.8)
    records = hit_records(hits)
    assert len(records) == 1
    record = records[0]
    assert tuple(record) == CONTRACT_FIELDS
    assert record["passenger_ref"] == "P000042"
    assert record["entry_id"] == "QDi.014"
    assert record["list"] == "un-consolidated"
    assert record["alert"] is True
    assert 0.9 < record["score"] < 1.0
    assert record["explanation"].startswith("Score 0.9")
    assert "same date of birth" in record["explanation"]
    assert json.loads(json.dumps(records, ensure_ascii=False)) == records


def test_hit_carries_algorithm_version_features_and_pairs() -> None:
    screener = Screener.build([listed(entry_from(ROW, "QDi.014"))])
    hit = screener.screen(traveller_from(ROW), threshold=0.5, alert_threshold=0.8)[0]
    assert (hit.algorithm, hit.algorithm_version) == ("waystation-name-v2", "2.1.0")
    assert hit.list_version == "2026-05-08"
    assert [f.name for f in hit.features] == ["name", "date_of_birth", "nationality", "sex"][
        : len(hit.features)
    ]
    assert ("TAREK", "Tarek", "same") in {(p.traveller, p.entry, p.how) for p in hit.pairs}
    assert ("SAYED", "Sayed", "same") in {(p.traveller, p.entry, p.how) for p in hit.pairs}
    assert ("", "Ahmad", "missing") in {(p.traveller, p.entry, p.how) for p in hit.pairs}
    assert abs(hit.evidence - sum(f.weight for f in hit.features)) < 1e-9


def test_explanation_is_sentences_an_analyst_can_read() -> None:
    screener = Screener.build([listed(entry_from(ROW, "QDi.014"))])
    hit = screener.screen(traveller_from(ROW), threshold=0.5, alert_threshold=0.8)[0]
    text = "\n".join(hit.explanation)
    assert hit.explanation[0].startswith("Score 0.9")
    assert "ALERT" in hit.explanation[0]
    assert "Date of birth 1963-03-15 against 1963-03-15: same date of birth" in text
    assert "Ahmad: not given by the traveller" in text
    assert "Nationality Egypt is one the list records" in text
    assert "evidence for" in text
    for line in hit.explanation:
        assert line.endswith((".", "]")), line


def test_registry() -> None:
    assert DEFAULT_ALGORITHM == "waystation-name-v2"
    assert {"waystation-name-v1", "waystation-name-v2"} <= set(algorithms())
    with pytest.raises(ConfigError, match="no matching algorithm 'nope'"):
        algorithm("nope")
    with pytest.raises(ConfigError):
        Screener.build([], algorithm="nope")


def test_batch_equals_one_by_one() -> None:
    entries = [entry_from(ROW, "QDi.014"), entry_from({**ROW, "entry_names": "Ayman/al-Zawahiri"}, "QDi.006")]
    screener = Screener.build([listed(*entries)])
    travellers = [traveller_from(ROW, f"T{i}") for i in range(3)] + [
        traveller_from({**ROW, "surname": "ZAWAHIRI", "given": "AYMAN"}, "Z")
    ]
    one = [screener.screen(t, threshold=0.5, alert_threshold=0.8) for t in travellers]
    batch = screener.screen_many(travellers, threshold=0.5, alert_threshold=0.8, workers=1)
    assert [[h.entry_id for h in hits] for hits in batch] == [[h.entry_id for h in hits] for hits in one]
    assert [h.entry_id for h in batch[-1]] == ["QDi.006"]


def test_top_limits_and_orders(un: Screener) -> None:
    traveller = Traveller("T", Name.from_parts("AL-TIKRITI", ["SADDAM", "HUSSEIN"]))
    hits = un.screen(traveller, threshold=0.3, alert_threshold=0.8, top=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_real_un_entry_alerts(un: Screener) -> None:
    # QDi.006 in the real list: Ayman Muhammed Rabi al-Zawahiri, born 19 June 1951, Egypt.
    traveller = Traveller(
        "P1", Name.from_parts("AL ZAWAHIRI", ["AIMAN", "MOHAMED"]), birth_date=PartialDate(1951, 6, 19),
        sex=Sex.MALE, nationalities=("EGY",),
    )  # fmt: skip
    hits = un.screen(traveller, threshold=0.5, alert_threshold=0.8)
    assert hits[0].entry_id == "QDi.006"
    assert hits[0].alert
    assert hits[0].list_name == "un-consolidated"


def test_only_people_are_screened(un: Screener) -> None:
    assert {e.entry.kind.value for e in un.entries} == {"person"}
    assert len(un.entries) == 737


def test_screen_is_pure_on_repeat(un: Screener) -> None:
    traveller = Traveller("P1", Name.from_parts("KAINA", "INNOCENT"), birth_date=PartialDate(1973, 11))
    first = un.screen(traveller, threshold=0.5, alert_threshold=0.8)
    second = un.screen(traveller, threshold=0.5, alert_threshold=0.8)
    assert first == second


def test_equal_traveller_names_share_one_analysis() -> None:
    """The same person in two messages is analysed once; a different name is analysed afresh."""
    from waystation.matching.normalize import analyse
    from waystation.matching.profiles import profile_traveller

    first = Traveller("A1", Name.from_parts("AL-ZAWAHIRI", "AYMAN"), birth_date=PartialDate(1951, 6, 19))
    again = Traveller("B7", Name.from_parts("AL-ZAWAHIRI", "AYMAN"), nationalities=("EGY",))
    other = Traveller("C2", Name.from_parts("AL-ZAWAHIRI", "AIMAN"))
    one, two, three = (profile_traveller(t) for t in (first, again, other))
    assert one.name is two.name
    assert one.name == analyse(again.name, document=True)
    assert three.name is not one.name
    assert [p.word.text for p in three.name.parts][:1] == ["aiman"]
    assert (one.traveller, two.traveller) == (first, again)


def test_parallel_batch_equals_sequential() -> None:
    from waystation.matching.screener import PARALLEL_MIN

    entries = [entry_from(ROW, "QDi.014"), entry_from({**ROW, "entry_names": "Ayman/al-Zawahiri"}, "QDi.006")]
    screener = Screener.build([listed(*entries)])
    names = [("EL-SAYED", "TAREK"), ("ZAWAHIRI", "AYMAN"), ("SMITH", "JOHN"), ("AL SAYED", "TARIQ ANWAR")]
    travellers = [
        traveller_from({**ROW, "surname": names[i % 4][0], "given": names[i % 4][1]}, f"T{i}")
        for i in range(PARALLEL_MIN)
    ]
    sequential = screener.screen_many(travellers, threshold=0.5, alert_threshold=0.75, workers=1)
    parallel = screener.screen_many(travellers, threshold=0.5, alert_threshold=0.75, workers=2)
    assert parallel == sequential
    assert [h.entry_id for h in parallel[1]] == ["QDi.006"]
    assert parallel[2] == []
    # A process that froze its objects (the service freezes each analysed list) keeps them frozen.
    import gc

    kept = [screener]  # frozen objects are in no generation the collector lists
    gc.freeze()
    try:
        assert screener.screen_many(travellers, threshold=0.5, alert_threshold=0.75, workers=2) == sequential
        assert not any(o is kept for o in gc.get_objects())
    finally:
        gc.unfreeze()
    assert screener.screen_many(travellers, threshold=0.5, alert_threshold=0.75, workers=2) == sequential
    assert gc.get_freeze_count() == 0  # and one that did not is left as it was


_SMALL = Screener.build(
    [
        listed(
            entry_from(ROW, "QDi.014"),
            entry_from({**ROW, "entry_names": "Ayman/al-Zawahiri|عبد الرحمن"}, "QDi.006"),
        )
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=30),
    st.text(max_size=30),
    st.one_of(
        st.none(), st.builds(PartialDate, st.integers(1900, 2020), st.integers(1, 12), st.integers(1, 28))
    ),
    st.text(alphabet="0123456789ABC -<", max_size=12),
)
def test_screening_never_crashes(
    surname: str, given_names: str, born: PartialDate | None, number: str
) -> None:
    traveller = Traveller(
        "T",
        Name.from_parts(surname, given_names.split() or None),
        birth_date=born,
        documents=(TravelDocument("P", number, "EGY"),) if number.strip() else (),
    )
    for hit in _SMALL.screen(traveller, threshold=0.3, alert_threshold=0.75):
        assert 0.0 < hit.score < 1.0
        assert hit.explanation[0].startswith("Score ")


def test_older_version_stays_available_and_scores_as_it_did() -> None:
    """A stored v1 hit can be re-scored by v1: its whole-name and date rules are unchanged."""
    entry = entry_from({**ROW, "entry_names": "Faiz", "entry_dob": "~1969"}, "TAi.036")
    traveller = traveller_from({**ROW, "surname": "FAIZ", "given": "", "dob": "1969-03-01"})
    v1 = Screener.build([listed(entry)], algorithm="waystation-name-v1")
    v2 = Screener.build([listed(entry)])
    old = v1.screen(traveller, threshold=0.0, alert_threshold=1.0)[0]
    new = v2.screen(traveller, threshold=0.0, alert_threshold=1.0)[0]
    assert (old.algorithm, old.algorithm_version) == ("waystation-name-v1", "1.0.1")
    # v1: the name earns its part's weight and 1.5 for agreeing whole; v2 adds the single-name terms
    assert new.features[0].weight - old.features[0].weight == pytest.approx(
        V2_RULES.covered + V2_RULES.complete + V2_RULES.mononym - V1_RULES.complete, abs=1e-3
    )
    assert old.score < new.score


@pytest.mark.parametrize("name", [DEFAULT_ALGORITHM, "waystation-name-v1"])
def test_assess_with_needed_drops_only_pairs_that_cannot_reach_it(un: Screener, name: str) -> None:
    """``assess(..., needed)`` is an exact shortcut: below ``needed`` it may say ``None``; a pair
    that reaches it gets the very same verdict as without."""
    from waystation.matching.profiles import profile_traveller

    algo = algorithm(name)
    travellers = [
        Traveller("P1", Name.from_parts("KAINA", "INNOCENT"), birth_date=PartialDate(1973, 11), sex=Sex.MALE),
        Traveller("P2", Name.from_parts("ZAWAHIRI", "AIMAN"), birth_date=PartialDate(1951, 6, 19)),
        Traveller("P3", Name.from_parts("AGHA", "ABDUL RAHMAN"), birth_date=PartialDate(1960, 1, 1)),
    ]
    checked = dropped = 0
    for traveller in travellers:
        profile = profile_traveller(traveller)
        for entry in un.entries:
            full = algo.assess(profile, entry)
            if full is None:
                continue
            checked += 1
            assert algo.assess(profile, entry, None, full.evidence - 0.5) == full
            assert algo.assess(profile, entry, None, full.evidence) == full
            above = algo.assess(profile, entry, None, full.evidence + 30.0)
            assert above is None  # nothing adds 30 nats to a verdict already made
            dropped += 1
    assert checked == dropped
    assert checked > 20  # the three names meet many listed names (a test that cannot be empty)


def test_screening_leaves_no_reference_cycles() -> None:
    """A traveller's objects are freed when screening returns, not at the next collection (in the
    gateway a 300-passenger message left some 10,000 objects for the collector)."""
    import gc

    entries = [entry_from(ROW, "QDi.014"), entry_from({**ROW, "entry_names": "Ayman/al-Zawahiri"}, "QDi.006")]
    screener = Screener.build([listed(*entries)])
    names = [("EL-SAYED", "TAREK"), ("ZAWAHIRI", "AYMAN"), ("SMITH", "JOHN"), ("AL SAYED", "TARIQ ANWAR")]
    travellers = [
        traveller_from({**ROW, "surname": names[i % 4][0], "given": names[i % 4][1]}, f"T{i}")
        for i in range(40)
    ]
    screener.screen_many(travellers[:4], threshold=0.5, alert_threshold=0.75, workers=1)  # caches filled
    gc.collect()
    gc.disable()
    try:
        hits = screener.screen_many(travellers, threshold=0.5, alert_threshold=0.75, workers=1)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert [h.entry_id for h in hits[1]] == ["QDi.006"]
