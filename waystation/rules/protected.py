"""The protected-attribute policy: which fields a rule may read, which values it may not search for.

The policy is data (``waystation/data/rules/protected.yml``) so that a data-protection officer
can read and review it without reading code. It has two halves:

* a **whitelist** of fields — a condition may read only fields listed as allowed; a field that
  is not listed is refused, so anything new is forbidden until someone argues for it;
* a **blacklist** of values — special-service codes (religious meals, medical requests) and
  keywords that encode race or ethnic origin, religion or belief, political opinion, trade-union
  membership, health, sex life or sexual orientation, searched for in any free text a rule
  matches, in rule titles and in area names.

Free text is compared as words after transliteration (``anyascii``) and case folding, so
"MUSLIM", "Muslim" and "Mùslim" are alike; other languages' words must be listed in the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from anyascii import anyascii

__all__ = ["Policy", "Violation", "default_policy", "words_of"]

_NON_WORD = re.compile(r"[^a-z0-9]+")


def words_of(text: str) -> tuple[str, ...]:
    """Transliterated, case-folded words of a text."""
    return tuple(w for w in _NON_WORD.split(anyascii(text).casefold()) if w)


@dataclass(frozen=True, slots=True)
class Violation:
    """Why a field or value is refused: the protected category, the reason, what was found."""

    category: str
    category_label: str
    reason: str
    found: str

    def sentence(self) -> str:
        return f"{self.reason} ({self.category_label}): {self.found!r}"


@dataclass(frozen=True, slots=True)
class _Keyword:
    words: tuple[str, ...]
    inside: bool
    category: str
    reason: str


@dataclass(frozen=True, slots=True)
class Policy:
    """The safeguard's data, read once from YAML."""

    categories: Mapping[str, str]
    allowed_fields: Mapping[str, str]
    nationality_fields: frozenset[str]
    forbidden_fields: Mapping[str, tuple[str, str]]
    codes: Mapping[str, tuple[str, str]]
    code_patterns: tuple[tuple[re.Pattern[str], str, str], ...]
    keywords: tuple[_Keyword, ...]

    @classmethod
    def from_yaml(cls, text: str) -> Policy:
        data: dict[str, Any] = yaml.safe_load(text)
        categories = {str(k): str(v) for k, v in data["categories"].items()}
        forbidden = {
            str(name): (str(body["category"]), str(body["reason"]))
            for name, body in data["forbidden_fields"].items()
        }
        codes: dict[str, tuple[str, str]] = {}
        for category, body in data["ssr_codes"].items():
            for code in body["codes"]:
                codes[str(code).upper()] = (str(category), str(body["reason"]))
        patterns = tuple(
            (re.compile(str(p["pattern"])), str(p["category"]), str(p["reason"]))
            for p in data["code_patterns"]
        )
        keywords: list[_Keyword] = []
        for category, body in data["keywords"].items():
            for raw in body["words"]:
                word = str(raw)
                inside = word.endswith("*")
                keywords.append(
                    _Keyword(words_of(word.rstrip("*")), inside, str(category), str(body["reason"]))
                )
        return cls(
            categories,
            {str(k): str(v) for k, v in data["allowed_fields"].items()},
            frozenset(str(f) for f in data["nationality_fields"]),
            forbidden,
            codes,
            patterns,
            tuple(keywords),
        )

    def _violation(self, category: str, reason: str, found: str) -> Violation:
        return Violation(category, self.categories.get(category, category), reason, found)

    def field_violation(self, name: str) -> Violation | None:
        """``None`` when a rule may read the field; else why not."""
        if name in self.allowed_fields:
            return None
        if name in self.forbidden_fields:
            category, reason = self.forbidden_fields[name]
            return self._violation(category, reason, name)
        return Violation(
            "not_whitelisted",
            "not on the whitelist",
            "a rule may read only the fields listed in the policy's allowed_fields",
            name,
        )

    def is_nationality(self, name: str) -> bool:
        return name in self.nationality_fields

    def text_violation(self, text: str) -> Violation | None:
        """The first protected code or keyword found in a text a rule would search for, if any."""
        words = words_of(text)
        for word in words:
            code = word.upper()
            if code in self.codes:
                category, reason = self.codes[code]
                return self._violation(category, reason, code)
            for pattern, category, reason in self.code_patterns:
                if pattern.match(code):
                    return self._violation(category, reason, code)
        compact = "".join(words)
        for keyword in self.keywords:
            if _contains(words, keyword.words) or (keyword.inside and "".join(keyword.words) in compact):
                return self._violation(keyword.category, keyword.reason, " ".join(keyword.words))
        if len(words) == 1 and len(compact) >= 4:  # a truncated keyword ("KOSH") searched as a substring
            for keyword in self.keywords:
                joined = "".join(keyword.words)
                if len(joined) >= 5 and joined.startswith(compact) and joined != compact:
                    return self._violation(keyword.category, keyword.reason, f"{compact}… ({joined})")
        return None


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True when the phrase occurs as consecutive words (a plural ``s`` on the last is tolerated)."""
    size = len(phrase)
    if not size:
        return False
    for start in range(len(words) - size + 1):
        window = words[start : start + size]
        if window[:-1] == phrase[:-1] and window[-1] in (phrase[-1], phrase[-1] + "s", phrase[-1] + "es"):
            return True
    return False


@cache
def default_policy() -> Policy:
    """The policy shipped with waystation."""
    text = resources.files("waystation.data").joinpath("rules", "protected.yml").read_text("utf-8")
    return Policy.from_yaml(text)
