"""Arabic-script and Cyrillic words to several Latin candidates, offline.

One romanization is never enough: محمد is written Mohamed, Mohammed, Muhammad or Mehmet, and
Юсупов is Yusupov (BGN/PCGN), Iusupov (ICAO 9303 since 2015) or Jussupow (German). The matcher
keeps every candidate and lets the comparison pick the one that fits.

- Arabic: a word known to the variant table (Wikidata and Google pairs, see data/names/README.md)
  gives its attested spellings; an unknown word falls back to a letter map in two readings (و/ي as
  consonants w/y, or as long vowels u/i). Short vowels are not written in Arabic, so the fallback is
  a consonant skeleton that the comparison treats as such.
- Cyrillic: the three common systems of ``cyrillic.tsv``, letter by letter.
"""

from __future__ import annotations

from functools import lru_cache

from waystation.matching.tables import tables
from waystation.matching.text import fold, fold_arabic

__all__ = ["MAX_CANDIDATES", "romanize_arabic", "romanize_cyrillic"]

MAX_CANDIDATES = 4


@lru_cache(maxsize=50_000)
def romanize_arabic(word: str) -> tuple[tuple[str, ...], bool]:
    """Latin candidates for one Arabic-script word, and whether it began with the article ال.

    The candidates are attested spellings when the table knows the word, else letter-map readings.
    """
    table = tables()
    form = fold_arabic(word)
    article = False
    if form.startswith("ال") and len(form) > 3:
        form, article = form[2:], True
    known = table.arabic_spellings.get(form)
    if known:
        return known[:MAX_CANDIDATES], article
    letters = table.arabic_letters
    consonants = "".join(letters.get(ch, ("", ""))[0] for ch in form)
    vowels = "".join(
        letters.get(ch, ("", ""))[1] if 0 < i < len(form) - 1 or ch in "وي" else letters.get(ch, ("", ""))[0]
        for i, ch in enumerate(form)
    )
    found = tuple(dict.fromkeys(c for c in (vowels, consonants) if c))
    return found or (fold(word).replace(" ", ""),), article


@lru_cache(maxsize=50_000)
def romanize_cyrillic(word: str) -> tuple[str, ...]:
    """ICAO 9303, BGN/PCGN and German-style readings of one Cyrillic word (distinct, ICAO first)."""
    table = tables().cyrillic
    readings: list[str] = []
    lowered = word.casefold()
    for system in range(3):
        out = []
        for index, ch in enumerate(lowered):
            row = table.get(ch)
            if row is None:
                out.append(fold(ch))
                continue
            # BGN/PCGN writes е as "ye" only at the start of a word or after a vowel; "e" elsewhere.
            if system == 1 and ch == "е" and index > 0 and lowered[index - 1] not in "аеёиоуыэюяйъь":
                out.append("e")
            else:
                out.append(row[system])
        readings.append("".join(out))
    return tuple(dict.fromkeys(r for r in readings if r))
