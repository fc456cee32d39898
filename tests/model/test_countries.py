from __future__ import annotations

import pytest

from waystation.model import country_name, to_alpha3


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SYR", "SYR"),
        ("sy", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("Türkiye", "TUR"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("former Soviet Union", "SUN"),
        ("D", "DEU"),
        ("GB", "GBR"),
        ("na", None),
        ("Atlantis", None),
        (None, None),
    ],
)
def test_to_alpha3(text: str | None, code: str | None) -> None:
    assert to_alpha3(text) == code


def test_country_name() -> None:
    assert country_name("IRQ") == "Iraq"
    assert country_name("SUN") == "Soviet Union"
    assert country_name("QQQ") is None
