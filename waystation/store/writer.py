"""One writing transaction at a time across the processes that share a SQLite file, handed over
without polling.

SQLite lets one connection write at a time; a connection that finds the write lock taken waits
in its busy handler, which sleeps 1, 2, 5, 10 … up to 100 ms between tries. With two server
processes under a peak of check-ins, those sleeps, not the work, set the tail latency (measured
in bench/RESULTS.md: two SQLite processes answered worse than one). A process that takes this
lock first — a thread lock, then ``flock`` on a file beside the database — waits in the kernel
and wakes as soon as the writer before it is done. PostgreSQL needs only the thread lock (its
row locks wake waiters at once), and an in-memory SQLite database belongs to one process.

The lock file is opened once per process, after any fork: ``flock`` locks belong to an open
file description, which a forked child would otherwise share with its parent (and then both
would hold the lock at once); and a forked child starts with a fresh thread lock, since the
thread that held its parent's is not in the child to release it.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: fall back to SQLite's own busy handler
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriteLock", "write_lock_for"]


class WriteLock:
    """Serialises writing transactions: in this process always, across processes on ``path``."""

    def __init__(self, path: Path | None = None) -> None:
        self._threads = threading.Lock()
        self._owner: int | None = None  # the thread holding it (a nested ``held`` is a no-op)
        self._path = path if fcntl is not None else None
        self._fd: int | None = None
        self._pid = 0
        _ALL.add(self)

    @property
    def path(self) -> Path | None:
        return self._path

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block (threads of this process queue first, then processes).

        The thread already holding it passes straight through: a service that holds it around
        a transaction may call one that would take it again (``services.audit.audited``)."""
        me = threading.get_ident()
        if self._owner == me:
            yield
            return
        with self._threads:
            self._owner = me
            try:
                if self._path is None:
                    yield
                    return
                fd = self._descriptor()
                fcntl.flock(fd, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                self._owner = None

    def close(self) -> None:
        """Close this process's lock file (a later use opens it again)."""
        with self._threads:
            if self._fd is not None and self._pid == os.getpid():
                os.close(self._fd)
            self._fd = None

    def _descriptor(self) -> int:
        pid = os.getpid()
        if self._fd is None or self._pid != pid:  # first use in this process (or after a fork)
            assert self._path is not None
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = pid
        return self._fd


_ALL: weakref.WeakSet[WriteLock] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for lock in _ALL:
        lock._threads = threading.Lock()
        lock._owner = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def write_lock_for(url: URL) -> WriteLock:
    """The lock for a store: a file beside a SQLite database, none across processes otherwise."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return WriteLock()
    return WriteLock(Path(f"{Path(database).expanduser()}-writer.lock"))
