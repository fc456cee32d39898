"""Rule and area files as text: YAML (which also reads most JSON) or JSON, never executed.

Only ``yaml.safe_load`` is used (no Python object tags). Size is bounded because a rule file is
read by the loader on every start, and YAML aliases could otherwise multiply a small text into
a huge tree; the condition walker bounds depth and count for the same reason.
"""

from __future__ import annotations

import json

import yaml

from waystation.rules.problems import Problem, ProblemCode

__all__ = ["MAX_TEXT", "load_document", "rule_lines"]

MAX_TEXT = 1_000_000


def load_document(text: str, source: str) -> tuple[object, list[Problem]]:
    """The parsed document, or ``None`` and the one problem that made it unreadable."""
    if len(text) > MAX_TEXT:
        reason = f"file is larger than {MAX_TEXT} characters"
        return None, [Problem(None, ProblemCode.UNREADABLE, reason, source)]
    stripped = text.lstrip()
    try:
        if stripped.startswith("{") or stripped.startswith("["):
            return json.loads(text), []
        return yaml.safe_load(text), []
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        line = None
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            line = int(mark.line) + 1
        reason = " ".join(str(error).split())[:300]
        return None, [Problem(None, ProblemCode.UNREADABLE, f"not valid YAML/JSON: {reason}", source, line)]


def rule_lines(text: str) -> list[int | None]:
    """The line (1-based) where each item of the top-level ``rules:`` list starts, for messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return [int(item.start_mark.line) + 1 for item in value.value]
    return []
