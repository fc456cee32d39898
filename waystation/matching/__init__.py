"""Screening: normalize names, propose candidates cheaply (blocking), score and explain them.

The public surface (kept small; other layers use only these)::

    screener = Screener.build(lists)                      # once per list version
    hits = screener.screen(traveller, threshold=0.5, alert_threshold=0.75)
    batches = screener.screen_many(travellers, threshold=0.5, alert_threshold=0.75)
    records = hit_records(hits)                           # the `screen` contract's JSON objects

Design and measured quality: docs/matching.md.
"""

from waystation.compiled import guard

guard("matching")  # before any engine module is imported: a stale compiled build must not shadow its source

from waystation.matching.algorithms import DEFAULT_ALGORITHM, Algorithm, algorithm, algorithms, register
from waystation.matching.clearance import Clearance, ClearanceSet
from waystation.matching.records import CONTRACT_FIELDS, hit_record, hit_records
from waystation.matching.screener import Screener
from waystation.matching.types import Feature, Hit, PartPair

__all__ = [
    "CONTRACT_FIELDS",
    "DEFAULT_ALGORITHM",
    "Algorithm",
    "Clearance",
    "ClearanceSet",
    "Feature",
    "Hit",
    "PartPair",
    "Screener",
    "algorithm",
    "algorithms",
    "hit_record",
    "hit_records",
    "register",
]
