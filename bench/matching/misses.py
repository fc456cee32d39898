"""Every listed traveller missed at alert and every false alert, with the scorer's explanation.

    python -m bench.matching.misses [--alert 0.7] > misses.txt

For the dev set and both held-out sets: a listed traveller whose true entry is not alerted is
printed with that entry's assessment (``Screener.assess``: each feature's weight and sentence, so
the aligned parts and what they cost are shown) and the two best hits it did get; an alert on
another entry (other than one naming the same person twice) is printed with its features. This is
what the rules of ``waystation-name-v2`` 2.1.0 were found from (docs/matching.md, "What is still
missed"): group the lines by cause before changing a rule, and change only rules that hold for real
names, not for one set's quirks.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bench.matching.data import Labelled, load_dev, load_un
from bench.matching.heldout import load_uk_heldout
from bench.matching.heldout_ofac import load_ofac_heldout
from bench.matching.run import _twins
from waystation.matching import Feature, Hit, Screener

__all__ = ["main", "report"]


def _features(features: Sequence[Feature]) -> list[str]:
    return [f"    {f.name} {f.weight:+.2f}: {f.sentence}" for f in features]


def report(screener: Screener, name: str, items: Sequence[Labelled], alert: float) -> list[str]:
    """The misses and false alerts of one labelled set, as text lines."""
    twins = _twins(screener)
    position = {p.entry.entry_id: i for i, p in enumerate(screener.entries)}
    per_traveller: list[list[Hit]] = screener.screen_many(
        [i.traveller for i in items], threshold=0.5, alert_threshold=alert, top=5, workers=1
    )
    lines: list[str] = []
    for item, hits in zip(items, per_traveller, strict=True):
        person = item.traveller
        head = (
            f"{name} {person.ref} [{item.category}] {person.name.full!r} born {person.birth_date} "
            f"nationality {','.join(person.nationalities) or '-'}"
        )
        alerted = {h.entry_id for h in hits if h.score >= alert}
        if item.expected and item.expected not in alerted:
            lines.append(f"MISS {head}: {item.expected}")
            found = screener.assess(person, position[item.expected]) if item.expected in position else None
            if found is None:
                lines.append("    no name part agrees (not proposed)")
            else:
                lines.append(f"    score {found.score} against {found.matched_name!r}")
                lines.extend(_features(found.features))
            lines.extend(f"    hit: {h.entry_id} {h.score} {h.matched_name!r}" for h in hits[:2])
        for hit in hits:
            if hit.score < alert or hit.entry_id == item.expected:
                continue
            if hit.entry_id in twins.get(item.expected or "", set()):
                continue
            truth = item.expected or "none"
            lines.append(f"FALSE {head}: {hit.entry_id} {hit.score} {hit.matched_name!r} (truth {truth})")
            lines.extend(_features(hit.features))
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.matching.misses")
    parser.add_argument(
        "--alert", type=float, default=None, help="alert threshold (default: the algorithm's)"
    )
    args = parser.parse_args(argv)
    un = load_un()
    screener = Screener.build([un])
    alert = args.alert if args.alert is not None else screener.algorithm.default_alert_threshold
    ids = {e.entry_id for e in un.entries}
    sets = (
        ("dev", load_dev()),
        ("uk", load_uk_heldout(ids)),
        ("ofac", load_ofac_heldout(ids)),
    )
    for name, items in sets:
        for line in report(screener, name, items, alert):
            print(line)


if __name__ == "__main__":
    main()
