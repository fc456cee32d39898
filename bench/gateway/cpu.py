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


def _measure(name: str, action: Callable[[Request], object], requests: list[Request]) -> None:
    times = [_cpu(lambda r=request: action(r)) for request in requests]  # type: ignore[misc]
    print(
        f"{name}: median {statistics.median(times):.1f} ms CPU per message "
        f"(min {min(times):.1f}, max {max(times):.1f}, n={len(times)})",
        flush=True,
    )


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
        for request in big[:warm] + small[:warm]:
            service(request)
        big, small = big[warm:], small[warm:]
        _measure("service, 300-passenger iAPI", service, big[: args.runs])
        _measure("service, 1-4 passenger check-in", service, small[: args.runs])
        big, small = big[args.runs :], small[args.runs :]
        if not args.no_http:
            post = _post(workspace, token)
            for request in big[:warm] + small[:warm]:
                post(request)
            big, small = big[warm:], small[warm:]
            _measure("HTTP in process, 300-passenger iAPI", post, big[: args.runs])
            _measure("HTTP in process, 1-4 passenger check-in", post, small[: args.runs])
            big, small = big[args.runs :], small[args.runs :]
        if args.profile:
            _profile("service, 300-passenger iAPI", service, big[0], args.profile)
            _profile("service, 1-4 passenger check-in", service, small[0], args.profile)
        print(f"load average at end {os.getloadavg()}")
        workspace.close()


if __name__ == "__main__":
    main()
