"""The demo: a day of synthetic traffic, received and screened as an operational system would.

Imports the bundled UN list (once), generates a day of flights with planted listed travellers,
sends each flight's PAXLST and PNRGOV through :func:`~waystation.services.messages.receive`
exactly as the gateway would, screens the passenger lists, and reports the alerts with their
explanations — and, because the generator knows the truth, how many planted people were found and
how many ordinary travellers alerted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.ingest.message import ParsedMessage
from waystation.matching import Hit
from waystation.model import Traveller
from waystation.network.sightings import message_key
from waystation.rules import AlertState, default_rules
from waystation.services.lists import ImportReport, import_watchlist
from waystation.services.messages import receive
from waystation.services.picture import build_picture
from waystation.services.screening import ScreeningOutcome, screen_received
from waystation.services.targeting import (
    NetworkAlert,
    RuleAlert,
    evaluate_rules,
    network_alerts,
    rule_subjects,
)
from waystation.services.targeting_alerts import StoredSighting, raise_targeting_alerts, sightings_of
from waystation.services.workspace import Workspace
from waystation.synth import SynthDay, TruthRow, generate_day
from waystation.synth.render_edifact import references, render_paxlst, render_pnrgov

__all__ = ["DemoAlert", "DemoReport", "run_demo"]


@dataclass(frozen=True, slots=True)
class DemoAlert:
    traveller: Traveller
    flight: str
    hit: Hit
    truth: TruthRow | None


@dataclass
class DemoReport:
    day: date
    list_import: ImportReport
    messages: int = 0
    rejected: int = 0
    travellers: int = 0
    hits: int = 0
    alerts: list[DemoAlert] = field(default_factory=list)
    rule_alerts: list[RuleAlert] = field(default_factory=list)
    network_alerts: list[NetworkAlert] = field(default_factory=list)
    persons: int = 0
    links: int = 0
    planted: int = 0
    planted_found: int = 0
    clean_alerted: int = 0
    namesakes: int = 0
    namesakes_alerted: int = 0
    targeting_raised: int = 0
    seconds: float = 0.0
    folder: Path | None = None


def run_demo(
    workspace: Workspace,
    *,
    folder: Path,
    seed: int = 1,
    day: date | None = None,
    flights: int = 12,
    planted: int = 6,
    run: int = 0,
    progress: Callable[[str], None] = lambda _: None,
) -> DemoReport:
    """Run the whole demo into ``workspace``, writing the generated messages under ``folder``."""
    started = time.perf_counter()
    progress("importing the bundled UN list")
    un = bundled_un_list()
    report = DemoReport(
        day or date.today(), import_watchlist(workspace, un, sha256=BUNDLED_UN_SHA256, source="bundled")
    )
    progress("generating a day of flights")
    synth = generate_day(un, seed=seed, day=day, flights=flights, planted=planted)
    report.day = synth.day
    report.folder = folder
    truth = {row.ref: row for row in synth.truth}
    stored: dict[str, StoredSighting] = {}
    received = _receive_day(workspace, synth, folder, run, report, truth, progress, stored)
    progress("resolving persons, journeys and links")
    _targeting(workspace, received, report)
    raised = raise_targeting_alerts(
        workspace, rule_alerts=report.rule_alerts, network_alerts=report.network_alerts, stored=stored
    )
    report.targeting_raised = len(raised)
    listed = {row.ref.split("-")[0] for row in synth.truth if row.kind == "listed"}
    found = {a.traveller.ref.split("-")[0] for a in report.alerts if a.truth and a.truth.kind == "listed"}
    report.planted, report.planted_found = len(listed), len(found & listed)
    report.namesakes = sum(1 for row in synth.truth if row.kind == "namesake")
    report.namesakes_alerted = len(
        {a.traveller.ref for a in report.alerts if a.truth and a.truth.kind == "namesake"}
    )
    report.clean_alerted = len(
        {a.traveller.ref for a in report.alerts if a.truth and a.truth.kind == "clean"}
    )
    report.seconds = time.perf_counter() - started
    return report


def _receive_day(
    workspace: Workspace,
    synth: SynthDay,
    folder: Path,
    run: int,
    report: DemoReport,
    truth: dict[str, TruthRow],
    progress: Callable[[str], None],
    stored: dict[str, StoredSighting],
) -> list[tuple[ParsedMessage, ScreeningOutcome | None]]:
    refs = references(synth, run)
    received: list[tuple[ParsedMessage, ScreeningOutcome | None]] = []
    for kind in ("paxlst", "pnrgov"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
    for number, flight in enumerate(synth.flights, start=1):
        progress(f"flight {number}/{len(synth.flights)}: {flight.leg.designator}")
        stem = f"{flight.leg.designator}-{synth.day:%Y%m%d}"
        pnr = render_pnrgov(synth, flight, refs[flight.leg])
        (folder / "pnrgov" / f"{stem}.edi").write_bytes(pnr)
        pnr_result = receive(workspace, pnr, source=f"pnrgov/{stem}.edi", today=synth.day)
        paxlst = render_paxlst(flight, refs[flight.leg])
        (folder / "paxlst" / f"{stem}.edi").write_bytes(paxlst)
        result = receive(workspace, paxlst, source=f"paxlst/{stem}.edi", today=synth.day)
        report.messages += 2
        report.rejected += (not result.accepted) + (not pnr_result.accepted)
        if pnr_result.parsed is not None:
            received.append((pnr_result.parsed, None))
        if not result.accepted or result.parsed is None:
            continue
        outcome = screen_received(workspace, result)
        stored.update(sightings_of(result))
        received.append((result.parsed, outcome))
        travellers = {t.ref: t for t in result.parsed.travellers()}
        report.travellers += outcome.travellers
        report.hits += sum(len(h) for h in outcome.hits.values())
        for hit in outcome.alerts:
            traveller = travellers[hit.traveller_ref]
            report.alerts.append(DemoAlert(traveller, flight.leg.designator, hit, truth.get(traveller.ref)))
    return received


def _targeting(
    workspace: Workspace, received: list[tuple[ParsedMessage, ScreeningOutcome | None]], report: DemoReport
) -> None:
    """Rules over whole journeys, and travellers one link away from someone who alerted."""
    picture = build_picture((parsed for parsed, _ in received), secret=workspace.card_key)
    report.persons = len(picture.resolution.persons)
    report.links = picture.graph.graph.number_of_edges()
    listed: dict[str, str] = {}
    states: dict[str, AlertState] = {}
    for parsed, outcome in received:
        if outcome is None:
            continue
        for manifest in parsed.manifests:
            key = message_key(manifest)
            for traveller in manifest.travellers:
                alerting = [h for h in outcome.hits.get(traveller.ref, []) if h.alert]
                if alerting:
                    sighting = f"{key}|{traveller.ref}"
                    listed[sighting] = alerting[0].entry_id
                    person = picture.person_of(sighting)
                    if person:
                        states[person] = AlertState.OPEN
    report.network_alerts, _ = network_alerts(picture, listed)
    now = datetime.now(UTC).replace(tzinfo=None)
    report.rule_alerts = evaluate_rules(default_rules(), picture, rule_subjects(picture, now, states))
