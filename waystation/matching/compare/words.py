"""How alike two name parts are, and why: the unit of every name comparison.

The similarity is graded, not a yes/no, and carries its reason so that an explanation can say
"Youssef and Yusuf are spellings of the same Arabic name" rather than "0.95":

=========== ====== =============================================================================
how          sim    when
=========== ====== =============================================================================
same         1.00   the same folded spelling
variant      0.95   attested spellings of one Arabic name part (Wikidata / Google tables) or of
                    one rigour name-part group
romanized    0.93   one side's alternative romanization (Cyrillic systems, Arabic candidates)
truncated    0.92   a passport name cut at the MRZ field's end is a prefix of the listed part
spelling     0..1   edit similarity of the spellings; 0.90 when the phonetic forms are equal
                    (Youssef / Yousef), 0.86 when only the vowels differ (Muayad / Moayyed),
                    unless both parts are known, different names (Hasan / Husayn); 0.85 x the
                    skeleton similarity for unvowelled Arabic read letter by letter
initial      —      an initial against a part with that first letter (scored apart, weakly)
=========== ====== =============================================================================

Optimal-string-alignment distance (Levenshtein plus transpositions: Qaism/Qasim is one slip)
comes from rapidfuzz (C++, ~100x pure Python); Jaro-Winkler was tried and rejected
because it rates Ahmed/Hamed and Khalil/Khalid at 0.93.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from rapidfuzz.distance import OSA

from waystation.matching.normalize import Word

__all__ = ["ALIGN_MIN", "FUZZ", "How", "pair_weight", "similarity"]

ALIGN_MIN: Final = 0.75  # below this two parts are different parts, not one part misspelt
FUZZ: Final = 15.0  # nats per unit of dissimilarity (see pair_weight)
_MASK_SIM: Final = 0.86
_PHONETIC_SIM: Final = 0.9
_CONSONANTAL: Final = 0.85  # a consonant skeleton agrees by chance far more often than a spelling
_cache: dict[tuple[str, str], tuple[float, How]] = {}
_CACHE_MAX: Final = 500_000


class How(StrEnum):
    SAME = "same"
    VARIANT = "variant"
    ROMANIZED = "romanized"
    TRUNCATED = "truncated"
    SPELLING = "spelling"
    INITIAL = "initial"
    JOINED = "joined"
    NONE = "none"


def _spelling(a: Word, b: Word) -> float:
    if a.consonantal or b.consonantal:  # unvowelled Arabic read letter by letter: skeletons only
        if min(len(a.skeleton), len(b.skeleton)) < 3:
            return 0.8 if a.skeleton == b.skeleton and len(a.skeleton) == 2 else 0.0
        return _CONSONANTAL * OSA.normalized_similarity(a.skeleton, b.skeleton)
    best = OSA.normalized_similarity(a.text, b.text)
    if best < _PHONETIC_SIM and a.phonetic == b.phonetic:
        best = _PHONETIC_SIM
    if best < _MASK_SIM and a.mask == b.mask and len(a.mask) > 2 and not (a.classes and b.classes):
        best = _MASK_SIM
    for x in (a.text, *a.alts):
        for y in (b.text, *b.alts):
            if x is not a.text or y is not b.text:
                best = max(best, 0.97 * OSA.normalized_similarity(x, y))
    return best


def similarity(a: Word, b: Word) -> tuple[float, How]:
    """Graded similarity of two parts (0..1) and the kind of agreement; symmetric."""
    if a.text == b.text:
        return 1.0, How.SAME
    if a.initial or b.initial:
        return 0.0, How.NONE
    key = (a.text, b.text) if not (a.alts or b.alts or a.consonantal or b.consonantal) else None
    if key is not None:
        hit = _cache.get(key)
        if hit is not None:
            return hit
    result = _compute(a, b)
    if key is not None:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = result
    return result


def _compute(a: Word, b: Word) -> tuple[float, How]:
    if a.classes & b.classes:
        return 0.95, How.VARIANT
    if (a.alts or b.alts) and ({a.text, *a.alts} & {b.text, *b.alts}):
        return 0.93, How.ROMANIZED
    return _spelling(a, b), How.SPELLING


def pair_weight(weight: float, sim: float) -> float:
    """The evidence two aligned parts earn: the part's weight less the cost of inexactness.

    An inexact agreement is likelier by chance (many more names lie within one letter of a name
    than are equal to it), so it costs a fixed amount per unit of dissimilarity, in nats: a
    variant spelling (0.95) costs 0.75, one slip in a six-letter word (0.83) about 2.5. A common
    part misspelt thus earns almost nothing, a rare one still a good deal.
    """
    if sim >= 1.0:
        return weight
    return max(0.0, weight - FUZZ * (1.0 - sim))
