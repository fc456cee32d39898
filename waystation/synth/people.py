"""Ordinary travellers: plausible names, ages, documents and contacts for each naming culture."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date, timedelta

from waystation.model import Name, PartialDate, Sex, TravelDocument
from waystation.synth.pools import Culture, Pools

__all__ = ["Person", "random_person"]


@dataclass(frozen=True, slots=True)
class Person:
    """A generated person before they are put on a flight."""

    name: Name
    birth_date: PartialDate
    sex: Sex
    nationality: str
    document: TravelDocument
    phone: str
    email: str


def _passport_number(rng: random.Random) -> str:
    letters = "".join(rng.choices(string.ascii_uppercase, k=rng.choice((1, 2))))
    return letters + "".join(rng.choices(string.digits, k=9 - len(letters)))


def _phone(rng: random.Random, nationality: str) -> str:
    prefix = {"TUR": "+90", "SYR": "+963", "IRQ": "+964", "DEU": "+49", "FRA": "+33", "GBR": "+44"}
    return prefix.get(nationality, "+1") + "".join(rng.choices(string.digits, k=9))


def _pick_culture(rng: random.Random, pools: Pools) -> Culture:
    return rng.choices(pools.cultures, weights=[c.weight for c in pools.cultures])[0]


def random_person(rng: random.Random, pools: Pools, day: date, *, culture: Culture | None = None) -> Person:
    """A person of a random culture, aged 1 to 85 on ``day``, with a passport valid on ``day``."""
    culture = culture or _pick_culture(rng, pools)
    sex = rng.choice((Sex.MALE, Sex.FEMALE))
    given_pool = culture.male if sex is Sex.MALE else culture.female
    given = [rng.choice(given_pool)]
    if rng.random() < 0.25:
        given.append(rng.choice(culture.male))  # a father's name or second given name
    family = rng.choice(culture.family)
    age_days = rng.randint(365, 85 * 365)
    born = day - timedelta(days=age_days)
    nationality = rng.choice(culture.nationalities)
    expiry = day + timedelta(days=rng.randint(30, 3650))
    document = TravelDocument(
        "P", _passport_number(rng), nationality, expiry=PartialDate(expiry.year, expiry.month, expiry.day)
    )
    handle = f"{given[0]}.{family}".lower().replace(" ", "").replace("-", "")
    email = f"{handle}{rng.randint(1, 999)}@{rng.choice(('mail.example', 'post.example', 'inbox.example'))}"
    return Person(
        name=Name.from_parts(family, given),
        birth_date=PartialDate(born.year, born.month, born.day),
        sex=sex,
        nationality=nationality,
        document=document,
        phone=_phone(rng, nationality),
        email=email,
    )
