"""What a condition is, what it answers, and the registry that makes it usable in rule files.

A condition is a small frozen object built from its parameters; asked about a subject it
returns a :class:`Finding`: whether it held, a sentence an analyst can read (true either way:
it says what *is* the case), and the values it looked at. A new kind of condition is added by
registering it under a stable name with its parameter model and the fields it reads — never by
editing a chain of ifs. The fields it reads are what the protected-attribute guard checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from waystation.rules.areas import Area
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = [
    "BaseCondition",
    "BuildContext",
    "BuildError",
    "Condition",
    "ConditionRegistry",
    "ConditionSpec",
    "Finding",
    "Params",
    "default_registry",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """A condition's answer about one subject.

    ``sentence`` states the facts ("the booking ABC123 was paid in cash (CA)"); ``values`` are the
    compared values as (name, value) pairs; ``negated`` is set when the condition sits under a
    ``not`` (then ``held`` is already the negated answer).
    """

    condition: str
    held: bool
    sentence: str
    values: tuple[tuple[str, str], ...] = ()
    negated: bool = False

    def text(self) -> str:
        """The sentence, prefixed with ``not:`` for a negated condition."""
        body = self.sentence
        if self.values:
            body += " [" + ", ".join(f"{k}={v}" for k, v in self.values) + "]"
        return f"not {self.condition}: {body}" if self.negated else f"{self.condition}: {body}"


class Condition(Protocol):
    """A built condition: evaluates a subject, describes itself, declares what it searches for."""

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding: ...

    def describe(self) -> str:
        """What the condition checks, in words, for rule listings and the analyst's page."""
        ...

    def fields(self) -> frozenset[str]:
        """Fields read beyond the registered ones (the generic ``field`` condition names one)."""
        ...

    def searched_text(self) -> tuple[str, ...]:
        """Values it searches for in free text or codes: checked against the keyword blacklist."""
        ...


class BaseCondition:
    """Defaults for the optional parts of :class:`Condition`; conditions are frozen slots dataclasses."""

    __slots__ = ()

    def fields(self) -> frozenset[str]:
        return frozenset()

    def searched_text(self) -> tuple[str, ...]:
        return ()


class Params(BaseModel):
    """Base of every condition's parameter model: strict about unknown keys, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BuildError(ValueError):
    """A condition's parameters are valid in shape but refer to something unknown (an area)."""


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What building a condition may refer to: the areas defined for the rule file."""

    areas: Mapping[str, Area] = field(default_factory=dict)

    def area(self, name: str) -> Area:
        try:
            return self.areas[name]
        except KeyError:
            known = ", ".join(sorted(self.areas)) or "none"
            raise BuildError(f"unknown area {name!r} (defined: {known})") from None


P = TypeVar("P", bound=Params)


@dataclass(frozen=True, slots=True)
class ConditionSpec:
    """A registered kind of condition."""

    name: str
    params: type[Params]
    build: Callable[[Any, BuildContext], Condition]
    reads: frozenset[str]
    summary: str

    def make(self, raw: object, context: BuildContext) -> Condition:
        """Validate the parameters (pydantic ``ValidationError``) and build (``BuildError``)."""
        params = self.params.model_validate({} if raw is None or raw is True else raw)
        return self.build(params, context)


class ConditionRegistry:
    """Conditions by stable name. ``default_registry()`` holds the shipped ones."""

    def __init__(self) -> None:
        self._specs: dict[str, ConditionSpec] = {}

    def register(
        self, name: str, *, params: type[P], reads: frozenset[str] | set[str], summary: str
    ) -> Callable[[Callable[[P, BuildContext], Condition]], Callable[[P, BuildContext], Condition]]:
        """Decorator: register a build function taking validated parameters and the context."""

        def decorate(build: Callable[[P, BuildContext], Condition]) -> Callable[[P, BuildContext], Condition]:
            if name in self._specs or name in ("all", "any", "not"):
                raise ValueError(f"condition {name!r} is already registered")
            self._specs[name] = ConditionSpec(name, params, build, frozenset(reads), summary)
            return build

        return decorate

    def get(self, name: str) -> ConditionSpec | None:
        return self._specs.get(name)

    def names(self) -> list[str]:
        return sorted(self._specs)

    def __iter__(self) -> Iterator[ConditionSpec]:
        return iter(self._specs[name] for name in self.names())

    def copy(self) -> ConditionRegistry:
        """A registry with the same conditions, to which more can be added (tests, plug-ins)."""
        other = ConditionRegistry()
        other._specs = dict(self._specs)
        return other


_DEFAULT = ConditionRegistry()


def default_registry() -> ConditionRegistry:
    """The registry of shipped conditions (importing ``waystation.rules.conditions`` fills it)."""
    return _DEFAULT
