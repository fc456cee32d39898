"""Raw messages: bytes first and durably, kept whatever parsing makes of them."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, event

from tests.store.conftest import Database
from waystation.exc import Conflict, Locator, NotFound, UnreadableMessage
from waystation.ingest.registry import parse_message
from waystation.model import ParseIssue, Severity
from waystation.store.engine import make_engine, make_sessions
from waystation.store.messages import (
    MessageStatus,
    find_by_sha256,
    find_duplicate,
    get_message,
    mark_duplicate,
    mark_parsed,
    mark_rejected,
    message_bytes,
    messages_with_status,
    receive_message,
)

GARBAGE = b"\x00\x01\x02UNB+UNOA:4+broken\xff\xfe"


def test_received_bytes_are_committed_before_anything_else(db: Database) -> None:
    when = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    stored = receive_message(
        db.sessions, GARBAGE, source="gateway/KL/0001.edi", sender="KL", received_at=when
    )
    # A different engine (another process, after a crash) sees it at once.
    other = make_engine(db.url)
    try:
        with make_sessions(other)() as session:
            again = get_message(session, stored.id)
            assert message_bytes(session, stored.id) == GARBAGE
    finally:
        other.dispose()
    assert again == stored
    assert again.source == "gateway/KL/0001.edi"
    assert again.sender == "KL"
    assert again.size == 22
    assert again.sha256 == hashlib.sha256(GARBAGE).hexdigest()
    assert again.status is MessageStatus.RECEIVED
    assert again.received_at == when
    assert again.issues == ()
    assert again.parsed_at is None


def test_a_later_rollback_does_not_lose_the_message(db: Database) -> None:
    with db.sessions() as session:
        session.begin()
        stored = receive_message(db.sessions, b"UNA:+.? 'UNB+UNOA:4+X'", source="a.edi")
        session.rollback()
    with db.sessions() as session:
        assert get_message(session, stored.id).status is MessageStatus.RECEIVED


BAD_CSV = b"ref,given_names\n1,ANNA\n"


def test_a_message_that_fails_parsing_is_kept_rejected_with_its_issues(db: Database) -> None:
    stored = receive_message(db.sessions, BAD_CSV, source="bad.csv")
    with pytest.raises(UnreadableMessage) as caught:
        parse_message(BAD_CSV, "bad.csv", "manifest_csv")
    error = caught.value
    issue = ParseIssue(Severity.ERROR, error.code, error.reason, error.locator)
    with db.sessions.begin() as session:
        mark_rejected(session, stored.id, issues=[issue], message_format="manifest_csv")
    with db.sessions() as session:
        again = get_message(session, stored.id)
        assert message_bytes(session, stored.id) == BAD_CSV
    assert again.status is MessageStatus.REJECTED
    assert again.message_format == "manifest_csv"
    assert again.issues == (issue,)
    assert again.issues[0].message == "the header lacks the column(s) surname"
    assert again.issues[0].locator == Locator("bad.csv", line=1)
    assert again.parsed_at is not None
    assert again.parsed_at.tzinfo is UTC
    assert messages_with_status(db.sessions(), MessageStatus.REJECTED)[0].id == stored.id


def test_parsed_status_keeps_warnings_and_envelope(db: Database) -> None:
    stored = receive_message(db.sessions, b"data", source="m.edi")
    warning = ParseIssue(Severity.WARNING, "bad_count", "CNT says 3, found 2", Locator("m.edi", 14, "CNT"))
    with db.sessions.begin() as session:
        mark_parsed(
            session, stored.id, message_format="paxlst", issues=[warning], sender="KLM", interchange_ref="42"
        )
    with db.sessions() as session:
        again = get_message(session, stored.id)
    assert (again.status, again.message_format, again.sender, again.interchange_ref) == (
        MessageStatus.PARSED,
        "paxlst",
        "KLM",
        "42",
    )
    assert again.issues == (warning,)
    assert again.issues[0].locator == Locator("m.edi", 14, "CNT")


def test_duplicates_by_sender_and_interchange(db: Database) -> None:
    first = receive_message(db.sessions, b"one", source="1.edi", sender="KL", interchange_ref="000123")
    other_sender = receive_message(db.sessions, b"one", source="2.edi", sender="AF", interchange_ref="000123")
    second = receive_message(db.sessions, b"one", source="3.edi", sender="KL", interchange_ref="000123")
    with db.sessions.begin() as session:
        assert find_duplicate(session, sender="KL", interchange_ref="000123", before_id=second.id) == first.id
        assert (
            find_duplicate(session, sender="AF", interchange_ref="000123", before_id=other_sender.id) is None
        )
        assert find_duplicate(session, sender="KL", interchange_ref="000123", before_id=first.id) is None
        mark_duplicate(session, second.id, first.id)
        assert find_by_sha256(session, hashlib.sha256(b"one").hexdigest()) == [
            first.id,
            other_sender.id,
            second.id,
        ]
    with db.sessions() as session:
        again = get_message(session, second.id)
        assert message_bytes(session, second.id) == b"one"
        pending = [m.id for m in messages_with_status(session, MessageStatus.RECEIVED)]
    assert (again.status, again.duplicate_of) == (MessageStatus.DUPLICATE, first.id)
    assert pending == [first.id, other_sender.id]


def test_a_finished_message_does_not_change_state_again(db: Database) -> None:
    stored = receive_message(db.sessions, b"x", source="a.edi")
    with db.sessions.begin() as session:
        mark_rejected(session, stored.id, issues=[])
        mark_parsed(session, stored.id, message_format="paxlst")  # a re-parse after a reader fix
    with (
        db.sessions.begin() as session,
        pytest.raises(Conflict, match=f"message {stored.id} is already parsed"),
    ):
        mark_rejected(session, stored.id, issues=[])
    with db.sessions.begin() as session, pytest.raises(Conflict, match="already parsed"):
        mark_duplicate(session, stored.id, stored.id)


def test_unknown_message(db: Database) -> None:
    with db.sessions() as session, pytest.raises(NotFound):
        get_message(session, 424242)
    with db.sessions.begin() as session, pytest.raises(NotFound):
        mark_rejected(session, 424242, issues=[])


def _sync_setting(connection: Connection) -> str:
    if connection.dialect.name == "sqlite":
        level = connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
        return {0: "off", 1: "normal", 2: "full"}[level]
    return str(connection.exec_driver_sql("SHOW synchronous_commit").scalar_one())


def test_bytes_kept_without_waiting_for_the_disk_then_the_next_commit_waits(db: Database) -> None:
    """The gateway's receive (``synced=False``) commits without a sync; the connection goes back
    to the pool waiting for the disk again, so the commit after it (which the gateway makes before
    it answers) syncs what both wrote."""
    settings: list[str] = []

    def before_commit(connection: Connection) -> None:
        settings.append(_sync_setting(connection))

    event.listen(db.engine, "commit", before_commit)
    try:
        quick = receive_message(db.sessions, b"one", source="gateway/a", synced=False)
        kept = receive_message(db.sessions, b"two", source="gateway/b")
        with db.sessions.begin() as session:
            mark_rejected(session, quick.id, issues=())
    finally:
        event.remove(db.engine, "commit", before_commit)
    waits = "full" if db.engine.dialect.name == "sqlite" else "on"
    assert settings == ["normal" if waits == "full" else "off", waits, waits]
    with db.sessions() as session:
        assert message_bytes(session, quick.id) == b"one"
        assert message_bytes(session, kept.id) == b"two"
    with db.engine.connect() as connection:  # every pooled connection waits for the disk again
        assert _sync_setting(connection) == waits
