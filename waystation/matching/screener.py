"""The screening engine: lists analysed once, travellers screened one by one or in batches.

``Screener.build(lists)`` analyses every person entry (names normalized, keys indexed) and is
then read-only: build it when a list version is imported and reuse it for every request.
``screen`` returns the hits at or above ``threshold`` for one traveller, best first;
``screen_many`` does the same for many and spreads big batches over worker processes (forked,
so the workers share the built index copy-on-write instead of rebuilding it).

Entries that are not persons (entities, vessels) are not screened against travellers.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from waystation.matching.algorithms import DEFAULT_ALGORITHM, Algorithm, Assessment, algorithm
from waystation.matching.batch import screen_on_every_core
from waystation.matching.clearance import ClearanceSet
from waystation.matching.explain import explain
from waystation.matching.index import CandidateIndex, Proposal
from waystation.matching.profiles import (
    EntryProfile,
    TravellerProfile,
    profile_entry,
    profile_traveller,
    with_list_frequencies,
)
from waystation.matching.types import Hit
from waystation.model import EntryKind, Traveller, Watchlist

__all__ = ["PARALLEL_MIN", "Screener"]

PARALLEL_MIN: Final = 4000  # below this many travellers, starting processes costs more than it saves
_SUMMED = 1e-9  # a bound added up in another order may differ in its last bits: never prune on that


@dataclass(frozen=True, slots=True, init=False)
class _Request:
    threshold: float
    alert_threshold: float
    top: int
    cleared: ClearanceSet | None

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        threshold: float,
        alert_threshold: float,
        top: int,
        cleared: ClearanceSet | None,
    ) -> None:
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "alert_threshold", alert_threshold)
        object.__setattr__(self, "top", top)
        object.__setattr__(self, "cleared", cleared)


class Screener:
    """Screens travellers against analysed watchlists with one registered algorithm."""

    __slots__ = ("_algorithm", "_entries", "_index", "_year_bounds", "lists")

    def __init__(
        self, entries: Sequence[EntryProfile], algo: Algorithm, lists: tuple[tuple[str, str], ...]
    ) -> None:
        self._entries = tuple(entries)
        self._algorithm = algo
        self._index = CandidateIndex(self._entries)
        self._year_bounds = algo.year_gap_bounds()
        self.lists = lists

    @classmethod
    def build(cls, lists: Sequence[Watchlist], *, algorithm: str = DEFAULT_ALGORITHM) -> Screener:
        """Analyse every person entry of every list once (normalized names, keys, index).

        The cyclic garbage collector is paused meanwhile: the build only adds objects that stay
        (some ten million for a million names, no cycles to find), and each full collection it
        would set off walks all of them again. It runs as before once the build returns.
        """
        algo = _algorithm(algorithm)
        paused = gc.isenabled()
        gc.disable()
        try:
            profiles = [
                profile_entry(entry, watchlist.name, watchlist.version)
                for watchlist in lists
                for entry in watchlist.entries
                if entry.kind is EntryKind.PERSON
            ]
            return cls(with_list_frequencies(profiles), algo, tuple((w.name, w.version) for w in lists))
        finally:
            if paused:
                gc.enable()

    @property
    def algorithm(self) -> Algorithm:
        return self._algorithm

    @property
    def entries(self) -> tuple[EntryProfile, ...]:
        return self._entries

    @property
    def index(self) -> CandidateIndex:
        return self._index

    def screen(
        self,
        traveller: Traveller,
        *,
        threshold: float,
        alert_threshold: float,
        top: int = 5,
        cleared: ClearanceSet | None = None,
    ) -> list[Hit]:
        """Hits for one traveller with ``score >= threshold``, best first, at most ``top``."""
        return self._screen(traveller, _Request(threshold, alert_threshold, top, cleared))

    def screen_many(
        self,
        travellers: Sequence[Traveller],
        *,
        threshold: float,
        alert_threshold: float,
        top: int = 5,
        cleared: ClearanceSet | None = None,
        workers: int | None = None,
    ) -> list[list[Hit]]:
        """Hits per traveller, in input order; big batches use ``workers`` processes (default: cores)."""
        request = _Request(threshold, alert_threshold, top, cleared)
        count = workers if workers is not None else (os.cpu_count() or 1)
        if (
            count <= 1
            or len(travellers) < PARALLEL_MIN
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            return [self._screen(t, request) for t in travellers]
        return screen_on_every_core(lambda t: self._screen(t, request), travellers, count)

    def assess(self, traveller: Traveller, entry_index: int) -> Assessment | None:
        """The algorithm's verdict on one traveller against one entry, with no pruning (for studies)."""
        return self._algorithm.assess(profile_traveller(traveller), self._entries[entry_index])

    def _screen(self, traveller: Traveller, request: _Request) -> list[Hit]:
        algo = self._algorithm
        profile = profile_traveller(traveller)
        needed = algo.evidence_needed(request.threshold)
        besides = (algo.most_evidence_besides_names(False), algo.most_evidence_besides_names(True))
        found: list[tuple[Assessment, EntryProfile]] = []
        entries = self._entries
        rests = _Rests(algo, profile, entries)
        besides_name, ceiling = rests.besides_name, rests.ceiling

        proposals, matched = self._index.propose(
            profile, needed, besides, self._year_bounds, algo.whole_name_bound(profile), ceiling
        )
        for proposal in proposals:
            entry = self._entries[proposal.entry]
            rest = besides_name(proposal.entry, proposal.document_hit)
            if proposal.name_bound + rest < needed - _SUMMED:
                continue
            assessment = _assess(algo, profile, entry, proposal, needed, matched, rest)
            if assessment is not None and assessment.score >= request.threshold:
                found.append((assessment, entry))
        found.sort(key=lambda pair: (-pair[0].evidence, pair[1].entry.entry_id))
        return [self._hit(profile, a, e, request) for a, e in found[: request.top]]

    def _hit(
        self, profile: TravellerProfile, assessment: Assessment, entry: EntryProfile, request: _Request
    ) -> Hit:
        traveller = profile.traveller
        clearance = (
            request.cleared.covering(traveller, entry.list_name, entry.entry) if request.cleared else None
        )
        cleared = (
            f"cleared as a confirmed false positive by {clearance.decided_by} ({clearance.reason})"
            if clearance
            else None
        )
        alert = assessment.score >= request.alert_threshold and clearance is None
        explanation = explain(
            score=assessment.score,
            alert=alert,
            traveller_name=traveller.name.full,
            entry_id=entry.entry.entry_id,
            entry_caption=entry.entry.caption,
            list_name=entry.list_name,
            list_version=entry.list_version,
            matched_name=assessment.matched_name,
            features=assessment.features,
            cleared=cleared,
        )
        return Hit(
            traveller_ref=traveller.ref,
            list_name=entry.list_name,
            list_version=entry.list_version,
            entry_id=entry.entry.entry_id,
            entry_caption=entry.entry.caption,
            score=assessment.score,
            alert=alert,
            algorithm=self._algorithm.NAME,
            algorithm_version=self._algorithm.VERSION,
            matched_name=assessment.matched_name,
            features=assessment.features,
            pairs=assessment.pairs,
            explanation=explanation,
            cleared=cleared,
        )


def _assess(
    algo: Algorithm,
    profile: TravellerProfile,
    entry: EntryProfile,
    proposal: Proposal,
    needed: float,
    matched: frozenset[str],
    rest: float,
) -> Assessment | None:
    """The algorithm's verdict on a proposed entry, compared only on the names whose bound (with
    ``rest``, what the dates, documents and the rest could add) can reach ``needed``.

    (Comparing the most promising name first and the others only if their bound could beat it
    was tried and dropped: the index's per-name bound is not a true upper bound when the scorer
    aligns a part the keys did not meet, and 4 of 16,192 dev travellers then got another score.)
    """
    if not proposal.names:
        return algo.assess(profile, entry, matched, needed)
    top = proposal.name_bound
    kept = [
        slot
        for slot, bound in zip(proposal.names, proposal.name_bounds, strict=True)
        if bound >= top or bound + rest >= needed - _SUMMED
    ]
    return algo.assess(profile, _with_names(entry, kept), matched, needed)


def _with_names(entry: EntryProfile, slots: list[int]) -> EntryProfile:
    """The entry with only the names at ``slots`` (the others cannot win)."""
    if len(slots) == len(entry.names):
        return entry
    # (Made directly rather than by ``dataclasses.replace``, which runs as interpreted code.)
    return EntryProfile(
        entry.entry,
        entry.list_name,
        entry.list_version,
        tuple(entry.names[i] for i in slots),
        tuple(entry.weak[i] for i in slots),
        tuple(entry.name_units[i] for i in slots),
        entry.document_keys,
        entry.years,
    )


def _algorithm(name: str) -> Algorithm:
    return algorithm(name)


class _Rests:
    """What a pair could earn besides its name (``upper_bound`` is the name's bound plus this),
    worked out once per entry and traveller, though the index, the screener and each name's
    pruning ask.

    An object, not two nested functions: nested functions that call each other share their
    enclosing scope and form a reference cycle, so every screened traveller's objects stayed
    alive until the cyclic collector ran, some 10,000 per 300-passenger message (5–8 ms of
    collection per message in the gateway).
    """

    __slots__ = ("_algo", "_entries", "_known", "_profile")

    def __init__(self, algo: Algorithm, profile: TravellerProfile, entries: Sequence[EntryProfile]) -> None:
        self._algo = algo
        self._profile = profile
        self._entries = entries
        self._known: dict[tuple[int, bool], float] = {}

    def besides_name(self, number: int, document_hit: bool) -> float:
        rest = self._known.get((number, document_hit))
        if rest is None:
            rest = self._known[(number, document_hit)] = self._algo.upper_bound(
                self._profile, self._entries[number], 0.0, document_hit
            )
        return rest

    def ceiling(self, number: int, name_bound: float) -> float:
        return name_bound + self.besides_name(number, False)
