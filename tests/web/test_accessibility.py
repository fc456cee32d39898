"""Accessibility basics measured in the browser, on every main page: text contrast (WCAG 2.x
ratio from the computed colours, against the first opaque background behind the text), and the
keyboard's focus order (the skip link first, then the navigation, every stop visible and
outlined, no positive ``tabindex`` reordering the page)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from tests.web.conftest import log_in
from tests.web.server import RunningServer
from waystation.cases.vocab import AlertKind, Role
from waystation.services.accounts import DEMO_PEOPLE
from waystation.services.alert_queue import alert_queue
from waystation.services.principal import Principal
from waystation.store import AlertFilter

PASSWORDS = {p.name: p.password for p in DEMO_PEOPLE}
AAA_NORMAL = 7.0  # WCAG 2.x AAA for body text, what docs/web.md promises (AA asks 4.5)

# Every element with its own visible text: its colour, the first opaque background behind it, the
# text (for the failure message) and the ratio, computed with WCAG's relative luminance.
LOW_CONTRAST = """(floor) => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
                                                 : Math.pow((v + 0.055) / 1.055, 2.4); })
                                      .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
    }
    return [255, 255, 255];
  };
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (['SCRIPT', 'STYLE', 'svg', 'CANVAS', 'OPTION'].includes(el.tagName) || el.closest('svg')) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim()).length;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const hidden = box.width === 0 || box.height === 0 || style.visibility === 'hidden' || box.right < 0;
    if (!own || hidden) continue;
    const fg = lum(rgb(style.color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < floor) found.push([el.tagName, text, Math.round(ratio * 100) / 100]);
  }
  return found;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0,
          inNav: !!el.closest('nav'), skip: el.classList.contains('skip')};
}"""

POSITIVE_TABINDEX = (
    "() => Array.from(document.querySelectorAll('[tabindex]')).filter(e => e.tabIndex > 0).length"
)


def _pages(server: RunningServer) -> list[tuple[str, str]]:
    analyst = Principal("analyst.demo", Role.ANALYST)
    alert = alert_queue(server.workspace, analyst, AlertFilter(kind=AlertKind.WATCHLIST)).alerts[0]
    return [
        ("supervisor.demo", "/flights"),
        ("supervisor.demo", "/alerts"),
        ("supervisor.demo", f"/alerts/{alert.id}"),
        ("supervisor.demo", f"/travellers/{alert.traveller_id}"),
        ("supervisor.demo", "/watchlists/un-consolidated"),
        ("supervisor.demo", "/rules"),
        ("supervisor.demo", "/dashboard"),
        ("auditor.demo", "/audit"),
        ("auditor.demo", "/login"),
    ]


def test_text_contrast_is_at_least_7_to_1_on_every_page(page: Page, server: RunningServer) -> None:
    who = None
    failures: dict[str, Any] = {}
    for name, path in _pages(server):
        if name != who:
            page.context.clear_cookies()
            log_in(page, name, PASSWORDS[name])
            who = name
        page.goto(path)
        page.wait_for_load_state("networkidle")
        low = page.evaluate(LOW_CONTRAST, AAA_NORMAL)
        if low:
            failures[path] = low
    assert failures == {}


def test_the_keyboard_reaches_the_skip_link_then_the_navigation_with_a_visible_outline(
    page: Page, server: RunningServer
) -> None:
    log_in(page, "analyst.demo", PASSWORDS["analyst.demo"])
    for _, path in _pages(server)[:7]:
        page.goto(path)
        assert page.evaluate(POSITIVE_TABINDEX) == 0, path
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        assert first["skip"], (path, first)
        assert first["visible"], (path, first)
        assert first["outline"], (path, first)
        stops = []
        for _ in range(6):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(FOCUSED))
        assert all(s["visible"] and s["outline"] for s in stops), (path, stops)
        navigation = [s["text"] for s in stops if s["inNav"]]
        assert navigation[:5] == ["Alert queue", "Flights", "Watchlists", "Rules", "Dashboard"], (path, stops)
        # The skip link moves the focus past the navigation into the page itself.
        page.keyboard.press("Shift+Tab")
        page.goto(path)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after_skip = page.evaluate(FOCUSED)
        assert not after_skip["inNav"], (path, after_skip)
