"""Areas of concern: named sets of airports and countries that route conditions refer to.

Areas are data, written by a supervisor beside the rules (in the rule file or in a shared area
file), so that a rule says ``destination: syria-border-tr`` and the list of airports can be
reviewed, versioned and changed in one place. An area lists IATA airport codes and/or ISO
alpha-3 countries; an airport is in the area when its code is listed or its country is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from waystation.rules.airports import airport_country, airport_label
from waystation.rules.problems import Problem, ProblemCode, pydantic_problems
from waystation.rules.textload import load_document

__all__ = ["AREA_ID", "AirportCode", "Area", "CountryCode", "area_problems", "default_areas", "parse_areas"]

AREA_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


# Upper-cased before the pattern is checked, so "gzt" is accepted as GZT.
AirportCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{3}$"), BeforeValidator(_upper)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), BeforeValidator(_upper)]


@dataclass(frozen=True, slots=True)
class Area:
    """A named area of concern."""

    name: str
    title: str
    airports: frozenset[str]
    countries: frozenset[str]

    def contains(self, airport: str | None) -> bool:
        if not airport:
            return False
        code = airport.strip().upper()
        return code in self.airports or (bool(self.countries) and airport_country(code) in self.countries)

    def why(self, airport: str) -> str:
        """``GZT (Gaziantep, TUR), in area syria-border-tr``."""
        return f"{airport_label(airport)}, in area {self.name}"


class AreaModel(BaseModel):
    """One area as written in YAML (the trust boundary)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    airports: list[AirportCode] = Field(default_factory=list, max_length=500)
    countries: list[CountryCode] = Field(default_factory=list, max_length=250)


def area_problems(raw: object, source: str) -> tuple[dict[str, Area], list[Problem]]:
    """Validate an ``areas:`` mapping; every problem is reported, valid areas are kept."""
    areas: dict[str, Area] = {}
    problems: list[Problem] = []
    if raw is None:
        return areas, problems
    if not isinstance(raw, dict):
        problems.append(
            Problem(None, ProblemCode.BAD_SHAPE, "'areas' must be a mapping of area names", source)
        )
        return areas, problems
    for key, body in raw.items():
        name = str(key)
        if not AREA_ID.match(name):
            problems.append(
                Problem(
                    None,
                    ProblemCode.BAD_SHAPE,
                    f"area name {name!r} must be lower-case letters, digits, '-' or '_'",
                    source,
                )
            )
            continue
        try:
            model = AreaModel.model_validate(body)
        except ValidationError as error:
            problems.extend(pydantic_problems(error, None, source, prefix=f"area {name}"))
            continue
        if not model.airports and not model.countries:
            problems.append(
                Problem(
                    None, ProblemCode.BAD_SHAPE, f"area {name} lists no airports and no countries", source
                )
            )
            continue
        areas[name] = Area(name, model.title, frozenset(model.airports), frozenset(model.countries))
    return areas, problems


def parse_areas(text: str, source: str) -> tuple[dict[str, Area], list[Problem]]:
    """Read a shared area file (``areas:`` at the top level)."""
    document, problems = load_document(text, source)
    if problems:
        return {}, problems
    if not isinstance(document, dict) or "areas" not in document:
        return {}, [
            Problem(None, ProblemCode.BAD_SHAPE, "an area file is a mapping with an 'areas' key", source)
        ]
    extra = sorted(str(k) for k in document if k not in ("areas", "format"))
    found, problems = area_problems(document["areas"], source)
    if extra:
        problems.append(
            Problem(None, ProblemCode.BAD_SHAPE, f"unknown top-level keys: {', '.join(extra)}", source)
        )
    return found, problems


def default_areas() -> Mapping[str, Area]:
    """The areas shipped with waystation (``waystation/data/rules/areas.yml``)."""
    text = resources.files("waystation.data").joinpath("rules", "areas.yml").read_text("utf-8")
    found, problems = parse_areas(text, "waystation/data/rules/areas.yml")
    if problems:  # a packaging mistake, caught by the tests
        raise ValueError("; ".join(str(p) for p in problems))
    return found
