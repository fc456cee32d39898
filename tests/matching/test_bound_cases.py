"""Pruning that charges a traveller's left-over words must not drop what the scorer would report.

Real pairs from the labelled and held-out sets screened against the real UN list, which a first
version of the charge (or the keys before it) dropped: a traveller's two words the scorer aligns
written together with one listed word (Abid Aziz / Abdiaziz), spellings the keys did not meet
(Sung / Ung, a three-consonant skeleton against a two-consonant one; Thair / Khair, two-consonant
skeletons one consonant apart), and a listed word whose Arabic-script entry brings a romanization
that the Latin entries with the same text lack (Farhan / سرحان, read Sarhan). Each pair is
screened through the index and scored by brute force; the two must agree.
"""

from __future__ import annotations

import pytest

from tests.conftest import WATCHLISTS
from waystation.ingest.lists.un_xml import read_un_xml
from waystation.matching import Screener
from waystation.matching.profiles import profile_traveller
from waystation.model import Name, PartialDate, Traveller


@pytest.fixture(scope="module")
def un() -> Screener:
    data = (WATCHLISTS / "un-consolidated.xml").read_bytes()
    return Screener.build([read_un_xml(data, "un-consolidated.xml")])


@pytest.mark.parametrize(
    ("name", "born", "nationality", "entry_id", "score"),
    [
        ("ABID AZIZ HAITHAM", PartialDate(1983, 7, 9), "SOM", "SOi.019", 0.5543),
        ("JANG SUNG NAM", PartialDate(1970, 7, 14), "PRK", "KPi.061", 0.5796),
        ("Khamis Farhan Al-Khanjar AL-ISSAWI", PartialDate(1965), "IRQ", "IQi.054", 0.547),
        ("MOHAMED DANNY THAIR", PartialDate(1965, 5, 3), None, "TAi.163", 0.5347),
    ],
)
def test_a_pair_the_scorer_reports_is_reported_through_the_index(
    un: Screener, name: str, born: PartialDate, nationality: str | None, entry_id: str, score: float
) -> None:
    nationalities = (nationality,) if nationality else ()
    traveller = Traveller("P1", Name.from_full(name), birth_date=born, nationalities=nationalities)
    number = next(i for i, e in enumerate(un.entries) if e.entry.entry_id == entry_id)
    brute = un.algorithm.assess(profile_traveller(traveller), un.entries[number])
    assert brute is not None
    assert brute.score == score
    hits = un.screen(traveller, threshold=0.5, alert_threshold=0.7, top=20)
    assert {h.entry_id: h.score for h in hits}.get(entry_id) == score
