"""``waystation rules …`` — click commands for the lead to attach to the main group.

This module is an edge (it reads files and prints), kept beside the core it drives so the CLI
module only needs ``main.add_command(rules_group)``. ``check`` prints every problem, one per
line, and exits 1 when there is any; ``list`` shows each rule with its status today.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from waystation.rules.areas import Area, default_areas, parse_areas
from waystation.rules.loader import read_rules

__all__ = ["check_command", "list_command", "rules_group"]


def _read(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(path).read_text("utf-8"), path
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{path}: cannot read: {error}") from error


def _areas(path: str | None) -> dict[str, Area]:
    if path is None:
        return dict(default_areas())
    text, source = _read(path)
    found, problems = parse_areas(text, source)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise click.exceptions.Exit(1)
    return found


@click.group("rules")
def rules_group() -> None:
    """Targeting rules: check a rule file, list rules and their status."""


@rules_group.command("check")
@click.argument("file", type=str)
@click.option(
    "--areas", "areas_file", type=str, default=None, help="shared area file (default: shipped areas)"
)
def check_command(file: str, areas_file: str | None) -> None:
    """Validate FILE ('-' for stdin): print every problem and exit non-zero if there is any."""
    text, source = _read(file)
    ruleset, problems = read_rules(text, source, areas=_areas(areas_file))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {source}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{source}: {len(ruleset.rules)} rule(s), no problems")


@rules_group.command("list")
@click.argument("file", type=str)
@click.option(
    "--areas", "areas_file", type=str, default=None, help="shared area file (default: shipped areas)"
)
def list_command(file: str, areas_file: str | None) -> None:
    """List the rules of FILE with their status today (drafts and expired rules do not fire)."""
    text, source = _read(file)
    ruleset, problems = read_rules(text, source, areas=_areas(areas_file))
    now = datetime.now()
    for rule, status in ruleset.statuses(now):
        click.echo(f"{rule.key:32} {status.value:14} {rule.severity.value:7} {rule.title}")
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.exceptions.Exit(1)
