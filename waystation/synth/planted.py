"""Listed people planted among ordinary travellers, disguised the way real manifests differ.

A planted traveller is built from a real list entry: its primary name or a good alias, written
with a variant (exact, another romanization, swapped order, a particle changed, a part dropped),
its birth date, nationality and sometimes its listed passport. The truth is returned with it so
the demo and tests know who should alert.
"""

from __future__ import annotations

import random
import string
import unicodedata
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

__all__ = ["VARIANTS", "Planted", "plant", "plantable", "suits"]

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


_PARTICLES = ("AL-", "AL ", "ABD AL", "BIN ", "ABU ")
_DOCUMENT_LETTERS = frozenset(string.ascii_uppercase + " -")


def plantable(watchlist: Watchlist, programme: str | None = "Al-Qaida") -> list[ListEntry]:
    """People with a Latin name, a birth year and a nationality: the ones worth planting.

    The ISIL (Da'esh) & Al-Qaida programme is preferred (it is what way stations screen for);
    other programmes are used when a list has none.
    """
    found = []
    for entry in watchlist.entries:
        name = entry.primary_name
        if entry.kind is not EntryKind.PERSON or name is None or name.script not in (None, "Latn"):
            continue
        if (
            len(name.parts) < 2
            or not entry.nationalities
            or not any(b.earliest.year for b in entry.birth_dates)
        ):
            continue
        found.append(entry)
    preferred = [e for e in found if programme in e.programmes]
    return preferred or found


def _strong_aliases(entry: ListEntry) -> list[Name]:
    return [
        n
        for n in entry.names[1:]
        if n.role is NameRole.ALIAS and n.quality is NameQuality.STRONG and n.script in (None, "Latn")
        and len(n.full.split()) >= 2
    ]  # fmt: skip


def suits(entry: ListEntry, variant: str) -> bool:
    """Whether ``entry`` can carry this disguise (a particle to change, a passport to show…)."""
    name = entry.primary_name
    full = name.full.upper() if name else ""
    if variant == "alias":
        return bool(_strong_aliases(entry))
    if variant == "particle":
        return any(p in full for p in _PARTICLES)
    if variant == "drop_part":
        return len(full.split()) >= 3
    if variant == "passport":
        return any(d.kind == "passport" and d.number for d in entry.documents)
    return True


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
        texts = _change_particle(texts)
    elif variant == "drop_part" and len(texts) > 2:
        del texts[rng.randrange(1, len(texts) - 1)]
    texts = [t for t in (_as_on_document(t) for t in texts) if t]
    given, family = texts[:-1], texts[-1]
    return Name.from_parts(family, given)


def _change_particle(texts: list[str]) -> list[str]:
    """Write the first particle found another way (AL- → EL, ABD AL- → ABDUL, BIN → BEN…)."""
    swaps = (("ABD AL-", "ABDUL"), ("AL-", "EL "), ("AL ", "AL-"), ("BIN ", "BEN "), ("ABU ", "ABOU "))
    for index, text in enumerate(texts):
        for old, new in swaps:
            if old in text:
                return [*texts[:index], text.replace(old, new, 1), *texts[index + 1 :]]
    return [t.replace("-", " ") for t in texts]


def _as_on_document(text: str) -> str:
    """Letters as a document's machine-readable zone gives them: A–Z, spaces and hyphens only."""
    folded = unicodedata.normalize("NFKD", text.upper())
    kept = "".join(ch for ch in folded if ch in _DOCUMENT_LETTERS)
    return " ".join(kept.split())


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
