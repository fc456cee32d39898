"""The engine's compiled modules (mypyc, docs/matching.md): loaded all compiled or all from source,
compiled when ``make`` built them, and never when a source was edited after the build."""

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
from waystation.matching import compiled
from waystation.matching.compiled import MANIFEST, MODULES, PURE_ENV, digest, source, stale

SUFFIX = EXTENSION_SUFFIXES[0]


def _how(module: str) -> str:
    path = importlib.import_module(f"waystation.matching.{module}").__file__ or ""
    return "compiled" if path.endswith(SUFFIX) else "source" if path.endswith(".py") else path


def test_engine_modules_load_all_compiled_or_all_from_source() -> None:
    assert {_how(m) for m in MODULES} == {compiled.loaded}


def test_engine_modules_load_as_make_built_them() -> None:
    """`make test` compiles and expects the compiled modules; `make test COMPILE=0` the sources."""
    expected = os.environ.get("WAYSTATION_EXPECT_COMPILED")
    if expected not in ("0", "1"):
        pytest.skip("WAYSTATION_EXPECT_COMPILED is set by `make unit`")
    want = "compiled" if expected == "1" else "source"
    assert compiled.loaded == want
    assert {_how(m) for m in MODULES} == {compiled.loaded}


def _fake_build(root: Path) -> Path:
    """A package tree as tools/compile_matching.py leaves it (empty files for the extensions)."""
    package = root / "waystation" / "matching"
    for module in MODULES:
        path = source(package, module)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {module}\n")
        path.with_name(path.stem + SUFFIX).write_bytes(b"")
    (root / f"waystation_matching__mypyc{SUFFIX}").write_bytes(b"")
    sources = {m: digest(source(package, m)) for m in MODULES}
    record = {"suffix": SUFFIX, "shared": "waystation_matching", "sources": sources}
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
    assert stale(package) == reason


def _load(root: Path, env: dict[str, str]) -> tuple[str, str, str]:
    """How a fresh interpreter loads the engine from the tree at ``root``: how, index's file, stderr."""
    code = (
        "import waystation.matching.compiled as c, waystation.matching.index as m\n"
        "print(c.loaded, m.__file__)"
    )
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", code],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, path = done.stdout.split()
    return loaded, path, done.stderr


def test_a_stale_build_loads_the_sources(tmp_path: Path) -> None:
    """End to end on a copy of the built tree: compiled while current; the sources once one is edited."""
    if _how("index") != "compiled":
        pytest.skip("needs the compiled build (`make install`)")
    here = Path(waystation.__file__).parents[1]
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(here / "waystation", tmp_path / "waystation", ignore=ignore)
    shared = json.loads((here / "waystation" / "matching" / MANIFEST).read_text())["shared"]
    shutil.copy(here / f"{shared}__mypyc{SUFFIX}", tmp_path)
    env = {PURE_ENV: ""}
    index = tmp_path / "waystation" / "matching" / "index.py"
    assert _load(tmp_path, env) == ("compiled", str(index.with_name("index" + SUFFIX)), "")
    loaded, path, _ = _load(tmp_path, {PURE_ENV: "1"})
    assert (loaded, path) == ("source", str(index))
    index.write_text(index.read_text() + "# edited\n")
    loaded, path, warning = _load(tmp_path, env)
    assert (loaded, path) == ("source", str(index))
    assert "the compiled modules are stale (edited since the build: index)" in warning
