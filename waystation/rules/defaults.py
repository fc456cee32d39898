"""The rule file shipped for the demo (``waystation/data/rules/default.yml``)."""

from __future__ import annotations

from importlib import resources

from waystation.rules.loader import load_rules
from waystation.rules.model import RuleSet

__all__ = ["DEFAULT_RULES_SOURCE", "default_rules", "default_rules_text"]

DEFAULT_RULES_SOURCE = "waystation/data/rules/default.yml"


def default_rules_text() -> str:
    return resources.files("waystation.data").joinpath("rules", "default.yml").read_text("utf-8")


def default_rules() -> RuleSet:
    """The shipped rules, built against the shipped areas (raises if the package is broken)."""
    return load_rules(default_rules_text(), DEFAULT_RULES_SOURCE)
