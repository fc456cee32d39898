"""Airport codes to countries and readable labels, from the offline ``airportsdata`` table.

Areas of concern may name countries ("any airport in SYR"), and explanations should say
"GZT (Gaziantep, TUR)" rather than a bare code; both need to know where an airport is. The table
ships inside the ``airportsdata`` package (MIT licence), so nothing is fetched at run time.
"""

from __future__ import annotations

from functools import cache

import airportsdata

from waystation.model import to_alpha3

__all__ = ["airport_country", "airport_label"]


@cache
def _table() -> dict[str, tuple[str | None, str]]:
    table: dict[str, tuple[str | None, str]] = {}
    for code, row in airportsdata.load("IATA").items():
        table[code.upper()] = (to_alpha3(row["country"]), row["city"] or row["name"])
    return table


def airport_country(code: str | None) -> str | None:
    """The ISO alpha-3 country of an IATA airport code, or ``None`` when unknown."""
    if not code:
        return None
    found = _table().get(code.strip().upper())
    return found[0] if found else None


def airport_label(code: str | None) -> str:
    """``GZT (Gaziantep, TUR)`` for explanations; the bare code when the airport is unknown."""
    if not code:
        return "an unknown airport"
    code = code.strip().upper()
    found = _table().get(code)
    if not found:
        return code
    country, city = found
    return f"{code} ({city}, {country})" if country else f"{code} ({city})"
