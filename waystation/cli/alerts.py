"""``waystation alerts list|show|decide``: the analyst's queue and review from a terminal.

The same services as the pages and the API (``services.alert_queue``, ``services.alerts``,
``services.review``): the same permissions, the same mandatory reason, the same audit records.
The command acts as the person whose API token it is given — ``WAYSTATION_TOKEN`` (or
``--token``, or asked for without echo) — so the log names who read and who decided, exactly
as it does for a request; a database file alone is not an identity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from waystation.cases.alerts import DispositionRecord, ReviewEntry
from waystation.cases.vocab import AlertKind, AlertStatus, Disposition
from waystation.cli.acting import TOKEN_OPTION, signed_in
from waystation.cli.output import FORMAT_OPTION, console, emit_jsonl, table
from waystation.services.alert_queue import alert_queue
from waystation.services.alerts import AlertDetail, alert_detail
from waystation.services.review import decide
from waystation.store import AlertFilter, StoredAlert, StoredTraveller

__all__ = ["COMMANDS"]


def _traveller_name(traveller: StoredTraveller | None) -> str:
    return traveller.traveller.name.full if traveller is not None else ""


def _decision(record: DispositionRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {
        "disposition": record.disposition.value,
        "reason": record.reason,
        "by": record.actor,
        "role": record.role.value,
        "at": record.decided_at.isoformat(),
        "override": record.override,
    }


def _step(entry: ReviewEntry) -> str:
    """One history line: when, who in which role, what, and why."""
    what = entry.action.value
    if isinstance(entry, DispositionRecord):
        what += ": " + entry.disposition.value
    said = f" — {entry.reason}" if entry.reason else ""
    return f"{entry.at.isoformat(timespec='seconds')} {entry.actor} ({entry.role.value}) {what}{said}"


def _record(stored: StoredAlert, traveller: StoredTraveller | None = None) -> dict[str, Any]:
    """One alert as a JSON object (the fields of the API's alert, plus the traveller's name)."""
    alert = stored.alert
    return {
        "id": stored.id,
        "kind": alert.kind.value,
        "status": stored.state.status.value,
        "flight": alert.flight,
        "flight_date": alert.flight_date.isoformat() if alert.flight_date else None,
        "flight_id": stored.flight_id,
        "traveller_id": stored.traveller_id,
        "traveller_key": alert.traveller_key,
        "traveller": _traveller_name(traveller) if traveller is not None else None,
        "source": alert.source,
        "source_version": alert.source_version,
        "subject": alert.subject,
        "score": round(alert.score, 4),
        "algorithm": f"{alert.algorithm} {alert.algorithm_version}",
        "explanation": list(alert.explanation),
        "assignee": stored.state.assignee,
        "decision": _decision(stored.state.decision),
    }


@click.group("alerts")
def alerts_group() -> None:
    """The alert queue: list, show one with its evidence, decide it with a reason."""


@alerts_group.command("list")
@click.option("--kind", type=click.Choice([k.value for k in AlertKind]), help="watchlist, rule or network")
@click.option("--source", help="a list name, a rule id or a link kind")
@click.option(
    "--flight", "flight_id", type=click.IntRange(min=1), help="a flight id (waystation serve: /flights)"
)
@click.option(
    "--status",
    type=click.Choice([*(s.value for s in AlertStatus), "undecided", "all"]),
    default="undecided",
    show_default=True,
)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@FORMAT_OPTION
@TOKEN_OPTION
def list_command(
    kind: str | None,
    source: str | None,
    flight_id: int | None,
    status: str,
    limit: int,
    output_format: str,
    token: str,
) -> None:
    """The queue as the analyst page orders it: soonest departure first, then highest score."""
    ws, who = signed_in(token)
    where = AlertFilter(
        kind=AlertKind(kind) if kind else None,
        source=source,
        flight_id=flight_id,
        status=AlertStatus(status) if status not in ("undecided", "all") else None,
        open_only=status == "undecided",
    )
    page = alert_queue(ws, who, where, limit=limit)
    records = [_record(a, page.travellers.get(a.traveller_id or 0)) for a in page.alerts]
    for record, alert in zip(records, page.alerts, strict=True):
        departure = page.departures.get(alert.id)
        record["departure_utc"] = departure.isoformat() if departure else None
    if output_format == "jsonl":
        emit_jsonl(records)
        return
    rows = (
        (
            r["id"],
            (r["departure_utc"] or "")[:16].replace("T", " "),
            r["flight"],
            r["traveller"],
            r["kind"],
            f"{r['source']} · {r['subject']}",
            f"{r['score']:.2f}",
            r["status"],
        )
        for r in records
    )
    columns = ("id", "departs (UTC)", "flight", "traveller", "kind", "hit", "score", "status")
    console().print(table(f"{len(records)} of {page.total} alerts", columns, rows))


def _show_lines(detail: AlertDetail) -> Iterable[tuple[str, str]]:
    stored, traveller = detail.alert, detail.traveller
    alert = stored.alert
    yield (
        "alert",
        f"{stored.id} · {alert.kind.value} · {alert.source} · {alert.subject} · score {alert.score:.2f}",
    )
    yield (
        "status",
        stored.state.status.value + (f" (held by {stored.state.assignee})" if stored.state.assignee else ""),
    )
    yield "flight", f"{alert.flight} {alert.flight_date or ''}".strip()
    if traveller is not None:
        person = traveller.traveller
        yield "traveller", person.name.full
        yield "born", person.birth_date.iso() if person.birth_date else "—"
        yield "nationality", ", ".join(person.nationalities) or "—"
        for document in person.documents:
            parts = (document.doc_type, document.number, document.issuing_country)
            yield "document", " ".join(p for p in parts if p)
    for line in alert.explanation:
        yield "why", line
    for entry in stored.state.history:
        yield "history", _step(entry)
    for other in detail.related:
        decided = other.state.decision
        said = f"{decided.disposition.value} by {decided.actor}: {decided.reason}" if decided else "undecided"
        yield "same person", f"alert {other.id} · {other.alert.source} · {other.alert.subject} · {said}"


@alerts_group.command("show")
@click.argument("alert_id", type=click.IntRange(min=1))
@FORMAT_OPTION
@TOKEN_OPTION
def show_command(alert_id: int, output_format: str, token: str) -> None:
    """One alert: the traveller, why it alerted, its history and the same person's other alerts (logged)."""
    ws, who = signed_in(token)
    detail = alert_detail(ws, who, alert_id)
    if output_format == "jsonl":
        record = _record(detail.alert, detail.traveller)
        record["history"] = [_step(entry) for entry in detail.alert.state.history]
        record["related"] = [_record(other) for other in detail.related]
        record["allowed"] = sorted(action.value for action in detail.allowed)
        emit_jsonl([record])
        return
    console().print(table(f"alert {alert_id}", ("", ""), _show_lines(detail)))


@alerts_group.command("decide")
@click.argument("alert_id", type=click.IntRange(min=1))
@click.option(
    "--disposition",
    type=click.Choice([d.value for d in Disposition]),
    required=True,
    help="true_match, false_positive or inconclusive",
)
@click.option("--reason", required=True, help="what you checked and why you concluded this (required)")
@click.option("--override", is_flag=True, help="this replaces an earlier decision (say so, or it is refused)")
@FORMAT_OPTION
@TOKEN_OPTION
def decide_command(
    alert_id: int, disposition: str, reason: str, override: bool, output_format: str, token: str
) -> None:
    """Record your decision on one alert, with its reason (appended and logged, never overwritten)."""
    ws, who = signed_in(token)
    stored = decide(ws, who, alert_id, Disposition(disposition), reason, override=override)
    if output_format == "jsonl":
        emit_jsonl([_record(stored)])
        return
    click.echo(f"alert {alert_id}: {disposition} by {who.name}, recorded")


COMMANDS = (alerts_group,)
