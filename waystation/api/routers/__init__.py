"""One router per resource; :data:`ROUTERS` is the order they are mounted in."""

from waystation.api.routers import (
    alerts,
    audit,
    cases,
    flights,
    messages,
    network,
    policy,
    shares,
    statistics,
    system,
    unmasking,
    users,
    watchlists,
)

ROUTERS = (
    system.router,
    messages.router,
    flights.router,
    network.router,
    alerts.router,
    cases.router,
    unmasking.router,
    shares.router,
    watchlists.router,
    policy.router,
    statistics.router,
    audit.router,
    users.router,
)

__all__ = ["ROUTERS"]
