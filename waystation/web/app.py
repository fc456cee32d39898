"""Mount the analyst pages on a FastAPI app, or build an app that serves only them.

The API's ``create_app()`` and the web UI are siblings that never import each other; whoever
composes the process (``waystation serve``) creates the API app and calls :func:`mount_web` on
it with the same workspace. :func:`create_web_app` is the pages alone (tests, screenshots).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from waystation.services.rulebook import RuleBook
from waystation.services.workspace import Workspace
from waystation.settings import Settings
from waystation.web.context import Web
from waystation.web.i18n import translations
from waystation.web.routes import ROUTERS

__all__ = ["STATIC_DIR", "create_web_app", "mount_web", "template_environment"]

STATIC_DIR = Path(__file__).parent / "static"


def _when(value: datetime | date | None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime(pattern)
    return value.isoformat()


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def template_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("waystation.web", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(), newstyle=True)  # type: ignore[attr-defined]
    env.filters["when"] = _when
    env.filters["percent"] = _percent
    return env


def mount_web(app: FastAPI, workspace: Workspace, settings: Settings) -> None:
    """Serve the pages (and their static files) from ``app``, on the workspace the API uses."""
    app.state.web = Web(
        workspace=workspace,
        secret=settings.secret_key.encode("utf-8"),
        rulebook=RuleBook(settings.home / "rules"),
        templates=template_environment(),
        secure_cookies=settings.env != "development",
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)


def create_web_app(workspace: Workspace, settings: Settings) -> FastAPI:
    """An app with only the pages (no ``/v1`` API)."""
    app = FastAPI(title="waystation", docs_url=None, redoc_url=None, openapi_url=None)
    mount_web(app, workspace, settings)
    return app
