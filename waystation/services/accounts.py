"""Who a signed-in web session belongs to now, and the demo's people.

A web session cookie names a user; each request asks the store again whether that user still
exists, is active and has the same role, so disabling an account or changing a role takes
effect at the next click rather than when the cookie expires.

The demo creates one person per role with a known password so that ``make demo`` followed by
``waystation serve`` can be explored at once; it refuses to outside development mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from waystation.cases.events import Logout
from waystation.cases.vocab import Role
from waystation.exc import ConfigError, Conflict, NotFound
from waystation.services.audit import audited
from waystation.services.principal import Principal
from waystation.services.users import create_user
from waystation.services.workspace import Workspace
from waystation.store import get_user

__all__ = ["DEMO_PEOPLE", "DemoPerson", "active_principal", "ensure_demo_people", "log_out"]


def active_principal(workspace: Workspace, name: str) -> Principal | None:
    """The user ``name`` as a principal, or ``None`` when unknown or disabled."""
    with workspace.transaction() as session:
        try:
            user = get_user(session, name)
        except NotFound:
            return None
    return Principal(user.name, user.role) if user.active else None


def log_out(workspace: Workspace, principal: Principal) -> None:
    """Record that a person ended their web session (the cookie is dropped by the page)."""
    with audited(workspace) as (_session, audit):
        audit.log(Logout(), principal)


@dataclass(frozen=True, slots=True)
class DemoPerson:
    name: str
    role: Role
    password: str


DEMO_PEOPLE = (
    DemoPerson("analyst.demo", Role.ANALYST, "analyst-demo-password"),
    DemoPerson("supervisor.demo", Role.SUPERVISOR, "supervisor-demo-password"),
    DemoPerson("head.piu.demo", Role.SUPERVISOR, "head-piu-demo-password"),
    DemoPerson("auditor.demo", Role.AUDITOR, "auditor-demo-password"),
    DemoPerson("carrier.demo", Role.CARRIER, "carrier-demo-password"),
    DemoPerson("admin.demo", Role.ADMIN, "admin-demo-password"),
)


def ensure_demo_people(workspace: Workspace, *, env: str) -> list[DemoPerson]:
    """Create the demo people who do not exist yet (development only); returns all of them."""
    if env != "development":
        raise ConfigError("demo accounts with known passwords exist only in development mode")
    for person in DEMO_PEOPLE:
        if active_principal(workspace, person.name) is not None:
            continue
        try:
            create_user(workspace, person.name, person.role, password=person.password, label="demo")
        except Conflict:
            continue
    return list(DEMO_PEOPLE)
