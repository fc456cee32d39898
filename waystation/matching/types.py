"""What screening returns: hits with their evidence, never a bare float.

A :class:`Hit` is one (traveller, list entry) pair at or above the caller's threshold. It names
the algorithm and version that produced it, the list version it was screened against, each
feature's evidence (:class:`Feature`: the values compared, the weight of evidence in nats, and a
sentence) and the aligned name parts (:class:`PartPair`), so that an analyst, an auditor or a
later re-run can see exactly why the score is what it is.

Weights are natural-log likelihood ratios: +2.3 means the observation is ten times likelier if
the traveller is the listed person than if not; negative weights are evidence against.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Feature", "Hit", "PartPair"]


@dataclass(frozen=True, slots=True)
class PartPair:
    """Two aligned name parts (or one part with no counterpart) and what their agreement is worth.

    ``traveller`` or ``entry`` is ``""`` when that side has no counterpart; ``how`` is one of
    same / variant / romanized / truncated / spelling / initial / joined / differs / missing / extra.
    """

    traveller: str
    entry: str
    how: str
    similarity: float
    weight: float

    def sentence(self) -> str:
        return _PAIR_SENTENCES.get(self.how, "{t} and {e}: {how}").format(
            t=self.traveller or "—", e=self.entry or "—", how=self.how, s=self.similarity
        )


_PAIR_SENTENCES = {
    "same": "{t} = {e}",
    "variant": "{t} ≈ {e} (spellings of the same name)",
    "romanized": "{t} ≈ {e} (another romanization)",
    "truncated": "{t} ≈ {e} (cut short on the passport)",
    "spelling": "{t} ~ {e} (spelling {s:.0%} alike)",
    "initial": "{t} ~ {e} (initial only)",
    "joined": "{t} ≈ {e} (written as one word / as two)",
    "differs": "{t} ≠ {e}",
    "missing": "{e}: not given by the traveller",
    "extra": "{t}: not in this listed name",
}


@dataclass(frozen=True, slots=True)
class Feature:
    """One piece of evidence: its name, its weight (nats, signed), what was compared, and why."""

    name: str
    weight: float
    traveller_value: str
    entry_value: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate list entry for a traveller, scored and explained.

    ``score`` is in 0..1 and monotone in the total evidence; ``alert`` is ``score >=
    alert_threshold`` unless a recorded clearance suppressed it (``cleared`` then names it).
    """

    traveller_ref: str
    list_name: str
    list_version: str
    entry_id: str
    entry_caption: str
    score: float
    alert: bool
    algorithm: str
    algorithm_version: str
    matched_name: str
    features: tuple[Feature, ...]
    pairs: tuple[PartPair, ...]
    explanation: tuple[str, ...]
    cleared: str | None = None

    @property
    def evidence(self) -> float:
        """The total weight of evidence in nats (the sum of the features' weights)."""
        return sum(f.weight for f in self.features)
