"""Clearances in force, remembered between messages: every grant, revocation, start and end is
still seen by the next message, exactly as a fresh read would see it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from tests.services.conftest import Fresh
from waystation.cases.clearance import Clearance
from waystation.cases.vocab import Role
from waystation.services.clearance_memo import clearances_now
from waystation.store import add_clearance, clearances_in_force, revoke_clearance

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _clearance(n: int, at: datetime, days: int = 30) -> Clearance:
    return Clearance(
        person_key=f"pk-{n}",
        document_key=f"DOC{n}",
        source="un-consolidated",
        subject=f"QDi.{400 + n}",
        based_on_alert=f"alert-{n}",
        cleared_by="supervisor.m",
        role=Role.SUPERVISOR,
        at=at,
        reason="a different person: other birth date and nationality",
        expires_at=at + timedelta(days=days),
    )


def _check(fresh: Fresh, now: datetime) -> tuple[int, ...]:
    """The remembered clearances equal a fresh read at ``now``; returns their ids."""
    with fresh.workspace.transaction() as session:
        remembered = clearances_now(fresh.workspace, session, now)
        fresh_read = tuple(clearances_in_force(session, now))
    assert remembered.stored == fresh_read
    assert len(remembered.cleared) == len(fresh_read)
    return tuple(s.id for s in remembered.stored)


def test_grants_revocations_starts_and_ends_are_seen_by_the_next_message(fresh: Fresh) -> None:
    assert _check(fresh, T0) == ()
    with fresh.workspace.transaction() as session:
        first = add_clearance(session, _clearance(1, T0 - timedelta(days=1), days=10))
        later = add_clearance(session, _clearance(2, T0 + timedelta(hours=2)))  # starts in 2 h
    assert _check(fresh, T0) == (first.id,)
    with fresh.workspace.transaction() as session:
        remembered = clearances_now(fresh.workspace, session, T0 + timedelta(minutes=5))
    with fresh.workspace.transaction() as session:  # nothing changed: the same object, not re-read
        assert clearances_now(fresh.workspace, session, T0 + timedelta(minutes=6)) is remembered
    assert _check(fresh, T0 + timedelta(hours=2)) == (first.id, later.id)  # the later one started
    with fresh.workspace.transaction() as session:
        third = add_clearance(session, _clearance(3, T0))
    assert _check(fresh, T0 + timedelta(hours=3)) == (first.id, later.id, third.id)  # granted
    with fresh.workspace.transaction() as session:
        revoke_clearance(session, later.id, revoked_by="supervisor.k", reason="new intelligence")
    assert _check(fresh, T0 + timedelta(hours=3)) == (first.id, third.id)  # revoked
    assert _check(fresh, T0 + timedelta(days=8, hours=23)) == (first.id, third.id)
    assert _check(fresh, T0 + timedelta(days=8)) == (first.id, third.id)  # the clock went back
    assert _check(fresh, T0 + timedelta(days=9)) == (third.id,)  # the first one ended
    assert _check(fresh, T0 + timedelta(days=31)) == ()


def test_a_clearance_without_a_document_is_kept_but_not_checked(fresh: Fresh) -> None:
    undocumented = dataclasses.replace(_clearance(7, T0), document_key=None)
    with fresh.workspace.transaction() as session:
        add_clearance(session, undocumented)
        found = clearances_now(fresh.workspace, session, T0 + timedelta(hours=1))
    assert len(found.stored) == 1
    assert len(found.cleared) == 0  # the matching engine checks clearances that name a document
