"""Scoring algorithms, registered under a stable NAME and a version that every hit records.

``waystation-name-v1`` adds the features' weights of evidence (natural-log likelihood ratios:
names, date of birth, document, nationality, sex) and maps the total to a 0..1 score with a
logistic curve whose centre and slope are chosen so that scores spread over the range:

    score = 1 / (1 + exp(-(evidence - CENTER) / SCALE))

A rare two-part name alone reaches about 0.85; the same name with the listed date of birth about
0.98, and with the listed passport too 0.997; a namesake (same name, born twelve years or more
apart) stays below the reporting threshold of 0.5. Because the score is
monotone in the evidence, ranking is never lost to rounding at 1.0. What the bands mean in
measured precision is in docs/matching.md.

``waystation-name-v2`` (the default) keeps v1's features and adds whole-name evidence
(:data:`~waystation.matching.compare.names.V2_RULES`: coverage of each side, single names, shared
titles, a relative's name), treats two dates in the same year as neutral, and maps evidence with a
slope of 4.7 so that the alert threshold 0.7 sits at 13 nats, where hits turn from mostly wrong to
mostly right on the labelled set (docs/matching.md has the measured precision of each band).
Version 2.1.0 adds the name rules listed in compare/names.py (a traveller's own given name nowhere
in the listed name, common names apart, East Asian given names) and two date readings (1 January
as "day and month unknown", a month slip); a stored hit records its version, so one scored by
2.0.0 is known to come from the earlier rules.

A new algorithm is added by registering an object with the :class:`Algorithm` shape; the old one
stays available under its NAME so stored hits can be re-scored with what produced them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Final, Protocol

from waystation.exc import ConfigError
from waystation.matching.compare.countries import compare_countries
from waystation.matching.compare.dates import (
    EXACT,
    OTHER_DAY_V1,
    OTHER_DAY_V2,
    YEAR_SLIP,
    compare_dates,
    date_bound,
    date_evidence,
    year_gap_weight,
)
from waystation.matching.compare.documents import SAME_NUMBER, compare_documents
from waystation.matching.compare.gender import compare_gender
from waystation.matching.compare.names import V1_RULES, V2_RULES, NameComparison, NameRules, compare_names
from waystation.matching.profiles import EntryProfile, TravellerProfile
from waystation.matching.types import Feature, PartPair

__all__ = [
    "DEFAULT_ALGORITHM",
    "Algorithm",
    "Assessment",
    "NameEvidenceV1",
    "NameEvidenceV2",
    "algorithm",
    "algorithms",
    "register",
]

WEAK_ALIAS: Final = 1.0  # a low-quality alias is a weaker statement than a name the list is sure of
_ROUNDING: Final = 0.01  # evidence a score rounded to 4 places may gain (at most 0.001 nats at SCALE 4.7)


@dataclass(frozen=True, slots=True, init=False)
class Assessment:
    """An algorithm's verdict on one (traveller, entry) pair."""

    score: float
    evidence: float
    matched_name: str
    features: tuple[Feature, ...]
    pairs: tuple[PartPair, ...]

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        score: float,
        evidence: float,
        matched_name: str,
        features: tuple[Feature, ...],
        pairs: tuple[PartPair, ...],
    ) -> None:
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "matched_name", matched_name)
        object.__setattr__(self, "features", features)
        object.__setattr__(self, "pairs", pairs)


class Algorithm(Protocol):
    """What the screener needs from an algorithm."""

    NAME: str
    VERSION: str
    default_threshold: float
    default_alert_threshold: float

    def assess(
        self,
        traveller: TravellerProfile,
        entry: EntryProfile,
        matched: frozenset[str] | None = None,
        needed: float | None = None,
    ) -> Assessment | None:
        """The verdict on a pair; ``matched`` (from the index) lets it skip names that cannot align,
        and with ``needed`` a pair that cannot reach that much evidence is ``None``."""
        ...

    def evidence_needed(self, threshold: float) -> float:
        """The total evidence a pair needs to reach ``threshold`` (the index prunes below it)."""
        ...

    def most_evidence_besides_names(self, document_hit: bool) -> float:
        """An upper bound on what documents, nationality and sex can add (dates apart)."""
        ...

    def whole_name_bound(self, traveller: TravellerProfile) -> float:
        """The most whole-name terms (coverage, single names, titles) can add for this traveller:
        only a name that leaves no part of the traveller's unexplained can earn them."""
        ...

    def year_gap_bounds(self) -> tuple[float, ...]:
        """The most a date can add when the birth years are ``index`` apart (last: any larger gap)."""
        ...

    def upper_bound(
        self, traveller: TravellerProfile, entry: EntryProfile, name_bound: float, document_hit: bool
    ) -> float:
        """A cheap upper bound on the evidence of a pair (no name alignment), for pruning;
        ``name_bound`` already holds what the whole-name terms could add. It is ``name_bound``
        plus what the rest could add: the screener works that part out once per entry (with
        ``name_bound`` 0) and adds each name's bound to it."""
        ...


class NameEvidenceV1:
    """Weight-of-evidence scoring over names, date of birth, documents, nationality and sex."""

    NAME = "waystation-name-v1"
    VERSION = "1.0.1"  # 1.0.1: names read as in v2 2.1.0 (el-Sheikh after a name is a family name)
    CENTER = 9.0
    SCALE = 5.0
    default_threshold = 0.5
    default_alert_threshold = 0.75
    RULES: NameRules = V1_RULES
    WEAK_RULES: NameRules = V1_RULES
    OTHER_DAY = OTHER_DAY_V1  # an exact date of birth in the listed year, another day and month
    PLACEHOLDER = False  # 1 January read as "day and month unknown" (compare/dates.py)
    MONTH_SLIP = False  # same day and year, another month: one field wrong (compare/dates.py)
    BOUND_EXTRA = 0.0  # whole-name evidence beyond the aligned parts that pruning must allow for

    def score(self, evidence: float) -> float:
        return 1.0 / (1.0 + math.exp(-(evidence - self.CENTER) / self.SCALE))

    def evidence_needed(self, threshold: float) -> float:
        threshold = min(max(threshold, 1e-6), 1 - 1e-6)
        return self.CENTER + self.SCALE * math.log(threshold / (1 - threshold))

    def most_evidence_besides_names(self, document_hit: bool) -> float:
        return (SAME_NUMBER if document_hit else 0.0) + 1.0 + 0.2

    def whole_name_bound(self, traveller: TravellerProfile) -> float:
        """``BOUND_EXTRA`` less the whole-name terms this traveller's name can never earn: the
        single-name term needs one identifying part, the title term a title (both sides)."""
        extra = self.BOUND_EXTRA
        rules = self.RULES
        if rules.mononym and sum(1 for p in traveller.name.parts if not p.word.head) != 1:
            extra -= rules.mononym
        if rules.titles and not traveller.name.set_aside:
            extra -= rules.titles
        return extra

    def year_gap_bounds(self) -> tuple[float, ...]:
        return (EXACT, YEAR_SLIP, *(year_gap_weight(gap, approximate=True) for gap in range(2, 11)))

    def upper_bound(
        self, traveller: TravellerProfile, entry: EntryProfile, name_bound: float, document_hit: bool
    ) -> float:
        born = traveller.traveller.birth_date
        rest = (SAME_NUMBER if document_hit else 0.0) + 1.0 + 0.2
        dates = date_bound(born.year if born else None, entry.years)
        if dates < YEAR_SLIP:
            return name_bound + dates + rest  # the years alone settle it (no date arithmetic needed)
        found = date_evidence(
            born, entry.entry.birth_dates, self.OTHER_DAY, self.PLACEHOLDER, self.MONTH_SLIP
        )
        dates = found[0] if found else 0.0
        return name_bound + dates + rest

    def best_name(
        self, traveller: TravellerProfile, entry: EntryProfile, matched: frozenset[str] | None = None
    ) -> tuple[NameComparison, int] | None:
        best: tuple[NameComparison, int] | None = None
        for index, name in enumerate(entry.names):
            if matched is not None and matched.isdisjoint(entry.name_units[index]):
                continue  # no part of this name was found alike by the index: it cannot align
            # A low-quality alias is often a one-word nickname many share: no single-name credit.
            found = compare_names(traveller.name, name, self.WEAK_RULES if entry.weak[index] else self.RULES)
            if found is None:
                continue
            weight = found.weight - (WEAK_ALIAS if entry.weak[index] else 0.0)
            if best is None or weight > best[0].weight - (WEAK_ALIAS if entry.weak[best[1]] else 0.0):
                best = (found, index)
        return best

    def assess(
        self,
        traveller: TravellerProfile,
        entry: EntryProfile,
        matched: frozenset[str] | None = None,
        needed: float | None = None,
    ) -> Assessment | None:
        best = self.best_name(traveller, entry, matched)
        person = traveller.traveller
        listed = entry.entry
        document = compare_documents(person.documents, listed.documents)
        if best is None and document is None:
            return None
        if needed is not None:
            # The name is settled now: with the most the dates, nationality and sex could add
            # (``upper_bound``) and the document's own weight, can the pair still reach ``needed``?
            # Most proposed pairs cannot, and their sentences need not be written. (The margin
            # keeps a pair whose rounded score would just reach the threshold.)
            earned = 0.0
            if best is not None:
                earned = best[0].weight - (WEAK_ALIAS if entry.weak[best[1]] else 0.0)
            most = self.upper_bound(traveller, entry, earned, False) + (document.weight if document else 0.0)
            if most < needed - _ROUNDING:
                return None
        features: list[Feature] = []
        matched_name = ""
        pairs: tuple[PartPair, ...] = ()
        if best is not None:
            comparison, index = best
            name = entry.names[index]
            matched_name = name.source.full
            weak = entry.weak[index]
            weight = comparison.weight - (WEAK_ALIAS if weak else 0.0)
            pairs = comparison.pairs
            features.append(
                Feature(
                    "name", round(weight, 3), person.name.full, matched_name, _name_sentence(comparison, weak)
                )
            )
        features.append(
            compare_dates(
                person.birth_date, listed.birth_dates, self.OTHER_DAY, self.PLACEHOLDER, self.MONTH_SLIP
            )
        )
        for feature in (
            document,
            compare_countries(person.nationalities, person.documents, listed.nationalities),
            compare_gender(person.sex, listed.gender),
        ):
            if feature is not None:
                features.append(feature)
        evidence = sum(f.weight for f in features)
        return Assessment(
            round(self.score(evidence), 4), round(evidence, 3), matched_name, tuple(features), pairs
        )


class NameEvidenceV2(NameEvidenceV1):
    """Version 2: whole-name coverage by side, single names, shared titles, and recalibrated scores.

    The evidence is v1's but for the whole-name terms of :data:`~waystation.matching.compare.names.V2_RULES`
    and the date rules of :data:`~waystation.matching.compare.dates.V2_DATES`; ``CENTER`` and
    ``SCALE`` were refitted so that a score reads as the measured share of true hits at that score
    (docs/matching.md).
    """

    NAME = "waystation-name-v2"
    VERSION = "2.1.0"
    CENTER = 9.0
    SCALE = 4.7
    default_threshold = 0.5
    default_alert_threshold = 0.7
    RULES = V2_RULES
    WEAK_RULES = replace(V2_RULES, mononym=0.0)
    OTHER_DAY = OTHER_DAY_V2
    PLACEHOLDER = True
    MONTH_SLIP = True
    BOUND_EXTRA = V2_RULES.most  # (v1 left its +1.5 for a whole name out of the bound)


def _name_sentence(comparison: NameComparison, weak: bool) -> str:
    # A word split in two (Abdelrazaq: abd + razaq) aligns twice as the same source words: say it once.
    strongest: dict[tuple[str, str], PartPair] = {}
    for pair in comparison.pairs:
        key = (pair.traveller, pair.entry)
        if pair.weight > 0 and (key not in strongest or pair.weight > strongest[key].weight):
            strongest[key] = pair
    agreed = list(strongest.values())
    against = [p for p in comparison.pairs if p.weight < 0]
    text = "Name parts: " + "; ".join(p.sentence() for p in agreed) + "."
    if against:
        text += " Not matched: " + "; ".join(p.sentence() for p in against) + "."
    if comparison.swapped:
        text += " The parts are in another order (given and family names swapped)."
    if comparison.notes:
        text += " " + " ".join(comparison.notes)
    if weak:
        text += " The listed name is a low-quality alias."
    return text


_REGISTRY: dict[str, Algorithm] = {}


def register(algo: Algorithm) -> Algorithm:
    """Make an algorithm available under its NAME."""
    _REGISTRY[algo.NAME] = algo
    return algo


def algorithm(name: str) -> Algorithm:
    """The registered algorithm called ``name`` (a ConfigError names the known ones)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ConfigError(f"no matching algorithm {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def algorithms() -> dict[str, Algorithm]:
    return dict(_REGISTRY)


register(NameEvidenceV1())
DEFAULT_ALGORITHM = register(NameEvidenceV2()).NAME
