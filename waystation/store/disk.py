"""Waiting for the disk after a SQLite writer lets the next one in: a group commit.

A SQLite commit in ``synchronous=FULL`` forces the write-ahead log to disk before it returns,
and the writer holds the store's writer lock (``store/writer.py``) all that time. Measured on the
2-core VM, that wait is 4 ms at the median and 24 ms at the 99th percentile; at a peak of 100
check-ins a second, the flushes alone kept the lock taken for some 40 % of the time, and a
300-passenger message queued behind them. So a writing service commits without the wait
(``defer_sync``: ``synchronous=NORMAL`` for that transaction), lets the lock go, and only then
waits for the disk itself, before it tells anyone: :meth:`DiskWait.wait` flushes the log file.

Why that is as safe as ``FULL``: after ``COMMIT`` the transaction's pages are in the log file
(the operating system's cache), so a killed process loses nothing; the flush makes them survive a
power cut too, and it covers every commit written to the file before it, which is also what
makes concurrent waits cheap (one flush serves all of them). If a checkpoint moved the pages into
the database file in between, ``NORMAL`` makes that checkpoint flush the log before copying and
the database file after it, so the pages are on disk already; the log is reused only after that.
When no log file is left (the last connection checkpointed and removed it), the database file is
flushed instead.

PostgreSQL commits as before: it flushes its own log for many sessions at once, and the writer
lock there is only a thread lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import URL
from sqlalchemy.orm import Session

from waystation.store.engine import defer_sync

__all__ = ["DiskWait", "disk_wait_for"]


class DiskWait:
    """How a writing transaction of one store waits for the disk (nothing to do but commit,
    except on a SQLite file)."""

    __slots__ = ("_database", "_log")

    def __init__(self, database: Path | None = None) -> None:
        self._database = database
        self._log = database.with_name(database.name + "-wal") if database is not None else None

    @property
    def deferred(self) -> bool:
        """Whether commits are made without the wait, which :meth:`wait` then does."""
        return self._database is not None

    def defer(self, session: Session) -> None:
        """Let this transaction's commit return before the disk has it (a SQLite file only)."""
        if self._database is not None:
            defer_sync(session)

    def wait(self) -> None:
        """Return once every commit made to this store so far is on disk (call it after the
        writer lock is released, before anything is acknowledged)."""
        if self._log is None or self._database is None:
            return
        for path in (self._log, self._database):
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue  # (no log file: everything was checkpointed into the database file)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            return


def disk_wait_for(url: URL) -> DiskWait:
    """The wait for a store: flushing the log file of a SQLite database file, nothing otherwise."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return DiskWait()
    return DiskWait(Path(database).expanduser())
