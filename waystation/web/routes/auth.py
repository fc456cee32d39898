"""Log-in, log-out and the landing page.

Log-in checks the password with the users service (which logs every attempt). An account whose
role has no page here — a carrier, which only submits messages, or an administrator, who
manages accounts from the command line — is refused and gets no session.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from waystation.exc import Unauthenticated
from waystation.services.accounts import log_out
from waystation.services.users import authenticate_password
from waystation.web import session as sessions
from waystation.web.context import ViewerDep, WebDep, check_csrf, render
from waystation.web.i18n import gettext as _
from waystation.web.pages import home_of
from waystation.web.routing import WebRoute

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (never ``//host`` or ``https://…``) may follow a log-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, web: WebDep, next: str | None = None) -> Response:
    return render(web, request, "login.html", next=_safe_next(next) or "", error=None, name="")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    web: WebDep,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    remote = request.client.host if request.client else None
    try:
        principal = authenticate_password(web.workspace, name.strip(), password, remote=remote)
    except Unauthenticated:
        error = _("Unknown user or wrong password.")
        return render(web, request, "login.html", status_code=401, next=next, error=error, name=name)
    home = home_of(principal.role)
    if home is None:
        error = _(
            "This account cannot use the analyst pages: carriers send messages to the gateway, "
            "administrators manage accounts with the waystation command."
        )
        return render(web, request, "login.html", status_code=403, next=next, error=error, name=name)
    value, _session = sessions.issue(principal.name, principal.role.value, web.secret)
    response = RedirectResponse(_safe_next(next) or home, status_code=303)
    response.set_cookie(
        sessions.COOKIE,
        value,
        max_age=int(sessions.LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=web.secure_cookies,
        path="/",
    )
    return response


@router.post("/logout")
def logout(web: WebDep, viewer: ViewerDep, csrf: Annotated[str, Form()] = "") -> Response:
    check_csrf(viewer, csrf)
    log_out(web.workspace, viewer.principal)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


@router.get("/")
def landing(viewer: ViewerDep) -> Response:
    return RedirectResponse(home_of(viewer.role) or "/login", status_code=303)
