"""Who may open which page: the navigation follows the service permissions, and a carrier has none."""

from __future__ import annotations

import waystation.web
from waystation.cases.vocab import Role
from waystation.web.pages import home_of, may_open, nav_for


def test_navigation_per_role() -> None:
    names = {role: [p.name for p in nav_for(role)] for role in Role}
    assert names == {
        Role.ANALYST: ["alerts", "flights", "watchlists", "rules", "dashboard"],
        Role.SUPERVISOR: ["alerts", "flights", "watchlists", "rules", "dashboard"],
        Role.AUDITOR: ["rules", "dashboard", "audit"],
        Role.CARRIER: [],
        Role.PARTNER: [],
        Role.ADMIN: [],
    }
    assert home_of(Role.ANALYST) == "/alerts"
    assert home_of(Role.AUDITOR) == "/rules"
    assert home_of(Role.CARRIER) is None
    assert not may_open(Role.ANALYST, "audit")
    assert may_open(Role.AUDITOR, "audit")


def test_exports() -> None:
    assert sorted(waystation.web.__all__) == ["create_web_app", "mount_web"]
