"""Screenshots of the main pages: ``python -m tests.web.screenshots docs/screenshots`` (``make screenshots``).

Starts the real server on a demo-seeded store in a temporary folder, logs in as the demo people
in Debian's headless Chromium, and saves one PNG per page. ``test_screenshots`` runs the same
function into a temporary folder, so the script cannot silently rot.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.server import CHROMIUM, CHROMIUM_ARGS, RunningServer, running_server
from waystation.cases.vocab import AlertKind, Disposition, Role
from waystation.services.accounts import DEMO_PEOPLE
from waystation.services.alert_queue import alert_queue
from waystation.services.principal import Principal
from waystation.services.review import decide
from waystation.store import AlertFilter

PASSWORDS = {p.name: p.password for p in DEMO_PEOPLE}
WIDTH, HEIGHT = 1360, 900


def _page(browser: Browser, server: RunningServer, name: str) -> Page:
    page = browser.new_context(base_url=server.url, viewport={"width": WIDTH, "height": HEIGHT}).new_page()
    page.goto("/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")
    return page


def _shot(page: Page, path: str, out: Path, name: str, *, wait_for: str | None = None) -> Path:
    page.goto(path)
    if wait_for:
        page.wait_for_selector(wait_for)
    target = out / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def _some_decisions(server: RunningServer) -> None:
    """A morning's work, so that the dashboard and the audit log show decisions (script only)."""
    analyst = Principal("analyst.demo", Role.ANALYST)
    choices = [
        (AlertKind.RULE, Disposition.FALSE_POSITIVE, "Return ticket bought separately; family visit."),
        (AlertKind.RULE, Disposition.INCONCLUSIVE, "Booking history too short to judge."),
        (AlertKind.NETWORK, Disposition.FALSE_POSITIVE, "Shared phone is the travel agency's number."),
        (AlertKind.NETWORK, Disposition.TRUE_MATCH, "Travels with the listed person on the same booking."),
    ]
    for kind, disposition, reason in choices:
        target = alert_queue(server.workspace, analyst, AlertFilter(kind=kind, open_only=True)).alerts[0]
        decide(server.workspace, analyst, target.id, disposition, reason)


def take_screenshots(
    server: RunningServer, browser: Browser, out: Path, *, with_decisions: bool = False
) -> list[Path]:
    """One PNG per main page, in ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    if with_decisions:
        _some_decisions(server)
    analyst = Principal("analyst.demo", Role.ANALYST)
    watchlist = alert_queue(server.workspace, analyst, AlertFilter(kind=AlertKind.WATCHLIST)).alerts[0]
    network = alert_queue(server.workspace, analyst, AlertFilter(kind=AlertKind.NETWORK)).alerts[0]
    page = _page(browser, server, "analyst.demo")
    written = [
        _shot(page, "/flights", out, "flights"),
        _shot(page, "/alerts", out, "alert-queue"),
        _shot(page, f"/alerts/{watchlist.id}", out, "hit-explanation"),
        _shot(
            page,
            f"/travellers/{network.traveller_id}",
            out,
            "traveller-network",
            wait_for="#graph[data-nodes]",
        ),
        _shot(page, "/watchlists/un-consolidated", out, "watchlist"),
    ]
    supervisor = _page(browser, server, "supervisor.demo")
    written += [
        _shot(supervisor, "/rules", out, "rules"),
        _shot(supervisor, "/rules/ftf-border-route?backtest=1", out, "rule-backtest"),
        _shot(supervisor, "/dashboard", out, "dashboard", wait_for="body[data-charts=drawn]"),
    ]
    auditor = _page(browser, server, "auditor.demo")
    written.append(_shot(auditor, "/audit", out, "audit"))
    for opened in (page, supervisor, auditor):
        opened.context.close()
    return written


def main(argv: list[str]) -> None:
    out = Path(argv[0] if argv else "docs/screenshots")
    with (
        tempfile.TemporaryDirectory() as home,
        running_server(Path(home)) as server,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in take_screenshots(server, browser, out, with_decisions=True):
            print(path)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
