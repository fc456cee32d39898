"""``python -m bench.gateway``: replay a busy hub's day against a real server on loopback.

1. Start ``waystation serve`` (a second process) on a fresh store with the UN list and a carrier.
2. Day: 300-passenger iAPI requests adding up to ``--passengers`` (270,000 by default), sent by
   ``--concurrency`` clients as fast as the server answers: throughput and answer latency.
3. Peak: ``--peak-rate`` small check-in requests per second (100 by default) for
   ``--peak-seconds``, open loop, with 300-passenger requests mixed in: their latency under load.
4. Count: every acknowledged message is in the store, parsed, with all its travellers.
Bounded by ``--max-seconds``: the day phase stops sending when the time is up (and says so).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bench.gateway.client import Connections
from bench.gateway.server import Server
from bench.gateway.traffic import Request, day_requests, peak_requests
from waystation.cases.vocab import Role
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services.lists import import_watchlist
from waystation.services.users import create_user
from waystation.services.workspace import open_workspace
from waystation.settings import Settings
from waystation.store import MessageStatus
from waystation.store.schema import RawMessageRow, TravellerRow

__all__ = ["main"]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    acked: dict[int, Request] = field(default_factory=dict)
    failed: int = 0
    passengers: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, request: Request, seconds: float, response: httpx.Response | None, error: str = "") -> None:
        if response is None or response.status_code != 200:
            self.failed += 1
            self.reasons[error or _reason(response)] += 1
            return
        self.latencies.append(seconds)
        self.acked[int(response.headers["X-Message-Id"])] = request
        self.passengers += request.passengers


def _reason(response: httpx.Response | None) -> str:
    """``HTTP 409: <the error's message>`` (the service's one JSON error shape), to say why."""
    if response is None:
        return "HTTP ?"
    try:
        message = str(response.json().get("message", ""))[:160]
    except ValueError:
        message = response.text[:160]
    return f"HTTP {response.status_code}: {message}" if message else f"HTTP {response.status_code}"


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _send(client: Connections, request: Request, tally: Tally) -> None:
    started = time.perf_counter()
    error = ""
    try:
        response: httpx.Response | None = await client.post("/v1/messages", request.data)
    except httpx.HTTPError as exc:
        response, error = None, type(exc).__name__
    tally.add(request, time.perf_counter() - started, response, error)


async def _closed_loop(client: Connections, requests: list[Request], concurrency: int, until: float) -> Tally:
    tally = Tally()
    queue = list(reversed(requests))

    async def worker() -> None:
        while queue and time.monotonic() < until:
            await _send(client, queue.pop(), tally)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return tally


async def _open_loop(
    client: Connections, small: list[Request], big: list[Request], rate: float, seconds: float
) -> tuple[Tally, Tally, float]:
    small_tally, big_tally = Tally(), Tally()
    tasks = []
    start = time.monotonic()
    big_every = max(1, int(rate))  # one 300-passenger request per second of peak
    for number, request in enumerate(small):
        due = start + number / rate
        if due - start > seconds:
            break
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        tasks.append(asyncio.create_task(_send(client, request, small_tally)))
        if number % big_every == 0 and big:
            tasks.append(asyncio.create_task(_send(client, big.pop(), big_tally)))
    await asyncio.gather(*tasks)
    return small_tally, big_tally, time.monotonic() - start


def _count(settings: Settings, tallies: list[Tally]) -> tuple[int, int, int, int]:
    """(acknowledged, found parsed, travellers expected, travellers found), counted in the store."""
    workspace = open_workspace(settings, migrate=False)
    acked = {message_id: request for tally in tallies for message_id, request in tally.acked.items()}
    ids = list(acked)
    parsed = stored = 0
    with workspace.transaction() as session:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            parsed += session.execute(
                select(func.count(RawMessageRow.id)).where(
                    RawMessageRow.id.in_(part), RawMessageRow.status == MessageStatus.PARSED.value
                )
            ).scalar_one()
            stored += session.execute(
                select(func.count(TravellerRow.id)).where(TravellerRow.raw_message_id.in_(part))
            ).scalar_one()
    workspace.close()
    return len(acked), parsed, sum(r.passengers for r in acked.values()), stored


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passengers", type=int, default=270_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--peak-rate", type=float, default=100.0)
    parser.add_argument("--peak-seconds", type=float, default=20.0)
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--generator-nice",
        type=int,
        default=0,
        help="lower the load generator's priority by this much once the server runs (it stands for "
        "carriers on other machines: at 10 it takes only what the server leaves idle)",
    )
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL URL (SQLite in a temporary folder by default)"
    )
    args = parser.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="ws-bench-"))
    settings = Settings(home=home, database_url=args.database_url)
    workspace = open_workspace(settings)
    import_watchlist(workspace, bundled_un_list(), sha256=BUNDLED_UN_SHA256, source="bundled")
    token = create_user(workspace, "bench-dcs", Role.CARRIER).token
    workspace.close()
    print(f"generating traffic for {args.passengers} passengers ...", flush=True)
    day = day_requests(args.passengers)
    small = peak_requests(int(args.peak_rate * args.peak_seconds) + 1)
    big_for_peak = day_requests(300 * int(args.peak_seconds) + 300, seed=3)
    env = {"WAYSTATION_HOME": str(home)}
    if args.database_url:
        env["WAYSTATION_DATABASE_URL"] = args.database_url
    server = Server(env, home / "server.log", workers=args.workers)
    server.start()
    if args.generator_nice:
        os.nice(args.generator_nice)  # the server, started before, keeps the usual priority
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/edifact"}

    async def run() -> tuple[Tally, float, Tally, Tally, float]:
        client = Connections(server.url, headers, timeout=120)
        try:
            started = time.monotonic()
            day_tally = await _closed_loop(client, day, args.concurrency, started + args.max_seconds)
            day_seconds = time.monotonic() - started
            small_tally, big_tally, peak_seconds = await _open_loop(
                client, small, list(big_for_peak), args.peak_rate, args.peak_seconds
            )
            print(f"load generator: at most {client.opened} connections open at once", flush=True)
            return day_tally, day_seconds, small_tally, big_tally, peak_seconds
        finally:
            await client.aclose()

    try:
        day_tally, day_seconds, small_tally, big_tally, peak_seconds = asyncio.run(run())
    finally:
        server.stop()
    _report(args, day, day_tally, day_seconds, small_tally, big_tally, peak_seconds)
    acked, parsed, expected, stored = _count(settings, [day_tally, small_tally, big_tally])
    print(
        f"stored: {parsed}/{acked} acknowledged messages parsed in the store; "
        f"{stored}/{expected} travellers; lost messages {acked - parsed}, lost travellers {expected - stored}"
    )


def _report(
    args: argparse.Namespace,
    day: list[Request],
    day_tally: Tally,
    day_seconds: float,
    small_tally: Tally,
    big_tally: Tally,
    peak_seconds: float,
) -> None:
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average at end {os.getloadavg()}"
    )
    print(
        f"store: {'PostgreSQL' if args.database_url else 'SQLite'}; server workers: {args.workers}; "
        f"load generator niced by {args.generator_nice}"
    )
    answered = len(day_tally.acked)
    print(
        f"day: {answered}/{len(day)} 300-passenger iAPI requests answered "
        f"({day_tally.passengers} passengers) in {day_seconds:.1f} s, failures {day_tally.failed}; "
        f"{answered / day_seconds:.2f} msg/s, {day_tally.passengers / day_seconds:.0f} passengers/s; "
        f"latency p50 {_pct(day_tally.latencies, 0.5):.0f} ms, "
        f"p99 {_pct(day_tally.latencies, 0.99):.0f} ms (concurrency {args.concurrency})"
    )
    for name, tally in (("day", day_tally), ("peak small", small_tally), ("peak 300-pax", big_tally)):
        if tally.reasons:
            print(f"{name} failures: " + ", ".join(f"{r} x{n}" for r, n in tally.reasons.most_common()))
    if answered + day_tally.failed < len(day):
        print(f"day: stopped by --max-seconds after {answered + day_tally.failed} of {len(day)} requests")
    print(
        f"peak: {len(small_tally.acked)} small check-in requests offered at {args.peak_rate:.0f}/s over "
        f"{peak_seconds:.1f} s (achieved {len(small_tally.acked) / peak_seconds:.1f} msg/s), failures "
        f"{small_tally.failed}; latency p50 {_pct(small_tally.latencies, 0.5):.0f} ms, "
        f"p99 {_pct(small_tally.latencies, 0.99):.0f} ms"
    )
    print(
        f"peak: {len(big_tally.acked)} 300-passenger iAPI requests under that load: latency p50 "
        f"{_pct(big_tally.latencies, 0.5):.0f} ms, p99 {_pct(big_tally.latencies, 0.99):.0f} ms; "
        f"failures {big_tally.failed}"
    )


if __name__ == "__main__":
    main()
