"""``waystation ingest`` (messages into the store) and ``waystation screen`` (the screening contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import Progress

from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, read_input, table
from waystation.cli.targeting import summary
from waystation.cli.workspace import workspace
from waystation.exc import InputError
from waystation.ingest.lists import read_watchlist
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.matching import Hit, Screener, hit_records
from waystation.model import Traveller, Watchlist
from waystation.services.lists import stored_list
from waystation.services.messages import receive
from waystation.services.rulebook import RuleBook
from waystation.services.screening import screen_received, screen_travellers
from waystation.services.targeting_run import run_targeting
from waystation.services.workspace import ScreeningConfig
from waystation.settings import get_settings

__all__ = ["COMMANDS"]


@click.command("ingest")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--screen/--no-screen", default=True, show_default=True, help="screen the travellers on arrival"
)
@click.option("--list", "list_names", multiple=True, help="stored lists to screen against [all]")
@click.option(
    "--targeting/--no-targeting",
    default=True,
    show_default=True,
    help="after screening, run the targeting rules and network alerts for the received travellers",
)
@FORMAT_OPTION
def ingest(
    files: tuple[str, ...], screen: bool, list_names: tuple[str, ...], targeting: bool, output_format: str
) -> None:
    """Receive message FILES into the store (raw bytes first), parse them and screen the travellers;
    then run targeting (rules in force, network alerts) for them, once for the batch."""
    ws = workspace()
    records: list[dict[str, Any]] = []
    accepted: list[int] = []
    rejected = 0
    with Progress(console=console(sys.stderr), transient=True, disable=len(files) < 5) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            data, source = read_input(path)
            result = receive(ws, data, source=source)
            hits = alerts = 0
            if result.accepted and screen:
                outcome = screen_received(ws, result, lists=list_names or None)
                hits = sum(len(h) for h in outcome.hits.values())
                alerts = len(outcome.alerts)
            rejected += not result.accepted and result.duplicate_of is None
            if result.accepted:
                accepted.append(result.message_id)
            travellers = len(result.content.traveller_ids) if result.content else 0
            records.append({
                "source": source, "message_id": result.message_id, "status": result.status.value,
                "format": result.parsed.message_format if result.parsed else None, "travellers": travellers,
                "hits": hits, "alerts": alerts, "issues": [str(i) for i in result.issues],
                "duplicate_of": result.duplicate_of,
            })  # fmt: skip
            if result.error:
                click.echo(
                    f"waystation: error: {result.error} (kept as message {result.message_id})", err=True
                )
            progress.advance(task)
    if output_format == "jsonl":
        emit_jsonl(records)
    else:
        columns = ("source", "message_id", "status", "format", "travellers", "hits", "alerts", "issues")
        rows = [[r[c] for c in columns[:-1]] + [len(r["issues"])] for r in records]
        console().print(table("received messages", columns, rows))
    if screen and targeting and accepted:
        done = run_targeting(ws, RuleBook(get_settings().home / "rules"), messages=accepted)
        click.echo(f"waystation: targeting: {json.dumps(summary(done))}", err=True)
    if rejected:
        sys.exit(2)


def _lists(refs: tuple[str, ...]) -> list[Watchlist]:
    """A ``--list`` is a list file, or the name of a stored list."""
    found = []
    for ref in refs:
        if Path(ref).exists():
            found.append(read_watchlist(ref))
        else:
            found.append(stored_list(workspace(), ref)[1])
    return found


def _travellers(inputs: tuple[str, ...]) -> list[Traveller]:
    travellers: list[Traveller] = []
    context = ParseContext(card_key=get_settings().secret_key.encode())
    for path in inputs:
        data, source = read_input(path)
        travellers.extend(parse_message(data, source, None, context).travellers())
    return travellers


@click.command("screen")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--list", "list_refs", multiple=True, required=True, help="a list file or a stored list name")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="report hits from this score")
@click.option("--alert-threshold", type=click.FloatRange(0, 1), default=None, help="alert from this score")
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True, help="hits per traveller")
@FORMAT_OPTION
def screen(inputs: tuple[str, ...], list_refs: tuple[str, ...], threshold: float | None,
           alert_threshold: float | None, top: int, output_format: str) -> None:  # fmt: skip
    """Screen the travellers in message files INPUTS against lists; prints the hits, best first."""
    settings = get_settings()
    config = ScreeningConfig(
        report_threshold=settings.report_threshold if threshold is None else threshold,
        alert_threshold=settings.alert_threshold if alert_threshold is None else alert_threshold,
        top=top,
    )
    try:
        travellers = _travellers(inputs)
    except InputError as error:
        raise click.ClickException(str(error)) from None
    screener = Screener.build(_lists(list_refs))
    results = screen_travellers(screener, travellers, config)
    hits: list[Hit] = [hit for found in results for hit in found]
    if output_format == "jsonl":
        emit_jsonl(hit_records(hits))
        return
    names = {t.ref: t.name.full for t in travellers}
    rows = [
        (h.traveller_ref, names.get(h.traveller_ref), h.entry_id, h.entry_caption, f"{h.score:.3f}",
         "ALERT" if h.alert else "", " ".join(h.explanation))
        for h in hits
    ]  # fmt: skip
    title = f"{len(travellers)} travellers screened, {len(hits)} hits, {sum(h.alert for h in hits)} alerts"
    console().print(table(title, ("ref", "traveller", "entry", "listed name", "score", "alert", "why"), rows))


COMMANDS = (ingest, screen)
