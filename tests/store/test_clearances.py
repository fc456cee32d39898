"""Clearances: kept as the cases core made them, found while in force, revoked once."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from tests.store.conftest import Database
from waystation.cases.clearance import Clearance
from waystation.cases.vocab import Role
from waystation.exc import Conflict, InputError, NotFound
from waystation.model import EntryKind, ListEntry, Name, Watchlist
from waystation.store.clearances import (
    add_clearance,
    clearances_for_subject,
    clearances_in_force,
    revoke_clearance,
)
from waystation.store.watchlists import import_list_version

GRANTED = datetime(2026, 5, 2, 7, 0, tzinfo=UTC)
CLEARANCE = Clearance(
    person_key="al hassan omar|1990-04-02",
    document_key="SYR:N00123456",
    source="un",
    subject="QDi.420",
    based_on_alert="A-2026-000017",
    cleared_by="analyst.k",
    role=Role.ANALYST,
    at=GRANTED,
    reason="different person: born 1990, the entry was born 1975; passport checked",
    expires_at=GRANTED + timedelta(days=365),
)


def test_a_clearance_round_trips_and_records_the_entry_it_was_about(db: Database) -> None:
    entry = ListEntry("QDi.420", EntryKind.PERSON, (Name.from_parts("AL-HASSAN", "OMAR"),))
    with db.sessions.begin() as session:
        import_list_version(session, Watchlist("un", "un_xml", "2026-05", (entry,)), sha256="a" * 64)
        stored = add_clearance(session, CLEARANCE, document_country="SYR", entry_digest="5f2c0a9d81e7b4c3")
        unknown_list = add_clearance(session, dataclasses.replace(CLEARANCE, source="national"))
    assert stored.clearance == CLEARANCE
    assert stored.clearance.at.tzinfo is UTC
    assert stored.entry_sha256 is not None
    assert len(stored.entry_sha256) == 64
    assert (stored.document_country, stored.entry_digest) == ("SYR", "5f2c0a9d81e7b4c3")
    assert unknown_list.entry_sha256 is None
    assert (unknown_list.document_country, unknown_list.entry_digest) == (None, None)
    assert (stored.revoked_by, stored.revoked_at, stored.revoke_reason) == (None, None, None)


def test_clearances_in_force_by_time_list_and_person(db: Database) -> None:
    later = dataclasses.replace(
        CLEARANCE,
        person_key="doe jane|1980",
        at=GRANTED + timedelta(days=30),
        expires_at=GRANTED + timedelta(days=400),
    )
    with db.sessions.begin() as session:
        first = add_clearance(session, CLEARANCE)
        second = add_clearance(session, later)
    with db.sessions() as session:
        before = clearances_in_force(session, GRANTED - timedelta(seconds=1))
        day_two = clearances_in_force(session, GRANTED + timedelta(days=1))
        both = clearances_in_force(session, GRANTED + timedelta(days=31), source="un")
        janes = clearances_in_force(session, GRANTED + timedelta(days=31), person_key="doe jane|1980")
        other_list = clearances_in_force(session, GRANTED + timedelta(days=31), source="national")
        expired = clearances_in_force(session, GRANTED + timedelta(days=366))
    assert before == []
    assert [c.id for c in day_two] == [first.id]
    assert [c.id for c in both] == [first.id, second.id]
    assert [c.id for c in janes] == [second.id]
    assert other_list == []
    assert [c.id for c in expired] == [second.id]
    assert first.in_force(GRANTED)
    assert not first.in_force(CLEARANCE.expires_at)


def test_a_clearance_is_revoked_once_and_stays_on_record(db: Database) -> None:
    with db.sessions.begin() as session:
        stored = add_clearance(session, CLEARANCE)
        when = GRANTED + timedelta(days=2)
        revoked = revoke_clearance(
            session, stored.id, revoked_by="supervisor.m", reason="new intelligence", revoked_at=when
        )
        with pytest.raises(Conflict, match="already revoked"):
            revoke_clearance(session, stored.id, revoked_by="x", reason="again")
        with pytest.raises(NotFound):
            revoke_clearance(session, 999_999, revoked_by="x", reason="y")
        with pytest.raises(InputError, match="reason"):
            revoke_clearance(session, stored.id, revoked_by="x", reason=" ")
    assert (revoked.revoked_by, revoked.revoked_at, revoked.revoke_reason) == (
        "supervisor.m",
        when,
        "new intelligence",
    )
    assert revoked.clearance == CLEARANCE  # the decision itself is never edited
    assert not revoked.in_force(GRANTED + timedelta(days=3))
    with db.sessions() as session:
        assert clearances_in_force(session, GRANTED + timedelta(days=3)) == []
        assert clearances_for_subject(session, "un", "QDi.420") == [revoked]
