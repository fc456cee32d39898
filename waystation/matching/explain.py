"""Explanations an analyst can read: what matched, what did not, and how much each counted.

The sentences are built from the same features and part pairs that made the score (never from a
separate story), so the explanation cannot drift from the arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence

from waystation.matching.types import Feature

__all__ = ["explain", "strength"]


def strength(weight: float) -> str:
    """Words for a weight of evidence (natural-log likelihood ratio)."""
    size = abs(weight)
    if size < 0.3:
        word = "negligible"
    elif size < 1.5:
        word = "weak"
    elif size < 4.0:
        word = "moderate"
    elif size < 8.0:
        word = "strong"
    else:
        word = "very strong"
    if size < 0.3:
        return word
    return f"{word} evidence {'for' if weight > 0 else 'against'}"


def explain(
    *,
    score: float,
    alert: bool,
    traveller_name: str,
    entry_id: str,
    entry_caption: str,
    list_name: str,
    list_version: str,
    matched_name: str,
    features: Sequence[Feature],
    cleared: str | None = None,
) -> tuple[str, ...]:
    """The explanation of one hit, first sentence the verdict, then one sentence per feature."""
    verdict = "ALERT" if alert else ("cleared" if cleared else "below the alert threshold")
    head = (
        f"Score {score:.2f} ({verdict}): {traveller_name} against {entry_id} {entry_caption}"
        f" ({list_name} {list_version})"
    )
    if matched_name and matched_name != entry_caption:
        head += f", best through the listed name {matched_name}"
    lines = [head + "."]
    for feature in sorted(features, key=lambda f: -abs(f.weight)):
        lines.append(f"{feature.sentence} [{strength(feature.weight)}: {feature.weight:+.1f}]")
    if cleared:
        lines.append(f"Not alerted: {cleared}.")
    return tuple(lines)
