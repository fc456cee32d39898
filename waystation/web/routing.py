"""Web routes that turn a missing log-in into a redirect and a service error into an error page.

The API answers errors with one JSON shape; a person in a browser needs a page that says what
happened and where to go. Every web router uses :class:`WebRoute`, so no handler can forget.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from waystation.exc import (
    ConfigError,
    Conflict,
    Forbidden,
    InputError,
    NotFound,
    Unauthenticated,
    WaystationError,
)
from waystation.web.context import LoginRequired, render
from waystation.web.i18n import N_
from waystation.web.i18n import gettext as _

__all__ = ["WebRoute", "error_status"]

_STATUS: tuple[tuple[type[WaystationError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (InputError, 400),
    (ConfigError, 400),
)


def error_status(error: WaystationError) -> int:
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)


_TITLES = {
    401: N_("Not signed in"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    409: N_("Changed meanwhile"),
    400: N_("Cannot do that"),
    500: N_("Something went wrong"),
}


class WebRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
                return response
            except WaystationError as error:
                status = error_status(error)
                web = request.app.state.web
                return render(
                    web,
                    request,
                    "error.html",
                    None,
                    status_code=status,
                    title=_(_TITLES.get(status, _TITLES[500])),
                    message=str(error),
                )

        return guarded
