"""``python -m bench.gateway.phases``: where one gateway message's CPU goes, phase by phase.

The same store and traffic as ``bench.gateway.cpu`` (a fresh SQLite store, or a new schema on
``--database-url``, the bundled UN list, warmed up), but each step that
``services.gateway.submit`` takes is timed on its own (``time.process_time`` around the
function the gateway calls: keeping the bytes, parsing, the reads before screening, screening,
storing, recording the screening, deciding, the commit with the audit records and the disk wait,
the answer). The steps are wrapped where the gateway module looks them up, so the code measured
is the code that runs; what is not inside a step shows as ``other``. Prints the median and mean
per step over ``--runs`` messages of each size.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.gateway.cpu import _store
from bench.gateway.traffic import Request, day_requests, peak_requests
from waystation.cases.vocab import Role
from waystation.cli.process import prepare_process
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services import gateway
from waystation.services.lists import import_watchlist
from waystation.services.principal import Principal
from waystation.services.workspace import open_workspace

__all__ = ["main"]

_STEPS = (
    "receive_message",
    "read_received",
    "in_force",
    "policy_of",
    "screen_parsed",
    "store_received",
    "record_screening",
    "_decide",
    "_answered",
)


class _Clock:
    """CPU per named step of the message being measured."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.current[name] += time.process_time() - started

        return timed

    def wrap_context(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """A context manager whose entry and exit (the commit, the audit records) are timed."""

        @contextmanager
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            started = time.process_time()
            manager = function(*args, **kwargs)
            value = manager.__enter__()
            self.current[name + " enter"] += time.process_time() - started
            try:
                yield value
            except BaseException as error:
                if not manager.__exit__(type(error), error, error.__traceback__):
                    raise
            else:
                started = time.process_time()
                manager.__exit__(None, None, None)
                self.current[name + " exit"] += time.process_time() - started

        return timed


def _run(name: str, submit: Callable[[Request], object], requests: list[Request], clock: _Clock) -> None:
    per_step: dict[str, list[float]] = defaultdict(list)
    totals = []
    for request in requests:
        clock.current = defaultdict(float)
        started = time.process_time()
        submit(request)
        total = time.process_time() - started
        totals.append(total)
        for step, spent in clock.current.items():
            per_step[step].append(spent)
        per_step["other"].append(total - sum(clock.current.values()))
    print(f"--- {name}: total median {statistics.median(totals) * 1000:.2f} ms CPU (n={len(totals)})")
    for step, values in sorted(per_step.items(), key=lambda item: -statistics.mean(item[1])):
        print(
            f"  {step:24} median {statistics.median(values) * 1000:7.2f}  "
            f"mean {statistics.mean(values) * 1000:7.2f} ms"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="messages of each size measured")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (a schema is made in it)")
    args = parser.parse_args(argv)
    warm = 3
    big = day_requests(300 * (args.runs + warm + 1), seed=5)
    small = peak_requests(args.runs + warm + 1, seed=6)
    clock = _Clock()
    for step in _STEPS:
        setattr(gateway, step, clock.wrap(step, getattr(gateway, step)))
    gateway.audited = clock.wrap_context("audited", gateway.audited)  # type: ignore[assignment]
    with _store(args.database_url) as settings:
        workspace = open_workspace(settings)
        import_watchlist(workspace, bundled_un_list(), sha256=BUNDLED_UN_SHA256, source="bundled")
        carrier = Principal("bench-dcs", Role.CARRIER)
        prepare_process(workspace)

        def submit(request: Request) -> object:
            return gateway.submit(workspace, carrier, request.data)

        for request in big[:warm] + small[:warm]:
            submit(request)
        _run("300-passenger iAPI", submit, big[warm : warm + args.runs], clock)
        _run("1-4 passenger check-in", submit, small[warm : warm + args.runs], clock)
        workspace.close()


if __name__ == "__main__":
    main()
