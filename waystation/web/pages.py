"""Which pages exist, who may open each, and what the navigation shows.

The permission of each page is the service permission its main call needs (``cases.permissions``),
so the navigation never offers a page whose service would refuse the user. A carrier holds none
of them and is refused at log-in. The services check again on every call: hiding a link is a
courtesy, not the control.
"""

from __future__ import annotations

from dataclasses import dataclass

from waystation.cases.permissions import Permission, permissions_of
from waystation.cases.vocab import Role
from waystation.web.i18n import N_

__all__ = ["PAGES", "Page", "home_of", "may_open", "nav_for"]


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    path: str
    label: str
    permission: Permission


PAGES: tuple[Page, ...] = (
    Page("alerts", "/alerts", N_("Alert queue"), Permission.REVIEW_ALERTS),
    Page("flights", "/flights", N_("Flights"), Permission.READ_TRAVELLERS),
    Page("watchlists", "/watchlists", N_("Watchlists"), Permission.READ_LISTS),
    Page("rules", "/rules", N_("Rules"), Permission.READ_STATISTICS),
    Page("dashboard", "/dashboard", N_("Dashboard"), Permission.READ_STATISTICS),
    Page("audit", "/audit", N_("Audit"), Permission.READ_AUDIT),
)

_BY_NAME = {page.name: page for page in PAGES}


def may_open(role: Role, page: str) -> bool:
    return _BY_NAME[page].permission in permissions_of(role)


def nav_for(role: Role) -> list[Page]:
    return [page for page in PAGES if page.permission in permissions_of(role)]


def home_of(role: Role) -> str | None:
    """Where a user lands after log-in: the first page they may open (``None``: no page at all)."""
    pages = nav_for(role)
    return pages[0].path if pages else None
