"""A batch screened on every core: the calling process works too, and order is kept."""

from __future__ import annotations

import gc
import os
import time
from typing import Any

from waystation.matching.batch import screen_on_every_core

_FROZEN: dict[int, int] = {}  # per process: how many objects its collector had frozen when it began


def _where(traveller: Any) -> list[Any]:
    time.sleep(0.001)  # long enough that no process can take every chunk before the other starts
    return [(traveller, os.getpid())]


def _frozen_where(traveller: Any) -> list[Any]:
    time.sleep(0.001)
    pid = os.getpid()
    if pid not in _FROZEN:  # counted once per process: the count walks every frozen object
        _FROZEN[pid] = gc.get_freeze_count()
    return [(pid, _FROZEN[pid])]


def test_results_come_back_in_input_order_and_the_caller_screened_some() -> None:
    travellers = list(range(32 * 20))  # 32 chunks of 20
    results = screen_on_every_core(_where, travellers, 2, chunk=20)  # type: ignore[arg-type]
    assert [r[0][0] for r in results] == travellers
    by_process = {pid for ((_, pid),) in results}
    assert os.getpid() in by_process
    assert len(by_process) == 2


def test_three_processes_share_one_batch() -> None:
    travellers = list(range(30 * 10))
    results = screen_on_every_core(_where, travellers, 3, chunk=10)  # type: ignore[arg-type]
    assert [r[0][0] for r in results] == travellers
    assert len({pid for ((_, pid),) in results}) == 3


def test_a_worker_freezes_what_it_inherited_and_the_caller_is_left_as_it_was() -> None:
    _FROZEN.clear()
    before = gc.get_freeze_count()
    results = screen_on_every_core(_frozen_where, list(range(400)), 2, chunk=10)  # type: ignore[arg-type]
    counts = dict(pair for (pair,) in results)
    assert set(counts) - {os.getpid()}, "the worker screened nothing"
    worker = next(pid for pid in counts if pid != os.getpid())
    assert counts[worker] > before + 10_000  # everything it inherited: modules, the batch, pytest
    assert counts[os.getpid()] == before
    assert gc.get_freeze_count() == before
