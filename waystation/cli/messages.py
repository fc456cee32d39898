"""``waystation parse``: what a carrier message contains, without storing anything."""

from __future__ import annotations

import sys

import click

from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, read_input, table
from waystation.cli.records import traveller_records
from waystation.exc import InputError
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message, readers

__all__ = ["COMMANDS"]


@click.command("parse")
@click.argument("files", nargs=-1, required=True)
@FORMAT_OPTION
@click.option("--message-format", help="skip sniffing and read as this format", default=None)
@click.option("--issues/--no-issues", default=True, help="print parse issues on stderr")
def parse(files: tuple[str, ...], output_format: str, message_format: str | None, issues: bool) -> None:
    """Show the travellers, documents and legs in each message FILE (``-`` for stdin)."""
    failed = 0
    if message_format and message_format not in readers():
        raise click.BadParameter(
            f"known formats: {', '.join(sorted(readers()))}", param_hint="--message-format"
        )
    for path in files:
        data, source = read_input(path)
        try:
            parsed = parse_message(data, source, message_format, ParseContext())
        except InputError as error:
            click.echo(f"waystation: error: {error}", err=True)
            failed += 1
            continue
        records = list(traveller_records(parsed))
        if output_format == "jsonl":
            emit_jsonl(records)
        else:
            rows = [
                (
                    r["ref"], r["name"], r["date_of_birth"], r["sex"], ",".join(r["nationalities"]),
                    " ".join(f"{d['type'] or '?'}:{d['number']}" for d in r["documents"]),
                    " ".join(f"{leg['flight']} {leg['origin']}-{leg['destination']}" for leg in r["legs"]),
                )
                for r in records
            ]  # fmt: skip
            title = f"{source}: {parsed.message_format}, {len(records)} travellers"
            console().print(table(title, ("ref", "name", "born", "sex", "nat", "documents", "legs"), rows))
        if issues:
            for issue in parsed.issues:
                click.echo(f"waystation: {issue}", err=True)
    if failed:
        sys.exit(2)


COMMANDS = (parse,)
