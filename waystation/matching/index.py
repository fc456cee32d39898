"""Blocking: propose the few list entries worth scoring for a traveller, cheaply.

Two levels keep it small and fast even for a million names:

1. a vocabulary of every distinct name part on the lists, with the entries each occurs in;
2. keys from each vocabulary word to find it from a misspelt or re-romanized query part: the
   spelling, the phonetic form, the vowel mask, the consonant skeleton, the skeleton with one
   letter deleted (catches typos), the equivalence groups of the variant tables, and every
   alternative romanization. Documents are keyed by normalized number.

A query part looks its keys up, keeps the vocabulary words that are really alike
(``similarity`` ≥ ``ALIGN_MIN``: anything less could not be aligned by the scorer anyway) and
credits their entries with the evidence that pair could earn. A long query part is also split in
two (Mohamedomar) to find entries that write it as two words. An entry is proposed when its
credited name evidence, plus the most that dates, documents, nationality and sex could add, can
still reach the caller's threshold: pruning that can never drop a pair the scorer would keep
(``bound``). What can be missed is a part none of whose keys meet, and, on very large lists, an
entry reached only through common words (more than ``COMMON_MIN`` entries) whose birth year is
more than a year from the traveller's: those words are walked by birth year only. Both are in the
retrieval recall the benchmark measures on its own.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from waystation.matching.compare.names import NAME_CAP
from waystation.matching.compare.words import ALIGN_MIN, pair_weight, similarity
from waystation.matching.normalize import AnalysedName, Part, Word, raw_key, word
from waystation.matching.profiles import EntryProfile, TravellerProfile

__all__ = ["CandidateIndex", "Proposal", "name_units", "word_keys"]

_SPLIT_MIN = 7  # query parts at least this long are also tried as two words
_PREFILTER = 0.6  # spelling similarity below which a skeleton-key hit is not worth comparing
COMMON_MIN = 2000  # a word on more entries than this (and COMMON_SHARE of them) is "common"
COMMON_SHARE = 0.002


def word_keys(w: Word) -> list[str]:
    """The blocking keys of one vocabulary or query word."""
    keys = [f"t:{w.text}", f"p:{w.phonetic}", f"m:{w.mask}"]
    skel = w.skeleton
    keys.append(f"s:{skel}")
    if len(skel) >= 3:
        keys.extend(f"d:{skel[:i]}{skel[i + 1 :]}" for i in range(len(skel)))
    keys.extend(f"c:{c}" for c in w.classes)
    for alt in w.alts:
        keys.append(f"t:{alt}")
        keys.append(f"p:{word(alt).phonetic}")
    return keys


def name_units(name: AnalysedName) -> list[Word]:
    """What a list name is indexed by: its parts, and each source word as written when the
    normalizer split it (Abdelrahman → abd + rahman, also "abdelrahman"), so that a misspelt or
    differently glued compound still meets it. Two words written as one by a traveller are found
    the other way round: the query word is split (``_split_words``)."""
    units = [p.word for p in name.parts if not (p.word.head or p.word.initial)]
    seen = {w.text for w in units}
    for text, indexes in name.groups:
        if len(text) < 5 or text in seen:
            continue
        seen.add(text)
        weight = min(NAME_CAP, sum(name.parts[i].word.weight for i in indexes))
        units.append(replace(word(text), weight=weight))
    return units


def _query_groups(name: AnalysedName) -> list[list[tuple[bool, Word]]]:
    """A traveller's name as source words, each with its parts and (if different) the word as written."""
    groups: list[tuple[str, list[Part]]] = []
    for part in name.parts:
        if groups and groups[-1][0] == part.shown:
            groups[-1][1].append(part)
        else:
            groups.append((part.shown, [part]))
    out: list[list[tuple[bool, Word]]] = []
    for shown, parts in groups:
        units: list[tuple[bool, Word]] = [
            (False, p.word) for p in parts if not (p.word.head or p.word.initial)
        ]
        text = raw_key(shown)
        if len(text) >= 5 and not (len(parts) == 1 and parts[0].word.text == text):
            units.append((True, replace(word(text), weight=min(NAME_CAP, sum(p.word.weight for p in parts)))))
        if units:
            out.append(units)
    return out


@dataclass(frozen=True, slots=True)
class Proposal:
    """An entry proposed for scoring, with the name evidence the index credited it with."""

    entry: int
    name_bound: float
    document_hit: bool


class CandidateIndex:
    """The blocking index over analysed entries (built once, read-only afterwards)."""

    def __init__(self, entries: Sequence[EntryProfile]) -> None:
        postings: dict[str, set[int]] = {}
        words: dict[str, Word] = {}
        documents: dict[str, set[int]] = {}
        for number, entry in enumerate(entries):
            for name in entry.names:
                for w in name_units(name):
                    words.setdefault(w.text, w)
                    postings.setdefault(w.text, set()).add(number)
            for key in entry.document_keys:
                documents.setdefault(key, set()).add(number)
        keys: dict[str, list[str]] = {}
        for text, w in words.items():
            for key in word_keys(w):
                bucket = keys.setdefault(key, [])
                if not bucket or bucket[-1] != text:
                    bucket.append(text)
        self._words = words
        self._postings = {text: frozenset(ids) for text, ids in postings.items()}
        # Common words (Mohammed on a million-name list) are not walked whole: their entries are
        # split by birth year, and a traveller walks only the years next to their own.
        limit = max(COMMON_MIN, int(len(entries) * COMMON_SHARE))
        self._common: dict[str, frozenset[int]] = {}
        self._by_year: dict[tuple[str, int | None], array[int]] = {}
        for text, ids in postings.items():
            if len(ids) <= limit:
                continue
            self._common[text] = frozenset(ids)
            split: dict[int | None, list[int]] = {}
            for number in sorted(ids):
                years = entries[number].years
                for year in years if 0 < len(years) <= 12 else (None,):
                    split.setdefault(year, []).append(number)
            for year, numbers in split.items():
                self._by_year[(text, year)] = array("I", numbers)
        self._keys = {key: tuple(texts) for key, texts in keys.items()}
        self._documents = {key: array("I", sorted(ids)) for key, ids in documents.items()}
        self._memo: dict[tuple[str, tuple[str, ...], float], tuple[tuple[str, float], ...]] = {}
        self._year_lo = [e.years[0] if e.years else 0 for e in entries]
        self._year_hi = [e.years[-1] if e.years else 0 for e in entries]

    @property
    def vocabulary_size(self) -> int:
        return len(self._words)

    def similar_words(self, query: Word) -> tuple[tuple[str, float], ...]:
        """Vocabulary words a query word could be aligned with, and the evidence each could earn."""
        memo_key = (query.text, query.alts, query.weight)
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        strong: set[str] = set()
        weak: set[str] = set()
        for key in word_keys(query):
            (weak if key[0] in "sd" else strong).update(self._keys.get(key, ()))
        weak -= strong
        if weak and not query.consonantal:
            # Skeleton keys cast a wide net; keep only spellings close enough to be aligned (C loop).
            kept = process.extract(
                query.text, list(weak), scorer=OSA.normalized_similarity, score_cutoff=_PREFILTER, limit=None
            )
            strong.update(text for text, _score, _index in kept)
        elif weak:
            strong |= weak
        out: list[tuple[str, float]] = []
        for text in strong:
            candidate = self._words[text]
            sim, _how = similarity(query, candidate)
            if sim >= ALIGN_MIN:
                out.append((text, pair_weight(min(query.weight, candidate.weight), sim)))
        result = tuple(out)
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[memo_key] = result
        return result

    def _year_window(self, text: str, year: int | None) -> list[int]:
        """A common word's entries born within a year of ``year``, or listed without a birth year."""
        found: list[int] = list(self._by_year.get((text, None), ()))
        if year is not None:
            for near in (year - 1, year, year + 1):
                found.extend(self._by_year.get((text, near), ()))
        return found

    def _split_words(self, query: Word) -> list[tuple[str, float]]:
        """A glued query part (Khamissirhan) as two vocabulary words (Khamis, Sirhan)."""
        text = query.text
        out: list[tuple[str, float]] = []
        for cut in range(3, len(text) - 2):
            left, right = text[:cut], text[cut:]
            if left in self._words and right in self._words:
                out.append((left, self._words[left].weight))
                out.append((right, self._words[right].weight))
        return out

    def propose(
        self,
        traveller: TravellerProfile,
        evidence_needed: float,
        most_besides: tuple[float, float],
        year_bounds: Sequence[float] = (0.0,),
    ) -> tuple[list[Proposal], frozenset[str]]:
        """Entries whose best possible evidence reaches ``evidence_needed``, and the vocabulary words
        found alike (so the scorer can skip an entry's names that share none of them).

        ``most_besides`` is what nationality, sex (and a document) could add without and with a
        document hit; ``year_bounds[gap]`` the most a date can add when the birth years are at least
        ``gap`` apart (the last value for any larger gap).
        """
        credit: dict[int, float] = {}
        matched: set[str] = set()
        deferred: list[tuple[str, float]] = []
        born = traveller.traveller.birth_date
        year = born.year if born else None
        for units in _query_groups(traveller.name):
            # One source word: its parts add up, or the word as written counts, whichever is more.
            parts_sum: dict[int, float] = {}
            whole: dict[int, float] = {}
            for is_whole, w in units:
                best: dict[int, float] = {}
                matches = list(self.similar_words(w))
                if len(w.text) >= _SPLIT_MIN:
                    matches.extend(self._split_words(w))
                postings = self._postings
                # Best value first, so each entry keeps the first (best) value it is given; the
                # set difference and dict.fromkeys run in C, not a Python loop per entry.
                for text, value in sorted(matches, key=lambda m: -m[1]):
                    matched.add(text)
                    source: Collection[int]
                    if text in self._common:
                        deferred.append((text, value))
                        source = self._year_window(text, year)
                    else:
                        source = postings[text]
                    if best:
                        best.update(
                            dict.fromkeys(
                                source - best.keys()
                                if isinstance(source, frozenset)
                                else [n for n in source if n not in best],
                                value,
                            )
                        )
                    else:
                        best = dict.fromkeys(source, value)
                if len(units) == 1:  # the usual case: one part, one source word
                    parts_sum = best
                    break
                target = whole if is_whole else parts_sum
                for number, value in best.items():
                    if is_whole:
                        if value > target.get(number, 0.0):
                            target[number] = value
                    else:
                        target[number] = target.get(number, 0.0) + value
            if not whole:
                for number, value in parts_sum.items():
                    credit[number] = credit.get(number, 0.0) + value
                continue
            for number in parts_sum.keys() | whole.keys():
                credit[number] = credit.get(number, 0.0) + max(
                    parts_sum.get(number, 0.0), whole.get(number, 0.0)
                )
        for text, value in deferred:
            # Entries found through rarer parts also earn what a common part could add (a bound:
            # an entry may be credited twice for one source word, never too little).
            members = self._common[text]
            for number in credit:
                if number in members:
                    credit[number] += value
        document_hits: set[int] = set()
        for key in traveller.document_keys:
            document_hits.update(self._documents.get(key, ()))
        without, with_document = most_besides
        lo, hi = self._year_lo, self._year_hi
        last = len(year_bounds) - 1
        proposals = []
        for number, value in credit.items():
            bound = min(value, NAME_CAP) + (with_document if number in document_hits else without)
            if year is not None and lo[number]:  # (when either side has no year, dates add nothing)
                gap = (
                    lo[number] - year
                    if year < lo[number]
                    else (year - hi[number] if year > hi[number] else 0)
                )
                bound += year_bounds[min(gap, last)]
            if bound >= evidence_needed:
                proposals.append(Proposal(number, min(value, NAME_CAP), number in document_hits))
        proposals.extend(Proposal(n, 0.0, True) for n in document_hits if n not in credit)
        return proposals, frozenset(matched)

    def credited(self, traveller: TravellerProfile) -> set[int]:
        """Every entry the keys reach for this traveller, before any pruning (for recall studies)."""
        return {p.entry for p in self.propose(traveller, float("-inf"), (0.0, 0.0), (0.0,))[0]}
