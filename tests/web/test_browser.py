"""The analyst pages in a real browser (Debian's Chromium, headless) against the real server.

The server's store is seeded by the demo service; the people are the demo accounts. Each test
does what a person would: fill the log-in form, move through the queue with the keyboard,
decide with a reason, and then checks what the service recorded.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import log_in
from tests.web.server import RunningServer
from waystation.cases.vocab import AlertKind, Disposition, Role
from waystation.services.accounts import DEMO_PEOPLE
from waystation.services.alert_queue import alert_queue
from waystation.services.alerts import alert_detail
from waystation.services.principal import Principal
from waystation.store import AlertFilter

PASSWORDS = {p.name: p.password for p in DEMO_PEOPLE}
ANALYST = "analyst.demo"
SUPERVISOR = "supervisor.demo"
HEAD = "head.piu.demo"
AUDITOR = "auditor.demo"
CARRIER = "carrier.demo"


def _as(page: Page, name: str) -> None:
    log_in(page, name, PASSWORDS[name])


def test_review_an_alert_end_to_end(page: Page, browser: Browser, server: RunningServer) -> None:
    _as(page, ANALYST)
    expect(page).to_have_url(re.compile(r"/alerts$"))
    expect(page.get_by_role("heading", name="Alert queue")).to_be_visible()
    rows = page.locator("tr.alert-row")
    first_id = rows.first.get_attribute("data-alert")
    # Keyboard: j selects the first alert, j the second, k back to the first, Enter opens it.
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(page.locator("tr.alert-row.current")).to_have_attribute("data-alert", first_id or "")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/alerts/{first_id}$"))
    alert_id = int(first_id or 0)
    detail = alert_detail(server.workspace, Principal(ANALYST, Role.ANALYST), alert_id)
    expect(page.locator("h1")).to_contain_text(detail.alert.alert.subject)

    reason = "Date of birth and passport number differ from the listed person; namesake."
    page.get_by_label("false positive").check()
    page.get_by_label(re.compile("^Reason \\(required")).fill(reason)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Alert {alert_id} was decided")

    # It left the queue of undecided alerts, and the service holds the decision with its reason.
    page.goto("/alerts")
    expect(page.locator(f'tr.alert-row[data-alert="{alert_id}"]')).to_have_count(0)
    state = alert_detail(server.workspace, Principal(ANALYST, Role.ANALYST), alert_id).alert.state
    assert state.disposition is Disposition.FALSE_POSITIVE
    assert state.decision is not None
    assert (state.decision.actor, state.decision.reason) == (ANALYST, reason)

    # The auditor sees the decision in the log, and the chain verifies.
    auditor = browser.new_context(base_url=server.url).new_page()
    _as(auditor, AUDITOR)
    auditor.goto("/audit?event=disposition&actor=analyst.demo")
    expect(auditor.locator("#verdict")).to_contain_text("Chain intact")
    row = auditor.locator("#audit tbody tr", has_text=f"alert_id {alert_id}")
    expect(row).to_contain_text("false_positive")
    expect(row).to_contain_text(reason)
    auditor.context.close()


def test_a_decision_without_a_reason_is_refused(page: Page, server: RunningServer) -> None:
    analyst = Principal(ANALYST, Role.ANALYST)
    open_alert = alert_queue(server.workspace, analyst, AlertFilter(open_only=True)).alerts[-1]
    _as(page, ANALYST)
    page.goto(f"/alerts/{open_alert.id}")
    page.get_by_label("true match").check()
    # The browser would stop an empty reason; remove that check to see the service refuse it too.
    page.evaluate("document.getElementById('reason').removeAttribute('required')")
    page.evaluate("document.getElementById('reason').removeAttribute('minlength')")
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#decision-error")).to_contain_text("reason")
    state = alert_detail(server.workspace, analyst, open_alert.id).alert.state
    assert state.disposition is None


def test_traveller_network_is_drawn(page: Page, server: RunningServer) -> None:
    analyst = Principal(ANALYST, Role.ANALYST)
    network = alert_queue(server.workspace, analyst, AlertFilter(kind=AlertKind.NETWORK)).alerts[0]
    _as(page, ANALYST)
    page.goto(f"/travellers/{network.traveller_id}")
    graph = page.locator("#graph")
    expect(graph).to_have_attribute("data-nodes", re.compile(r"^[1-9]\d*$"))
    nodes = int(graph.get_attribute("data-nodes") or 0)
    labels = page.evaluate("window.waystationGraph.nodes().map(n => n.data('label'))")
    companions = page.locator("#companions tbody th").all_inner_texts()
    assert nodes >= 2
    assert companions, "a network alert's traveller is linked to someone"
    assert set(companions) <= set(labels)
    expect(page.locator("#journeys li").first).to_contain_text("→")


def test_a_carrier_cannot_open_any_page(page: Page) -> None:
    _as(page, CARRIER)
    expect(page.get_by_role("alert")).to_contain_text("cannot use the analyst pages")
    for path in ("/alerts", "/flights", "/audit", "/dashboard"):
        page.goto(path)
        expect(page).to_have_url(re.compile(r"/login\?next="))


def test_an_analyst_cannot_approve_rules_nor_read_the_audit_log(page: Page, server: RunningServer) -> None:
    _as(page, ANALYST)
    expect(page.get_by_role("navigation", name="Pages", exact=True).get_by_role("link")).to_have_text(
        ["Alert queue", "Flights", "Watchlists", "Rules", "Dashboard"]
    )
    page.goto("/rules/new-passport-one-way-draft")
    expect(page.locator("#rule-status")).to_have_text("draft")
    expect(page.locator("#approve")).to_have_count(0)
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    answer = page.request.post(
        "/rules/new-passport-one-way-draft/approve", form={"csrf": csrf or "", "version": "1"}
    )
    assert answer.status == 403
    assert "may not manage rules" in answer.text()
    response = page.goto("/audit")
    assert response is not None
    assert response.status == 403


def test_the_auditor_sees_the_audit_log_but_no_traveller(page: Page) -> None:
    _as(page, AUDITOR)
    expect(page).to_have_url(re.compile(r"/rules$"))
    expect(page.get_by_role("navigation", name="Pages", exact=True).get_by_role("link")).to_have_text(
        ["Rules", "Dashboard", "Audit"]
    )
    page.goto("/audit")
    expect(page.locator("#verdict")).to_contain_text("Chain intact")
    expect(page.locator("#audit tbody tr").first).to_be_visible()
    response = page.goto("/alerts")
    assert response is not None
    assert response.status == 403


def test_a_rule_change_needs_a_second_supervisor(page: Page, browser: Browser, server: RunningServer) -> None:
    _as(page, SUPERVISOR)
    page.goto("/rules/broken-journey-border/edit")
    text = page.locator("#rule-text").input_value()
    page.locator("#rule-text").fill(text.replace("severity: medium", "severity: high"))
    page.get_by_role("button", name="Save as draft").click()
    expect(page).to_have_url(re.compile(r"/rules/broken-journey-border$"))
    expect(page.locator("#rule-status")).to_have_text("draft")
    expect(page.locator("#approve-note")).to_contain_text("another supervisor")

    head = browser.new_context(base_url=server.url).new_page()
    _as(head, HEAD)
    head.goto("/rules/broken-journey-border")
    head.locator("#approve").click()
    expect(head.locator("#rule-status")).to_have_text("active")
    expect(head.locator(".history li").first).to_contain_text("approved by head.piu.demo")
    head.context.close()


def test_a_protected_attribute_in_a_rule_is_refused(page: Page) -> None:
    _as(page, SUPERVISOR)
    page.goto("/rules/new")
    page.locator("#rule-text").fill(
        "id: by-name\ntitle: Travellers named Ahmed\njustification: >\n  Travellers with one given "
        "name would be selected here, a proxy of ethnic origin and religion that the law forbids.\n"
        "valid_from: 2026-12-01\nexpires: 2027-11-30\nseverity: low\n"
        "when:\n  field: {field: traveller.name, equals: [AHMED]}\n"
    )
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator("#rule-problems")).to_contain_text("traveller.name")


UNLABELLED = """() => Array.from(
    document.querySelectorAll('main input:not([type=hidden]), main select, main textarea'))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.closest('label'))
  .map(el => el.name)"""


def test_every_form_field_has_a_label_and_every_page_one_heading(page: Page, server: RunningServer) -> None:
    analyst = Principal(ANALYST, Role.ANALYST)
    some = alert_queue(server.workspace, analyst, AlertFilter(kind=AlertKind.WATCHLIST)).alerts[0]
    _as(page, SUPERVISOR)
    for path in (
        "/alerts",
        f"/alerts/{some.id}",
        "/flights",
        "/watchlists/un-consolidated",
        "/rules/new",
        "/national/edit",
    ):
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        unlabelled = page.evaluate(UNLABELLED)
        assert unlabelled == [], path


def test_a_supervisor_adds_edits_and_removes_a_national_entry(
    page: Page, browser: Browser, server: RunningServer
) -> None:
    _as(page, SUPERVISOR)
    page.goto("/watchlists")
    page.get_by_role("link", name="Add a national entry").click()
    page.get_by_label("id (required)").fill("NAT-B1")
    page.get_by_label("names (required)").fill("KARIMI, Yusuf")
    page.get_by_label("birth dates").fill("1991-03-07")
    page.get_by_label("nationalities").fill("AFG")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/watchlists/national/entries/NAT-B1$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("NAT-B1")

    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit national entry NAT-B1")
    expect(page.get_by_label("id (required)")).to_have_attribute("readonly", "")
    expect(page.get_by_label("names (required)")).to_have_value("KARIMI, Yusuf")
    page.get_by_label("names (required)").fill("KARIMI, Yusuf|~Abu Yusuf")
    page.get_by_label("documents").fill("P:R4455667:AFG")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".facts-grid")).to_contain_text("Abu Yusuf")
    expect(page.locator(".facts-grid")).to_contain_text("R4455667")

    page.goto("/watchlists/national")
    diff = page.locator("#diff")
    expect(diff).to_contain_text("NAT-B1")
    expect(diff.locator("tr", has_text="NAT-B1")).to_contain_text("changed")
    versions = int(page.locator("#versions tbody tr").first.locator("td").first.inner_text())
    assert versions >= 2

    analyst = browser.new_context(base_url=server.url).new_page()
    _as(analyst, ANALYST)
    analyst.goto("/watchlists/national/entries/NAT-B1")
    expect(analyst.locator(".facts-grid")).to_contain_text("Abu Yusuf")
    expect(analyst.get_by_role("link", name="Edit")).to_have_count(0)
    expect(analyst.get_by_role("button", name="Remove from the national list")).to_have_count(0)
    analyst.context.close()

    page.goto("/watchlists/national/entries/NAT-B1")
    page.get_by_role("button", name="Remove from the national list").click()
    expect(page).to_have_url(re.compile(r"/watchlists/national$"))
    expect(page.locator("#diff tr", has_text="NAT-B1")).to_contain_text("removed")
    expect(page.locator("#entries")).not_to_contain_text("NAT-B1")
