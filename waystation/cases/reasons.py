"""Why a human decided: a reason is mandatory, and it must actually say something.

Reviewers under time pressure type "ok", "fp" or "see above". Such reasons are worthless to the
auditor, to the supervisor who may override, and to the traveller who later asks why. The check
is deliberately simple and explainable: at least three words and fifteen characters, letters in
it, and not one of the stock phrases that restate the disposition without a ground.
"""

from __future__ import annotations

import re

from waystation.exc import InputError, Locator

__all__ = ["MIN_REASON_CHARS", "MIN_REASON_WORDS", "check_reason"]

MIN_REASON_CHARS = 15
MIN_REASON_WORDS = 3

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Phrases that only restate a decision; compared after lower-casing and dropping punctuation.
_STOCK = frozenset(
    {
        "ok",
        "fp",
        "tp",
        "na",
        "n a",
        "none",
        "no reason",
        "test",
        "see above",
        "see notes",
        "as above",
        "false positive",
        "not a match",
        "no match",
        "true match",
        "is a match",
        "it is a match",
        "this is a match",
        "this is not a match",
        "it is not a match",
        "inconclusive",
        "not sure",
        "same person",
        "different person",
        "not the same person",
        "not the same person at all",
    }
)


def check_reason(text: str | None, *, field: str = "reason") -> str:
    """The reason with its whitespace tidied, or ``InputError`` naming ``field`` and what is missing."""
    tidy = " ".join((text or "").split())
    locator = Locator(field=field)
    if not tidy:
        raise InputError("a reason is required", locator)
    words = _WORD.findall(tidy.casefold())
    if " ".join(words) in _STOCK:
        raise InputError(f"{tidy!r} restates the decision; say what evidence it rests on", locator)
    if len(tidy) < MIN_REASON_CHARS or len(words) < MIN_REASON_WORDS:
        raise InputError(
            f"the reason {tidy!r} is too short: give at least {MIN_REASON_WORDS} words "
            f"and {MIN_REASON_CHARS} characters naming the evidence",
            locator,
        )
    if not any(ch.isalpha() for ch in tidy) or len(set(words)) < 2:
        raise InputError(f"the reason {tidy!r} does not say anything", locator)
    return tidy
