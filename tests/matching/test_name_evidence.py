"""Properties of the v2 name evidence (compare/names.py): asymmetric, order-free, whole names first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.matching.cases import entry_from, listed, traveller_from
from waystation.matching import Screener
from waystation.matching.compare.names import NAME_CAP, V2_RULES, compare_names
from waystation.matching.normalize import analyse
from waystation.model import Name

# Distinct spellings of distinct names (no two are variants of one another).
POOL = [
    "Tarek", "Anwar", "Khalaf", "Zawahiri", "Haqqani", "Baradar", "Nashuk", "Qorgab", "Sholeh",
    "Fazlullah", "Ruvugayimikore", "Kaina", "Pershada", "Mandro", "Dellosa", "Binalshibh",
]  # fmt: skip
names = st.lists(st.sampled_from(POOL), min_size=3, max_size=4, unique=True)


def _weight(traveller: list[str], entry: list[str]) -> float:
    found = compare_names(
        analyse(Name.from_full(" ".join(traveller))), analyse(Name.from_full(" ".join(entry))), V2_RULES
    )
    return found.weight if found is not None else 0.0


@given(names, st.sampled_from(POOL))
def test_a_missing_middle_part_costs_less_than_a_contradicting_one(entry: list[str], other: str) -> None:
    if other in entry:
        return
    dropped = [entry[0], *entry[2:]]
    contradicted = [entry[0], other, *entry[2:]]
    assert _weight(dropped, entry) > _weight(contradicted, entry)


@given(names)
def test_the_whole_name_earns_more_than_any_part_of_it(entry: list[str]) -> None:
    whole = _weight(entry, entry)
    for index in range(len(entry)):
        part = _weight(entry[:index] + entry[index + 1 :], entry)
        assert whole > part or whole == part == NAME_CAP  # (names cap: dates must still speak)


@given(names, st.randoms(use_true_random=False))
def test_order_does_not_matter_much(entry: list[str], rng: object) -> None:
    shuffled = list(entry)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert abs(_weight(shuffled, entry) - _weight(entry, entry)) < 1e-6


def test_a_single_name_equal_to_a_single_listed_name_earns_the_single_name_credit() -> None:
    single = _weight(["Qorgab"], ["Qorgab"])
    part = analyse(Name.from_full("Qorgab")).parts[0].word.weight
    assert single == round(part + V2_RULES.covered + V2_RULES.complete + V2_RULES.mononym, 3)


def test_a_split_compound_is_explained_once() -> None:
    """Abdelrazaq is read as abd + razaq: the explanation still names the source word once."""
    entry = entry_from({"entry_names": "Fitiwi Abdelrazak|Abdelrazaq", "entry_dob": "1989"}, "LYi.022")
    traveller = traveller_from({"surname": "ABDELRRAZAQ", "given": ""})
    hit = Screener.build([listed(entry)]).screen(traveller, threshold=0.0, alert_threshold=1.0)[0]
    assert len(hit.pairs) == 2  # abd and razaq
    name_line = next(line for line in hit.explanation if line.startswith("Name parts:"))
    assert name_line.count("ABDELRRAZAQ") == 1, name_line
    assert "One name on each side, the same" in name_line
