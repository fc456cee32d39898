"""How long each real watchlist takes to read (run: ``.venv/bin/python bench/lists_load.py``).

Best of N runs per file in one process (imports and the country table warmed up first), so the
numbers are parse time, not start-up. Wall time and CPU time are both printed: on a shared
machine the CPU time is the steadier figure. Record the load average with them.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from waystation.ingest.lists import diff_watchlists, read_watchlist

SHARED = Path(os.environ.get("WAYSTATION_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FILES = [
    "un-consolidated.xml",
    "un-consolidated-2026-01-28.xml",
    "ofac-sdn.csv",
    "ofac-consolidated-nonsdn.xml",
    "opensanctions-zala-entities.ftm.json",
    "uk-hmt-conlist-2018-04-13.csv",
    "opensanctions-interpol-red-notices-targets.simple.csv",
]


def main(runs: int = 5) -> None:
    folder = SHARED / "data" / "watchlists"
    read_watchlist(folder / FILES[0])  # warm-up
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; best of {runs} runs")
    print(f"{'file':56} {'entries':>8} {'wall s':>8} {'cpu s':>8}")
    for name in FILES:
        wall = cpu = float("inf")
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            listed = read_watchlist(folder / name)
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        print(f"{name:56} {len(listed.entries):>8} {wall:>8.3f} {cpu:>8.3f}")
    old, new = read_watchlist(folder / FILES[1]), read_watchlist(folder / FILES[0])
    start, start_cpu = time.perf_counter(), time.process_time()
    diff = diff_watchlists(old, new)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(f"{'diff UN January -> May (changed entries)':56} {len(diff.changed):>8} {wall:>8.3f} {cpu:>8.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
