"""``python -m bench.gateway.cpu``: CPU per carrier message, in process (no second process, no load).

On a machine shared with other work, wall-clock latency under load says more about the
neighbours than about the code; the CPU one message costs (``time.process_time``) is what sets
how many messages two cores can answer. This opens a fresh store (SQLite in a temporary folder,
or a new schema on ``--database-url``) with the bundled UN list and a carrier, warms it up (the
screener is analysed once), then submits ``--runs`` 300-passenger iAPI requests and as many 1-4
passenger check-ins, each with its own interchange reference, and prints the median CPU per
message, twice: calling the gateway service (``services.gateway.submit``) and posting through
the ASGI app in process (routing, authentication, request and response; the client's share is
included and is the same before and after a change). ``--profile`` prints the top of a cProfile
of one more message of each size.

Beside the CPU it prints what each message wrote: on SQLite the bytes the process handed to
``write()`` (``wchar`` in ``/proc/self/io``: the write-ahead log, the audit head file), on
PostgreSQL the write-ahead log the server produced (``pg_current_wal_lsn``; the whole server's,
so other databases' traffic shows as noise: read the minimum and median).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import platform
import pstats
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import make_url, text

from bench.gateway.traffic import Request, day_requests, peak_requests
from waystation.api import create_app
from waystation.cases.vocab import Role
from waystation.cli.process import prepare_process
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services.gateway import submit
from waystation.services.lists import import_watchlist
from waystation.services.principal import Principal
from waystation.services.users import create_user
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings
from waystation.store import make_engine

__all__ = ["main"]


@contextmanager
def _store(database_url: str | None) -> Iterator[Settings]:
    """Settings for a fresh store; on PostgreSQL a new schema, dropped at the end."""
    home = Path(tempfile.mkdtemp(prefix="ws-cpu-"))
    if not database_url:
        yield Settings(home=home)
        return
    base = make_url(database_url)
    schema = f"ws_cpu_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield Settings(home=home, database_url=url.render_as_string(hide_password=False))
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _cpu(action: Callable[[], object]) -> float:
    started = time.process_time()
    action()
    return (time.process_time() - started) * 1000


def _written() -> int:
    """Bytes this process passed to ``write()`` so far (Linux; 0 elsewhere)."""
    try:
        lines = Path("/proc/self/io").read_text().splitlines()
    except OSError:
        return 0
    return next(int(line.split()[1]) for line in lines if line.startswith("wchar:"))


class _Bytes:
    """Bytes written per message: the process's own writes, or PostgreSQL's write-ahead log."""

    def __init__(self, database_url: str | None) -> None:
        self.engine = make_engine(database_url) if database_url else None
        self.counts: list[int] = []

    def now(self) -> int:
        if self.engine is None:
            return _written()
        with self.engine.connect() as connection:
            return int(connection.execute(text("SELECT pg_current_wal_lsn() - '0/0'")).scalar_one())

    def report(self, name: str) -> None:
        if self.counts:
            what = "WAL bytes (server-wide)" if self.engine is not None else "bytes written"
            print(
                f"{name}: median {statistics.median(self.counts) / 1024:.1f} KiB {what} per message "
                f"(min {min(self.counts) / 1024:.1f}, max {max(self.counts) / 1024:.1f})",
                flush=True,
            )
        self.counts = []


def _post(workspace: Workspace, token: str) -> Callable[[Request], None]:
    """Post one message through the ASGI app in process (one event loop, kept open)."""
    app = create_app(workspace)
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://bench",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/edifact"},
    )

    def post(request: Request) -> None:
        response = loop.run_until_complete(client.post("/v1/messages", content=request.data))
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")

    return post


def _measure(
    name: str, action: Callable[[Request], object], requests: list[Request], written: _Bytes
) -> None:
    times = []
    for request in requests:
        before = written.now()
        times.append(_cpu(lambda r=request: action(r)))  # type: ignore[misc]
        written.counts.append(written.now() - before)
    print(
        f"{name}: median {statistics.median(times):.1f} ms CPU per message "
        f"(min {min(times):.1f}, max {max(times):.1f}, n={len(times)})",
        flush=True,
    )
    written.report(name)


def _profile(name: str, action: Callable[[Request], object], request: Request, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(action, request)
    print(f"--- cProfile, {name} ---")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9, help="messages of each size measured")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (a schema is made in it)")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions of a cProfile")
    parser.add_argument("--no-http", action="store_true", help="measure the service call only")
    args = parser.parse_args(argv)

    warm = 3
    big = day_requests(300 * (2 * args.runs + 2 * warm + 2), seed=5)
    small = peak_requests(2 * args.runs + 2 * warm + 2, seed=6)
    with _store(args.database_url) as settings:
        workspace = open_workspace(settings)
        import_watchlist(workspace, bundled_un_list(), sha256=BUNDLED_UN_SHA256, source="bundled")
        token = create_user(workspace, "bench-dcs", Role.CARRIER).token
        carrier = Principal("bench-dcs", Role.CARRIER)
        prepare_process(workspace)  # what `waystation serve` does for its process

        def service(request: Request) -> object:
            return submit(workspace, carrier, request.data)

        print(
            f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores; "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average {os.getloadavg()}; "
            f"store: {'PostgreSQL' if args.database_url else 'SQLite'}",
            flush=True,
        )
        written = _Bytes(args.database_url)
        for request in big[:warm] + small[:warm]:
            service(request)
        big, small = big[warm:], small[warm:]
        _measure("service, 300-passenger iAPI", service, big[: args.runs], written)
        _measure("service, 1-4 passenger check-in", service, small[: args.runs], written)
        big, small = big[args.runs :], small[args.runs :]
        if not args.no_http:
            post = _post(workspace, token)
            for request in big[:warm] + small[:warm]:
                post(request)
            big, small = big[warm:], small[warm:]
            _measure("HTTP in process, 300-passenger iAPI", post, big[: args.runs], written)
            _measure("HTTP in process, 1-4 passenger check-in", post, small[: args.runs], written)
            big, small = big[args.runs :], small[args.runs :]
        if args.profile:
            _profile("service, 300-passenger iAPI", service, big[0], args.profile)
            _profile("service, 1-4 passenger check-in", service, small[0], args.profile)
        print(f"load average at end {os.getloadavg()}")
        workspace.close()


if __name__ == "__main__":
    main()
