"""One JSON error shape for every error the API returns, and the table that maps errors to it.

Every failure — a waystation error, a request that does not validate, an unknown path, a wrong
method, a missing token, or a bug — leaves as :class:`ErrorBody` with the HTTP status repeated in
the body (as datasette's ``tests/test_error_shape.py`` pins its own shape). Input errors carry
their locator (segment, tag, field, line), so a carrier is told exactly what was wrong; a
rejected message also names the id under which its bytes were kept. An unexpected exception is
logged on the server and answered with a generic 500: no traceback leaves the building.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from waystation.api.schemas.common import ErrorBody, LocationOut
from waystation.exc import (
    ConfigError,
    Conflict,
    Forbidden,
    InputError,
    Locator,
    NotFound,
    Unauthenticated,
    WaystationError,
)

__all__ = ["STATUS", "error_response", "install_error_handlers"]

log = logging.getLogger("waystation.api")

# Checked in order: the first class an error is an instance of gives its status.
STATUS: tuple[tuple[type[WaystationError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (InputError, 422),
    (ConfigError, 422),
    (WaystationError, 400),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "bad_request",
    500: "internal_error",
}


def _location(locator: Locator | None) -> LocationOut | None:
    if locator is None or locator == Locator():
        return None
    return LocationOut(
        source=locator.source,
        segment=locator.segment,
        tag=locator.tag,
        field=locator.field,
        line=locator.line,
    )


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    locator: Locator | None = None,
    problems: list[str] | None = None,
    message_id: int | None = None,
) -> JSONResponse:
    body = ErrorBody(
        status=status,
        code=code,
        message=message,
        location=_location(locator),
        problems=problems or [],
        message_id=message_id,
    )
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _status_of(error: WaystationError) -> int:
    return next(status for cls, status in STATUS if isinstance(error, cls))


async def _waystation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, WaystationError)
    problems = list(error.problems) if isinstance(error, ConfigError) else []
    locator = error.locator if isinstance(error, InputError) else None
    message = error.reason if isinstance(error, InputError) else error.message
    return error_response(_status_of(error), error.code, message, locator=locator, problems=problems)


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc if part not in ("body", "query", "path", "header"))


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [f"{_field(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in error.errors()]
    first = error.errors()[0] if error.errors() else {}
    locator = Locator(field=_field(tuple(first.get("loc", ()))) or None)
    return error_response(
        422, "bad_request", "the request does not validate", locator=locator, problems=problems
    )


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = _HTTP_CODES.get(error.status_code, "error")
    return error_response(error.status_code, code, str(error.detail))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal_error", "an internal error occurred; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(WaystationError, _waystation_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
