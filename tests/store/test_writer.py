"""The cross-process write lock of a SQLite store (store/writer.py)."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest
from sqlalchemy import make_url

from waystation.store.writer import WriteLock, write_lock_for


def _hold(path: str, taken: object, release: object) -> None:
    lock = WriteLock(Path(path))
    with lock.held():
        taken.set()  # type: ignore[attr-defined]
        release.wait(10)  # type: ignore[attr-defined]


def test_a_second_process_waits_until_the_first_releases(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    taken, release = context.Event(), context.Event()
    path = tmp_path / "store.db-writer.lock"
    child = context.Process(target=_hold, args=(str(path), taken, release), daemon=True)
    child.start()
    try:
        assert taken.wait(10)
        ours = WriteLock(path)
        got = threading.Event()

        def take() -> None:
            with ours.held():
                got.set()

        waiter = threading.Thread(target=take)
        waiter.start()
        assert not got.wait(0.3), "took the lock while another process held it"
        release.set()
        assert got.wait(10), "never got the lock after the other process released it"
        waiter.join(10)
    finally:
        release.set()
        child.join(10)
    assert child.exitcode == 0


def test_a_forked_child_does_not_share_its_parents_hold(tmp_path: Path) -> None:
    """flock belongs to the open file: a child must open its own, or both would hold it at once."""
    context = multiprocessing.get_context("fork")
    lock = WriteLock(tmp_path / "w.lock")
    taken, release = context.Event(), context.Event()
    with lock.held():  # the parent opens its descriptor and holds the lock across the fork
        child = context.Process(target=_hold_inherited, args=(lock, taken, release), daemon=True)
        child.start()
        assert not taken.wait(0.3), "the child took a lock its parent holds"
    assert taken.wait(10)
    release.set()
    child.join(10)
    assert child.exitcode == 0


def _hold_inherited(lock: WriteLock, taken: object, release: object) -> None:
    with lock.held():
        taken.set()  # type: ignore[attr-defined]
        release.wait(10)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////srv/ws/waystation.db", Path("/srv/ws/waystation.db-writer.lock")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql+psycopg://u@h/db", None),
    ],
)
def test_only_a_sqlite_file_gets_a_lock_file(url: str, expected: Path | None) -> None:
    assert write_lock_for(make_url(url)).path == expected


def test_the_holding_thread_may_take_it_again_and_others_still_wait(tmp_path: Path) -> None:
    """The gateway holds it around a transaction whose audit append would take it again."""
    lock = WriteLock(tmp_path / "w.lock")
    inner, other, release = threading.Event(), threading.Event(), threading.Event()

    def nested() -> None:
        with lock.held():
            with lock.held():  # the same thread again: passes through (a plain lock would hang here)
                inner.set()
            release.wait(10)

    def take() -> None:
        with lock.held():
            other.set()

    holder = threading.Thread(target=nested, daemon=True)
    holder.start()
    assert inner.wait(10), "the holding thread could not take its own lock again"
    waiter = threading.Thread(target=take, daemon=True)
    waiter.start()
    assert not other.wait(0.3), "another thread took it while the outer block still held it"
    release.set()
    assert other.wait(10)
    holder.join(10)
    waiter.join(10)
    lock.close()
