"""A three-column Sankey diagram (origin → transit → destination) drawn as SVG on the server.

No chart library draws Sankeys without a plug-in, and the layout is simple enough to own:
each column stacks its airports as bars whose height is the number of journeys through them,
and each band between two columns is as wide as the journeys it carries. Pure: counts in,
markup out (escaped); the page shows the same numbers as a table for screen readers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from markupsafe import Markup, escape

__all__ = ["sankey_svg"]

WIDTH = 900
NODE_WIDTH = 14
GAP = 6
MIN_HEIGHT = 360
COLOURS = ("#1f5f8b", "#7a4f9a", "#2e7d4f")


def _column_layout(totals: dict[str, int], scale: float, height: float) -> dict[str, tuple[float, float]]:
    """Top and height of each node of a column, biggest first, centred vertically."""
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    used = sum(count * scale for _, count in ordered) + GAP * max(len(ordered) - 1, 0)
    top = (height - used) / 2
    found: dict[str, tuple[float, float]] = {}
    for name, count in ordered:
        found[name] = (top, count * scale)
        top += count * scale + GAP
    return found


def _band(x0: float, y0: float, x1: float, y1: float, width: float) -> str:
    middle = (x0 + x1) / 2
    return (
        f"M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} {middle:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
        f"L{x1:.1f},{y1 + width:.1f} C{middle:.1f},{y1 + width:.1f} {middle:.1f},{y0 + width:.1f} "
        f"{x0:.1f},{y0 + width:.1f} Z"
    )


def sankey_svg(flows: Sequence[tuple[tuple[str, str, str], int]], *, title: str = "Journeys") -> Markup:
    """SVG for ``((origin, transit, destination), journeys)`` rows; empty markup for no rows."""
    if not flows:
        return Markup("")
    columns: list[dict[str, int]] = [defaultdict(int), defaultdict(int), defaultdict(int)]
    left: dict[tuple[str, str], int] = defaultdict(int)
    right: dict[tuple[str, str], int] = defaultdict(int)
    for (origin, transit, destination), count in flows:
        columns[0][origin] += count
        columns[1][transit] += count
        columns[2][destination] += count
        left[(origin, transit)] += count
        right[(transit, destination)] += count
    total = sum(count for _, count in flows)
    most = max(len(c) for c in columns)
    height = max(MIN_HEIGHT, most * 22)
    scale = (height - GAP * (most - 1) - 20) / total
    xs = (120.0, WIDTH / 2 - NODE_WIDTH / 2, WIDTH - 120.0 - NODE_WIDTH)
    layouts = [_column_layout(dict(c), scale, height) for c in columns]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="sankey-title" class="sankey"><title id="sankey-title">{escape(title)}</title>'
    ]
    for index, links in ((0, left), (1, right)):
        out_offset: dict[str, float] = defaultdict(float)
        in_offset: dict[str, float] = defaultdict(float)
        for (a, b), count in sorted(
            links.items(), key=lambda item: (layouts[index][item[0][0]][0], item[0][1])
        ):
            width = count * scale
            y0 = layouts[index][a][0] + out_offset[a]
            y1 = layouts[index + 1][b][0] + in_offset[b]
            out_offset[a] += width
            in_offset[b] += width
            path = _band(xs[index] + NODE_WIDTH, y0, xs[index + 1], y1, width)
            parts.append(
                f'<path d="{path}" fill="{COLOURS[index]}" fill-opacity="0.28">'
                f"<title>{escape(a)} → {escape(b)}: {count}</title></path>"
            )
    for index, layout in enumerate(layouts):
        for name, (top, size) in layout.items():
            count = columns[index][name]
            parts.append(
                f'<rect x="{xs[index]:.1f}" y="{top:.1f}" width="{NODE_WIDTH}" height="{max(size, 1):.1f}" '
                f'fill="{COLOURS[index]}"><title>{escape(name)}: {count}</title></rect>'
            )
            anchor, x = ("end", xs[index] - 4) if index == 0 else ("start", xs[index] + NODE_WIDTH + 4)
            parts.append(
                f'<text x="{x:.1f}" y="{top + size / 2 + 4:.1f}" text-anchor="{anchor}" font-size="12">'
                f"{escape(name)} ({count})</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
