"""The commands that need no database: parse, lists diff/show, synth."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import SAMPLES, WATCHLISTS
from waystation.cli import main


def _run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_parse_jsonl_gives_one_object_per_traveller() -> None:
    code, out, _ = _run("parse", str(SAMPLES / "paxlst-jetway-1.edi"), "--format", "jsonl")
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["surname"] == "WILLIAMS"
    assert record["given_names"] == "JOHN DONALD"
    assert record["date_of_birth"] == "1972-09-07"
    assert record["documents"][0]["number"] == "MB140241"
    assert record["legs"][0]["origin"] == "SYD"
    assert record["legs"][0]["destination"] == "HNL"


def test_parse_reads_stdin_and_rejects_bad_input_with_one_line() -> None:
    data = (SAMPLES / "paxlst-jetway-1.edi").read_bytes()
    code, out, _ = _run("parse", "-", "--format", "jsonl", stdin=data)
    assert code == 0
    assert json.loads(out)["source"] == "<stdin>"
    code, _, err = _run("parse", "-", stdin=b"\x00\x01garbage")
    assert code == 2
    assert err.startswith("waystation: error: <stdin>")
    assert len(err.strip().splitlines()) == 1


def test_lists_diff_between_the_two_un_copies() -> None:
    code, out, _ = _run(
        "lists", "diff", str(WATCHLISTS / "un-consolidated-2026-01-28.xml"),
        str(WATCHLISTS / "un-consolidated.xml"), "--format", "jsonl",
    )  # fmt: skip
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    added = sorted(r["entry_id"] for r in records if r["change"] == "added")
    removed = [r["entry_id"] for r in records if r["change"] == "removed"]
    assert added == ["QDi.437", "QDi.438", "QDi.439"] + [f"SDi.{n:03d}" for n in range(7, 15)]
    assert removed == ["QDe.137"]
    assert sum(1 for r in records if r["change"] == "changed") == 137


def test_lists_show_one_entry() -> None:
    code, out, _ = _run(
        "lists", "show", str(WATCHLISTS / "un-consolidated.xml"), "--entry", "QDi.420", "--format", "jsonl"
    )
    assert code == 0
    record = json.loads(out)
    assert record["name"] == "TAHA IBRAHIM ABDALLAH BAKR AL KHUWAYT"
    assert record["nationalities"] == ["IRQ"]
    assert record["birth_dates"] == ["1965 to 1969"]


def test_synth_writes_all_formats_that_parse_back(tmp_path: Path) -> None:
    code, out, _ = _run(
        "synth", "--out", str(tmp_path), "--seed", "4", "--flights", "3", "--date", "2026-07-07"
    )
    assert code == 0, out
    paxlst = sorted((tmp_path / "paxlst").glob("*.edi"))
    pnrgov = sorted((tmp_path / "pnrgov").glob("*.edi"))
    assert len(paxlst) == len(pnrgov) == 3
    truth = (tmp_path / "truth.csv").read_text().splitlines()
    code, out, _ = _run("parse", *map(str, paxlst), "--format", "jsonl")
    assert code == 0
    refs = {json.loads(line)["ref"] for line in out.splitlines()}
    assert refs == {line.split(",")[0] for line in truth[1:]}


def test_unknown_file_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = _run("parse", str(tmp_path / "missing.edi"))
    assert code != 0
    assert "missing.edi" in err
