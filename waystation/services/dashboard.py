"""The supervisor's dashboard: traffic flows, alerts per day, dispositions, per-list and per-rule performance.

Everything here is a count — no traveller is named — so the auditor may read it as well as the
analysts and supervisors. Flows are journeys (origin, transit, destination) of the resolved
persons of the stored passenger lists and PNRs: a person flying FRA → IST → GZT is one journey
through IST, not two unrelated flights.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from waystation.cases.permissions import Permission, require
from waystation.cases.stats import ScreeningStats
from waystation.cases.vocab import AlertKind
from waystation.services.principal import Principal
from waystation.services.statistics import statistics
from waystation.services.traffic import stored_picture
from waystation.services.workspace import Workspace
from waystation.store import count_alerts, find_alerts

__all__ = ["DIRECT", "Dashboard", "dashboard", "journey_flows"]

DIRECT = "direct"


@dataclass(frozen=True, slots=True)
class Dashboard:
    flows: tuple[tuple[tuple[str, str, str], int], ...]
    alerts_per_day: tuple[tuple[date, dict[str, int]], ...]
    dispositions: dict[str, int]
    stats: ScreeningStats


def journey_flows(journeys: list[tuple[str | None, ...]]) -> list[tuple[tuple[str, str, str], int]]:
    """(origin, transit, destination) counts from journeys' airports; several transits join with ``+``."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for airports in journeys:
        if len(airports) < 2:
            continue
        origin, *middle, destination = (a or "?" for a in airports)
        counts[(origin, "+".join(middle) or DIRECT, destination)] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def dashboard(workspace: Workspace, principal: Principal) -> Dashboard:
    require(principal.role, Permission.READ_STATISTICS)
    found = stored_picture(workspace)
    journeys = [j.airports for it in found.picture.itineraries.values() for j in it.journeys]
    with workspace.transaction() as session:
        alerts = find_alerts(session, None, limit=max(count_alerts(session), 1))
    per_day: dict[date, Counter[str]] = {}
    dispositions: Counter[str] = Counter()
    for alert in alerts:
        day = alert.alert.flight_date or alert.alert.created_at.date()
        per_day.setdefault(day, Counter())[alert.alert.kind.value] += 1
        state = alert.state
        dispositions[state.disposition.value if state.disposition else state.status.value] += 1
    days = tuple((day, {k.value: per_day[day][k.value] for k in AlertKind}) for day in sorted(per_day))
    return Dashboard(
        tuple(journey_flows(journeys)), days, dict(dispositions), statistics(workspace, principal)
    )
