"""Which engine modules run compiled, and the guard that keeps a stale build from running.

The hottest modules of the engine are compiled to C extension modules by mypyc
(``tools/compile_matching.py``, run by ``make install``; docs/matching.md). Each extension sits
beside its ``.py`` (mypyc's shared library beside the ``waystation`` directory) and Python's
import system prefers it, so the build also records a hash of
every source it compiled (``_compiled.json``). Before any engine module is imported the package
calls ``guard()``, which compares them: when a source was edited since the build, or the build is
incomplete or unrecorded, every compiled module is loaded from its source instead, with a
warning. All or none: compiled modules call each other's C code directly, so one module read from
its source beside compiled callers would not be what runs. ``WAYSTATION_PURE_PYTHON=1`` loads the
sources without a warning. This module is never compiled itself.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

__all__ = ["MANIFEST", "MODULES", "PURE_ENV", "digest", "extension", "guard", "loaded", "source", "stale"]

# Relative to waystation.matching; what the profile of a screening run spends its time in.
MODULES = (
    "algorithms",
    "compare.countries",
    "compare.dates",
    "compare.documents",
    "compare.gender",
    "compare.names",
    "compare.words",
    "index",
    "keys",
    "normalize",
    "particles",
    "profiles",
    "screener",
    "text",
)
MANIFEST = "_compiled.json"
PURE_ENV = "WAYSTATION_PURE_PYTHON"
PACKAGE = "waystation.matching"
_HERE = Path(__file__).resolve().parent


def source(package_dir: Path, module: str) -> Path:
    return package_dir.joinpath(*module.split(".")).with_suffix(".py")


def extension(package_dir: Path, module: str) -> Path | None:
    """The compiled module this interpreter would import instead of the source, if there is one."""
    base = package_dir.joinpath(*module.split("."))
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = base.with_name(base.name + suffix)
        if path.exists():
            return path
    return None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stale(package_dir: Path = _HERE) -> str | None:
    """Why the compiled modules in ``package_dir`` must not be loaded, or None when they are
    current or there are none (nothing then shadows a source)."""
    built = [m for m in MODULES if extension(package_dir, m) is not None]
    if not built:
        return None
    try:
        record = json.loads((package_dir / MANIFEST).read_text())
        suffix, shared, sources = record["suffix"], record["shared"], record["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"no readable {MANIFEST} records the build"
    if suffix != importlib.machinery.EXTENSION_SUFFIXES[0]:
        return f"built for {suffix}"
    if not isinstance(sources, dict) or sorted(sources) != sorted(MODULES):
        return "built from another list of modules"
    missing = [m for m in MODULES if m not in built]
    if not isinstance(shared, str) or not (package_dir.parents[1] / f"{shared}__mypyc{suffix}").exists():
        missing.append(f"mypyc's shared library {shared}")
    if missing:
        return "not compiled: " + ", ".join(missing)
    edited = [m for m in MODULES if sources[m] != digest(source(package_dir, m))]
    if edited:
        return "edited since the build: " + ", ".join(edited)
    return None


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules' sources ahead of the extensions beside them."""

    def __init__(self, package_dir: Path) -> None:
        self._paths = {f"{PACKAGE}.{m}": source(package_dir, m) for m in MODULES}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        found = self._paths.get(fullname)
        return importlib.util.spec_from_file_location(fullname, found) if found is not None else None


def guard() -> str:
    """Make the engine's modules load compiled only when the build is current; return (and keep in
    ``loaded``) how they load: "compiled" or "source"."""
    global loaded
    if not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        if os.environ.get(PURE_ENV) != "1":
            reason = stale()
            if reason is None:
                loaded = "compiled" if extension(_HERE, MODULES[0]) is not None else "source"
                return loaded
            warnings.warn(
                f"waystation.matching: running the pure-Python sources, the compiled modules are stale "
                f"({reason}); `make install` rebuilds them",
                RuntimeWarning,
                stacklevel=2,
            )
        sys.meta_path.insert(0, _SourceFinder(_HERE))
    loaded = "source"
    return loaded


loaded = "source"  # how the engine's modules load (set by ``guard``)
