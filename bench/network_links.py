"""Benchmark: link building for a million bookings (issue 5, item 9: ≤ 5 minutes on 2 cores).

Generates synthetic PNR bookings with a fixed seed — realistic shares of repeat travellers,
family and group bookings, shared household phones and addresses, agency phones and corporate
cards used by thousands (the hubs) — then times the network stage on them: sightings, person
resolution, link graph. Prints one JSON object; the numbers go into bench/RESULTS.md by hand.

    .venv/bin/python bench/network_links.py --bookings 1000000
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import sys
import time
from datetime import date, datetime, timedelta

from waystation.model import (
    Address,
    Booking,
    Contact,
    ContactKind,
    Leg,
    Name,
    PartialDate,
    Payment,
    PnrPush,
    Sex,
    TravelDocument,
    Traveller,
)
from waystation.network import LinkConfig, build_link_graph, collect_sightings, resolve_persons

SEED = 20260314
GIVEN = [f"G{i:03d}" for i in range(600)]  # 600 given names and 3,000 surnames: common names repeat
FAMILY = [f"F{i:04d}" for i in range(3000)]
AIRPORTS = (
    "IST SAW GZT HTY GNY ESB ADB AYT CDG FRA LHR AMS BRU VIE ARN CPH MUC DUS BER MAD BCN FCO MXP ATH TUN CMN"
)
FIRST_DAY = date(2026, 3, 1)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Population:
    """Persons who book again (a share of each day's travellers have flown before)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[Traveller] = []
        self.households: list[tuple[str, Address | None]] = []

    def new_person(self, ref: str, family: str | None = None) -> Traveller:
        rng = self.rng
        n = len(self.people)
        has_document = rng.random() < 0.7
        has_dob = has_document or rng.random() < 0.3
        person = Traveller(
            ref=ref,
            name=Name.from_parts(family or rng.choice(FAMILY), [rng.choice(GIVEN)]),
            birth_date=PartialDate(rng.randint(1950, 2015), rng.randint(1, 12), rng.randint(1, 28))
            if has_dob
            else None,
            sex=rng.choice((Sex.MALE, Sex.FEMALE)),
            documents=(TravelDocument("P", f"X{n:09d}", rng.choice(("TUR", "FRA", "DEU", "GBR"))),)
            if has_document
            else (),
        )
        self.people.append(person)
        return person

    def traveller(self, ref: str, family: str | None) -> Traveller:
        if self.people and self.rng.random() < 0.2:  # a returning traveller, written the same way
            old = self.people[self.rng.randrange(len(self.people))]
            return Traveller(old.ref if old.ref == ref else ref, old.name, birth_date=old.birth_date,
                             sex=old.sex, documents=old.documents)  # fmt: skip
        return self.new_person(ref, family)


def _party_size(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.65:
        return 1
    if r < 0.85:
        return 2
    if r < 0.95:
        return rng.randint(3, 4)
    if r < 0.995:
        return rng.randint(5, 9)
    return rng.randint(10, 40)  # group bookings


def _flight(origin: str, destination: str, number: int) -> str:
    """A stable flight number per route (``hash`` of a string changes between runs)."""
    return f"TK{AIRPORTS.index(origin) * len(AIRPORTS) + AIRPORTS.index(destination):03d}{number}"


def _itinerary(rng: random.Random, flights_per_route: int) -> tuple[Leg, ...]:
    day = FIRST_DAY + timedelta(days=rng.randrange(60))
    origin, end = rng.sample(AIRPORTS, 2)
    route = (
        [(origin, "IST"), ("IST", end)]
        if rng.random() < 0.4 and origin != "IST" and end != "IST"
        else [(origin, end)]
    )
    legs = []
    clock = datetime(day.year, day.month, day.day, rng.randint(5, 20), rng.choice((0, 15, 30, 45)))
    for a, b in route:
        number = rng.randrange(flights_per_route)
        arrival = clock + timedelta(minutes=rng.randint(60, 240))
        legs.append(Leg("TK", _flight(a, b, number), a, b, clock, arrival))
        clock = arrival + timedelta(minutes=rng.randint(60, 300))
    if rng.random() < 0.4:  # return trip, 3 to 14 days later
        back = clock + timedelta(days=rng.randint(3, 14))
        number = rng.randrange(flights_per_route)
        legs.append(Leg("TK", _flight(end, origin, number), end, origin, back, back + timedelta(hours=3)))
    return tuple(legs)


def generate(count: int, seed: int = SEED) -> list[PnrPush]:
    """``count`` bookings in pushes of 200, with the shares described in the module docstring."""
    rng = random.Random(seed)
    population = _Population(rng)
    agencies = [f"+90 212 {rng.randint(100, 999)} {i:04d}" for i in range(300)]
    agency_weights = [1 / (i + 1) for i in range(len(agencies))]  # Zipf: a few agencies book a lot
    companies = [f"{rng.getrandbits(256):064x}" for i in range(100)]
    phones: list[str] = []
    cards: list[str] = []
    emails: list[str] = []
    homes: list[Address] = []
    pushes: list[PnrPush] = []
    batch: list[Booking] = []
    for n in range(count):
        size = _party_size(rng)
        family = rng.choice(FAMILY) if size > 1 and rng.random() < 0.6 else None
        travellers = tuple(population.traveller(str(i + 1), family) for i in range(size))
        contacts: list[Contact] = []
        if rng.random() < 0.9:
            r = rng.random()
            if r < 0.08 and phones:
                phone = rng.choice(phones)  # a household or friend's phone again
            elif r < 0.14:
                phone = rng.choices(agencies, agency_weights)[0]
            else:
                phone = f"+90 5{rng.randint(10, 59)} {rng.randint(1000000, 9999999)}"
                phones.append(phone)
            contacts.append(Contact(ContactKind.PHONE, phone))
        if rng.random() < 0.7:
            if rng.random() < 0.08 and emails:
                email = rng.choice(emails)  # a household's or friend's e-mail again
            else:
                email = f"user{len(emails)}.{rng.randrange(1000)}@mail.example"
                emails.append(email)
            contacts.append(Contact(ContactKind.EMAIL, email))
        payments: tuple[Payment, ...] = ()
        if rng.random() < 0.6:
            r = rng.random()
            if r < 0.03:
                card = rng.choice(companies)  # corporate cards: hubs
            elif r < 0.08 and cards:
                card = rng.choice(cards)  # the same card on another booking
            else:
                card = f"{rng.getrandbits(256):064x}"
                cards.append(card)
            payments = (Payment("CC", "VI", card, card[-4:]),)
        addresses: tuple[Address, ...] = ()
        if rng.random() < 0.5:
            if rng.random() < 0.08 and homes:
                addresses = (rng.choice(homes),)  # the same household again
            else:
                home = Address(f"{rng.randint(1, 200)} Street {len(homes)}", "City", None, "12345", "TUR")
                homes.append(home)
                addresses = (home,)
        itinerary = _itinerary(rng, 4)
        booking = Booking(
            f"R{n:07d}",
            travellers,
            itinerary,
            contacts=tuple(contacts),
            addresses=addresses,
            payments=payments,
        )
        batch.append(booking)
        if len(batch) == 200:
            pushes.append(PnrPush(f"PNR-{len(pushes):06d}", "synthetic", tuple(batch)))
            batch = []
    if batch:
        pushes.append(PnrPush(f"PNR-{len(pushes):06d}", "synthetic", tuple(batch)))
    return pushes


def lap(timings: dict[str, float], step: str, wall: float, cpu: float) -> None:
    timings[f"{step}_wall_s"] = time.perf_counter() - wall
    timings[f"{step}_cpu_s"] = time.process_time() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    pushes = generate(args.bookings, args.seed)
    timings["generate_s"] = time.perf_counter() - start
    memory = {"after_generate_mb": _peak_mb()}
    gc.freeze()  # the generated objects live to the end: keep the collector from rescanning them

    # Wall time is what the target is about; CPU time is reported too because the machine is
    # shared and wall time includes waiting for a core.
    wall, cpu = time.perf_counter(), time.process_time()
    sightings = collect_sightings(pushes)
    lap(timings, "sightings", wall, cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    resolution = resolve_persons(sightings)
    lap(timings, "resolve", wall, cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    graph = build_link_graph(sightings, resolution, LinkConfig())
    lap(timings, "links", wall, cpu)
    for unit in ("wall_s", "cpu_s"):
        timings[f"network_{unit}"] = sum(
            timings[f"{step}_{unit}"] for step in ("sightings", "resolve", "links")
        )
    memory["peak_mb"] = _peak_mb()
    print(
        json.dumps(
            {
                "bookings": args.bookings,
                "sightings": len(sightings),
                "conflicts": len(resolution.conflicts),
                **graph.stats(),
                **{k: round(v, 1) for k, v in timings.items()},
                **{k: round(v) for k, v in memory.items()},
                "load_average_1m": round(os.getloadavg()[0], 1),
                "python": sys.version.split()[0],
                "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                "date": date.today().isoformat(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
