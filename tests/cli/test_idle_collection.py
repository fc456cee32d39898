"""A served worker collects young objects between requests, not inside them (cli/process.py)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from typing import Any

import pytest

from waystation.cli.process import CollectWhenIdle, collect_if_due


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations collected while the test runs; automatic collections held off."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    threshold = gc.get_threshold()
    gc.set_threshold(10_000_000, threshold[1], threshold[2])
    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)


def _young(count: int) -> list[list[int]]:
    return [[] for _ in range(count)]  # lists are tracked by the collector; ints alone are not


def test_nothing_is_collected_below_the_least(collections: list[int]) -> None:
    gc.collect(0)
    kept = _young(100)
    assert collect_if_due(least=5_000) is None
    assert collections == [0]  # only the test's own reset
    assert kept


def test_a_young_collection_when_enough_is_pending_and_the_middle_one_when_it_is_due(
    collections: list[int],
) -> None:
    gc.collect(1)  # the middle generation's count starts at 0
    kept = _young(6_000)
    assert collect_if_due(least=5_000) == 0
    assert collections[-1] == 0
    for _ in range(gc.get_threshold()[1] - 1):
        gc.collect(0)
    kept += _young(6_000)
    assert collect_if_due(least=5_000) == 1  # the collector's own rule: every threshold[1] young
    assert collections[-1] == 1


def test_the_middleware_collects_only_when_the_last_request_in_flight_ends(
    collections: list[int],
) -> None:
    release = asyncio.Event()
    kept: list[list[int]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        kept.extend(_young(3_000))  # each request leaves survivors in the young generation
        if scope["path"] == "/slow":
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    middleware = CollectWhenIdle(app, least=5_000)

    async def call(path: str) -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        async def send(_message: dict[str, Any]) -> None:
            return None

        await middleware({"type": "http", "path": path}, receive, send)

    async def scenario() -> tuple[list[int], list[int]]:
        gc.collect(0)
        start = len(collections)
        slow = asyncio.create_task(call("/slow"))
        await asyncio.sleep(0)
        await call("/fast")  # 6,000 pending, but /slow is still in flight
        while_busy = collections[start:]
        release.set()
        await slow
        return while_busy, collections[start:]

    while_busy, after = asyncio.run(scenario())
    assert while_busy == []
    assert after == [0]
    assert middleware.in_flight == 0


def test_a_served_worker_collects_when_idle(tmp_path: Any) -> None:
    from waystation.cli.serve import served_app
    from waystation.settings import Settings

    app = served_app(Settings(home=tmp_path / "home"), recover_at_start=False)
    try:
        assert [m.cls for m in app.user_middleware].count(CollectWhenIdle) == 1
    finally:
        app.state.workspace.close()
