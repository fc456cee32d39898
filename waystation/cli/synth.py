"""``waystation synth``: write a realistic day of flights with planted listed travellers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from waystation.cli.output import console
from waystation.ingest.lists import bundled_un_list, read_watchlist
from waystation.synth import generate_day
from waystation.synth.render_csv import render_csv, render_truth
from waystation.synth.render_edifact import references, render_paxlst, render_pnrgov

__all__ = ["COMMANDS"]

FORMATS = ("csv", "paxlst", "pnrgov")


@click.command("synth")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="folder to write into (created if missing)",
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="day of the flights [tomorrow]"
)
@click.option("--flights", type=click.IntRange(2, 500), default=12, show_default=True)
@click.option(
    "--planted",
    type=click.IntRange(0, 200),
    default=5,
    show_default=True,
    help="listed people to plant among ordinary travellers",
)
@click.option("--namesakes", type=click.IntRange(0, 200), default=3, show_default=True)
@click.option("--list", "list_path", default=None, help="list file to plant from [the bundled UN list]")
@click.option(
    "--formats", default=",".join(FORMATS), show_default=True, help="comma-separated: csv,paxlst,pnrgov"
)
def synth(out_dir: Path, seed: int, day: object, flights: int, planted: int, namesakes: int,
          list_path: str | None, formats: str) -> None:  # fmt: skip
    """Generate a day of traffic as PAXLST, PNRGOV and CSV, with a truth file (truth.csv)."""
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    watchlist = read_watchlist(list_path) if list_path else bundled_un_list()
    when = day.date() if hasattr(day, "date") else None
    result = generate_day(watchlist, seed=seed, day=when if isinstance(when, date) else None, flights=flights,
                          planted=planted, namesakes=namesakes)  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    if "csv" in wanted:
        (out_dir / "manifest.csv").write_bytes(render_csv(result))
        written += 1
    refs = references(result)
    for kind, render in (("paxlst", render_paxlst), ("pnrgov", None)):
        if kind not in wanted:
            continue
        folder = out_dir / kind
        folder.mkdir(exist_ok=True)
        for flight in result.flights:
            stamp = f"{flight.leg.designator}-{result.day:%Y%m%d}"
            data = (
                render(flight, refs[flight.leg])
                if render
                else render_pnrgov(result, flight, refs[flight.leg])
            )
            (folder / f"{stamp}.edi").write_bytes(data)
            written += 1
    (out_dir / "truth.csv").write_bytes(render_truth(result))
    listed = sum(1 for row in result.truth if row.kind == "listed")
    console().print(
        f"{result.day}: {len(result.flights)} flights, {result.traveller_count} traveller legs, "
        f"{len(result.bookings)} bookings, {listed} planted listed legs; {written + 1} files in {out_dir}"
    )


COMMANDS = (synth,)
