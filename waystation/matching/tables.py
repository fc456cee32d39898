"""The name tables shipped in ``waystation/data/names`` (sources and derivation in its README.md).

Loaded once per process and shared read-only: every table is a plain dict or frozenset, so a
forked worker process sees the parent's copy without reloading it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from waystation.matching.text import fold

__all__ = ["Particles", "Tables", "tables"]


@dataclass(frozen=True, slots=True)
class Particles:
    """Closed word lists that change how the neighbouring words of a name are read."""

    articles: frozenset[str]
    assimilated: frozenset[str]
    patronymic: frozenset[str]
    kunya: frozenset[str]
    abd: frozenset[str]
    titles: frozenset[str]
    family_titles: frozenset[str]  # titles that are a family name with the article after a name word
    tails: tuple[tuple[str, re.Pattern[str]], ...]  # (canonical second element, pattern of a glued word)
    tail_words: dict[str, str]  # a second element written alone -> its canonical spelling


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the normalizer and the scorer look up."""

    variant_classes: dict[str, tuple[int, ...]]  # Latin spelling -> ids of its equivalence groups
    class_count: dict[int, int]  # group id -> occurrences of all its spellings in the corpus
    arabic_spellings: dict[str, tuple[str, ...]]  # folded Arabic word -> Latin spellings, most used first
    arabic_class: dict[str, int]  # folded Arabic word -> its group id
    frequency: dict[str, int]  # Latin name part -> occurrences in the reference corpus
    frequency_total: int
    particles: Particles
    cyrillic: dict[str, tuple[str, ...]]  # letter -> romanizations (ICAO, BGN/PCGN, German style)
    arabic_letters: dict[str, tuple[str, str]]  # letter -> (as consonant, as long vowel)


def _lines(name: str) -> list[list[str]]:
    text = resources.files("waystation.data.names").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def tables() -> Tables:
    """The loaded tables (cached for the life of the process)."""
    classes: dict[str, set[int]] = {}
    spellings: dict[str, tuple[str, ...]] = {}
    arabic_class: dict[str, int] = {}
    group = 0
    for group, (form, words) in enumerate(_lines("arabic_variants.tsv")):
        spelled = tuple(words.split())
        spellings[form] = spelled
        arabic_class[form] = group
        if len(spelled) > 1:
            for word in spelled:
                classes.setdefault(word, set()).add(group)
    for offset, (_key, words) in enumerate(_lines("symbol_groups.tsv"), start=group + 1):
        for word in words.split("|"):
            classes.setdefault(word.replace(" ", ""), set()).add(offset)
    frequency = {word: int(count) for word, count in _lines("name_frequency.tsv")}
    raw = yaml.safe_load(
        resources.files("waystation.data.names").joinpath("particles.yml").read_text("utf-8")
    )
    tails = tuple((str(canon), re.compile(str(pattern))) for canon, pattern in raw["compound_tails"].items())
    tail_words = {fold(str(w)): str(canon) for canon, words in raw["tail_words"].items() for w in words}
    particles = Particles(
        articles=frozenset(raw["articles"]),
        assimilated=frozenset(raw["assimilated"]),
        patronymic=frozenset(raw["patronymic"]),
        kunya=frozenset(raw["kunya"]),
        abd=frozenset(raw["abd"]),
        titles=frozenset(raw["titles"]),
        family_titles=frozenset(raw["family_titles"]),
        tails=tails,
        tail_words=tail_words,
    )
    cyrillic = {row[0]: tuple(row[1:4]) for row in ([*r, "", "", ""] for r in _lines("cyrillic.tsv"))}
    letters = {
        row[0]: (row[1], row[2] or row[1]) for row in ([*r, "", ""] for r in _lines("arabic_letters.tsv"))
    }
    class_count: dict[int, int] = {}
    for word, ids in classes.items():
        for group_id in ids:
            class_count[group_id] = class_count.get(group_id, 0) + frequency.get(word, 0)
    return Tables(
        variant_classes={word: tuple(sorted(ids)) for word, ids in classes.items()},
        class_count=class_count,
        arabic_spellings=spellings,
        arabic_class=arabic_class,
        frequency=frequency,
        frequency_total=sum(frequency.values()),
        particles=particles,
        cyrillic=cyrillic,
        arabic_letters=letters,
    )
