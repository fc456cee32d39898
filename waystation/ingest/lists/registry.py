"""Watchlist readers registered by format name, sniffing, and the one entry point to read a list.

Like the message registry (``waystation.ingest.registry``): a format is added by registering a
:class:`WatchlistReader`, never by editing a chain of ifs. Some formats are several files (OFAC's
CSV set is ``sdn.csv`` with ``alt.csv``, ``add.csv`` and ``sdn_comments.csv`` beside it): a
reader then declares ``siblings``, and :func:`read_watchlist` loads them from beside the main
file when it is given a path (and accepts them as a mapping when given bytes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from waystation.exc import Locator, UnknownFormat, WatchlistError
from waystation.model import Watchlist

__all__ = [
    "Siblings",
    "WatchlistReader",
    "read_watchlist",
    "reader_for",
    "readers",
    "register",
    "sniff_watchlist",
]

# Name of a companion file -> its bytes ("alt", "add", "comments" for OFAC).
Siblings = Mapping[str, bytes]


@dataclass(frozen=True, slots=True)
class WatchlistReader:
    """A named list reader.

    ``sniff`` scores the main file's bytes from 0 (not mine) to 1 (certainly mine); ``read``
    turns them (and any sibling files) into a :class:`Watchlist`; ``siblings`` maps a sibling's
    role to a function that gives its path from the main file's path.
    """

    name: str
    description: str
    sniff: Callable[[bytes], float]
    read: Callable[[bytes, str, Siblings], Watchlist]
    siblings: Mapping[str, Callable[[Path], Path]] = dataclasses.field(default_factory=dict)


_READERS: dict[str, WatchlistReader] = {}


def register(reader: WatchlistReader) -> WatchlistReader:
    """Add a reader under its name (a second registration of a name replaces the first)."""
    _READERS[reader.name] = reader
    return reader


def readers() -> dict[str, WatchlistReader]:
    """All registered readers by name (importing the formats registers them)."""
    _load_builtin()
    return dict(_READERS)


def reader_for(name: str) -> WatchlistReader:
    _load_builtin()
    try:
        return _READERS[name]
    except KeyError:
        known = ", ".join(sorted(_READERS))
        raise UnknownFormat(f"no watchlist format named {name!r}; known: {known}") from None


def sniff_watchlist(data: bytes, source: str = "<input>") -> WatchlistReader:
    """The reader most confident that it can read ``data``."""
    _load_builtin()
    if not data.strip(b" \t\r\n\x1a\x00"):
        raise WatchlistError("the file is empty", Locator(source))
    scored = sorted(((r.sniff(data), r.name) for r in _READERS.values()), reverse=True)
    if not scored or scored[0][0] <= 0.0:
        raise UnknownFormat(
            "not a watchlist format waystation reads (known: " + ", ".join(sorted(_READERS)) + ")",
            Locator(source),
        )
    return _READERS[scored[0][1]]


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise WatchlistError(f"cannot read the file: {exc.strerror or exc}", Locator(str(path))) from None


def read_watchlist(
    paths_or_bytes: str | Path | bytes,
    format: str | None = None,
    name: str | None = None,
    *,
    source: str | None = None,
    siblings: Siblings | None = None,
) -> Watchlist:
    """Read one watchlist from a path or from bytes, choosing the reader by name or by sniffing.

    With a path, the sibling files a format needs are found beside it (a missing one is an
    issue, not an error, unless the reader says otherwise); with bytes, pass them as
    ``siblings``. ``name`` replaces the reader's default list name; ``source`` names the input in
    locators (the path by default). Raises :class:`WatchlistError` or :class:`UnknownFormat`.
    """
    if isinstance(paths_or_bytes, bytes):
        data, where, path = paths_or_bytes, source or "<input>", None
    else:
        path = Path(paths_or_bytes)
        data, where = _read_file(path), source or str(path)
    reader = reader_for(format) if format else sniff_watchlist(data, where)
    companions: dict[str, bytes] = dict(siblings or {})
    if path is not None:
        for role, locate in reader.siblings.items():
            if role in companions:
                continue
            candidate = locate(path)
            if candidate.is_file():
                companions[role] = _read_file(candidate)
    watchlist = reader.read(data, where, companions)
    return dataclasses.replace(watchlist, name=name) if name else watchlist


def _load_builtin() -> None:
    """Import the built-in formats so that they register themselves."""
    from waystation.ingest.lists import formats  # noqa: F401  (imported for its registrations)
