"""Kill -9 the real server mid-ingest, restart it, and find every acknowledged message and every
traveller it carried in the store (SQLite always, PostgreSQL when configured).

Senders post synthetic PAXLST messages from several threads; the server is killed while
requests are in flight. An acknowledged message (HTTP 200 with its id) must be stored, parsed,
with all its travellers after the restart; a message whose request died with the server may
or may not have been kept, but none may be left half-processed: the restart finishes them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.reliability.server import sender_threads, served_store
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.vocab import Role
from waystation.services.users import create_user
from waystation.store import MessageStatus, get_message, messages_with_status, travellers_of_message
from waystation.synth import generate_day
from waystation.synth.render_edifact import render_paxlst

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Ack:
    message_id: int
    travellers: int
    references: tuple[str, ...]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_nothing_acknowledged_is_lost_when_the_server_is_killed(
    backend: str,
    tmp_path: Path,
    postgres_schema_factory: object,  # noqa: F811
) -> None:
    workspace, server = served_store(backend, tmp_path, postgres_schema_factory)
    token = create_user(workspace, "dcs", Role.CARRIER).token
    day = generate_day(None, seed=11, flights=40, passengers_per_flight=(40, 90), planted=0, namesakes=0)
    messages = [render_paxlst(flight, f"CRASH{n:05d}") for n, flight in enumerate(day.flights)]
    expected = {f"CRASH{n:05d}": len(flight.travellers) for n, flight in enumerate(day.flights)}
    server.start()
    acks: list[Ack] = []
    queue = [(data, f"CRASH{number:05d}") for number, data in enumerate(messages)]

    def answered(reference: str, response: httpx.Response) -> None:
        if response.status_code == 200:
            body = response.json()
            acks.append(Ack(body["message_id"], body["travellers"], (reference,)))

    senders = sender_threads(server.url, token, queue, 3, answered, timeout=30)
    try:
        for sender in senders:
            sender.start()
        deadline = time.monotonic() + 60
        while len(acks) < 8 and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()  # mid-ingest: three senders have requests in flight
        for sender in senders:
            sender.join(timeout=60)
        assert len(acks) >= 8, "the server acknowledged too few messages before the kill"
        assert queue, "every message was sent before the kill: the kill was not mid-ingest"
        server.start()  # recovery finishes what the kill interrupted, before serving
    finally:
        server.stop()

    with workspace.transaction() as session:
        assert messages_with_status(session, MessageStatus.RECEIVED) == []
        for ack in acks:
            stored = get_message(session, ack.message_id)
            assert stored.status is MessageStatus.PARSED
            assert stored.interchange_ref in ack.references
            travellers = travellers_of_message(session, ack.message_id)
            assert len(travellers) == ack.travellers == expected[stored.interchange_ref or ""]
    workspace.close()
