"""Which role may do what, as one table the API's authorization matrix and the pages both read.

The review steps themselves are in ``workflow.TRANSITIONS`` (they depend on an alert's status as
well as the role); this table holds the coarse permissions: who may see traveller data, change
lists and rules, read the audit log. Separation of duties is deliberate: an admin manages
accounts but sees no traveller; an auditor reads the log and statistics but no unmasked data; a
carrier submits messages and receives answers, and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from waystation.cases.vocab import Role
from waystation.exc import Forbidden

__all__ = ["PERMISSIONS", "Permission", "permissions_of", "require"]


class Permission(StrEnum):
    SUBMIT_MESSAGES = "submit_messages"
    READ_TRAVELLERS = "read_travellers"
    REVIEW_ALERTS = "review_alerts"
    MANAGE_CASES = "manage_cases"
    QUERY_NETWORK = "query_network"
    REQUEST_UNMASK = "request_unmask"
    APPROVE_UNMASK = "approve_unmask"
    READ_LISTS = "read_watchlists"
    MANAGE_LISTS = "manage_lists"
    MANAGE_RULES = "manage_rules"
    CONFIGURE_POLICY = "configure_policy"
    SHARE = "share"
    RECEIVE_SHARES = "receive_shares"
    READ_STATISTICS = "read_statistics"
    READ_AUDIT = "read_audit"
    MANAGE_USERS = "manage_users"


_A, _S, _C, _P, _U, _M = Role.ANALYST, Role.SUPERVISOR, Role.CARRIER, Role.PARTNER, Role.AUDITOR, Role.ADMIN

PERMISSIONS: Mapping[Permission, frozenset[Role]] = {
    Permission.SUBMIT_MESSAGES: frozenset({_C}),
    Permission.READ_TRAVELLERS: frozenset({_A, _S}),
    Permission.REVIEW_ALERTS: frozenset({_A, _S}),
    Permission.MANAGE_CASES: frozenset({_A, _S}),
    Permission.QUERY_NETWORK: frozenset({_A, _S}),
    Permission.REQUEST_UNMASK: frozenset({_A, _S}),
    Permission.APPROVE_UNMASK: frozenset({_S}),
    Permission.READ_LISTS: frozenset({_A, _S}),
    Permission.MANAGE_LISTS: frozenset({_S}),
    Permission.MANAGE_RULES: frozenset({_S}),
    Permission.CONFIGURE_POLICY: frozenset({_S}),
    Permission.SHARE: frozenset({_S}),
    Permission.RECEIVE_SHARES: frozenset({_P}),
    Permission.READ_STATISTICS: frozenset({_A, _S, _U}),
    Permission.READ_AUDIT: frozenset({_U}),
    Permission.MANAGE_USERS: frozenset({_M}),
}


def permissions_of(role: Role) -> frozenset[Permission]:
    return frozenset(p for p, roles in PERMISSIONS.items() if role in roles)


def require(role: Role, permission: Permission) -> None:
    """Return quietly, or raise ``Forbidden`` naming the role and the permission."""
    if role not in PERMISSIONS[permission]:
        article = "an" if role.value[0] in "aeiou" else "a"
        raise Forbidden(f"{article} {role.value} may not {permission.value.replace('_', ' ')}")
