"""``python -m bench.gateway.parse``: CPU to parse one 300-passenger iAPI message, in process.

Parsing alone (``ingest.registry.parse_message``, what the gateway calls before it stores and
screens), on ``--runs`` distinct generated messages after ``--warm`` others, so the readers'
caches (dates, country codes) are as warm as in a running service but no message is parsed
twice. Prints the median ``time.process_time`` per message and which build of the EDIFACT
reader ran (``compiled`` or ``source``; ``WAYSTATION_PURE_PYTHON=1`` forces the sources), then
what one more message leaves for the cyclic garbage collector: how far it moves the young
generation's count (collector off: what sets off collections; free lists make it exceed the
objects kept) and how many tracked objects are alive after a collection (what every later
collection walks while the gateway holds the message), per traveller.
``--profile N`` prints the top of a cProfile of one more message (meaningful on the sources
only: cProfile does not see inside compiled functions).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import time
from datetime import UTC, date, datetime

from bench.gateway.traffic import day_requests
from waystation import compiled
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message

__all__ = ["main"]

_CONTEXT = ParseContext(today=date(2026, 6, 1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20, help="messages measured")
    parser.add_argument("--warm", type=int, default=3, help="messages parsed first, not measured")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions of a cProfile")
    args = parser.parse_args(argv)
    requests = day_requests(300 * (args.warm + args.runs + 1), seed=5)
    for request in requests[: args.warm]:
        parse_message(request.data, request.reference, context=_CONTEXT)
    times = []
    for request in requests[args.warm : args.warm + args.runs]:
        started = time.process_time()
        parse_message(request.data, request.reference, context=_CONTEXT)
        times.append((time.process_time() - started) * 1000)
    print(
        f"{datetime.now(UTC):%H:%M:%S} UTC, load {os.getloadavg()[0]:.1f}, "
        f"EDIFACT reader {compiled.loaded['ingest']}: "
        f"parse 300-passenger median {statistics.median(times):.1f} ms CPU "
        f"(min {min(times):.1f}, max {max(times):.1f}, n={len(times)})",
        flush=True,
    )
    print(_footprint(requests[args.warm + args.runs].data), flush=True)
    if args.profile:
        last = requests[-1]
        profiler = cProfile.Profile()
        profiler.runcall(parse_message, last.data, last.reference, context=_CONTEXT)
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)


def _footprint(data: bytes) -> str:
    """What parsing ``data`` leaves for the collector (see the module docstring)."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        count, alive = gc.get_count()[0], len(gc.get_objects())
        parsed = parse_message(data, "footprint", context=_CONTEXT)
        moved = gc.get_count()[0] - count
        gc.collect()
        kept = len(gc.get_objects()) - alive
    finally:
        if was_enabled:
            gc.enable()
    travellers = sum(1 for _ in parsed.travellers())
    return (
        f"collector ({compiled.loaded['core']} core records), {travellers} travellers: young count "
        f"+{moved} ({moved / travellers:.1f} per traveller), tracked alive after a collection "
        f"{kept} ({kept / travellers:.1f} per traveller; first parse of this message: its date "
        f"caches' new entries included)"
    )


if __name__ == "__main__":
    main()
