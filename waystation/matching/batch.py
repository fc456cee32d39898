"""A big batch screened on every core, the calling process included.

The screener is read-only once built, so forked workers share it copy-on-write rather than
receive a copy: only hits travel back. Two costs decided the shape:

- **A forked worker is slower than its parent.** Every object it touches has its reference
  count written, which copies the page that holds it (some 25,000 pages of the UN list's index
  per worker, about 0.1 s of the kernel's time, plus colder caches). The calling process has no
  such cost, so it screens too, and ``workers`` processes means one fork fewer.
- **Work is handed out in small chunks from one shared counter**, not split up front: the
  calling process runs at full speed and the forked one a little slower, and a batch is not
  uniform (listed names cost more than clean ones), so a fixed split leaves one core idle at
  the end.

Results come back in input order. The collector is frozen while workers run, so they do not
copy every page a collection would walk.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from waystation.matching.types import Hit
    from waystation.model import Traveller

__all__ = ["CHUNKS_PER_WORKER", "screen_on_every_core"]

CHUNKS_PER_WORKER: Final = 16  # enough for the last chunk to be a small share of the batch
_SMALLEST_CHUNK: Final = 50

Screen = Callable[["Traveller"], list["Hit"]]


class _Work:
    """What forked workers inherit: the batch, how to screen one traveller, and the counter."""

    __slots__ = ("chunk", "next_chunk", "screen", "travellers")

    def __init__(
        self, screen: Screen, travellers: Sequence[Traveller], chunk: int, next_chunk: Synchronized[int]
    ) -> None:
        self.screen = screen
        self.travellers = travellers
        self.chunk = chunk
        self.next_chunk = next_chunk

    def take(self) -> int | None:
        """The start of the next unscreened chunk, or None when the batch is handed out."""
        with self.next_chunk.get_lock():
            number = self.next_chunk.value
            self.next_chunk.value = number + 1
        start = number * self.chunk
        return start if start < len(self.travellers) else None

    def drain(self) -> list[tuple[int, list[list[Hit]]]]:
        """Screen chunks until none is left; each with its start, to put back in order."""
        done: list[tuple[int, list[list[Hit]]]] = []
        while (start := self.take()) is not None:
            part = self.travellers[start : start + self.chunk]
            done.append((start, [self.screen(t) for t in part]))
        return done


_WORK: _Work | None = None  # set in the parent just before forking; what a worker inherited


def _drain_in_worker(_: int) -> list[tuple[int, list[list[Hit]]]]:
    assert _WORK is not None, "worker started without a batch"
    return _WORK.drain()


def screen_on_every_core(screen: Screen, travellers: Sequence[Traveller], workers: int) -> list[list[Hit]]:
    """``[screen(t) for t in travellers]`` on ``workers`` processes, this one among them."""
    global _WORK
    context = multiprocessing.get_context("fork")
    # A process that froze its own objects before (the service freezes each analysed list:
    # cli/process.py) keeps them frozen: unfreezing would hand the whole index back to the
    # collector, whose full collections would then walk it again for every message.
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    # Made after freezing: a frozen object freed later would shrink what the caller had frozen.
    chunk = max(_SMALLEST_CHUNK, len(travellers) // (workers * CHUNKS_PER_WORKER))
    _WORK = _Work(screen, travellers, chunk, context.Value("q", 0))
    try:
        with context.Pool(workers - 1) as pool:
            forked = pool.map_async(_drain_in_worker, range(workers - 1))
            parts = _WORK.drain()
            for more in forked.get():
                parts.extend(more)
    finally:
        _WORK = None
        if not frozen_before:
            gc.unfreeze()
    parts.sort(key=lambda part: part[0])
    return [hits for _, chunk_hits in parts for hits in chunk_hits]
