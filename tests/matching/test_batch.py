"""A batch screened on every core: the calling process works too, and order is kept."""

from __future__ import annotations

import os
import time
from typing import Any

from waystation.matching.batch import CHUNKS_PER_WORKER, screen_on_every_core


def _where(traveller: Any) -> list[Any]:
    time.sleep(0.001)  # long enough that no process can take every chunk before the other starts
    return [(traveller, os.getpid())]


def test_results_come_back_in_input_order_and_the_caller_screened_some() -> None:
    travellers = list(range(2 * CHUNKS_PER_WORKER * 60))  # 32 chunks of 60
    results = screen_on_every_core(_where, travellers, 2)  # type: ignore[arg-type]
    assert [r[0][0] for r in results] == travellers
    by_process = {pid for ((_, pid),) in results}
    assert os.getpid() in by_process
    assert len(by_process) == 2


def test_three_processes_share_one_batch() -> None:
    travellers = list(range(3 * CHUNKS_PER_WORKER * 10))
    results = screen_on_every_core(_where, travellers, 3)  # type: ignore[arg-type]
    assert [r[0][0] for r in results] == travellers
    assert len({pid for ((_, pid),) in results}) == 3
