"""Screening statistics for a period: travellers processed, hits, confirmed, per list and rule."""

from __future__ import annotations

from datetime import datetime

from waystation.cases.permissions import Permission, require
from waystation.cases.stats import ScreeningStats, screening_stats
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import AlertFilter, count_alerts, find_alerts, travellers_screened

__all__ = ["statistics"]


def statistics(
    workspace: Workspace,
    principal: Principal,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ScreeningStats:
    """Counts over the alerts raised and the travellers screened in [since, until); no traveller data,
    so the auditor may read them too."""
    require(principal.role, Permission.READ_STATISTICS)
    where = AlertFilter(since=since, until=until)
    with workspace.transaction() as session:
        processed = travellers_screened(session, since=since, until=until)
        total = count_alerts(session, where)
        alerts = find_alerts(session, where, limit=max(total, 1))
    states = [a.state for a in alerts]
    alerted = len({s.alert.traveller_key for s in states})
    return screening_stats(states, max(processed, alerted))
