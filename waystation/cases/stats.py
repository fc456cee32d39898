"""Screening statistics from human dispositions: how well each list and each rule performs.

The numbers a supervisor tunes thresholds with and a data-protection officer reports to the
oversight body: per source (a list name, a rule id, a network link kind) the hits, the confirmed
matches, the false positives, the inconclusive and the still-undecided alerts, and the
precision ``confirmed / (confirmed + false positives)``. Inconclusive and undecided alerts are
left out of precision on purpose: counting them either way would flatter or slander a rule. The
current disposition counts (after any override), never an overridden one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from waystation.cases.vocab import AlertKind, Disposition
from waystation.cases.workflow import AlertState

__all__ = ["ScreeningStats", "SourceStats", "screening_stats"]


@dataclass(frozen=True, slots=True)
class SourceStats:
    """Counts for one list, rule or network link kind."""

    kind: AlertKind
    source: str
    hits: int = 0
    true_match: int = 0
    false_positive: int = 0
    inconclusive: int = 0
    undecided: int = 0

    @property
    def precision(self) -> float | None:
        """Confirmed over decided-either-way; ``None`` before any such decision."""
        decided = self.true_match + self.false_positive
        return self.true_match / decided if decided else None


@dataclass(frozen=True, slots=True)
class ScreeningStats:
    """Totals over a period: travellers processed, alerted travellers, and per-source counts."""

    travellers_processed: int
    travellers_alerted: int
    travellers_confirmed: int
    sources: tuple[SourceStats, ...]

    @property
    def hits(self) -> int:
        return sum(s.hits for s in self.sources)

    def source(self, kind: AlertKind, name: str) -> SourceStats | None:
        return next((s for s in self.sources if s.kind is kind and s.source == name), None)


def screening_stats(states: Iterable[AlertState], travellers_processed: int) -> ScreeningStats:
    """Count alerts by source and disposition; sources sorted by kind, then name."""
    counts: dict[tuple[AlertKind, str], dict[str, int]] = {}
    alerted: set[str] = set()
    confirmed: set[str] = set()
    for state in states:
        alert = state.alert
        alerted.add(alert.traveller_key)
        bucket = counts.setdefault((alert.kind, alert.source), dict.fromkeys(_COLUMNS, 0))
        bucket["hits"] += 1
        disposition = state.disposition
        bucket[disposition.value if disposition else "undecided"] += 1
        if disposition is Disposition.TRUE_MATCH:
            confirmed.add(alert.traveller_key)
    if travellers_processed < len(alerted):
        raise ValueError(
            f"{len(alerted)} travellers have alerts but only {travellers_processed} were processed"
        )
    sources = tuple(
        SourceStats(kind, source, **bucket)
        for (kind, source), bucket in sorted(counts.items(), key=lambda item: (item[0][0].value, item[0][1]))
    )
    return ScreeningStats(travellers_processed, len(alerted), len(confirmed), sources)


_COLUMNS = ("hits", *(d.value for d in Disposition), "undecided")
