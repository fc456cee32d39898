"""Every hit of the dev, UK and OFAC sets against the UN list, as JSON Lines, to diff two builds.

    python -m bench.matching.hitdump OUT.jsonl     # then: cmp main.jsonl branch.jsonl

One line per traveller and run (the algorithm's default thresholds with top 5, and 0.3 with top
20): every field of every hit (``dataclasses.asdict``: entry, score, alert, features with their
weights and sentences, the aligned pairs, the explanation), with a digest of the entries the
index credits the traveller with. Floats are written by ``repr`` (exact), keys sorted: a change
of speed work that is not a change of what is decided leaves the file byte-identical.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Sequence

from bench.matching.data import load_dev, load_un
from bench.matching.heldout import load_uk_heldout
from bench.matching.heldout_ofac import load_ofac_heldout
from waystation.matching import Screener
from waystation.matching.profiles import profile_traveller

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        raise SystemExit("usage: python -m bench.matching.hitdump OUT.jsonl")
    un = load_un()
    screener = Screener.build([un])
    ids = {e.entry_id for e in un.entries}
    sets = {"dev": load_dev(), "uk": load_uk_heldout(ids), "ofac": load_ofac_heldout(ids)}
    algo = screener.algorithm
    runs = (
        ("default", algo.default_threshold, 5),
        ("low", 0.3, 20),
    )
    count = 0
    with open(args[0], "w", encoding="utf-8") as out:
        for name, items in sets.items():
            travellers = [i.traveller for i in items]
            for label, threshold, top in runs:
                hits = screener.screen_many(
                    travellers,
                    threshold=threshold,
                    alert_threshold=algo.default_alert_threshold,
                    top=top,
                    workers=1,
                )
                for traveller, found in zip(travellers, hits, strict=True):
                    credited = ""
                    if label == "default":
                        numbers = sorted(screener.index.credited(profile_traveller(traveller)))
                        credited = hashlib.sha1(repr(numbers).encode()).hexdigest()[:12]
                    record = {
                        "set": name,
                        "run": label,
                        "ref": traveller.ref,
                        "credited": credited,
                        "hits": [dataclasses.asdict(h) for h in found],
                    }
                    out.write(json.dumps(record, sort_keys=True, default=repr) + "\n")
                    count += len(found)
    print(f"{count} hits written to {args[0]}")


if __name__ == "__main__":
    main()
