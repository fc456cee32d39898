"""Which modules run compiled, and the guard that keeps a stale build from running.

The hottest modules of two packages are compiled to C extension modules by mypyc
(``tools/compile.py``, run by ``make install``; docs/matching.md): the screening engine
(``matching``) and the EDIFACT reader (``ingest``); and a third group, ``core``, compiles the
``Locator`` and ``Provenance`` records as acyclic classes, which the cyclic garbage collector does
not track (``waystation/locator.py`` says why; its modules sit in two packages, so
``waystation/__init__.py`` guards it and its record is ``waystation/_compiled.json``). Each
package is one group: its extensions sit
beside their ``.py`` files, its mypyc shared library (``waystation_<group>__mypyc``) beside the
``waystation`` directory, and its build records a hash of every source it compiled
(``waystation/<group>/_compiled.json``). Python's import system prefers an extension to its
source, so before any module of a group is imported its package calls ``guard(group)``, which
compares the hashes: when a source was edited since the build, or the build is incomplete or
unrecorded, every compiled module of that group is loaded from its source instead, with a
warning. All or none within a group: its modules call each other's C code directly, so one
module read from its source beside compiled callers would not be what runs. A group uses another's
modules only as Python imports (mypyc compiles each group alone), so each is guarded and rebuilt
on its own. ``WAYSTATION_PURE_PYTHON=1``
loads every source without a warning. This module is never compiled itself and imports only
the standard library (the build tool loads it before the packages).
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
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

__all__ = [
    "GROUPS",
    "MANIFEST",
    "PURE_ENV",
    "Group",
    "digest",
    "extension",
    "group",
    "guard",
    "loaded",
    "source",
    "stale",
]

MANIFEST = "_compiled.json"
PURE_ENV = "WAYSTATION_PURE_PYTHON"
_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Group:
    """Modules of one package (``waystation.<name>``) compiled together into one shared library.

    A ``top`` group's modules are named from ``waystation`` itself (``core``: modules of several
    packages that everything imports); its record is ``waystation/_compiled.json``.
    """

    name: str
    modules: tuple[str, ...]  # relative to the package, in dotted form
    top: bool = False

    @property
    def package(self) -> str:
        return "waystation" if self.top else f"waystation.{self.name}"

    @property
    def shared(self) -> str:
        """mypyc's shared library for the group (``<shared>__mypyc<suffix>`` beside ``waystation/``)."""
        return f"waystation_{self.name}"

    def directory(self, root: Path = _ROOT) -> Path:
        return root / "waystation" if self.top else root / "waystation" / self.name

    def library_directory(self, package_dir: Path) -> Path:
        """Where mypyc's shared library sits: beside the ``waystation`` directory."""
        return package_dir.parent if self.top else package_dir.parents[1]


GROUPS = (
    # The records a parsed message holds one of per value read, compiled as acyclic classes so that
    # the cyclic garbage collector does not track them (waystation/locator.py says why).
    Group("core", ("locator", "model.provenance"), top=True),
    # What the profile of a screening run spends its time in.
    Group(
        "matching",
        (
            "algorithms",
            "compare.countries",
            "compare.dates",
            "compare.documents",
            "compare.gender",
            "compare.names",
            "compare.words",
            "index",
            "keys",
            "neardates",
            "normalize",
            "particles",
            "profiles",
            "screener",
            "text",
        ),
    ),
    # What parsing a PAXLST spends its time in: cutting segments, reading persons, dates, provenance.
    Group(
        "ingest",
        (
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
        ),
    ),
)


def group(name: str) -> Group:
    for found in GROUPS:
        if found.name == name:
            return found
    raise KeyError(f"no compiled group {name!r}")


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


def stale(built_group: Group, package_dir: Path | None = None) -> str | None:
    """Why the group's compiled modules in ``package_dir`` must not be loaded, or None when they
    are current or there are none (nothing then shadows a source)."""
    package_dir = package_dir or built_group.directory()
    modules = built_group.modules
    built = [m for m in modules if extension(package_dir, m) is not None]
    if not built:
        return None
    try:
        record = json.loads((package_dir / MANIFEST).read_text())
        suffix, shared, sources = record["suffix"], record["shared"], record["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"no readable {MANIFEST} records the build"
    if suffix != importlib.machinery.EXTENSION_SUFFIXES[0]:
        return f"built for {suffix}"
    if not isinstance(sources, dict) or sorted(sources) != sorted(modules):
        return "built from another list of modules"
    missing = [m for m in modules if m not in built]
    if (
        not isinstance(shared, str)
        or not (built_group.library_directory(package_dir) / f"{shared}__mypyc{suffix}").exists()
    ):
        missing.append(f"mypyc's shared library {shared}")
    if missing:
        return "not compiled: " + ", ".join(missing)
    edited = [m for m in modules if sources[m] != digest(source(package_dir, m))]
    if edited:
        return "edited since the build: " + ", ".join(edited)
    return None


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds a group's compiled modules' sources ahead of the extensions beside them."""

    def __init__(self, built_group: Group) -> None:
        self.group = built_group.name
        directory = built_group.directory()
        self._paths = {f"{built_group.package}.{m}": source(directory, m) for m in built_group.modules}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        found = self._paths.get(fullname)
        return importlib.util.spec_from_file_location(fullname, found) if found is not None else None


def guard(name: str) -> str:
    """Make group ``name``'s modules load compiled only when its build is current; return (and
    keep in ``loaded[name]``) how they load: "compiled" or "source"."""
    guarded = group(name)
    if not any(isinstance(f, _SourceFinder) and f.group == name for f in sys.meta_path):
        if os.environ.get(PURE_ENV) != "1":
            reason = stale(guarded)
            if reason is None:
                built = extension(guarded.directory(), guarded.modules[0]) is not None
                loaded[name] = "compiled" if built else "source"
                return loaded[name]
            warnings.warn(
                f"{guarded.package}: running the pure-Python sources, the compiled modules are stale "
                f"({reason}); `make install` rebuilds them",
                RuntimeWarning,
                stacklevel=2,
            )
        sys.meta_path.insert(0, _SourceFinder(guarded))
    loaded[name] = "source"
    return loaded[name]


# How each group's modules load (set by ``guard`` when its package is imported).
loaded: dict[str, str] = {g.name: "source" for g in GROUPS}
