"""``waystation network show|export``: a stored traveller's network, as the API and the web give it.

One hop needs no case; more needs ``--case``, an open case that links the traveller. Without
``--hops`` the query looks two hops away with a case and one without. Every query is logged
under the token's owner.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from waystation.cases.purpose import MAX_HOPS
from waystation.cli.acting import TOKEN_OPTION, signed_in
from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, table
from waystation.services.network_query import ExportFormat, export_network, query_network, report_record

__all__ = ["COMMANDS"]

HOPS_OPTION = click.option(
    "--hops",
    type=click.IntRange(1, MAX_HOPS),
    default=None,
    help="how far to look [2 with --case, else 1]; more than 1 needs --case",
)
CASE_OPTION = click.option("--case", "case_number", default=None, help="an open case linking the traveller")


@click.group("network")
def network_group() -> None:
    """A traveller's links: explained paths to listed or confirmed subjects, groups, exports."""


@network_group.command("show")
@click.argument("traveller_id", type=click.IntRange(1))
@HOPS_OPTION
@CASE_OPTION
@TOKEN_OPTION
@FORMAT_OPTION
def show(
    traveller_id: int, hops: int | None, case_number: str | None, token: str, output_format: str
) -> None:
    """Shortest explained paths from stored traveller TRAVELLER_ID to subjects, and travel groups."""
    ws, who = signed_in(token)
    report = query_network(ws, who, traveller_id, hops=hops, case_number=case_number)
    if output_format == "jsonl":
        emit_jsonl([report_record(report)])
        return
    out = console()
    case = f", case {report.case_number}" if report.case_number else ""
    title = f"{report.person.label}: paths to subjects within {report.hops} hop(s){case}"
    rows = [
        (p.hops, report.label(p.subject.person_id), p.subject.reference, p.explanation) for p in report.paths
    ]
    out.print(table(title, ("hops", "subject", "reference", "why"), rows))
    if not report.paths:
        out.print(f"no listed or confirmed subject within {report.hops} hop(s)")
    groups = [(len(g), ", ".join(m.label for m in g)) for g in report.groups]
    out.print(table("travelling together", ("persons", "who"), groups))
    journeys = [
        (
            " → ".join(a or "?" for a in j.airports),
            ", ".join(leg.leg.designator for leg in j.legs),
            j.split_ticket,
        )
        for j in report.journeys
    ]
    out.print(table("journeys", ("route", "flights", "separate tickets"), journeys))


@network_group.command("export")
@click.argument("traveller_id", type=click.IntRange(1))
@click.option(
    "--to", "export_format", type=click.Choice(["graphml", "cyjs"]), default="graphml", show_default=True
)
@click.option("-o", "--output", default="-", show_default=True, help="file to write, '-' for stdout")
@HOPS_OPTION
@CASE_OPTION
@TOKEN_OPTION
def export(
    traveller_id: int, export_format: str, output: str, hops: int | None, case_number: str | None, token: str
) -> None:
    """Write TRAVELLER_ID's neighbourhood as GraphML or Cytoscape JSON (masked values; logged)."""
    ws, who = signed_in(token)
    chosen: ExportFormat = "graphml" if export_format == "graphml" else "cyjs"
    exported = export_network(ws, who, traveller_id, chosen, hops=hops, case_number=case_number)
    if output == "-":
        sys.stdout.buffer.write(exported.content)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(exported.content)
    summary = {"file": output, "nodes": exported.nodes, "edges": exported.edges, "format": export_format}
    click.echo(json.dumps(summary), err=True)


COMMANDS = (network_group,)
