"""Carrier messages are parsed and screened one at a time per process (services/gateway.py)."""

from __future__ import annotations

import threading
import time
from datetime import date
from typing import Any

import pytest

import waystation.services.messages as messages
from bench.gateway.traffic import day_requests
from tests.services.conftest import Fresh
from waystation.cases.vocab import Role
from waystation.services.gateway import Submission, submit
from waystation.services.principal import Principal
from waystation.store import MessageStatus

CARRIER = Principal("dcs", Role.CARRIER)


def test_concurrent_messages_take_turns_to_be_parsed_and_screened(
    fresh: Fresh, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = messages.parse_message
    counted = threading.Lock()
    inside = most = 0

    def parse_slowly(*args: Any, **kwargs: Any) -> Any:
        nonlocal inside, most
        with counted:
            inside += 1
            most = max(most, inside)
        try:
            time.sleep(0.05)  # long enough for the other threads to arrive while this one parses
            return real(*args, **kwargs)
        finally:
            with counted:
                inside -= 1

    monkeypatch.setattr(messages, "parse_message", parse_slowly)
    requests = day_requests(16, size=4, seed=12)
    done: list[Submission] = []

    def send(data: bytes) -> None:
        done.append(submit(fresh.workspace, CARRIER, data, today=date(2026, 5, 30)))

    threads = [threading.Thread(target=send, args=(r.data,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(requests) == 4
    assert most == 1
    assert sorted(s.received.status for s in done) == [MessageStatus.PARSED] * 4
    assert sum(len(s.decisions) for s in done) == 16
