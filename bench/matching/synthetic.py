"""A synthetic list of many names, for index build time, memory and throughput at scale.

Names are drawn from the shipped name-part frequencies (so common parts are common, as on real
lists), two to four parts each, a third of the people with an alias in another spelling, birth
dates exact (60 %), year only (30 %) or missing. Deterministic for a seed.
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
    entries = []
    for number in range(size):
        parts = [p.title() for p in rng.choices(words, cum_weights=weights, k=rng.choice((2, 3, 3, 4)))]
        names = [Name.from_parts(parts[-1], parts[:-1])]
        if rng.random() < 0.33:
            alias = [rng.choice(variant_of.get(p.lower(), (p.lower(),))).title() for p in parts]
            names.append(Name.from_full(" ".join(alias), role=NameRole.ALIAS, quality=NameQuality.STRONG))
        roll = rng.random()
        year = rng.randint(1940, 2005)
        if roll < 0.6:
            dates = (BirthDate(PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))),)
        elif roll < 0.9:
            dates = (BirthDate(PartialDate(year)),)
        else:
            dates = ()
        entries.append(ListEntry(f"SYN.{number:07d}", EntryKind.PERSON, tuple(names), birth_dates=dates))
    return Watchlist(f"synthetic-{size}", "synthetic", str(seed), tuple(entries))
