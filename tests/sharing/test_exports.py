"""The public surface of waystation.sharing is pinned."""

from __future__ import annotations

import waystation.sharing


def test_sharing_exports() -> None:
    assert sorted(waystation.sharing.__all__) == sorted(
        [
            "HIT_FIELDS",
            "SCHEMA",
            "FieldRule",
            "HandlingMark",
            "OriginatorConsent",
            "Partner",
            "Recipient",
            "ShareDocument",
            "ShareItem",
            "SharePackage",
            "SharedEntry",
            "SharedHit",
            "Tlp",
            "check_release",
            "digest_of",
            "package_problems",
            "read_document",
            "redact_for",
            "redact_hit",
            "release_problems",
            "reshare",
            "to_document",
            "unredacted",
            "withheld_fields",
        ]
    )
    for name in waystation.sharing.__all__:
        assert hasattr(waystation.sharing, name), name
