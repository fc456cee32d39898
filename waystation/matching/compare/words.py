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
spelling     0..1   Levenshtein similarity of the spellings or of their phonetic forms; raised to
                    0.86 when only the vowels differ (Mohamed / Muhamad), unless both parts are
                    known, different names (Hasan / Husayn)
initial      —      an initial against a part with that first letter (scored apart, weakly)
=========== ====== =============================================================================

Levenshtein comes from rapidfuzz (C++, ~100x pure Python); Jaro-Winkler was tried and rejected
because it rates Ahmed/Hamed and Khalil/Khalid at 0.93.
"""

from __future__ import annotations

from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from waystation.matching.normalize import Word

__all__ = ["ALIGN_MIN", "How", "agreement", "similarity"]

ALIGN_MIN = 0.75  # below this two parts are different parts, not one part misspelt
_MASK_SIM = 0.86
_cache: dict[tuple[str, str], tuple[float, How]] = {}
_CACHE_MAX = 500_000


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
        return 0.95 * Levenshtein.normalized_similarity(a.skeleton, b.skeleton)
    best = max(
        Levenshtein.normalized_similarity(a.text, b.text),
        Levenshtein.normalized_similarity(a.phonetic, b.phonetic),
    )
    if best < _MASK_SIM and a.mask == b.mask and len(a.mask) > 2 and not (a.classes and b.classes):
        best = _MASK_SIM
    for x in (a.text, *a.alts):
        for y in (b.text, *b.alts):
            if x is not a.text or y is not b.text:
                best = max(best, 0.97 * Levenshtein.normalized_similarity(x, y))
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


def agreement(sim: float) -> float:
    """The share of a part's weight that a similarity earns: 1 at 1.0, about 0.6 at 0.9, 0 at 0.7."""
    if sim >= 1.0:
        return 1.0
    if sim <= 0.7:
        return 0.0
    return float(((sim - 0.7) / 0.3) ** 1.3)
