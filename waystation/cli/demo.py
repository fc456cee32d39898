"""``waystation demo``: the main job end to end on the embedded store, explained on screen."""

from __future__ import annotations

import time

import click

from waystation.cli.output import console, table
from waystation.cli.workspace import workspace
from waystation.services.accounts import ensure_demo_people
from waystation.services.demo import run_demo
from waystation.settings import get_settings

__all__ = ["COMMANDS"]


@click.command("demo")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--flights", type=click.IntRange(2, 200), default=12, show_default=True)
@click.option("--planted", type=click.IntRange(0, 50), default=6, show_default=True)
def demo(seed: int, flights: int, planted: int) -> None:
    """Import the UN list, receive and screen a day of synthetic flights, show the alerts."""
    out = console()
    settings = get_settings()
    ws = workspace()
    folder = settings.home / "demo"
    with out.status("starting") as status:
        report = run_demo(
            ws, folder=folder, seed=seed, flights=flights, planted=planted, run=int(time.time()) % 10000,
            progress=lambda text: status.update(text),
        )  # fmt: skip
    imported = report.list_import.version
    out.print(
        f"[bold]UN consolidated list[/bold] {imported.version}: {imported.entry_count} entries in force"
    )
    out.print(
        f"[bold]{report.day}[/bold]: {report.messages} carrier messages received "
        f"({report.rejected} rejected), "
        f"{report.travellers} passengers screened, {report.hits} candidate hits, {len(report.alerts)} alerts"
    )
    rows = []
    for alert in sorted(report.alerts, key=lambda a: -a.hit.score):
        t, hit = alert.traveller, alert.hit
        born = t.birth_date.iso() if t.birth_date else "?"
        who = f"{t.name.full}\n{born} {','.join(t.nationalities)}"
        rows.append(
            (
                alert.flight,
                who,
                f"{hit.entry_id}\n{hit.entry_caption}",
                f"{hit.score:.2f}",
                "\n".join(hit.explanation),
            )
        )
    out.print(table("alerts for human review", ("flight", "traveller", "listed as", "score", "why"), rows))
    network_rows = [
        (a.flight, a.traveller.name.full, f"{a.candidate.subject.reference}", a.candidate.explanation)
        for a in report.network_alerts
    ]
    out.print(
        table(
            "network alerts: linked to someone who alerted",
            ("flight", "traveller", "entry", "path"),
            network_rows,
        )
    )
    rule_rows = [
        (a.flight, a.traveller.name.full, a.hit.rule_key, a.hit.severity.value, a.hit.explanation())
        for a in report.rule_alerts
    ]
    out.print(
        table("targeting rules that fired", ("flight", "traveller", "rule", "severity", "why"), rule_rows)
    )
    out.print(
        f"{report.persons} persons resolved across {report.messages} messages, {report.links} links "
        f"between them; {len(report.network_alerts)} network alerts, {len(report.rule_alerts)} rule alerts."
    )
    out.print(
        f"Planted listed travellers found: {report.planted_found} of {report.planted}; "
        f"namesakes alerted: {report.namesakes_alerted} of {report.namesakes}; "
        f"ordinary travellers alerted: {report.clean_alerted}."
    )
    if settings.env == "development":
        people = ensure_demo_people(ws, env=settings.env)
        logins = ", ".join(f"{p.name} / {p.password} ({p.role.value})" for p in people)
        out.print(f"Web pages (waystation serve): log in as {logins}")
    out.print(
        f"Every alert waits for an analyst's decision; no carrier was told anything but its answer. "
        f"Messages kept in {folder}; store: {settings.effective_database_url}. {report.seconds:.1f} s."
    )


COMMANDS = (demo,)
