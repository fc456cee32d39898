"""``waystation rules``: the rules stage's file commands (check, list) and ``backtest`` on stored history."""

from __future__ import annotations

from datetime import datetime

import click

from waystation.cli.acting import TOKEN_OPTION, signed_in
from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, table
from waystation.rules import BacktestReport, read_rules
from waystation.rules.command import rules_group as file_commands
from waystation.services.rule_performance import backtest_rules

__all__ = ["COMMANDS", "backtest_record"]

rules_group = click.Group("rules", commands=dict(file_commands.commands), help=file_commands.help)


def backtest_record(report: BacktestReport) -> dict[str, object]:
    return {
        "rule_id": report.rule_id,
        "version": report.rule_version,
        "days": len(report.days),
        "screened": report.screened,
        "flagged": report.flagged,
        "flagged_per_day": round(report.flagged_per_day, 2),
        "true_matches": report.true_matches,
        "false_positives": report.false_positives,
        "undetermined": report.undetermined,
        "unjudged": report.unjudged,
        "precision": report.precision,
        "missed_true_matches": report.missed_true_matches,
        "per_day": [
            {"day": d.day.isoformat(), "screened": d.screened, "flagged": len(d.flagged)} for d in report.days
        ],
    }


@rules_group.command("backtest")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--days", type=click.IntRange(1), default=None, help="only the last N days of stored history")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="history up to this day")
@TOKEN_OPTION
@FORMAT_OPTION
def backtest(file: str, days: int | None, until: datetime | None, token: str, output_format: str) -> None:
    """Run every rule of FILE (drafts too) over the stored traffic: travellers flagged per day and,
    where analysts decided, precision. Nothing is raised; exits 1 if the file has problems."""
    text = click.open_file(file, encoding="utf-8").read()
    ruleset, problems = read_rules(text, file if file != "-" else "<stdin>")
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.exceptions.Exit(1)
    ws, who = signed_in(token)
    reports = backtest_rules(ws, who, ruleset.rules, days=days, until=until.date() if until else None)
    records = [backtest_record(r) for r in reports]
    if output_format == "jsonl":
        emit_jsonl(records)
        return
    out = console()
    columns = ("rule", "days", "screened", "flagged", "per day", "true", "false", "precision")
    rows = [
        (
            f"{r['rule_id']}@{r['version']}", r["days"], r["screened"], r["flagged"], r["flagged_per_day"],
            r["true_matches"], r["false_positives"],
            "—" if r["precision"] is None else f"{r['precision']:.2f}",
        )
        for r in records
    ]  # fmt: skip
    out.print(table(f"backtest of {file}", columns, rows))
    for report in reports:
        per_day = [(d.day.isoformat(), d.screened, len(d.flagged)) for d in report.days]
        out.print(
            table(f"{report.rule_id}@{report.rule_version} per day", ("day", "screened", "flagged"), per_day)
        )


COMMANDS = (rules_group,)
