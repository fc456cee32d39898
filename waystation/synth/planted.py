"""Listed people planted among ordinary travellers, disguised the way real manifests differ.

A planted traveller is built from a real list entry: its primary name or a good alias, written
with a variant (exact, another romanization, swapped order, a particle changed, a part dropped),
its birth date, nationality and sometimes its listed passport. The truth is returned with it so
the demo and tests know who should alert.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

from waystation.model import (
    EntryKind,
    ListEntry,
    Name,
    NamePartKind,
    NameQuality,
    NameRole,
    PartialDate,
    Sex,
    TravelDocument,
    Watchlist,
)
from waystation.synth.people import Person, random_person
from waystation.synth.pools import Pools

__all__ = ["VARIANTS", "Planted", "plant", "plantable"]

VARIANTS = ("exact", "alias", "spelling", "swap", "particle", "drop_part", "passport")


@dataclass(frozen=True, slots=True)
class Planted:
    """A person generated from a list entry, and what was changed."""

    person: Person
    entry_id: str
    list_name: str
    variant: str


@cache
def _spellings() -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, str], ...]]:
    text = resources.files("waystation.data.synth").joinpath("spellings.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    words = tuple(tuple(group) for group in data["words"])
    letters = tuple((a, b) for a, b in data["letters"])
    return words, letters


def plantable(watchlist: Watchlist) -> list[ListEntry]:
    """Entries of people with a usable Latin name and a known birth year (the ones worth planting)."""
    found = []
    for entry in watchlist.entries:
        name = entry.primary_name
        if entry.kind is not EntryKind.PERSON or name is None or name.script not in (None, "Latn"):
            continue
        if len(name.parts) < 2 or not any(b.earliest.year for b in entry.birth_dates):
            continue
        found.append(entry)
    return found


def _respell(rng: random.Random, text: str) -> str:
    words, letters = _spellings()
    upper = text.upper()
    for group in words:
        for spelling in group:
            if spelling in upper.split():
                return upper.replace(spelling, rng.choice([s for s in group if s != spelling]), 1)
    candidates = [(a, b) for a, b in letters if a in upper] + [(b, a) for a, b in letters if b in upper]
    if not candidates:
        return upper
    old, new = rng.choice(candidates)
    return upper.replace(old, new, 1)


def _vary(rng: random.Random, name: Name, variant: str) -> Name:
    parts = [p for p in name.parts if p.kind is not NamePartKind.TITLE]
    texts = [p.text.upper() for p in parts]
    if variant == "spelling":
        index = rng.randrange(len(texts))
        texts[index] = _respell(rng, texts[index])
    elif variant == "swap":
        texts = texts[-1:] + texts[:-1]
    elif variant == "particle":
        joined = " ".join(texts)
        for old, new in (
            ("AL-", "EL "),
            ("AL ", "AL-"),
            ("ABD AL-", "ABDUL"),
            ("BIN ", "BEN "),
            ("ABU ", "ABOU "),
        ):
            if old in joined:
                joined = joined.replace(old, new, 1)
                break
        else:
            joined = joined.replace("-", " ")
        texts = joined.split(" ", 1) if " " in joined else [joined]
    elif variant == "drop_part" and len(texts) > 2:
        del texts[rng.randrange(1, len(texts) - 1)]
    given, family = texts[:-1], texts[-1]
    return Name.from_parts(family, given)


def _birth_date(rng: random.Random, entry: ListEntry) -> PartialDate:
    for statement in entry.birth_dates:
        if statement.earliest.is_complete and not statement.is_range:
            return statement.earliest
    years = [y for statement in entry.birth_dates for y in statement.years()]
    year = rng.choice(years)
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def plant(
    rng: random.Random, pools: Pools, day: date, entry: ListEntry, list_name: str, variant: str
) -> Planted:
    """A traveller built from ``entry`` with the named ``variant`` of disguise."""
    base = entry.primary_name
    assert base is not None
    if variant == "alias":
        aliases = [
            n
            for n in entry.names[1:]
            if n.role is NameRole.ALIAS
            and n.quality is NameQuality.STRONG
            and n.script in (None, "Latn")
            and len(n.full.split()) >= 2
        ]
        base = rng.choice(aliases) if aliases else base
        if len(base.parts) == 1:
            words = base.full.split()
            base = Name.from_parts(words[-1], words[:-1])
    name = _vary(rng, base, variant)
    filler = random_person(rng, pools, day)
    nationality = entry.nationalities[0] if entry.nationalities else filler.nationality
    document = filler.document
    passports = [d for d in entry.documents if d.kind == "passport" and d.number]
    if variant == "passport" and passports:
        listed = passports[0]
        document = TravelDocument("P", listed.number, listed.country or nationality, expiry=document.expiry)
    else:
        document = TravelDocument("P", document.number, nationality, expiry=document.expiry)
    person = Person(
        name=name,
        birth_date=_birth_date(rng, entry),
        sex=entry.gender or Sex.MALE,
        nationality=nationality,
        document=document,
        phone=filler.phone,
        email=filler.email,
    )
    return Planted(person, entry.entry_id, list_name, variant)
