"""PNR names: TIF gives ``SURNAME`` and ``GIVEN`` with the title glued on (``JOHNMR``, ``ISABELLE MRS``).

A title written after a space is always a title. A glued title is taken off only for MR, MRS,
MISS and MSTR, which end no common given name; a glued MS or DR is left alone because
``WILLIAMS`` and ``ALEXANDR`` end that way.
"""

from __future__ import annotations

from waystation.model import Name, NamePart, NamePartKind

__all__ = ["GLUED_TITLES", "SPACED_TITLES", "pnr_name", "split_title"]

SPACED_TITLES = frozenset(
    {"MR", "MRS", "MS", "MISS", "MSTR", "DR", "PROF", "REV", "CAPT", "SIR", "MADAM", "CHD", "INF"}
)
GLUED_TITLES = ("MSTR", "MISS", "MRS", "MR")


def split_title(given: str) -> tuple[str, str | None]:
    """``('JOHN', 'MR')`` from ``JOHNMR``; ``('KONG CHUN', 'MRS')`` from ``KONG CHUN MRS``."""
    text = " ".join(given.split())
    words = text.split(" ")
    if len(words) > 1 and words[-1].upper() in SPACED_TITLES:
        return " ".join(words[:-1]), words[-1].upper()
    upper = text.upper()
    for title in GLUED_TITLES:
        if upper.endswith(title) and len(text) - len(title) >= 2:
            return text[: -len(title)], title
    return text, None


def pnr_name(surname: str | None, given: str | None) -> tuple[Name, str | None]:
    """The name in parts (given names kept whole, title as a TITLE part) and the title found."""
    given_text, title = split_title(given or "")
    parts: list[NamePart] = []
    if given_text:
        parts.append(NamePart(given_text, NamePartKind.GIVEN))
    if title:
        parts.append(NamePart(title, NamePartKind.TITLE))
    if surname and surname.strip():
        parts.append(NamePart(" ".join(surname.split()), NamePartKind.FAMILY))
    return Name(tuple(parts)), title
