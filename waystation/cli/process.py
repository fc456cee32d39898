"""Settings of the whole process, made where the process is started: the command line.

A service must not change what the interpreter does for everyone in the process (a library
user's, a test runner's); the ``waystation`` command owns its process and decides here, once:

- **the collector's permanent generation for analysed lists.** An analysed watchlist is hundreds
  of thousands of objects that live as long as the process. Left to the collector, the full
  collections a 300-passenger message triggers walk that whole index again and again (a third
  of a message's CPU, measured: bench/RESULTS.md, gateway). So after the screening service
  analyses a list (at the first message, and again after each list import) everything alive is
  moved to the permanent generation (``gc.freeze``): the workspace's ``on_screener_built`` hook,
  installed here, because only that moment knows the index exists;
- **fewer young collections** (threshold 60,000 allocations instead of 700): parsing and storing a
  message allocates tens of thousands of short-lived objects that reference counting frees anyway
  (screening leaves no reference cycles: ``tests/matching/test_screen.py``). A 300-passenger
  message keeps ~16,000 of them alive until it is answered; at 20,000 nearly every such message
  set off a collection that walked them all. 60,000 measured better in CPU per message (median
  and worst) and in the gateway's peak (bench/RESULTS.md, 2026-11-26 13:10–13:19 UTC).

:func:`prepare_process` is called by ``waystation serve`` (in every worker) and by the CLI's
workspace opener; a program that embeds waystation may call it or not.
"""

from __future__ import annotations

import gc

from waystation.services.workspace import Workspace

__all__ = ["YOUNG_THRESHOLD", "prepare_process", "settle_collector"]

YOUNG_THRESHOLD = 60_000
_DEFAULT_YOUNG = 700


def settle_collector() -> None:
    """Move every object alive now into the collector's permanent generation."""
    gc.freeze()


def prepare_process(workspace: Workspace) -> Workspace:
    """Tune the collector for this process and freeze each analysed list once it is built."""
    if gc.get_threshold()[0] == _DEFAULT_YOUNG:
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    workspace.on_screener_built = settle_collector
    return workspace
