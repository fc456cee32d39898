"""Compile the engine's hottest modules with mypyc, in place (``make install`` runs it; docs/matching.md).

    .venv/bin/python tools/compile_matching.py [--force] [--verbose]

Each module in ``waystation.matching.compiled.MODULES`` becomes a C extension beside its source,
and ``waystation/matching/_compiled.json`` records the hash of every source compiled, which the
package checks at import (a stale build is never loaded). Nothing is done when the recorded
build is current. ``make install COMPILE=0`` does not run this.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "waystation" / "matching"
BUILD_DIR = ROOT / "build" / "mypyc"
# mypyc's runtime and the compiled code live in one library above the package tree (where mypyc
# expects it: each module's __file__ is derived from its place), beside the package directory,
# named so where mypyc can be told the name, else <hash>__mypyc.
SHARED = "waystation_matching"


def _load_compiled() -> Any:
    """waystation/matching/compiled.py alone (importing the package would load the old build)."""
    spec = importlib.util.spec_from_file_location("_waystation_compiled", PACKAGE_DIR / "compiled.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(force: bool, quiet: bool) -> int:
    compiled = _load_compiled()
    modules: tuple[str, ...] = compiled.MODULES
    built = all(compiled.extension(PACKAGE_DIR, m) is not None for m in modules)
    if not force and built and compiled.stale(PACKAGE_DIR) is None:
        print("compile_matching: the compiled modules are current")
        return 0
    os.chdir(ROOT)  # build_ext --inplace writes beside the sources, relative to here
    from mypyc.build import mypycify
    from setuptools import Distribution

    sources = [compiled.source(PACKAGE_DIR, m) for m in modules]
    hashes = {m: compiled.digest(path) for m, path in zip(modules, sources, strict=True)}
    # The old build goes first: unlinked, a loaded extension stays intact for the process using it.
    (PACKAGE_DIR / compiled.MANIFEST).unlink(missing_ok=True)
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for path in [*PACKAGE_DIR.rglob("*"), *ROOT.glob("*__mypyc.*")]:
        if path.name.endswith(suffixes):
            path.unlink()
    started = time.monotonic()
    paths = [str(p.relative_to(ROOT)) for p in sources]
    try:
        extensions = mypycify(paths, opt_level="3", target_dir=str(BUILD_DIR), group_name=SHARED)
    except TypeError:  # (an older mypyc names it itself)
        extensions = mypycify(paths, opt_level="3", target_dir=str(BUILD_DIR))
    shared = next(e.name for e in extensions if e.name.endswith("__mypyc")).removesuffix("__mypyc")
    # Not setuptools.setup(): that would read pyproject.toml, which is hatchling's.
    distribution = Distribution(
        {
            "name": "waystation-compiled",
            "ext_modules": extensions,
            "script_args": [
                *(["--quiet"] if quiet else []),
                "build_ext",
                "--inplace",
                f"--build-temp={BUILD_DIR / 'temp'}",
                f"--build-lib={BUILD_DIR / 'lib'}",
            ],
        }
    )
    distribution.parse_command_line()
    distribution.run_commands()
    record = {"suffix": importlib.machinery.EXTENSION_SUFFIXES[0], "shared": shared, "sources": hashes}
    (PACKAGE_DIR / compiled.MANIFEST).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    print(f"compile_matching: {len(modules)} modules compiled in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(force="--force" in sys.argv[1:], quiet="--verbose" not in sys.argv[1:]))
