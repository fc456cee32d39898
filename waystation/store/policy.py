"""Carrier answer policies: every configured version kept, the latest in force."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from waystation.cases.policy import AutoDeny, CarrierPolicy, OnTrueMatch
from waystation.cases.vocab import BoardingAnswer
from waystation.exc import Conflict
from waystation.store.bulk import insert_rows, table_of
from waystation.store.core import execute
from waystation.store.schema import CarrierPolicyRow

__all__ = ["add_policy", "latest_policy", "policy_versions"]


def _policy(row: CarrierPolicyRow | Row[Any]) -> CarrierPolicy:
    """The policy of a stored row (an ORM object or a row of the table's columns: same names)."""
    return CarrierPolicy(
        version=row.version,
        configured_by=row.configured_by,
        configured_at=row.configured_at,
        on_open_alert=BoardingAnswer(row.on_open_alert),
        on_inconclusive=BoardingAnswer(row.on_inconclusive),
        on_true_match=OnTrueMatch(row.on_true_match),
        auto_deny=tuple(AutoDeny(str(r["list_name"]), float(r["threshold"])) for r in row.auto_deny),
    )


def add_policy(session: Session, policy: CarrierPolicy) -> CarrierPolicy:
    """Store a checked policy as the one in force; ``Conflict`` when its version exists."""
    policy.check()
    taken = session.execute(select(CarrierPolicyRow.id).where(CarrierPolicyRow.version == policy.version))
    if taken.scalar() is not None:
        raise Conflict(f"carrier policy version {policy.version!r} already exists")
    insert_rows(
        session,
        CarrierPolicyRow,
        [
            {
                "version": policy.version,
                "configured_by": policy.configured_by,
                "configured_at": policy.configured_at,
                "on_open_alert": policy.on_open_alert.value,
                "on_inconclusive": policy.on_inconclusive.value,
                "on_true_match": policy.on_true_match.value,
                "auto_deny": [{"list_name": r.list_name, "threshold": r.threshold} for r in policy.auto_deny],
            }
        ],
    )
    return policy


def latest_policy(session: Session) -> CarrierPolicy | None:
    row = execute(session, _LATEST).one_or_none()
    return _policy(row) if row is not None else None


# Built once: every iAPI request reads the policy in force. Its columns, not the ORM object:
# the same values, read on the session's connection (store/core.py), without an identity map.
_POLICIES = table_of(CarrierPolicyRow)
_LATEST = select(*_POLICIES.columns).order_by(_POLICIES.c.id.desc()).limit(1)


def policy_versions(session: Session) -> list[CarrierPolicy]:
    """Every stored policy, oldest first."""
    rows = session.execute(select(CarrierPolicyRow).order_by(CarrierPolicyRow.id)).scalars()
    return [_policy(row) for row in rows]
