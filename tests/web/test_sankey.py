"""The server-drawn Sankey: node heights and band widths follow the journey counts."""

from __future__ import annotations

import re

from waystation.web.sankey import sankey_svg


def _rects(svg: str) -> dict[str, float]:
    rect = r'<rect x="[\d.]+" y="[\d.]+" width="14" height="([\d.]+)" fill="[^"]+">'
    found = re.findall(rect + r"<title>([^<]+): (\d+)</title>", svg)
    return {name: float(height) for height, name, _count in found}


def test_three_columns_with_proportional_heights() -> None:
    svg = str(
        sankey_svg(
            [(("FRA", "IST", "GZT"), 30), (("LHR", "direct", "IST"), 10), (("FRA", "direct", "IST"), 20)]
        )
    )
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    heights = _rects(svg)
    assert set(heights) == {"FRA", "LHR", "IST", "direct", "GZT"}
    assert abs(heights["FRA"] / heights["LHR"] - 5.0) < 0.01  # 50 journeys against 10
    assert abs(heights["direct"] / heights["GZT"] - 1.0) < 0.01  # 30 against 30
    assert "FRA → IST: 30" in svg
    assert "IST → GZT: 30" in svg
    # Bands: FRA→IST, FRA→direct, LHR→direct, then IST→GZT and direct→IST (the two direct flows share one).
    assert svg.count("<path") == 5


def test_names_are_escaped_and_nothing_is_drawn_for_nothing() -> None:
    svg = str(sankey_svg([(("<b>", "direct", "X&Y"), 1)]))
    assert "<b>" not in svg
    assert "&lt;b&gt;" in svg
    assert "X&amp;Y" in svg
    assert str(sankey_svg([])) == ""
