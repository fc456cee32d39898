"""A day's flights at a way-station hub: feeders into the hub, and onward to the border cities."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from waystation.model import Leg
from waystation.synth.pools import Pools

__all__ = ["day_schedule"]


def _flight(rng: random.Random, pools: Pools, origin: str, destination: str, departs: datetime) -> Leg:
    carrier = rng.choice(pools.carriers)
    domestic = pools.airports[origin] == pools.airports[destination]
    minutes = rng.randint(60, 110) if domestic else rng.randint(150, 330)
    return Leg(
        carrier=carrier,
        flight=f"{carrier}{rng.randint(100, 2999):04d}",
        origin=origin,
        destination=destination,
        departure=departs,
        arrival=departs + timedelta(minutes=minutes),
    )


def day_schedule(rng: random.Random, pools: Pools, day: date, flights: int) -> tuple[list[Leg], list[Leg]]:
    """``flights`` legs for ``day``: about two thirds feeders into the hub, the rest onward.

    Feeders depart through the morning so that onward flights in the afternoon can connect.
    Returns (feeders, onward).
    """
    feeders_count = max(1, round(flights * 2 / 3))
    onward_count = max(1, flights - feeders_count)
    start = datetime.combine(day, time(5, 0))
    feeders = [
        _flight(
            rng,
            pools,
            rng.choice(pools.feeder_origins),
            pools.hub,
            start + timedelta(minutes=rng.randint(0, 6 * 60) // 5 * 5),
        )
        for _ in range(feeders_count)
    ]
    onward_targets = pools.border_cities + pools.domestic
    destinations = [  # every border city is served first: they are what the day is about
        pools.border_cities[i] if i < len(pools.border_cities) else rng.choice(onward_targets)
        for i in range(onward_count)
    ]
    onward = [
        _flight(
            rng,
            pools,
            pools.hub,
            destination,
            start + timedelta(hours=7, minutes=rng.randint(0, 600) // 5 * 5),
        )
        for destination in destinations
    ]
    return feeders, onward
