"""Countries as ISO 3166-1 alpha-3 codes, whatever the source wrote.

Passenger messages use alpha-3 (and ICAO 9303 specials such as ``D`` and ``GBD``), PNR addresses
use alpha-2, and watchlists write names ("Syrian Arab Republic", "Türkiye", "former Soviet
Union"). The ISO tables come from pycountry (offline data); the spellings ISO does not know are a
YAML table shipped in ``waystation/data/country_aliases.yml``.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import pycountry
import yaml

__all__ = ["country_name", "to_alpha3"]

# Historic codes that pycountry keeps apart from the current list.
_HISTORIC = {
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia",
    "SCG": "Serbia and Montenegro",
    "CSK": "Czechoslovakia",
    "DDR": "German Democratic Republic",
    "XKX": "Kosovo",
    "XXA": "Stateless",
    "XXB": "Refugee",
    "XXC": "Refugee (other)",
    "XXX": "Unspecified",
    "UNO": "United Nations",
}


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.casefold().replace(".", " ").replace(",", " ").split())


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_3)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table[_key(str(value))] = code
        table[_key(str(country.alpha_2))] = code
        table[_key(code)] = code
    aliases = resources.files("waystation.data").joinpath("country_aliases.yml").read_text("utf-8")
    for name, code in (yaml.safe_load(aliases) or {}).items():
        table[_key(str(name))] = str(code)
    for code in _HISTORIC:
        table.setdefault(_key(code), code)
    return table


def to_alpha3(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code for a code or a name, or ``None`` when it is not a country."""
    if not text:
        return None
    key = _key(text)
    if not key or key in {"na", "n a", "unknown", "none"}:
        return None
    return _table().get(key)


def country_name(code: str | None) -> str | None:
    """A readable name for an alpha-3 code (for explanations and pages)."""
    if not code:
        return None
    if code in _HISTORIC:
        return _HISTORIC[code]
    country = pycountry.countries.get(alpha_3=code)
    return str(country.name) if country else None
