"""The reference data the generator draws from: name pools by naming culture, airports, routes.

Kept as YAML in ``waystation/data/synth`` (reference data is data, not Python literals).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["Culture", "Pools", "load_pools"]


@dataclass(frozen=True, slots=True)
class Culture:
    """One naming culture: who carries these names and how often they travel these routes."""

    name: str
    weight: int
    nationalities: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pools:
    cultures: tuple[Culture, ...]
    hub: str
    airports: dict[str, str]  # IATA code -> country alpha-3
    carriers: tuple[str, ...]
    feeder_origins: tuple[str, ...]
    border_cities: tuple[str, ...]
    domestic: tuple[str, ...]


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files("waystation.data.synth").joinpath(name).read_text("utf-8"))


@cache
def load_pools() -> Pools:
    people, routes = _read("people.yml"), _read("routes.yml")
    cultures = tuple(
        Culture(
            name=name,
            weight=int(spec["weight"]),
            nationalities=tuple(spec["nationalities"]),
            male=tuple(spec["male"]),
            female=tuple(spec["female"]),
            family=tuple(spec["family"]),
        )
        for name, spec in people["cultures"].items()
    )
    return Pools(
        cultures=cultures,
        hub=routes["hub"],
        airports={code: spec["country"] for code, spec in routes["airports"].items()},
        carriers=tuple(routes["carriers"]),
        feeder_origins=tuple(routes["feeder_origins"]),
        border_cities=tuple(routes["border_cities"]),
        domestic=tuple(routes["domestic"]),
    )
