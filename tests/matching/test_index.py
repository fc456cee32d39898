"""The blocking index against brute force: pruning never changes what the scorer would report.

On small random lists, screening through the index (keys, per-entry and per-name bounds) must
give exactly the hits of scoring every entry on every name, for travellers whose name parts are
spelt as listed (then every part's keys meet, so every bound is a true bound).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matching.cases import brute_force
from waystation.matching import Screener
from waystation.matching.index import _name_lengths, _targets, name_units, unit_texts
from waystation.matching.normalize import analyse
from waystation.matching.profiles import profile_traveller
from waystation.model import (
    BirthDate,
    EntryKind,
    ListEntry,
    Name,
    NameRole,
    PartialDate,
    Traveller,
    Watchlist,
)

POOL = (
    "mohammed", "ahmad", "ali", "hassan", "omar", "abdul", "rahman", "yusuf", "khalid", "ibrahim",
    "kim", "jong", "nam", "salah", "badi", "qorgab", "nyakuni", "mutebutsi", "pacifique", "al-masri",
)  # fmt: skip

_parts = st.lists(st.sampled_from(POOL), min_size=1, max_size=4)
_year = st.one_of(st.none(), st.integers(1950, 1990))


@st.composite
def _entry(draw: st.DrawFn, number: int) -> ListEntry:
    names = [
        Name.from_full(" ".join(p).title(), role=NameRole.PRIMARY if i == 0 else NameRole.ALIAS)
        for i, p in enumerate(draw(st.lists(_parts, min_size=1, max_size=3)))
    ]
    year = draw(_year)
    dates = (BirthDate(PartialDate(year)),) if year else ()
    return ListEntry(f"T.{number:03d}", EntryKind.PERSON, tuple(names), birth_dates=dates)


@st.composite
def _case(draw: st.DrawFn) -> tuple[Watchlist, list[Traveller]]:
    size = draw(st.integers(1, 12))
    entries = [draw(_entry(n)) for n in range(size)]
    travellers = []
    for number in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            # A listed name, maybe reordered and with a part left out.
            entry = draw(st.sampled_from(entries))
            words = draw(st.sampled_from(entry.names)).full.split()
            words = draw(st.permutations(words))
            if len(words) > 1 and draw(st.booleans()):
                words = words[:-1]
        else:
            words = draw(_parts)
        year = draw(_year)
        travellers.append(
            Traveller(
                f"P{number}",
                Name.from_full(" ".join(words)),
                birth_date=PartialDate(year, 6, 1) if year else None,
            )
        )
    return Watchlist("random", "test", "1", tuple(entries)), travellers


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(_case(), st.sampled_from((0.3, 0.5, 0.75)))
def test_index_screening_equalsbrute_force(case: tuple[Watchlist, list[Traveller]], threshold: float) -> None:
    watchlist, travellers = case
    screener = Screener.build([watchlist])
    for traveller in travellers:
        hits = screener.screen(traveller, threshold=threshold, alert_threshold=0.75)
        expected = brute_force(screener, traveller, threshold)
        assert [(h.entry_id, h.score) for h in hits] == expected, (traveller, watchlist)


@settings(max_examples=60, deadline=None)
@given(_case())
def test_every_entry_sharing_a_listed_word_is_credited(case: tuple[Watchlist, list[Traveller]]) -> None:
    watchlist, travellers = case
    screener = Screener.build([watchlist])
    for traveller in travellers:
        profile = profile_traveller(traveller)
        words = {p.word.text for p in profile.name.parts if not (p.word.head or p.word.initial)}
        expected = {
            number
            for number, entry in enumerate(screener.entries)
            if any(not words.isdisjoint(units) for units in entry.name_units)
        }
        assert expected <= screener.index.credited(profile)


def test_an_entry_is_compared_only_on_the_aliases_that_can_reach_the_threshold() -> None:
    aliases = [Name.from_full(f"Qorgab {w}".title(), role=NameRole.ALIAS) for w in POOL[:12]]
    entry = ListEntry(
        "T.001",
        EntryKind.PERSON,
        (Name.from_full("Salah Badi Nyakuni"), *aliases),
        birth_dates=(BirthDate(PartialDate(1970)),),
    )
    screener = Screener.build([Watchlist("one", "test", "1", (entry,))])
    profile = profile_traveller(Traveller("P1", Name.from_full("Salah Badi Nyakuni")))
    algo = screener.algorithm
    besides = (algo.most_evidence_besides_names(False), algo.most_evidence_besides_names(True))
    proposals, _ = screener.index.propose(
        profile, algo.evidence_needed(0.5), besides, whole=algo.whole_name_bound(profile)
    )
    assert [(p.entry, p.names) for p in proposals] == [(0, (0,))]
    hits = screener.screen(profile.traveller, threshold=0.5, alert_threshold=0.75)
    assert [h.matched_name for h in hits] == ["Salah Badi Nyakuni"]


@given(
    st.lists(
        st.sampled_from((*POOL, "abdurrahman", "mohamedomar", "x", "nooruddinturabi")), min_size=1, max_size=6
    )
)
def test_name_lengths_are_the_targets_lengths(words: list[str]) -> None:
    # The charge tests a name's length bits before it writes out the name's runs of words.
    name = analyse(Name.from_full(" ".join(words).title()))
    targets = _targets(name)
    assert _name_lengths(name) == (targets.word_lengths, targets.run_lengths)


_GLUED = (*POOL, "abdurrahman", "abu", "x", "nooruddinturabi", "abdul-aziz")


@given(st.lists(st.sampled_from(_GLUED), max_size=6))
def test_unit_texts_are_the_texts_of_the_name_units(words: list[str]) -> None:
    # A profile keeps the texts alone, made without the words.
    name = analyse(Name.from_full(" ".join(words).title()))
    assert unit_texts(name) == tuple(dict.fromkeys(w.text for w in name_units(name)))
