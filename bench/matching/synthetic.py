"""A synthetic list of many names, for index build time, memory and throughput at scale.

Names are drawn from the shipped name-part frequencies (so common parts are common, as on real
lists), two to four parts each, a third of the people with an alias in another spelling, birth
dates exact (60 %), year only (30 %) or missing. Deterministic for a seed.

Immutable values repeat across a million people and are made once: the title-cased spelling of
each name part (30,000 words) and each date of birth (about 24,000 distinct), as a reader that
interns repeated values would hold them (some 250 MB less at a million people; the list is the
same, value for value, as when every entry had its own copies).
"""

from __future__ import annotations

import random
from itertools import accumulate

from waystation.matching.tables import tables
from waystation.model import (
    BirthDate,
    EntryKind,
    ListEntry,
    Name,
    NameQuality,
    NameRole,
    PartialDate,
    Watchlist,
)

__all__ = ["synthetic_list"]


def synthetic_list(size: int, *, seed: int = 11) -> Watchlist:
    rng = random.Random(seed)
    table = tables()
    words = [
        w for w, c in sorted(table.frequency.items(), key=lambda i: -i[1]) if w.isalpha() and len(w) > 2
    ][:30000]
    weights = list(accumulate(table.frequency[w] ** 0.7 for w in words))
    spellings = [v for v in table.arabic_spellings.values() if len(v) > 1]
    variant_of = {w: v for v in spellings for w in v}
    titled = {w: w.title() for w in words}
    dated: dict[tuple[int, int | None, int | None], tuple[BirthDate, ...]] = {}
    entries = []
    for number in range(size):
        parts = [titled[p] for p in rng.choices(words, cum_weights=weights, k=rng.choice((2, 3, 3, 4)))]
        names = [Name.from_parts(parts[-1], parts[:-1])]
        if rng.random() < 0.33:
            alias = [rng.choice(variant_of.get(p.lower(), (p.lower(),))).title() for p in parts]
            names.append(Name.from_full(" ".join(alias), role=NameRole.ALIAS, quality=NameQuality.STRONG))
        roll = rng.random()
        year = rng.randint(1940, 2005)
        if roll < 0.6:
            day = (year, rng.randint(1, 12), rng.randint(1, 28))
        elif roll < 0.9:
            day = (year, None, None)
        else:
            day = None
        dates: tuple[BirthDate, ...] = ()
        if day is not None:
            dates = dated.get(day) or dated.setdefault(day, (BirthDate(PartialDate(*day)),))
        entries.append(ListEntry(f"SYN.{number:07d}", EntryKind.PERSON, tuple(names), birth_dates=dates))
    return Watchlist(f"synthetic-{size}", "synthetic", str(seed), tuple(entries))
