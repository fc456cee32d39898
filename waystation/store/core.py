"""Core statements sent on the session's connection, past the ORM's per-statement work.

``Session.execute`` wraps every statement in the ORM's execution machinery (event hooks, the
compile state of ORM-enabled statements, autoflush, result adaption) before the connection runs
it: about 20 µs of CPU per statement on the 2-core VM, against 13 µs for the connection's own
``execute`` (``bench/RESULTS.md``, gateway). A carrier message sends some twenty statements, and
at a hundred check-ins a second that is a measurable share of a core. The store never keeps
ORM objects pending in a session (it writes with Core inserts and updates), so there is nothing
for autoflush to do, and the connection is the session's own, in its transaction: the statement,
its bind processing and its result are exactly those of ``Session.execute``.

Only for statements that select columns or change rows; a statement that loads ORM entities
(``select(SomeRow)``) must still go through the session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy.orm import Session

__all__ = ["execute"]

_Params = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


def execute(session: Session, statement: Executable, params: _Params = None) -> CursorResult[Any]:
    """``session.execute(statement, params)`` for a Core statement, on the session's connection."""
    return session.connection().execute(statement, params)
