"""Two server processes on one store take concurrent carrier messages: every one is answered,
stored once with all its travellers, and the audit chain both wrote verifies against the head file.

This is the configuration measured best on a 2-core host (bench/RESULTS.md, "Carrier gateway"):
on SQLite the workers' writers queue on the lock file beside the database (``store/writer.py``);
both processes append to one audit chain and replace one head file (``services/audit.py``).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.reliability.server import sender_threads, served_store
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.vocab import Role
from waystation.services.audit import read_head, verify_audit
from waystation.services.users import create_user
from waystation.store import MessageStatus, get_message, travellers_of_message
from waystation.synth import generate_day
from waystation.synth.render_edifact import render_paxlst

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_workers_answer_concurrent_messages_and_keep_one_chain(
    backend: str,
    tmp_path: Path,
    postgres_schema_factory: object,  # noqa: F811
) -> None:
    workspace, server = served_store(backend, tmp_path, postgres_schema_factory, workers=2)
    token = create_user(workspace, "dcs", Role.CARRIER).token
    day = generate_day(None, seed=12, flights=24, passengers_per_flight=(5, 30), planted=0, namesakes=0)
    queue = [
        (render_paxlst(flight, f"TWO{n:05d}"), len(flight.travellers)) for n, flight in enumerate(day.flights)
    ]
    answered: list[tuple[int, int, int]] = []  # (message id, travellers answered, travellers sent)
    failures: list[str] = []

    def answer(sent: int, response: httpx.Response) -> None:
        if response.status_code == 200:
            body = response.json()
            answered.append((body["message_id"], body["travellers"], sent))
        else:
            failures.append(f"HTTP {response.status_code}: {response.text[:200]}")

    server.start()
    try:
        senders = sender_threads(server.url, token, queue, 6, answer, timeout=60)
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(120)
    finally:
        server.stop()
    try:
        assert failures == []
        assert len(answered) == 24
        assert len({message_id for message_id, _, _ in answered}) == 24
        assert all(got == sent for _, got, sent in answered)
        with workspace.transaction() as session:
            for message_id, _, sent in answered:
                assert get_message(session, message_id).status is MessageStatus.PARSED
                assert len(travellers_of_message(session, message_id)) == sent
        verdict = verify_audit(workspace)
        assert verdict.ok, verdict
        head = read_head(workspace.audit.head_path)  # type: ignore[arg-type]
        assert head is not None
        assert head.head.sequence == verdict.checked  # the file holds the newest head, not an older one
    finally:
        workspace.close()
