"""Compile the hottest modules with mypyc, in place (``make install`` runs it; docs/matching.md).

    .venv/bin/python tools/compile.py [GROUP ...] [--force] [--verbose]

Each group of ``waystation.compiled.GROUPS`` (``matching``: the screening engine; ``ingest``: the
EDIFACT reader; ``core``: the acyclic Locator and Provenance; all of them when none is named) is
compiled on its own: every module becomes a C extension beside its source, the group's mypyc
shared library goes beside ``waystation/``, and ``waystation/<group>/_compiled.json``
(``waystation/_compiled.json`` for ``core``) records the hash of every source compiled, which the
package checks at import (a stale build is never loaded). A group whose recorded build is
current is skipped. ``make install COMPILE=0`` does not run this.
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
BUILD_DIR = ROOT / "build" / "mypyc"


def _load_compiled() -> Any:
    """waystation/compiled.py alone, from this tree (whatever ``waystation`` the interpreter finds)."""
    spec = importlib.util.spec_from_file_location("_waystation_compiled", ROOT / "waystation" / "compiled.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _build(compiled: Any, group: Any, quiet: bool) -> None:
    """Compile one group in place and record it (the old build of the group removed first)."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    package_dir: Path = group.directory(ROOT)
    sources = [compiled.source(package_dir, m) for m in group.modules]
    hashes = {m: compiled.digest(path) for m, path in zip(group.modules, sources, strict=True)}
    # Unlinked, a loaded extension stays intact for the process using it. Every extension under
    # the package goes, so that none of a module dropped from the group is left unguarded.
    (package_dir / compiled.MANIFEST).unlink(missing_ok=True)
    # (A ``top`` group's package holds the other groups' packages: their extensions stay.)
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    others = [g.directory(ROOT) for g in compiled.GROUPS if g.name != group.name]
    for path in [*package_dir.rglob("*"), *ROOT.glob(f"{group.shared}__mypyc.*")]:
        if path.name.endswith(suffixes) and not any(o in path.parents for o in others):
            path.unlink()
    build_dir = BUILD_DIR / group.name
    paths = [str(p.relative_to(ROOT)) for p in sources]
    extensions = mypycify(paths, opt_level="3", target_dir=str(build_dir), group_name=group.shared)
    # Not setuptools.setup(): that would read pyproject.toml, which is hatchling's.
    distribution = Distribution(
        {
            "name": f"waystation-compiled-{group.name}",
            "ext_modules": extensions,
            "script_args": [
                *(["--quiet"] if quiet else []),
                "build_ext",
                "--inplace",
                f"--build-temp={build_dir / 'temp'}",
                f"--build-lib={build_dir / 'lib'}",
            ],
        }
    )
    distribution.parse_command_line()
    distribution.run_commands()
    record = {"suffix": importlib.machinery.EXTENSION_SUFFIXES[0], "shared": group.shared, "sources": hashes}
    (package_dir / compiled.MANIFEST).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")


def main(names: list[str], force: bool, quiet: bool) -> int:
    compiled = _load_compiled()
    known = [g.name for g in compiled.GROUPS]
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"compile: no group {', '.join(unknown)} (groups: {', '.join(known)})", file=sys.stderr)
        return 2
    os.chdir(ROOT)  # build_ext --inplace writes beside the sources, relative to here
    for group in compiled.GROUPS:
        if names and group.name not in names:
            continue
        package_dir = group.directory(ROOT)
        built = all(compiled.extension(package_dir, m) is not None for m in group.modules)
        if not force and built and compiled.stale(group, package_dir) is None:
            print(f"compile: {group.name}: the compiled modules are current")
            continue
        started = time.monotonic()
        _build(compiled, group, quiet)
        took = time.monotonic() - started
        print(f"compile: {group.name}: {len(group.modules)} modules compiled in {took:.0f} s")
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    sys.exit(
        main(
            [a for a in arguments if not a.startswith("--")],
            force="--force" in arguments,
            quiet="--verbose" not in arguments,
        )
    )
