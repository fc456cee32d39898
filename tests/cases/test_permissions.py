from __future__ import annotations

import pytest

from waystation.cases import PERMISSIONS, Permission, Role, permissions_of, require
from waystation.exc import Forbidden


def test_every_permission_has_a_row() -> None:
    assert set(PERMISSIONS) == set(Permission)


def test_separation_of_duties() -> None:
    assert permissions_of(Role.CARRIER) == {Permission.SUBMIT_MESSAGES}
    assert permissions_of(Role.PARTNER) == {Permission.RECEIVE_SHARES}
    assert permissions_of(Role.ADMIN) == {Permission.MANAGE_USERS}
    assert permissions_of(Role.AUDITOR) == {Permission.READ_AUDIT, Permission.READ_STATISTICS}
    assert Permission.READ_TRAVELLERS not in permissions_of(Role.AUDITOR)
    assert Permission.APPROVE_UNMASK in permissions_of(Role.SUPERVISOR)
    assert Permission.APPROVE_UNMASK not in permissions_of(Role.ANALYST)


def test_require() -> None:
    require(Role.SUPERVISOR, Permission.MANAGE_RULES)
    with pytest.raises(Forbidden, match="a carrier may not read travellers"):
        require(Role.CARRIER, Permission.READ_TRAVELLERS)
