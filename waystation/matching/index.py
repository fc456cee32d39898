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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any, NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from waystation.matching.compare.names import COMPLETE, EXTRA, EXTRA_CAP, JOIN_MIN, NAME_CAP, diminished
from waystation.matching.compare.words import ALIGN_MIN, pair_weight, similarity
from waystation.matching.neardates import (
    apart_bounds,
    exact_keys,
    middle_keys,
    middle_keys_of,
    near_keys,
    other_day_bounds,
)
from waystation.matching.normalize import AnalysedName, Word, word
from waystation.matching.profiles import EntryProfile, TravellerProfile

__all__ = ["CandidateIndex", "Proposal", "name_units", "unit_texts", "word_keys"]

_SPLIT_MIN = 7  # query parts at least this long are also tried as two words
_PREFILTER = 0.6  # spelling similarity below which a skeleton-key hit is not worth comparing
COMMON_MIN = 2000  # a word on more entries than this (and COMMON_SHARE of them) is "common"
COMMON_SHARE = 0.002


def word_keys(w: Word) -> list[str]:
    """The blocking keys of one vocabulary or query word."""
    keys = [f"t:{w.text}", f"p:{w.phonetic}", f"m:{w.mask}"]
    skel = w.skeleton
    keys.append(f"s:{skel}")
    if len(skel) >= 2:  # (two: Thair / Khair, one consonant apart)
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


def unit_texts(name: AnalysedName) -> tuple[str, ...]:
    """The texts of ``name_units(name)``, each once, without making the words: what a profile
    keeps of them (``EntryProfile.name_units``), for every name of a list."""
    texts = dict.fromkeys(p.word.text for p in name.parts if not (p.word.head or p.word.initial))
    for text, _ in name.groups:
        if len(text) >= 5:
            texts.setdefault(text)
    return tuple(texts)


@dataclass(frozen=True, slots=True, init=False)
class _Source:
    """One source word of a traveller's name: its parts (and the word as written, when the
    normalizer split it), the word as written, and every run of two or three source words holding
    it, written together (what the scorer's joined comparison reads), each with the lengths a
    listed spelling may have to be ``JOIN_MIN`` alike to it (``_join_lengths``)."""

    units: list[tuple[bool, Word]]
    text: str
    windows: tuple[str, ...]
    window_lengths: tuple[int, ...]
    text_lengths: int
    any_window_lengths: int  # every window's lengths together (one test rules most names out)

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        units: list[tuple[bool, Word]],
        text: str,
        windows: tuple[str, ...],
        window_lengths: tuple[int, ...],
        text_lengths: int,
        any_window_lengths: int,
    ) -> None:
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "windows", windows)
        object.__setattr__(self, "window_lengths", window_lengths)
        object.__setattr__(self, "text_lengths", text_lengths)
        object.__setattr__(self, "any_window_lengths", any_window_lengths)


def _query_groups(name: AnalysedName) -> list[_Source]:
    """A traveller's name as source words (``AnalysedName.groups``), each with its parts and (if
    different) the word as written."""
    raws = [text for text, _ in name.groups]
    count = len(raws)
    # Every run of two and of three source words written together, made once for the name.
    twos = [a + b for a, b in pairwise(raws)]
    threes = [two + c for two, c in zip(twos, raws[2:], strict=False)]
    two_lengths = [_join_lengths(len(w)) for w in twos]
    three_lengths = [_join_lengths(len(w)) for w in threes]
    all_parts = name.parts
    out: list[_Source] = []
    for position, (text, indexes) in enumerate(name.groups):
        parts = [all_parts[i] for i in indexes]
        units: list[tuple[bool, Word]] = [
            (False, p.word) for p in parts if not (p.word.head or p.word.initial)
        ]
        if len(text) >= 5 and not (len(parts) == 1 and parts[0].word.text == text):
            units.append((True, replace(word(text), weight=min(NAME_CAP, sum(p.word.weight for p in parts)))))
        if units:
            # The runs holding this word: twos starting at position - 1 or position, threes at
            # position - 2 to position (those that fit in the name).
            low2, high2 = max(0, position - 1), min(position, count - 2) + 1
            low3, high3 = max(0, position - 2), min(position, count - 3) + 1
            windows = (*twos[low2:high2], *threes[low3:high3])
            lengths = (*two_lengths[low2:high2], *three_lengths[low3:high3])
            every = 0
            for bits in lengths:
                every |= bits
            out.append(_Source(units, text, windows, lengths, _join_lengths(len(text)), every))
    return out


@dataclass(frozen=True, slots=True, init=False)
class Proposal:
    """An entry proposed for scoring, with the name evidence the index credited it with.

    ``names`` are the indexes (into ``EntryProfile.names``) of the entry's names that can still
    reach the threshold, in order, with ``name_bounds`` the most each can earn; empty for an entry
    found by its document number, which is compared on every name.
    """

    entry: int
    name_bound: float
    document_hit: bool
    names: tuple[int, ...] = ()
    name_bounds: tuple[float, ...] = ()

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        entry: int,
        name_bound: float,
        document_hit: bool,
        names: tuple[int, ...] = (),
        name_bounds: tuple[float, ...] = (),
    ) -> None:
        object.__setattr__(self, "entry", entry)
        object.__setattr__(self, "name_bound", name_bound)
        object.__setattr__(self, "document_hit", document_hit)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "name_bounds", name_bounds)


@dataclass(frozen=True, slots=True, init=False)
class _Reach:
    """What one query word reaches: entries with the evidence each could earn, and common words."""

    best: dict[int, float]  # entry -> the best value any similar (uncommon) word gives it
    common: tuple[tuple[str, float], ...]  # similar words too common to walk whole, best first
    values: dict[str, float]  # every similar vocabulary word and the evidence it could earn

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        best: dict[int, float],
        common: tuple[tuple[str, float], ...],
        values: dict[str, float],
    ) -> None:
        object.__setattr__(self, "best", best)
        object.__setattr__(self, "common", common)
        object.__setattr__(self, "values", values)


class CandidateIndex:
    """The blocking index over analysed entries (built once, read-only afterwards).

    Entries are found through postings per vocabulary word; each proposed entry's names are then
    bounded one by one from the words they are made of, so that an entry with twenty aliases is
    compared on the one or two that can reach the threshold, not on all twenty.
    """

    def __init__(self, entries: Sequence[EntryProfile], *, vector_min: int = 1000) -> None:
        # Postings as lists, each entry appended once (entries come in order, so a list's last
        # item tells whether this entry is in it already): sorted without sorting, and a third of
        # the memory sets would take while the index is built.
        postings: dict[str, list[int]] = {}
        words: dict[str, Word] = {}
        documents: dict[str, set[int]] = {}
        near: dict[int, list[int]] = {}
        middle: dict[int, list[int]] = {}
        exact_only = array("B")
        for number, entry in enumerate(entries):
            statements = entry.entry.birth_dates
            days = exact_keys(statements) if statements else []
            for day in days:
                for filed_as, filed in ((day, near), *((k, middle) for k in middle_keys(day))):
                    dated = filed.setdefault(filed_as, [])
                    if not dated or dated[-1] != number:
                        dated.append(number)
            exact_only.append(bool(days) and len(days) == len(statements))  # (``exactly_dated``)
            for name in entry.names:
                for w in name_units(name):
                    known = words.get(w.text)
                    if known is not w:
                        words[w.text] = w if known is None or known == w else _merged(known, w)
            for units in entry.name_units:
                for text in units:
                    ids = postings.get(text)
                    if ids is None:
                        postings[text] = [number]
                    elif ids[-1] != number:
                        ids.append(number)
            for key in entry.document_keys:
                documents.setdefault(key, set()).add(number)
        keys: dict[str, list[str]] = {}
        for text, w in words.items():
            for key in word_keys(w):
                bucket = keys.setdefault(key, [])
                if not bucket or bucket[-1] != text:
                    bucket.append(text)
        self._words = words
        # Credited entries from which ``propose``'s first test runs vectorized (``_first_test``;
        # below, numpy's fixed cost is more than the loop's; tests set 0 to check both ways agree).
        self._vector_min = vector_min
        self._units = [e.name_units for e in entries]
        self._names = [e.names for e in entries]
        self._targets: dict[tuple[int, int], _Targets] = {}
        # Per name: its heads and initials, which may take a traveller's part the keys never meet.
        # (One tuple object per distinct value: almost every entry's is (0,) or (0, 0).)
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._absorbers = [shared.setdefault(counts, counts) for counts in map(_absorber_counts, entries)]
        # Per entry, every name's length bits together (``_name_lengths``, capped): when none of
        # them allows a joined comparison with any word of the traveller, every word a name leaves
        # over is charged, and an entry found by one word of several is dropped on one test.
        word_bits = array("Q")
        run_bits = array("Q")
        for entry in entries:
            words_or = 0
            runs_or = 0
            for name in entry.names:
                name_words, name_runs = _name_lengths(name)
                words_or |= name_words
                runs_or |= name_runs
            word_bits.append(_capped(words_or))
            run_bits.append(_capped(runs_or))
        self._word_bits = word_bits
        self._run_bits = run_bits
        # Common words (Mohammed on a million-name list) are not walked whole: their entries are
        # split by birth year, and a traveller walks only the years next to their own.
        limit = max(COMMON_MIN, int(len(entries) * COMMON_SHARE))
        self._postings: dict[str, array[int]] = {}
        self._common: dict[str, frozenset[int]] = {}
        self._by_year: dict[tuple[str, int | None], array[int]] = {}
        for text, ids in postings.items():
            self._postings[text] = array("I", ids)
            if len(ids) <= limit:
                continue
            self._common[text] = frozenset(ids)
            split: dict[int | None, list[int]] = {}
            for number in ids:
                years = entries[number].years
                for year in years if 0 < len(years) <= 12 else (None,):
                    split.setdefault(year, []).append(number)
            for year, numbers in split.items():
                self._by_year[(text, year)] = array("I", numbers)
        self._keys = {key: tuple(texts) for key, texts in keys.items()}
        self._documents = {key: array("I", sorted(ids)) for key, ids in documents.items()}
        self._memo: dict[tuple[str, tuple[str, ...], float], tuple[tuple[str, float], ...]] = {}
        self._reach_memo: dict[tuple[str, tuple[str, ...], float], _Reach] = {}
        self._reach_held = 0  # entries held by the memoized reaches, all together
        self._year_lo = array("H", (e.years[0] if e.years else 0 for e in entries))
        self._year_hi = array("H", (e.years[-1] if e.years else 0 for e in entries))
        # Entries by full listed date of birth: the few whose date can earn a traveller more than
        # the apart bounds (``neardates``), found by key instead of by comparing every date.
        self._near = {key: array("I", numbers) for key, numbers in near.items()}
        # And by year and month, and by year and day: an entry whose every date is a full date in
        # none of these of the traveller's can earn only what another day earns (``neardates``).
        self._middle = {key: array("I", numbers) for key, numbers in middle.items()}
        self._exact_only = exact_only
        self._exact_np: Any = _view(exact_only, np.uint8)
        # The same years as numpy views (no copy), for the vectorized first test of ``propose``.
        self._lo_np: Any = _view(self._year_lo, np.uint16)
        self._hi_np: Any = _view(self._year_hi, np.uint16)

    @property
    def vocabulary_size(self) -> int:
        return len(self._words)

    def _joined(self, number: int, slot: int) -> _Targets:
        """An entry name's ``_targets``, made when first needed (most names never are)."""
        found = self._targets.get((number, slot))
        if found is None:
            if len(self._targets) > _TARGETS_MAX:
                self._targets.clear()
            found = self._targets[(number, slot)] = _targets(self._names[number][slot])
        return found

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
        for key in _insertion_keys(query):
            weak.update(self._keys.get(key, ()))
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
        for text in sorted(strong):
            candidate = self._words[text]
            sim, _how = similarity(query, candidate)
            if sim >= ALIGN_MIN:
                out.append((text, pair_weight(min(query.weight, candidate.weight), sim)))
        result = tuple(out)
        if len(self._memo) > _MEMO_MAX:
            self._memo.clear()
        self._memo[memo_key] = result
        return result

    def _reach(self, query: Word) -> _Reach:
        """The entries a query word reaches, each with the best evidence it could earn (memoized:
        passenger names repeat, so most query words were seen before)."""
        memo_key = (query.text, query.alts, query.weight)
        found = self._reach_memo.get(memo_key)
        if found is not None:
            return found
        matches = list(self.similar_words(query))
        if len(query.text) >= _SPLIT_MIN:
            matches.extend(self._split_words(query))
        matches.sort(key=lambda m: -m[1])
        best: dict[int, float] = {}
        common: list[tuple[str, float]] = []
        postings = self._postings
        for text, value in matches:
            if text in self._common:
                common.append((text, value))
                continue
            # Best value first, so each entry keeps the first (best) value it is given (C loops).
            source = postings[text]
            if best:
                best.update(dict.fromkeys([n for n in source if n not in best], value))
            else:
                best = dict.fromkeys(source, value)
        values: dict[str, float] = {}
        for text, value in matches:
            values.setdefault(text, value)
        result = _Reach(best, tuple(common), values)
        self._reach_held += len(best)
        if len(self._reach_memo) > _MEMO_MAX or self._reach_held > _REACH_HELD_MAX:
            self._reach_memo.clear()
            self._reach_held = len(best)
        self._reach_memo[memo_key] = result
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

    def _unit_best(self, w: Word, year: int | None) -> tuple[dict[int, float], _Reach]:
        reach = self._reach(w)
        if not reach.common:
            return reach.best, reach
        best = dict(reach.best)
        for text, value in reach.common:
            for n in self._year_window(text, year):
                if value > best.get(n, 0.0):
                    best[n] = value
        return best, reach

    def _credit(
        self, traveller: TravellerProfile
    ) -> tuple[dict[int, float], list[list[tuple[bool, _Reach]]], list[_Found], list[_Source]]:
        """Every entry the keys reach, with its credited name evidence (over all its names), what
        each source word of the traveller's name reached, the entries each source word found,
        and the source words themselves."""
        credit: dict[int, float] = {}
        born = traveller.traveller.birth_date
        year = born.year if born else None
        found: list[list[tuple[bool, _Reach]]] = []
        groups: list[_Found] = []
        deferred: list[tuple[str, float]] = []
        sources = _query_groups(traveller.name)
        for source in sources:
            # One source word: its parts add up, or the word as written counts, whichever is more.
            units = source.units
            reaches: list[tuple[bool, _Reach]] = []
            if len(units) == 1:  # the usual case: one part, one source word
                group, reach = self._unit_best(units[0][1], year)
                reaches.append((units[0][0], reach))
                deferred.extend(reach.common)
            else:
                parts_sum: dict[int, float] = {}
                whole: dict[int, float] = {}
                for is_whole, w in units:
                    best, reach = self._unit_best(w, year)
                    reaches.append((is_whole, reach))
                    deferred.extend(reach.common)
                    target = whole if is_whole else parts_sum
                    for n, value in best.items():
                        if is_whole:
                            if value > target.get(n, 0.0):
                                target[n] = value
                        else:
                            target[n] = target.get(n, 0.0) + value
                group = dict(parts_sum)
                for n, value in whole.items():
                    if value > group.get(n, 0.0):
                        group[n] = value
            found.append(reaches)
            commons = tuple(self._common[text] for _, reach in reaches for text, _ in reach.common)
            groups.append((group, commons))
            # credit[n] += value for each entry of the group, in C loops where the sets differ
            # (the same sums in the same order, and the entries kept in the order first credited).
            if credit:
                sums = {n: credit[n] + group[n] for n in credit.keys() & group.keys()}
                credit.update(group)
                credit.update(sums)
            else:
                credit = dict(group)
        for text, value in deferred:
            # Entries found through rarer parts also earn what a common part could add (a bound:
            # an entry may be credited twice for one source word, never too little). The entries
            # to raise are found in C (``frozenset.intersection`` walks ``credit``'s keys, tens of
            # thousands on a million-name list); each is raised as before, in the same order.
            for n in self._common[text].intersection(credit):
                credit[n] += value
        return credit, found, groups, sources

    def propose(
        self,
        traveller: TravellerProfile,
        evidence_needed: float,
        most_besides: tuple[float, float],
        year_bounds: Sequence[float] = (0.0,),
        whole: float = 0.0,
        ceiling: Callable[[int, float], float] | None = None,
    ) -> tuple[list[Proposal], frozenset[str]]:
        """Entries with a name whose best possible evidence reaches ``evidence_needed``, and the
        vocabulary words found alike (so the scorer can skip an entry's names that share none).

        ``most_besides`` is what nationality, sex (and a document) could add without and with a
        document hit; ``year_bounds[gap]`` the most a date can add when the birth years are at least
        ``gap`` apart (the last value for any larger gap); ``whole`` what the algorithm's whole-name
        terms could add, which only a name leaving none of the traveller's parts unexplained earns.
        A name's credit is raised by what the index cannot see (the bonus of a complete match,
        initials, a passport name cut short) and lowered by what a part of the traveller's name
        that meets nothing in it must cost (see ``_name_bound``). Each proposal's bounds include
        ``whole`` where it is possible.

        ``ceiling(entry, name_bound)`` (the caller's own bound on a pair with no document hit, given
        the most its name can earn; monotone in that) leaves out an entry the caller would prune
        anyway: one whose ceiling at the most any of its names could earn (its credit, raised by
        the bonuses, the whole-name terms and what its heads and initials could take) is below
        ``evidence_needed``. Its names are then never bounded one by one. The complete-match
        bonus is counted only for an entry every source word found (through a common word too):
        a name earns it only when each of them meets one of its words.
        """
        credit, found, groups, sources = self._credit(traveller)
        truncated = bool(traveller.name.parts) and traveller.name.parts[-1].truncated
        matched = frozenset(text for reaches in found for _, reach in reaches for text in reach.values)
        slack, complete = _slack(traveller)
        born = traveller.traveller.birth_date
        year = born.year if born else None
        document_hits: set[int] = set()
        for key in traveller.document_keys:
            document_hits.update(self._documents.get(key, ()))
        without, with_document = most_besides
        lo, hi = self._year_lo, self._year_hi
        last = len(year_bounds) - 1
        # Entries with a full date near the traveller's may earn the year's bound; all others at
        # most the apart bound (``neardates``): most same-year entries drop on the first test.
        apart = apart_bounds(tuple(year_bounds))
        near: set[int] = set()
        for day in near_keys(born):
            near.update(self._near.get(day, ()))
        # With a full date (not 1 January, which reads as a year), an exactly dated entry neither
        # near nor in the middle (same month or day of the year) earns at most another day's bound.
        other = apart
        middle: set[int] = set()
        by_day = born is not None and born.day is not None and (born.month, born.day) != (1, 1)
        if by_day:
            assert born is not None
            other = other_day_bounds(tuple(year_bounds))
            for filed_as in middle_keys_of(born):
                middle.update(self._middle.get(filed_as, ()))
        exact_only = self._exact_only
        bonus = slack + (COMPLETE if complete else 0.0)
        # Below this, no date, document or bonus can lift an entry: most are dropped on one test.
        floor = evidence_needed - bonus - whole - max(without, with_document if document_hits else without)
        floor -= max(0.0, *year_bounds)
        proposals = []

        # The traveller's words a name can leave over (``_name_bound``'s unmet: with a part of
        # their own, not a passport word cut short), and what lengths they could be joined at.
        own_positions: list[int] = []
        window_bits = 0
        text_bits = 0
        last_position = len(found) - 1
        for position, reaches in enumerate(found):
            if any(not is_whole for is_whole, _ in reaches) and not (truncated and position == last_position):
                own_positions.append(position)
                window_bits |= sources[position].any_window_lengths
                text_bits |= sources[position].text_lengths
        own_count = len(own_positions)
        window_bits = _capped(window_bits)
        text_bits = _capped(text_bits)
        if len(credit) >= self._vector_min:
            # Many entries credited (a large list): the first test below, vectorized, keeps a
            # superset of what it keeps; the entries near in date or with a document are kept whole.
            kept: Iterable[int] = self._first_test(
                credit,
                year,
                apart,
                other if by_day else None,
                evidence_needed - (bonus if complete else slack) - whole - without,
            )
            forced = (near | middle | document_hits) & credit.keys()
            if forced:
                kept = [*kept, *forced.difference(kept)]
        else:
            kept = credit.keys()
        for number in kept:
            value = credit[number]
            if value < floor:
                continue
            rest = with_document if document_hits and number in document_hits else without
            if year is not None:
                first = lo[number]
                if first:  # (when either side has no year, dates add nothing)
                    if year < first:
                        gap = first - year
                    else:
                        gap = year - hi[number]
                        if gap < 0:
                            gap = 0
                    if number in near:
                        by_gap = year_bounds
                    elif by_day and exact_only[number] and number not in middle:
                        by_gap = other
                    else:
                        by_gap = apart
                    rest += by_gap[gap] if gap < last else by_gap[last]
            if value + slack + whole + rest < evidence_needed and (
                not complete
                or value + bonus + whole + rest < evidence_needed
                or not _everywhere(number, groups)
            ):
                continue  # (the complete-match bonus needs every source word found in the entry)
            if number in document_hits:
                proposals.append(Proposal(number, min(value + bonus, NAME_CAP) + whole, True))
                continue
            absorbers = self._absorbers[number]
            if own_count >= 2:
                # Found by fewer of the traveller's words than it has: every name leaves at least
                # ``own_count - met`` of them over, each charged unless a head or initial takes it
                # or a joined comparison could align it, which the length bits rule out at once.
                met = 0
                for position in own_positions:
                    group, commons = groups[position]
                    if number in group or any(number in members for members in commons):
                        met += 1
                most_absorbed = max(absorbers, default=0)
                unmet_least = own_count - met
                if (
                    unmet_least > most_absorbed
                    and not (self._word_bits[number] & window_bits or self._run_bits[number] & text_bits)
                    and value
                    + slack
                    + _INITIAL_MOST * most_absorbed
                    - min(EXTRA * (unmet_least - most_absorbed), EXTRA_CAP)
                    + rest
                    < evidence_needed - _ROUNDING
                ):
                    continue
            if ceiling is not None:
                top = bonus if complete and _everywhere(number, groups) else slack
                most = value + top + whole + _INITIAL_MOST * max(absorbers, default=0) + _ROUNDING
                if ceiling(number, most) < evidence_needed:
                    continue
            # Now each name on its own, from the words it is made of.
            slots: list[int] = []
            bounds: list[float] = []
            for slot, units in enumerate(self._units[number]):
                if matched.isdisjoint(units):
                    continue  # (C-level test: most aliases of a long entry share no word found)
                bound, unmet = _name_bound(units, found, slack, complete, truncated)
                bound += whole
                if bound + rest < evidence_needed:
                    continue
                if unmet:  # (only now, as few names get here: what left-over words cost)
                    known = self._targets.get((number, slot))
                    bound = _charged(
                        bound - whole,
                        unmet,
                        sources,
                        (known.word_lengths, known.run_lengths)
                        if known is not None  # (a short list's names come round again)
                        else _name_lengths(self._names[number][slot]),
                        lambda: self._joined(number, slot),  # noqa: B023 (called at once, in this iteration)
                        absorbers[slot],
                        whole,
                        evidence_needed,
                        rest,
                    )
                if bound + rest >= evidence_needed:
                    slots.append(slot)
                    bounds.append(bound)
            if not slots:
                continue
            proposals.append(Proposal(number, max(bounds), False, tuple(slots), tuple(bounds)))
        proposals.extend(Proposal(n, whole, True) for n in document_hits if n not in credit)
        return proposals, matched

    def _first_test(
        self,
        credit: dict[int, float],
        year: int | None,
        apart: Sequence[float],
        other: Sequence[float] | None,
        needed: float,
    ) -> list[int]:
        """The credited entries whose credit plus the most an apart date can add reaches ``needed``
        (``propose``'s first test for an entry with no near date and no document, in numpy: on a
        million-name list ten thousand entries are credited and a few hundred pass), in credit order.
        Summed in another order than the loop, so kept with a margin: a superset of what it keeps."""
        count = len(credit)
        numbers = np.fromiter(credit.keys(), dtype=np.intp, count=count)
        values = np.fromiter(credit.values(), dtype=np.float64, count=count)
        if year is not None:
            first = self._lo_np[numbers].astype(np.intp)
            gap = np.maximum(first - year, year - self._hi_np[numbers].astype(np.intp))
            gap = np.clip(gap, 0, len(apart) - 1)
            dates = np.asarray(apart, dtype=np.float64)[gap]
            if other is not None:  # (exactly dated entries, the middle ones being kept by the caller)
                exact = self._exact_np[numbers] != 0
                dates = np.where(exact, np.asarray(other, dtype=np.float64)[gap], dates)
            values = values + np.where(first == 0, 0.0, dates)
        kept: list[int] = numbers[values >= needed - _MARGIN].tolist()
        return kept

    def credited(self, traveller: TravellerProfile) -> set[int]:
        """Every entry the keys reach for this traveller, before any pruning (for recall studies)."""
        entries = set(self._credit(traveller)[0])
        for key in traveller.document_keys:
            entries.update(self._documents.get(key, ()))
        return entries


def _name_bound(
    units: tuple[str, ...],
    found: list[list[tuple[bool, _Reach]]],
    slack: float,
    complete: bool,
    truncated: bool,
) -> tuple[float, list[int]]:
    """The most one listed name (its unit texts) can earn against the traveller's source words
    before anything is charged for what it leaves over, and the source words (positions) with a
    part of their own that meet no unit of the name (``_charged`` settles what those cost).

    Each source word is credited the best pair any of its units could make; the credits are then
    diminished as the scorer diminishes aligned pairs (monotone, so still a bound). A passport
    name's last word cut short (``truncated``) is never left over: its prefix match is in ``slack``.
    """
    credits: list[float] = []
    every = complete
    unmet: list[int] = []
    last = len(found) - 1
    for position, reaches in enumerate(found):
        parts = 0.0
        whole = 0.0
        met = False
        own = False  # the source word has a part of its own (not only a head or the word as written)
        for is_whole, reach in reaches:
            values = reach.values
            best = 0.0
            for u in units:
                v = values.get(u)
                if v is not None:
                    met = True
                    if v > best:
                        best = v
            if is_whole:
                if best > whole:
                    whole = best
            else:
                own = True
                parts += best
        value = parts if parts > whole else whole
        if value <= 0.0:
            every = False
        else:
            credits.append(value)
        if not met and own and not (truncated and position == last):
            unmet.append(position)
    credits.sort(reverse=True)
    total = slack + diminished(credits)
    if every:
        total += COMPLETE  # every part of the traveller's name found in this name
    return min(total, NAME_CAP), unmet


def _charged(
    bound: float,
    unmet: list[int],
    sources: list[_Source],
    lengths: tuple[int, int],
    targets: Callable[[], _Targets],
    absorbers: int,
    whole: float,
    short: float,
    rest: float,
) -> float:
    """A name's bound once its left-over source words are charged for, whole-name terms included
    when none is left over.

    A word meeting no unit of the name stays unaligned in the scorer, which costs at least
    ``EXTRA`` (a contradiction costs more) up to ``EXTRA_CAP`` in all, unless one of the name's
    heads or initials (never indexed: ``absorbers``) takes it for at most ``_INITIAL_MOST``, or the
    scorer aligns it written together with a neighbour (``_joinable``), which, as before this
    charge, is credited nothing. An unaligned word also rules the whole-name terms out.

    The caller keeps the name when the bound plus ``rest`` reaches ``short``: once the words found
    left over so far sink every bound the words not yet tried could still give below that, the
    best of those bounds is returned at once (the caller drops it just the same).

    ``lengths`` are the name's ``_Targets`` length bits (``_name_lengths``); the texts themselves
    (``targets()``) are made only when the lengths allow a joined comparison, which they rarely do.
    """
    left = 0
    remaining = len(unmet)
    word_lengths, run_lengths = lengths
    for position in unmet:
        remaining -= 1
        source = sources[position]
        if (source.any_window_lengths & word_lengths or source.text_lengths & run_lengths) and _joinable(
            source, targets()
        ):
            continue
        left += 1
        if remaining:
            # The bound is highest with as many left-over words as there are absorbers.
            most = _charge(bound, min(max(absorbers, left), left + remaining), absorbers, whole)
            if absorbers < left + remaining:
                most = max(most, _charge(bound, max(absorbers + 1, left), absorbers, whole))
            if most + rest < short:
                return most
    return _charge(bound, left, absorbers, whole)


def _charge(bound: float, left: int, absorbers: int, whole: float) -> float:
    """``_charged`` once ``left`` words are known to be left over."""
    taken = min(left, absorbers)
    left -= taken
    bound += _INITIAL_MOST * taken
    if left:
        return bound - min(EXTRA * left, EXTRA_CAP)
    return bound + whole


def _joinable(source: _Source, targets: _Targets) -> bool:
    """Whether the scorer could align a traveller's word by the joined comparison of
    ``compare.names``, which no key sees: written together with its neighbours against one listed
    word, or alone against listed words written together (``targets``: the listed source words,
    and their runs of two or three). Without the scorer's two-letter length window: a superset.
    (One word against one word is the ordinary comparison, which the keys do see.)

    A comparison whose lengths alone keep it below ``JOIN_MIN`` (the bit masks of ``_Targets``
    and ``_Source``) is not made: it could not succeed, and most fail that way."""
    words, runs, word_lengths, run_lengths = targets
    similar = OSA.normalized_similarity
    for window, lengths in zip(source.windows, source.window_lengths, strict=True):
        if lengths & word_lengths:
            for listed in words:
                if lengths >> len(listed) & 1 and similar(window, listed, score_cutoff=JOIN_MIN):
                    return True
    lengths = source.text_lengths
    if lengths & run_lengths:
        text = source.text
        for run in runs:
            if lengths >> len(run) & 1 and similar(text, run, score_cutoff=JOIN_MIN):
                return True
    return False


# What one source word of a traveller's name found: the entries it credited, and the entries of
# the common words it matched (credited only near the traveller's birth year, found all the same).
_Found = tuple[dict[int, float], tuple[frozenset[int], ...]]


class _Targets(NamedTuple):
    """A listed name as the joined comparison reads it: its source words as written, their runs
    of two or three written together, and the set of lengths of each (bit ``n`` set: some text
    is ``n`` letters long)."""

    words: tuple[str, ...]
    runs: tuple[str, ...]
    word_lengths: int
    run_lengths: int


def _targets(name: AnalysedName) -> _Targets:
    """A listed name's source words as written, and every run of two or three of them written together."""
    raws = [text for text, _ in name.groups]
    runs = [a + b for a, b in pairwise(raws)]
    runs.extend(a + b + c for a, b, c in zip(raws, raws[1:], raws[2:], strict=False))
    return _Targets(tuple(raws), tuple(runs), _length_bits(raws), _length_bits(runs))


def _name_lengths(name: AnalysedName) -> tuple[int, int]:
    """``_targets(name)``'s ``word_lengths`` and ``run_lengths`` from the lengths of its source
    words alone, without writing the runs out (a run's length is the sum of its words')."""
    sizes = [len(text) for text, _ in name.groups]
    words = 0
    runs = 0
    for i, size in enumerate(sizes):
        words |= 1 << size
        if i >= 1:
            pair = sizes[i - 1] + size
            runs |= 1 << pair
            if i >= 2:
                runs |= 1 << (pair + sizes[i - 2])
    return words, runs


def _view(values: array[int], dtype: Any) -> Any:
    """A numpy view of an array of numbers, without copying them (an empty one for no entries)."""
    return np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype)


def _capped(bits: int) -> int:
    """Length bits in 64: every length from 63 up as bit 63 (on both sides of a test, so that a
    test of capped bits is true whenever the full test is)."""
    if bits >> 63:
        return (bits & ((1 << 63) - 1)) | (1 << 63)
    return bits


def _length_bits(texts: list[str]) -> int:
    bits = 0
    for text in texts:
        bits |= 1 << len(text)
    return bits


@lru_cache(maxsize=512)  # (lengths of names: a few dozen)
def _join_lengths(length: int) -> int:
    """The lengths (as bits) a text may have to be ``JOIN_MIN`` alike to one of ``length`` letters.

    A normalized OSA similarity is ``1 - distance / longer`` and the distance is at least the
    difference in length, so anything outside this window scores below ``JOIN_MIN`` (the margin
    keeps every length rounding could let through).
    """
    bits = 0
    for other in range(int(length / JOIN_MIN) + 2):
        longer = max(length, other)
        if longer == 0 or 1.0 - abs(length - other) / longer >= JOIN_MIN - 1e-6:
            bits |= 1 << other
    return bits


def _absorber_counts(entry: EntryProfile) -> tuple[int, ...]:
    """Per name of an entry: how many heads and initials it has (``_charged``'s absorbers)."""
    return tuple(sum(1 for p in n.parts if p.word.head or p.word.initial) for n in entry.names)


def _merged(a: Word, b: Word) -> Word:
    """One vocabulary word for a text that entries analyse differently (an Arabic-script name
    brings romanization alternatives a Latin one lacks): the union of what each knows, and the
    larger weight, so that the index never credits a pair less than the scorer may."""
    if a.alts == b.alts and a.classes == b.classes and a.weight >= b.weight:
        return a
    return replace(
        a,
        alts=tuple(dict.fromkeys((*a.alts, *b.alts))),
        classes=a.classes | b.classes,
        weight=max(a.weight, b.weight),
    )


def _insertion_keys(query: Word) -> list[str]:
    """Keys meeting a vocabulary word whose skeleton has one consonant more or one less than the
    query's (Nyauuni / Nyakuni): the deletion keys alone only meet a changed consonant."""
    skel = query.skeleton
    keys = [f"d:{skel}"] if len(skel) >= 2 else []
    if len(skel) >= 3:  # (Sung / Ung: a three-consonant skeleton against a two-consonant one)
        keys.extend(f"s:{skel[:i]}{skel[i + 1 :]}" for i in range(len(skel)))
    return keys


def _everywhere(number: int, groups: list[_Found]) -> bool:
    """Whether every source word found entry ``number`` (else no name of it earns ``COMPLETE``).

    A function of the module, not one nested in ``propose``: compiled, a nested function and the
    environment it shares with its caller form a reference cycle, left for the collector once per
    traveller (``tests/matching/test_screen.py``)."""
    for group, commons in groups:
        if number not in group and not any(number in members for members in commons):
            return False
    return True


_MEMO_MAX = 200_000
# On a million-name list one query word reaches a few thousand entries, each some 70 bytes in its
# ``_Reach.best`` (the dict slot and the int): 2,000 dev travellers left 3.9 million held, 250 MB.
# Making one again costs tens of microseconds, against milliseconds to screen a traveller there.
_REACH_HELD_MAX = 1_000_000
# Names whose runs of words were written out for the joined comparison: every name of a list of a
# few thousand, while on a million-name list they seldom come round again (2,000 dev travellers
# made 125,000 there, some 60 MB kept for nothing).
_TARGETS_MAX = 20_000
_MARGIN = 1e-6  # what a sum in another order may differ by: never drop on that
_ROUNDING = 1e-6  # a bound summed in another order may differ in the last bits: never prune on that
_INITIAL_MOST = 1.0  # the most an initial can earn (compare.names: an initial is weak evidence)


def _slack(traveller: TravellerProfile) -> tuple[float, bool]:
    """What the scorer may credit that the index's keys do not see, and whether the bonus of a
    complete match is possible (never with an initial)."""
    parts = traveller.name.parts
    initials = sum(1 for p in parts if p.word.initial)
    slack = _INITIAL_MOST * initials
    if parts and parts[-1].truncated:
        slack += parts[-1].word.weight  # a prefix of a longer listed part: credit it whole
    return slack, not initials
