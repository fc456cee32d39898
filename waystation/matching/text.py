"""Text folding below the level of names: case, diacritics, scripts, punctuation.

Everything the matcher compares is first folded to lower-case ASCII letters and digits, because
the same person reaches us as ``MÜLLER`` (a passport), ``Mueller`` (an airline that knows ICAO
9303) and ``Muller`` (one that does not), and as ``‘ABD AL-RAHMAN`` with typographic ʿayn marks.
Arabic and Cyrillic are NOT folded here (a character map alone gives one poor romanization);
:mod:`waystation.matching.romanize` turns them into several Latin candidates first.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from anyascii import anyascii

__all__ = ["Script", "fold", "fold_arabic", "script_of", "split_words"]


class Script(StrEnum):
    """The writing system of a word, as far as the matcher cares."""

    LATIN = "latin"
    ARABIC = "arabic"
    CYRILLIC = "cyrillic"
    OTHER = "other"


# ICAO 9303 writes these letters with two Latin letters; plain diacritic stripping gives one.
# Folding both ways to the single letter makes "MUELLER" and "MÜLLER" meet at "muller" only when the
# source had the umlaut; "mueller" written by a person stays as is and is met by fuzzy comparison.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
     "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"}
)  # fmt: skip
# Marks that transliterations of Arabic use for ʿayn and hamza, and apostrophes in general:
# they are dropped, not turned into spaces ("Sa'ad" is one word).
_GLOTTAL = re.compile(r"[\u02bb\u02bc\u02bd\u02be\u02bf\u2018\u2019\u201b\u0060\u00b4'\u02c8`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ARABIC_RANGE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC_RANGE = re.compile(r"[\u0400-\u052f]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Arabic diacritics (harakat), tatweel and Quranic marks carry no identity.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ۀ": "ه",
        "ؤ": "و",
        "ئ": "ي",
    }
)


@lru_cache(maxsize=100_000)  # (every word of every name asks: names repeat a great deal)
def script_of(text: str) -> Script:
    """The dominant script of a word (Arabic and Cyrillic win over stray Latin letters)."""
    if _ARABIC_RANGE.search(text):
        return Script.ARABIC
    if _CYRILLIC_RANGE.search(text):
        return Script.CYRILLIC
    if _LATIN_LETTER.search(text) or any(ch.isdigit() for ch in text):
        return Script.LATIN
    return Script.OTHER


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: ``‘ABD AL-RAHMAN`` → ``abd al rahman``.

    Letters of other scripts go through anyascii (a best effort, one candidate); callers wanting
    several romanizations of Arabic or Cyrillic use :mod:`waystation.matching.romanize` first.
    """
    text = _GLOTTAL.sub("", text.translate(_SPECIAL))
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if not stripped.isascii():
        stripped = anyascii(stripped)
        stripped = _GLOTTAL.sub("", stripped)
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


def fold_arabic(text: str) -> str:
    """Arabic-script text without diacritics and with the letter variants writers mix up unified."""
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text))
    return text.translate(_ARABIC_FOLD)


def split_words(text: str) -> list[str]:
    """Words of a name as written: spaces, hyphens, commas, slashes and MRZ ``<`` all separate."""
    return [w for w in _SEPARATORS.split(text) if w]


_SEPARATORS = re.compile(r"[\s,;/<\-‐‑–—_.()\[\]]+")
