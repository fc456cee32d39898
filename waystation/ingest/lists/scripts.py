"""Which writing system a name is written in, as an ISO 15924 code, from the characters alone.

Lists give names in Latin letters and in the script of origin (Arabic for Pashto and Urdu too,
Cyrillic, Han, Hangul); matching treats the two very differently (transliterate, or compare as
is), so every name read from a list is tagged. The Unicode character names carry the script
("ARABIC LETTER ALEF", "CYRILLIC SMALL LETTER A"), which is enough without an extra dependency.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

__all__ = ["LATIN", "detect_script", "is_latin"]

LATIN = "Latn"

# Leading word(s) of a Unicode character name -> ISO 15924 code.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latn"),
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("CJK", "Hani"),
    ("HANGUL", "Hang"),
    ("HIRAGANA", "Hira"),
    ("KATAKANA", "Kana"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("DEVANAGARI", "Deva"),
    ("BENGALI", "Beng"),
    ("GURMUKHI", "Guru"),
    ("TAMIL", "Taml"),
    ("THAI", "Thai"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("ETHIOPIC", "Ethi"),
    ("SYRIAC", "Syrc"),
    ("THAANA", "Thaa"),
    ("MYANMAR", "Mymr"),
    ("KHMER", "Khmr"),
    ("LAO", "Laoo"),
    ("TIBETAN", "Tibt"),
    ("MONGOLIAN", "Mong"),
)


@cache
def _char_script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for prefix, code in _PREFIXES:
        if name.startswith(prefix):
            return code
    return None


def detect_script(text: str) -> str | None:
    """The ISO 15924 code of the script most letters of ``text`` use; ``None`` without letters.

    Digits, punctuation and spaces do not count, so ``"Abu-Bakr 2"`` is Latin and
    ``"عبد الله (1)"`` Arabic. A mix is decided by the majority of letters.
    """
    if text.isascii():  # the common case, decided without looking at each character
        return LATIN if any(ch.isalpha() for ch in text) else None
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            code = _char_script(char)
            if code:
                counts[code] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def is_latin(text: str) -> bool:
    """True when the text is written in Latin letters (or has no letters at all)."""
    return detect_script(text) in (None, LATIN)
