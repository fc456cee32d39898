"""What every page handler needs: the workspace, the signed-in user, templates, the CSRF check.

Page handlers declare ``web: WebDep`` and ``viewer: ViewerDep``. A request without a valid
session raises :class:`LoginRequired`, which the web routes turn into a redirect to the log-in
page; errors from the services (``Forbidden``, ``NotFound``, ``Conflict``, ``InputError``) become
an error page with the matching status — see :mod:`waystation.web.routing`.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from waystation.cases.permissions import permissions_of
from waystation.cases.vocab import Role
from waystation.exc import Forbidden
from waystation.services.accounts import active_principal
from waystation.services.principal import Principal
from waystation.services.rulebook import RuleBook
from waystation.services.workspace import Workspace
from waystation.web import session as sessions
from waystation.web.pages import home_of, nav_for

__all__ = [
    "LoginRequired",
    "Viewer",
    "ViewerDep",
    "Web",
    "WebDep",
    "check_csrf",
    "current_viewer",
    "current_web",
    "render",
]


@dataclass
class Web:
    """The web UI's share of the running process."""

    workspace: Workspace
    secret: bytes
    rulebook: RuleBook
    templates: Environment
    secure_cookies: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class LoginRequired(Exception):
    """No valid session: the user must log in (the route sends them to the log-in page)."""


@dataclass(frozen=True, slots=True)
class Viewer:
    principal: Principal
    csrf: str

    @property
    def role(self) -> Role:
        return self.principal.role


def current_web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


WebDep = Annotated[Web, Depends(current_web)]


def current_viewer(request: Request, web: WebDep) -> Viewer:
    found = sessions.read(request.cookies.get(sessions.COOKIE), web.secret)
    if found is None:
        raise LoginRequired()
    principal = active_principal(web.workspace, found.user)
    if principal is None or principal.role.value != found.role:
        raise LoginRequired()
    if home_of(principal.role) is None:
        raise Forbidden(f"a {principal.role.value} account cannot use these pages")
    return Viewer(principal, found.csrf)


ViewerDep = Annotated[Viewer, Depends(current_viewer)]


def check_csrf(viewer: Viewer, token: str | None) -> None:
    """Refuse a form that does not echo the session's token (another site cannot read it)."""
    if not token or not token.isascii() or not hmac.compare_digest(token, viewer.csrf):
        raise Forbidden("the form is stale or was not sent from these pages; reload the page and try again")


def render(
    web: Web,
    request: Request,
    template: str,
    viewer: Viewer | None = None,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A page from ``template`` with the navigation and the CSRF token of ``viewer``."""
    page = web.templates.get_template(template)
    html = page.render(
        request=request,
        viewer=viewer,
        nav=nav_for(viewer.role) if viewer else [],
        permissions=permissions_of(viewer.role) if viewer else frozenset(),
        csrf=viewer.csrf if viewer else "",
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
