"""``waystation rules check`` and ``list``: every problem printed, non-zero exit on any."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.rules.factory import rule_file
from waystation.rules.command import rules_group
from waystation.rules.defaults import default_rules_text


def test_check_passes_the_default_file(tmp_path: Path) -> None:
    path = tmp_path / "default.yml"
    path.write_text(default_rules_text(), "utf-8")
    result = CliRunner().invoke(rules_group, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{path}: 5 rule(s), no problems\n"


def test_check_prints_every_problem_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(rule_file("nationality: {in: [SYR]}", title="Muslim travellers from Syria"), "utf-8")
    result = CliRunner().invoke(rules_group, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{path}, line 2: rule test-rule: the title 'Muslim travellers from Syria'")
    assert lines[1].endswith("add a non-nationality condition to every branch [nationality_only]")
    assert lines[2] == f"2 problem(s) in {path}"


def test_check_reads_stdin_and_a_shared_area_file(tmp_path: Path) -> None:
    areas = tmp_path / "areas.yml"
    areas.write_text("areas:\n  north-iraq: {title: Northern Iraq, airports: [EBL]}\n", "utf-8")
    text = rule_file("all: [{route: {destination: north-iraq}}, {one_way: {}}]")
    result = CliRunner().invoke(rules_group, ["check", "-", "--areas", str(areas)], input=text)
    assert result.exit_code == 0, result.output
    refused = CliRunner().invoke(rules_group, ["check", "-"], input=text)
    assert refused.exit_code == 1
    assert "unknown area 'north-iraq'" in refused.output


def test_check_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(rules_group, ["check", str(tmp_path / "nope.yml")])
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_list_shows_status(tmp_path: Path) -> None:
    path = tmp_path / "default.yml"
    path.write_text(default_rules_text(), "utf-8")
    result = CliRunner().invoke(rules_group, ["list", str(path)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 5
    assert lines[-1].split()[:2] == ["new-passport-one-way-draft@1", "draft"]
