"""The carrier answer policy in force, and a supervisor's changes to it (each a new version, logged).

Until a supervisor configures one, :data:`DEFAULT_POLICY` applies: an undecided alert is
answered "refer" (the carrier asks the border authority), an inconclusive decision too, a
human-confirmed match as well, and nothing is ever denied automatically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from waystation.cases.events import PolicyChanged
from waystation.cases.permissions import Permission, require
from waystation.cases.policy import AutoDeny, CarrierPolicy, OnTrueMatch
from waystation.cases.vocab import BoardingAnswer
from waystation.services.audit import audited
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import add_policy, latest_policy, policy_versions

__all__ = [
    "DEFAULT_POLICY",
    "configure_policy",
    "current_policy",
    "policy_history",
    "policy_in_force",
    "policy_of",
]

DEFAULT_POLICY = CarrierPolicy(
    version="default",
    configured_by="system",
    configured_at=datetime(2000, 1, 1, tzinfo=UTC),
    on_open_alert=BoardingAnswer.REFER,
    on_inconclusive=BoardingAnswer.REFER,
    on_true_match=OnTrueMatch.REFER,
)


def current_policy(workspace: Workspace) -> CarrierPolicy:
    """The policy the gateway answers with now."""
    with workspace.transaction() as session:
        return policy_of(session)


def policy_of(session: Session) -> CarrierPolicy:
    """The policy in force, read in the caller's transaction."""
    return latest_policy(session) or DEFAULT_POLICY


def policy_in_force(workspace: Workspace, principal: Principal) -> CarrierPolicy:
    """The policy in force, for the supervisor who manages it."""
    require(principal.role, Permission.CONFIGURE_POLICY)
    return current_policy(workspace)


def policy_history(workspace: Workspace, principal: Principal) -> list[CarrierPolicy]:
    require(principal.role, Permission.CONFIGURE_POLICY)
    with workspace.transaction() as session:
        return policy_versions(session)


def _summary(policy: CarrierPolicy) -> str:
    deny = ", ".join(f"{r.list_name} >= {r.threshold:.2f}" for r in policy.auto_deny) or "none"
    return (
        f"open alert: {policy.on_open_alert.label}; inconclusive: {policy.on_inconclusive.label}; "
        f"confirmed match: {policy.on_true_match.value}; automatic no-board: {deny}"
    )


def configure_policy(
    workspace: Workspace,
    principal: Principal,
    *,
    on_open_alert: BoardingAnswer = BoardingAnswer.REFER,
    on_inconclusive: BoardingAnswer = BoardingAnswer.REFER,
    on_true_match: OnTrueMatch = OnTrueMatch.REFER,
    auto_deny: Sequence[AutoDeny] = (),
    version: str | None = None,
) -> CarrierPolicy:
    """A new policy version in force from now; ``ConfigError`` lists every problem at once."""
    require(principal.role, Permission.CONFIGURE_POLICY)
    with audited(workspace) as (session, audit):
        number = len(policy_versions(session)) + 1
        policy = CarrierPolicy(
            version=version or f"v{number}",
            configured_by=principal.name,
            configured_at=datetime.now(UTC),
            on_open_alert=on_open_alert,
            on_inconclusive=on_inconclusive,
            on_true_match=on_true_match,
            auto_deny=tuple(auto_deny),
        ).check()
        add_policy(session, policy)
        audit.log(PolicyChanged(policy.version, _summary(policy)), principal)
    return policy
