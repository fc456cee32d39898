"""The matching package's public surface is small and pinned."""

from __future__ import annotations

import waystation.matching


def test_matching_exports() -> None:
    assert sorted(waystation.matching.__all__) == sorted(
        [
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
    )
    for name in waystation.matching.__all__:
        assert hasattr(waystation.matching, name), name
