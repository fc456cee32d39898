"""A whole synthetic day: flights, bookings, passengers, planted listed people and their networks.

The generator is the project's own source of realistic traffic for the demo, tests and
benchmarks. It is deterministic for a seed. Ordinary travellers come in parties (families share a
family name, a phone and a card); listed people are planted with disguised names, often on a
connection through the hub to a border city, with companions in their booking and a contact
shared with someone on another booking (a two-hop network); a few ordinary travellers share a
listed person's name but not their birth date or nationality (namesakes, who must not alert).
"""

from __future__ import annotations

import random
import string
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from waystation.model import (
    Agency,
    Booking,
    Contact,
    ContactKind,
    Leg,
    ListEntry,
    Name,
    PartialDate,
    Payment,
    Traveller,
    Watchlist,
)
from waystation.synth.people import Person, random_person
from waystation.synth.planted import VARIANTS, plant, plantable, suits
from waystation.synth.pools import Pools, load_pools
from waystation.synth.schedule import day_schedule

__all__ = ["FlightManifest", "SynthDay", "TruthRow", "generate_day"]


@dataclass(frozen=True, slots=True)
class TruthRow:
    """What a generated traveller really is: ``listed`` (with the entry), ``associate``, ``namesake``…"""

    ref: str
    kind: str
    entry_id: str | None = None
    list_name: str | None = None
    variant: str | None = None


@dataclass(frozen=True, slots=True)
class FlightManifest:
    leg: Leg
    travellers: tuple[Traveller, ...]


@dataclass(frozen=True, slots=True)
class SynthDay:
    day: date
    flights: tuple[FlightManifest, ...]
    bookings: tuple[Booking, ...]
    truth: tuple[TruthRow, ...]
    cards: dict[str, str]  # record locator -> the card number the renderers write (never in the model)

    @property
    def traveller_count(self) -> int:
        return sum(len(f.travellers) for f in self.flights)


@dataclass
class _Party:
    """People booked together, before they are turned into travellers."""

    people: list[Person]
    legs: list[Leg]
    kinds: list[TruthRow]
    late: bool = False
    cash: bool = False
    shared_phone: str | None = None


def _locator(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_uppercase + string.digits, k=6))


def _relative(rng: random.Random, pools: Pools, day: date, lead: Person) -> Person:
    """A family member: same family name and nationality, own given name and documents."""
    culture = next((c for c in pools.cultures if lead.nationality in c.nationalities), pools.cultures[0])
    other = random_person(rng, pools, day, culture=culture)
    family = lead.name.family or ""
    given = (other.name.given or "").split()
    return replace(
        other,
        name=Name.from_parts(family, given),
        nationality=lead.nationality,
        document=replace(other.document, issuing_country=lead.nationality),
        phone=lead.phone,
    )


def _journey(rng: random.Random, feeders: list[Leg], onward: list[Leg]) -> list[Leg]:
    roll = rng.random()
    if roll < 0.5:
        return [rng.choice(feeders)]
    if roll < 0.75:
        first = rng.choice(feeders)
        assert isinstance(first.arrival, datetime)
        later = [
            leg
            for leg in onward
            if isinstance(leg.departure, datetime) and leg.departure >= first.arrival + timedelta(minutes=60)
        ]
        return [first, rng.choice(later)] if later else [first]
    return [rng.choice(onward)]


def _connection(
    rng: random.Random, feeders: list[Leg], onward: list[Leg], towards: tuple[str, ...] = ()
) -> list[Leg]:
    """A feeder into the hub and a connecting onward flight, to one of ``towards`` when possible."""
    preferred = [leg for leg in onward if leg.destination in towards] or onward
    for _ in range(40):
        legs = _journey(rng, feeders, preferred)
        if len(legs) == 2:
            return legs
    return [rng.choice(feeders)]


def generate_day(
    watchlist: Watchlist | None,
    *,
    seed: int = 1,
    day: date | None = None,
    flights: int = 12,
    passengers_per_flight: tuple[int, int] = (60, 180),
    planted: int = 5,
    namesakes: int = 3,
    pools: Pools | None = None,
) -> SynthDay:
    """Generate one day of traffic; ``planted`` listed people are drawn from ``watchlist``."""
    rng = random.Random(seed)
    pools = pools or load_pools()
    day = day or date.today() + timedelta(days=1)
    feeders, onward = day_schedule(rng, pools, day, flights)
    parties: list[_Party] = []

    candidates = plantable(watchlist) if watchlist else []
    chosen: list[tuple[ListEntry, str]] = []
    for index in range(min(planted, len(candidates))):
        variant = VARIANTS[index % len(VARIANTS)]
        taken = {e.entry_id for e, _ in chosen}
        fitting = [e for e in candidates if suits(e, variant) and e.entry_id not in taken]
        if fitting:
            chosen.append((rng.choice(fitting), variant))
    for index, (entry, variant) in enumerate(chosen):
        assert watchlist is not None
        target = plant(rng, pools, day, entry, watchlist.name, variant)
        companions = [_relative(rng, pools, day, target.person) for _ in range(rng.randint(1, 2))]
        kinds = [TruthRow("", "listed", entry.entry_id, watchlist.name, variant)]
        kinds += [TruthRow("", "associate", entry.entry_id, watchlist.name) for _ in companions]
        parties.append(
            _Party(
                [target.person, *companions],
                _connection(rng, feeders, onward, pools.border_cities),
                kinds,
                late=rng.random() < 0.7,
                cash=rng.random() < 0.6,
            )
        )
        # Someone on another booking who shares the listed person's phone: two hops away.
        contact = random_person(rng, pools, day)
        parties.append(
            _Party(
                [contact],
                _connection(rng, feeders, onward),
                [TruthRow("", "contact", entry.entry_id, watchlist.name)],
                shared_phone=target.person.phone,
            )
        )
        if index < namesakes:
            _add_namesake(rng, pools, day, target.person, entry, watchlist.name, feeders + onward, parties)

    seats = {leg: rng.randint(*passengers_per_flight) for leg in feeders + onward}
    filled: dict[Leg, int] = defaultdict(int)
    for party in parties:
        for leg in party.legs:
            filled[leg] += len(party.people)
    while any(filled[leg] < seats[leg] for leg in seats):
        legs = _journey(rng, feeders, onward)
        if all(filled[leg] >= seats[leg] for leg in legs):
            legs = [min(seats, key=lambda leg: filled[leg] - seats[leg])]
        lead = random_person(rng, pools, day)
        size = rng.choices((1, 2, 3, 4, 5), weights=(60, 20, 10, 6, 4))[0]
        people = [lead] + [_relative(rng, pools, day, lead) for _ in range(size - 1)]
        parties.append(
            _Party(
                people,
                legs,
                [TruthRow("", "clean") for _ in people],
                late=rng.random() < 0.02,  # ordinary people book late too, but rarely
                cash=rng.random() < 0.05,
            )
        )
        for leg in legs:
            filled[leg] += size
    rng.shuffle(parties)
    return _assemble(rng, day, parties, feeders + onward)


def _add_namesake(
    rng: random.Random,
    pools: Pools,
    day: date,
    listed: Person,
    entry: ListEntry,
    list_name: str,
    legs: list[Leg],
    parties: list[_Party],
) -> None:
    """Someone with the listed person's name, born at least 12 years apart, of another nationality."""
    other = random_person(rng, pools, day)
    years = [y for statement in entry.birth_dates for y in statement.years()] or [day.year - 50]
    allowed = [
        y
        for y in range(day.year - 85, day.year - 1)
        if all(abs(y - listed_year) >= 12 for listed_year in years)
    ]
    year = rng.choice(allowed)
    nationality = next(
        n
        for c in pools.cultures
        for n in c.nationalities
        if n not in entry.nationalities and n != listed.nationality
    )
    person = replace(
        other,
        name=listed.name,
        birth_date=PartialDate(year, rng.randint(1, 12), rng.randint(1, 28)),
        nationality=nationality,
        document=replace(other.document, issuing_country=nationality),
    )
    parties.append(
        _Party([person], [rng.choice(legs)], [TruthRow("", "namesake", entry.entry_id, list_name)])
    )


def _assemble(rng: random.Random, day: date, parties: list[_Party], legs: list[Leg]) -> SynthDay:
    per_leg: dict[Leg, list[Traveller]] = defaultdict(list)
    bookings: list[Booking] = []
    truth: list[TruthRow] = []
    cards: dict[str, str] = {}
    number = 0
    for party in parties:
        locator = _locator(rng)
        members: list[Traveller] = []
        for person, row in zip(party.people, party.kinds, strict=True):
            number += 1
            for index, leg in enumerate(party.legs):
                ref = f"P{number:06d}" + (f"-{index + 1}" if len(party.legs) > 1 else "")
                traveller = Traveller(
                    ref=ref,
                    name=person.name,
                    birth_date=person.birth_date,
                    sex=person.sex,
                    nationalities=(person.nationality,),
                    documents=(person.document,),
                    references={"AVF": locator, "ABO": ref},
                )
                per_leg[leg].append(traveller)
                truth.append(replace(row, ref=ref))
                if index == 0:
                    members.append(traveller)
        lead = party.people[0]
        phone = party.shared_phone or lead.phone
        first = party.legs[0]
        assert isinstance(first.departure, datetime)
        booked = first.departure - (
            timedelta(hours=rng.randint(3, 30))
            if party.late
            else timedelta(days=rng.randint(4, 90), hours=rng.randint(0, 23))
        )
        card = f"4{rng.randint(10**14, 10**15 - 1)}"
        payment = (
            Payment("CA", amount=f"{rng.randint(90, 900)}.00", currency="EUR")
            if party.cash
            else Payment("CC", card_vendor="VI", card_hash=None, card_last4=card[-4:], payer=lead.name.full)
        )
        bookings.append(
            Booking(
                record_locator=locator,
                travellers=tuple(members),
                itinerary=tuple(party.legs),
                system=first.carrier,
                created_at=booked,
                ticketed_at=booked + timedelta(minutes=rng.randint(5, 120)),
                contacts=(Contact(ContactKind.PHONE, phone), Contact(ContactKind.EMAIL, lead.email)),
                payments=(payment,),
                agency=Agency(rng.choice(("WEBSALES", "CTO", "TRAVELAGENT")), location=first.origin),
            )
        )
        if not party.cash:
            cards[locator] = card
    flights = tuple(
        FlightManifest(leg, tuple(per_leg[leg])) for leg in sorted(legs, key=_leg_key) if per_leg[leg]
    )
    return SynthDay(day, flights, tuple(bookings), tuple(truth), cards)


def _leg_key(leg: Leg) -> tuple[str, str]:
    return (str(leg.departure), leg.designator)
