"""Phonetic forms of one folded Latin word: what survives a change of romanizer.

Hand-written rather than Soundex/Metaphone (jellyfish) because those were made for English
surnames: Metaphone keeps ``kh`` apart from ``h`` and drops the ``q``/``k`` distinction in the
wrong places for Arabic, and Soundex keeps only four characters. The rules below encode what
romanizers of Arabic, Persian, Pashto and Russian actually vary on:

- ``phonetic``: digraphs merged (``kh``→``h``, ``dh``→``d``, ``q``→``k``, ``ou``→``u``, ``ay``/``ai``/``ei``
  → ``ei``…), doubled letters collapsed, a final ``h`` after a vowel dropped (Abdullah/Abdulla).
- ``vowel_mask``: the phonetic form with every run of vowels written as ``a``: Mohamed, Muhammad and
  Mohammed all become ``mahamad``; Yusuf and Youssef ``yasaf``. Used to grade, never alone.
- ``skeleton``: the consonants only (``mhmd``, ``ysf``): the blocking key that survives vowel
  variation; it collides often (Hasan/Husayn), which is fine for proposing candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["phonetic", "skeleton", "vowel_mask"]

_DIGRAPHS = (
    ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("dj", "j"), ("dh", "d"), ("th", "t"), ("kh", "h"),
    ("gh", "g"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("x", "ks"), ("ou", "u"), ("oo", "u"),
    ("ee", "i"), ("ie", "i"), ("ay", "ei"), ("ai", "ei"), ("ey", "ei"), ("aw", "au"),
)  # fmt: skip
_C_SOFT = re.compile(r"c(?=[eiy])")
_C_HARD = re.compile(r"c(?!h)")
_W_VOWEL = re.compile(r"w(?![aeiou])")
_Y_VOWEL = re.compile(r"(?<=[^aeiou])y(?![aeiou])|^y(?![aeiou])")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_VOWELS = re.compile(r"[aeiou]+")


@lru_cache(maxsize=200_000)
def phonetic(word: str) -> str:
    """A spelling-tolerant form of a folded word (``mohammed`` → ``muhamed``)."""
    text = _DOUBLE.sub(r"\1", word)
    for old, new in _DIGRAPHS:
        if old in text:
            text = text.replace(old, new)
    text = _C_SOFT.sub("s", text)  # Houcine, Cisse: the French soft c
    text = _C_HARD.sub("k", text)
    text = _W_VOWEL.sub("u", text)
    text = _Y_VOWEL.sub("i", text)
    text = _DOUBLE.sub(r"\1", text)
    text = _FINAL_H.sub("", text)
    return text or word


@lru_cache(maxsize=200_000)
def vowel_mask(word: str) -> str:
    """The phonetic form with each run of vowels written ``a`` (``yusuf`` → ``yasaf``)."""
    return _VOWELS.sub("a", phonetic(word))


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The consonants of the phonetic form (``mohammed`` → ``mhmd``); the word itself if all vowels."""
    text = _VOWELS.sub("", phonetic(word))
    return text or phonetic(word)
