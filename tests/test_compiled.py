"""The compiled groups (mypyc, docs/matching.md): each loaded all compiled or all from source,
compiled when ``make`` built them, and never when one of its sources was edited after the build."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import waystation
from waystation import compiled
from waystation.compiled import GROUPS, MANIFEST, PURE_ENV, Group, digest, group, source, stale

SUFFIX = EXTENSION_SUFFIXES[0]
NAMES = [g.name for g in GROUPS]
MATCHING = group("matching")


def _loaded(name: str) -> str:
    """How the group's package made its modules load (its import runs the guard)."""
    importlib.import_module(group(name).package)
    return compiled.loaded[name]


def _how(built_group: Group, module: str) -> str:
    path = importlib.import_module(f"{built_group.package}.{module}").__file__ or ""
    return "compiled" if path.endswith(SUFFIX) else "source" if path.endswith(".py") else path


def test_the_groups() -> None:
    """The two packages compiled, the records of every value parsed, and the EDIFACT reader's
    modules a PAXLST is parsed with."""
    assert NAMES == ["core", "matching", "ingest"]
    assert group("core").modules == ("locator", "model.provenance")
    assert group("core").package == "waystation"
    assert group("ingest").modules == (
        "edifact.dates",
        "edifact.envelope",
        "edifact.issues",
        "edifact.reading",
        "edifact.segment",
        "edifact.tokenizer",
        "paxlst.legs",
        "paxlst.manifest",
        "paxlst.person",
        "paxlst.un",
    )
    with pytest.raises(KeyError):
        group("store")


@pytest.mark.parametrize("built_group", GROUPS, ids=NAMES)
def test_modules_load_all_compiled_or_all_from_source(built_group: Group) -> None:
    assert {_how(built_group, m) for m in built_group.modules} == {_loaded(built_group.name)}


@pytest.mark.parametrize("built_group", GROUPS, ids=NAMES)
def test_modules_load_as_make_built_them(built_group: Group) -> None:
    """`make test` compiles and expects every group compiled; `make test COMPILE=0` the sources."""
    expected = os.environ.get("WAYSTATION_EXPECT_COMPILED")
    if expected not in ("0", "1"):
        pytest.skip("WAYSTATION_EXPECT_COMPILED is set by `make unit`")
    want = "compiled" if expected == "1" else "source"
    assert _loaded(built_group.name) == want
    assert {_how(built_group, m) for m in built_group.modules} == {want}


def _fake_build(root: Path, built_group: Group = MATCHING) -> Path:
    """A package tree as tools/compile.py leaves it (empty files for the extensions)."""
    package = built_group.directory(root)
    for module in built_group.modules:
        path = source(package, module)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {module}\n")
        path.with_name(path.stem + SUFFIX).write_bytes(b"")
    (root / f"{built_group.shared}__mypyc{SUFFIX}").write_bytes(b"")
    sources = {m: digest(source(package, m)) for m in built_group.modules}
    record = {"suffix": SUFFIX, "shared": built_group.shared, "sources": sources}
    (package / MANIFEST).write_text(json.dumps(record))
    return package


def _record(package: Path, **changes: object) -> None:
    record = json.loads((package / MANIFEST).read_text())
    (package / MANIFEST).write_text(json.dumps({**record, **changes}))


STALE_CASES: list[tuple[str, Callable[[Path], object], str | None]] = [
    ("current", lambda p: None, None),
    ("edited", lambda p: source(p, "index").write_text("# index, edited\n"), "edited since the build: index"),
    (
        "one not compiled",
        lambda p: (p / "compare" / f"names{SUFFIX}").unlink(),
        "not compiled: compare.names",
    ),
    (
        "no shared library",
        lambda p: (p.parents[1] / f"waystation_matching__mypyc{SUFFIX}").unlink(),
        "not compiled: mypyc's shared library waystation_matching",
    ),
    ("no record", lambda p: (p / MANIFEST).unlink(), f"no readable {MANIFEST} records the build"),
    ("bad record", lambda p: (p / MANIFEST).write_text("{"), f"no readable {MANIFEST} records the build"),
    ("other python", lambda p: _record(p, suffix=".cpython-399-x.so"), "built for .cpython-399-x.so"),
    (
        "other modules",
        lambda p: _record(p, sources={"index": digest(source(p, "index"))}),
        "built from another list of modules",
    ),
    ("nothing compiled", lambda p: [e.unlink() for e in p.rglob(f"*{SUFFIX}")], None),
]


@pytest.mark.parametrize(("case", "change", "reason"), STALE_CASES, ids=[c[0] for c in STALE_CASES])
def test_stale(tmp_path: Path, case: str, change: Callable[[Path], object], reason: str | None) -> None:
    package = _fake_build(tmp_path)
    change(package)
    assert stale(MATCHING, package) == reason


def test_each_group_is_stale_on_its_own(tmp_path: Path) -> None:
    """Editing a reader module makes the EDIFACT reader stale, not the engine (and the other way)."""
    ingest = group("ingest")
    engine, reader = _fake_build(tmp_path, MATCHING), _fake_build(tmp_path, ingest)
    source(reader, "edifact.tokenizer").write_text("# edited\n")
    edited = "edited since the build: edifact.tokenizer"
    assert (stale(MATCHING, engine), stale(ingest, reader)) == (None, edited)
    (tmp_path / f"waystation_matching__mypyc{SUFFIX}").unlink()
    assert stale(MATCHING, engine) == "not compiled: mypyc's shared library waystation_matching"
    assert stale(ingest, reader) == edited


def test_a_top_group_is_guarded_from_the_package_itself(tmp_path: Path) -> None:
    """``core``'s modules are named from ``waystation``, its record and shared library sit in and
    beside ``waystation/``, and the other groups' packages are not its concern."""
    core = group("core")
    package = _fake_build(tmp_path, core)
    assert package == tmp_path / "waystation"
    assert (package / MANIFEST).exists()
    assert stale(core, package) is None
    source(package, "model.provenance").write_text("# edited\n")
    assert stale(core, package) == "edited since the build: model.provenance"
    (tmp_path / f"waystation_core__mypyc{SUFFIX}").unlink()
    assert stale(core, package) == ("not compiled: mypyc's shared library waystation_core")


def _load(root: Path, env: dict[str, str]) -> dict[str, tuple[str, str]]:
    """How a fresh interpreter loads each group from the tree at ``root`` (how, the file of its
    first module), and its stderr under key ``"stderr"``."""
    code = (
        "import importlib, json, waystation.compiled as c\n"
        "first = {g.name: f'{g.package}.{g.modules[0]}' for g in c.GROUPS}\n"
        "files = {name: importlib.import_module(module).__file__ for name, module in first.items()}\n"
        "print(json.dumps({name: (c.loaded[name], path) for name, path in files.items()}))"
    )
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", code],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    found = {name: (how, path) for name, (how, path) in json.loads(done.stdout).items()}
    return {**found, "stderr": ("", done.stderr)}


def test_a_stale_build_loads_the_sources(tmp_path: Path) -> None:
    """End to end on a copy of the built tree: compiled while current; the edited group's sources
    once one of its modules is edited, the other group still compiled."""
    if [_loaded(name) for name in NAMES] != ["compiled"] * len(NAMES):
        pytest.skip("needs the compiled build (`make install`)")
    here = Path(waystation.__file__).parents[1]
    shutil.copytree(
        here / "waystation", tmp_path / "waystation", ignore=shutil.ignore_patterns("__pycache__")
    )
    for built_group in GROUPS:
        shutil.copy(here / f"{built_group.shared}__mypyc{SUFFIX}", tmp_path)
    first = {g.name: source(g.directory(tmp_path), g.modules[0]) for g in GROUPS}
    built = {name: ("compiled", str(path.with_name(path.stem + SUFFIX))) for name, path in first.items()}
    pure = {name: ("source", str(path)) for name, path in first.items()}
    assert _load(tmp_path, {PURE_ENV: ""}) == {**built, "stderr": ("", "")}
    assert _load(tmp_path, {PURE_ENV: "1"}) == {**pure, "stderr": ("", "")}
    tokenizer = source(group("ingest").directory(tmp_path), "edifact.tokenizer")
    tokenizer.write_text(tokenizer.read_text() + "# edited\n")
    found = _load(tmp_path, {PURE_ENV: ""})
    assert (found["matching"], found["ingest"]) == (built["matching"], pure["ingest"])
    warning = found["stderr"][1]
    assert "waystation.ingest: running the pure-Python sources, the compiled modules are stale " in warning
    assert "(edited since the build: edifact.tokenizer)" in warning
    assert "waystation.matching:" not in warning
