"""Date-keyed bounds of the index (``neardates``): exact, so screening still equals brute force.

The index bounds what a date can add by the entry's own dates: only a full listed date near the
traveller's (same, swapped, a day apart, a year slip) may add the year's bound; a full date in the
same month or on the same day of that year what another statement could add; any other full date
what another day earns. These tests check the keys, the bounds against the scorer's own date
evidence, and that screening through them (vectorized or not) gives exactly the brute-force hits.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matching.cases import brute_force
from waystation.matching import Screener
from waystation.matching.algorithms import algorithm
from waystation.matching.compare.dates import OTHER_DAY_V2, birth_years, date_evidence
from waystation.matching.index import CandidateIndex
from waystation.matching.neardates import (
    apart_bounds,
    date_key,
    exact_keys,
    exactly_dated,
    middle_keys,
    middle_keys_of,
    near_keys,
    other_day_bounds,
)
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

V2 = algorithm("waystation-name-v2")
YEAR_BOUNDS = V2.year_gap_bounds()


def test_near_keys_are_the_dates_that_can_earn_more_than_a_year() -> None:
    assert sorted(near_keys(PartialDate(1980, 3, 5))) == [
        19790305,  # a year slip
        19800304,  # a day before
        19800305,  # the same date
        19800306,  # a day after
        19800503,  # day and month swapped
        19810305,  # a year slip
    ]
    # Across the new year a day apart is a year apart; 29 February has no year slip; no swap past 12.
    assert 19791231 in near_keys(PartialDate(1980, 1, 1))
    assert sorted(near_keys(PartialDate(1980, 2, 29))) == [19800228, 19800229, 19800301]
    assert near_keys(PartialDate(1980, 3)) == ()
    assert near_keys(PartialDate(1980)) == ()
    assert near_keys(None) == ()


def test_exact_keys_only_for_full_exact_dates() -> None:
    statements = (
        BirthDate(PartialDate(1970, 2, 3)),
        BirthDate(PartialDate(1971)),
        BirthDate(PartialDate(1972, 5)),
        BirthDate(PartialDate(1973, 1, 1), approximate=True),
        BirthDate(PartialDate(1974, 1, 1), PartialDate(1975, 1, 1)),
    )
    assert exact_keys(statements) == [19700203]
    assert date_key(PartialDate(1970, 2, 3)) == 19700203
    assert not exactly_dated(statements)
    assert exactly_dated(statements[:1])
    assert not exactly_dated(())
    # Filed by year and month, and by year and day; a traveller's date looks up both and January.
    assert middle_keys(19700203) == (19700200, 19701303)
    assert middle_keys_of(PartialDate(1970, 7, 3)) == (19700700, 19701303, 19700100)


def test_apart_bounds_are_bounds_of_every_statement_not_near() -> None:
    """Against the scorer's own date evidence (v2 rules), for every kind of statement a year or
    less from a full traveller date, over a whole year of listed days."""
    apart = apart_bounds(YEAR_BOUNDS)
    other = other_day_bounds(YEAR_BOUNDS)
    assert apart[0] == 4.0
    assert apart[1] == 2.0
    assert other[:2] == (OTHER_DAY_V2, -2.0)
    assert apart[2:] == YEAR_BOUNDS[2:]
    for born in (PartialDate(1980, 3, 5), PartialDate(1980, 12, 31), PartialDate(1980, 6, 12)):
        near = set(near_keys(born))
        middle = set(middle_keys_of(born))
        for year in (1979, 1980, 1981):
            gap = abs(year - 1980)
            for kind in (
                BirthDate(PartialDate(year)),
                BirthDate(PartialDate(year, born.month)),
                BirthDate(PartialDate(year), approximate=True),
                BirthDate(PartialDate(year), PartialDate(year + 2)),
            ):
                found = date_evidence(born, (kind,), V2.OTHER_DAY, V2.PLACEHOLDER, V2.MONTH_SLIP)
                years = birth_years((kind,))  # (the index's gap: from the nearest year allowed)
                near_gap = min(abs(y - 1980) for y in years)
                assert found is None or found[0] <= apart[near_gap], (born, kind)
            day = dt.date(year, 1, 1)
            while day.year == year:
                listed = PartialDate(day.year, day.month, day.day)
                key = date_key(listed)
                assert key is not None
                found = date_evidence(born, (BirthDate(listed),), V2.OTHER_DAY, V2.PLACEHOLDER, V2.MONTH_SLIP)
                assert found is not None
                if key not in near:
                    assert found[0] <= apart[gap], (born, listed)
                    if middle.isdisjoint(middle_keys(key)):
                        assert found[0] <= other[gap], (born, listed)
                day += dt.timedelta(days=1)


POOL = ("mohammed", "ahmad", "ali", "hassan", "omar", "yusuf", "khalid", "ibrahim", "salah", "nyakuni")
BORN = PartialDate(1970, 3, 5)
# Listed dates around the traveller's: the same, swapped, a day off, a year slip, the same month,
# the same day of another month, 1 January, another day, a year only, a year off, far off.
DATES = (
    (1970, 3, 5), (1970, 5, 3), (1970, 3, 4), (1971, 3, 5), (1970, 3, 20), (1970, 8, 5),
    (1970, 1, 1), (1970, 11, 17), (1970, None, None), (1969, 7, 7), (1960, 3, 5),
)  # fmt: skip


@st.composite
def _case(draw: st.DrawFn) -> tuple[Watchlist, list[Traveller]]:
    entries = []
    for number in range(draw(st.integers(1, 14))):
        name_parts = st.lists(st.sampled_from(POOL), min_size=1, max_size=3)
        spellings = draw(st.lists(name_parts, min_size=1, max_size=2))
        names = [
            Name.from_full(" ".join(p).title(), role=NameRole.PRIMARY if i == 0 else NameRole.ALIAS)
            for i, p in enumerate(spellings)
        ]
        chosen = draw(st.lists(st.sampled_from(DATES), max_size=2, unique=True))
        dates = tuple(BirthDate(PartialDate(*d)) for d in chosen)
        entries.append(ListEntry(f"T.{number:03d}", EntryKind.PERSON, tuple(names), birth_dates=dates))
    travellers = []
    for number in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=3))
        born = draw(st.sampled_from((BORN, PartialDate(1970, 1, 1), PartialDate(1970, 3), None)))
        travellers.append(Traveller(f"P{number}", Name.from_full(" ".join(words).title()), birth_date=born))
    return Watchlist("dated", "test", "1", tuple(entries)), travellers


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(_case(), st.sampled_from((0.3, 0.5, 0.75)))
def test_screening_with_date_bounds_equalsbrute_force(
    case: tuple[Watchlist, list[Traveller]], threshold: float
) -> None:
    watchlist, travellers = case
    screener = Screener.build([watchlist])
    algo = screener.algorithm
    vectorized = CandidateIndex(screener.entries, vector_min=0)
    besides = (algo.most_evidence_besides_names(False), algo.most_evidence_besides_names(True))
    for traveller in travellers:
        hits = screener.screen(traveller, threshold=threshold, alert_threshold=0.75)
        assert [(h.entry_id, h.score) for h in hits] == brute_force(screener, traveller, threshold)
        # The vectorized first test proposes exactly what the loop does.
        profile = profile_traveller(traveller)
        needed = algo.evidence_needed(threshold)
        whole = algo.whole_name_bound(profile)
        ways = [
            index.propose(profile, needed, besides, algo.year_gap_bounds(), whole)[0]
            for index in (screener.index, vectorized)
        ]
        assert sorted(ways[0], key=lambda p: p.entry) == sorted(ways[1], key=lambda p: p.entry)
