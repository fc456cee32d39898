"""Quality figures of issue 3 item 7, for any labelled set screened with any scorer.

Definitions (the same for waystation and for the reference):
- retrieval recall: share of listed travellers whose true entry the index proposes at all;
- recall at alert: share of listed travellers whose true entry is alerted;
- false alerts per 100,000 clean travellers: alerts on travellers labelled ``clean`` (or any other
  not-listed category except namesakes), scaled;
- namesake alert rate: share of namesakes with any alert;
- precision of alerts: alerts on the true entry over all alerts (alerts on a listed traveller's
  other entries count as false, except entries naming the same person twice, which the UN list
  does across regimes: those count as neither);
- precision by score band: among hits in a band, the share that are the true entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.matching.data import Labelled

__all__ = ["BANDS", "Quality", "measure"]

BANDS = ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


@dataclass
class Quality:
    listed: int = 0
    retrieved: int = 0
    alerted: int = 0
    clean: int = 0
    clean_alerts: int = 0
    namesakes: int = 0
    namesakes_alerted: int = 0
    true_alerts: int = 0
    false_alerts: int = 0
    per_category: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    bands: dict[tuple[float, float], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def retrieval_recall(self) -> float:
        return self.retrieved / self.listed if self.listed else float("nan")

    @property
    def recall(self) -> float:
        return self.alerted / self.listed if self.listed else float("nan")

    @property
    def false_per_100k(self) -> float:
        return 1e5 * self.clean_alerts / self.clean if self.clean else float("nan")

    @property
    def namesake_rate(self) -> float:
        return self.namesakes_alerted / self.namesakes if self.namesakes else float("nan")

    @property
    def precision(self) -> float:
        total = self.true_alerts + self.false_alerts
        return self.true_alerts / total if total else float("nan")


def measure(
    labelled: Sequence[Labelled],
    hits: Sequence[Sequence[tuple[str, float]]],
    retrieved: Sequence[set[str]],
    alert_threshold: float,
    same_person: dict[str, set[str]] | None = None,
) -> Quality:
    """Figures from per-traveller hits ``(entry_id, score)`` and retrieved entry ids."""
    q = Quality()
    twins = same_person or {}
    for item, found, proposed in zip(labelled, hits, retrieved, strict=True):
        alerts = [entry for entry, score in found if score >= alert_threshold]
        for entry, score in found:
            for band in BANDS:
                if band[0] <= score < band[1]:
                    q.bands[band][0] += 1
                    q.bands[band][1] += entry == item.expected
        if item.expected:
            q.listed += 1
            stats = q.per_category[item.category]
            stats[0] += 1
            if item.expected in proposed:
                q.retrieved += 1
                stats[1] += 1
            if item.expected in alerts:
                q.alerted += 1
                stats[2] += 1
            for entry in alerts:
                if entry == item.expected:
                    q.true_alerts += 1
                elif entry not in twins.get(item.expected, set()):
                    q.false_alerts += 1
        elif item.category == "namesake":
            q.namesakes += 1
            q.namesakes_alerted += bool(alerts)
            q.false_alerts += len(alerts)
        else:
            q.clean += 1
            q.clean_alerts += len(alerts)
            q.false_alerts += len(alerts)
    return q
