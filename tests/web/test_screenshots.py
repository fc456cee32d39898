"""The screenshot script works: every main page renders to a non-trivial PNG."""

from __future__ import annotations

import struct
from pathlib import Path

from playwright.sync_api import Browser

from tests.web.screenshots import WIDTH, take_screenshots
from tests.web.server import RunningServer


def _size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def test_screenshots_of_the_main_pages(server: RunningServer, browser: Browser, tmp_path: Path) -> None:
    written = take_screenshots(server, browser, tmp_path)
    assert [p.stem for p in written] == [
        "flights",
        "alert-queue",
        "hit-explanation",
        "traveller-network",
        "watchlist",
        "rules",
        "rule-backtest",
        "dashboard",
        "audit",
    ]
    for png in written:
        width, height = _size(png)
        assert width == WIDTH
        assert height >= 600
        assert png.stat().st_size > 20_000
