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
  the end. A chunk is ~7 ms of work, so the last one to finish keeps the other core idle for no
  longer than that; taking one costs a lock, about a microsecond.
- **A worker freezes what it inherited** (``gc.freeze`` as it starts, which costs nothing), so
  its collections never walk the index and copy every page they would touch. The caller's
  collector is left alone: asking it how much is frozen (``gc.get_freeze_count``) walks the
  whole frozen list: 280,000 objects with the UN list's index, 23 ms of CPU alone and 40–90 ms
  measured at the start of a 16,000-traveller batch, against ~1 s for the whole batch.

Results come back in input order.
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

__all__ = ["CHUNK", "screen_on_every_core"]

CHUNK: Final = 64  # travellers handed out at a time: ~7 ms of screening against the UN list

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


def screen_on_every_core(
    screen: Screen, travellers: Sequence[Traveller], workers: int, *, chunk: int = CHUNK
) -> list[list[Hit]]:
    """``[screen(t) for t in travellers]`` on ``workers`` processes, this one among them."""
    global _WORK
    context = multiprocessing.get_context("fork")
    _WORK = _Work(screen, travellers, chunk, context.Value("q", 0))
    try:
        with context.Pool(workers - 1, initializer=gc.freeze) as pool:
            forked = pool.map_async(_drain_in_worker, range(workers - 1))
            parts = _WORK.drain()
            for more in forked.get():
                parts.extend(more)
    finally:
        _WORK = None
    parts.sort(key=lambda part: part[0])
    return [hits for _, chunk_hits in parts for hits in chunk_hits]
