"""One router per page family; :data:`ROUTERS` is what :func:`~waystation.web.app.mount_web` includes."""

from fastapi import APIRouter

from waystation.web.routes import alerts, audit, auth, dashboard, flights, rules, travellers, watchlists

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    flights.router,
    alerts.router,
    travellers.router,
    watchlists.router,
    rules.router,
    dashboard.router,
    audit.router,
)

__all__ = ["ROUTERS"]
