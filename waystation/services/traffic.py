"""The traffic picture rebuilt from the stored messages, and a traveller's network in it.

Resolution, journeys and links need every message at once (the same person is on the PNR push
and on the passenger lists of each leg), so the picture is built from the stored raw messages by
the pure network stage and cached in the workspace until a new message is parsed. A stored
traveller row is found in the picture through its message and reference: each passenger-list
traveller is the sighting ``message key|traveller ref``.

Opening a traveller's network is a network query: one hop without a case number (purpose
limitation, enforced by the network stage), logged with the traveller's key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from waystation.cases.events import NetworkQueried, TravellerRead
from waystation.cases.permissions import Permission, require
from waystation.cases.vocab import AlertKind, Disposition
from waystation.exc import InputError, NotFound
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.ingest.registry import parse_message
from waystation.model import Booking, Traveller
from waystation.network import Journey, Purpose, Subject, SubjectStatus, neighbourhood, to_cytoscape
from waystation.network.sightings import message_key
from waystation.rules import AlertState
from waystation.services.audit import audited
from waystation.services.identity import stored_traveller_key, traveller_key
from waystation.services.picture import TrafficPicture, build_picture
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    AlertFilter,
    MessageStatus,
    StoredAlert,
    count_alerts,
    find_alerts,
    load_travellers,
    message_bytes,
    messages_with_status,
)

__all__ = [
    "Companion",
    "StoredPicture",
    "TravellerNetwork",
    "companion_states",
    "network_subjects",
    "stored_picture",
    "traveller_network",
]

MAX_MESSAGES = 20_000


@dataclass(frozen=True, slots=True)
class StoredPicture:
    """The picture and, for each stored message and traveller ref, the sighting id in it."""

    picture: TrafficPicture
    sightings: Mapping[tuple[int, str], str]
    messages: tuple[ParsedMessage, ...]

    first_travellers: Mapping[str, Traveller]

    def person_of(self, message_id: int, ref: str) -> str | None:
        sighting = self.sightings.get((message_id, ref))
        return self.picture.person_of(sighting) if sighting else None


def stored_picture(workspace: Workspace) -> StoredPicture:
    """The picture of every parsed message (the latest :data:`MAX_MESSAGES`), cached until one more."""
    with workspace.transaction() as session:
        stored = messages_with_status(session, MessageStatus.PARSED, limit=MAX_MESSAGES)
        key = ("picture", len(stored), stored[-1].id if stored else 0)
        cached = workspace.cache.get(key)
        if isinstance(cached, StoredPicture):
            return cached
        bodies = [(m, message_bytes(session, m.id)) for m in stored]
    parsed: list[ParsedMessage] = []
    sightings: dict[tuple[int, str], str] = {}
    for message, data in bodies:
        context = ParseContext(today=message.received_at.date(), card_key=workspace.card_key)
        try:
            item = parse_message(data, message.source, message.message_format, context)
        except InputError:
            continue  # stored as parsed by an earlier reader version; nothing to add
        parsed.append(item)
        for manifest in item.manifests:
            prefix = message_key(manifest)
            for traveller in manifest.travellers:
                sightings[(message.id, traveller.ref)] = f"{prefix}|{traveller.ref}"
    built = build_picture(parsed, secret=workspace.card_key)
    picture = StoredPicture(built, sightings, tuple(parsed), _first_travellers(built))
    with workspace.lock:
        for old in [k for k in workspace.cache if isinstance(k, tuple) and k and k[0] == "picture"]:
            del workspace.cache[old]
        workspace.cache[key] = picture
    return picture


@dataclass(frozen=True, slots=True)
class Companion:
    """A person one link away, with the kinds of link and the sentence that explains them."""

    person_id: str
    label: str
    kinds: tuple[str, ...]
    explanation: str
    subject: str


@dataclass(frozen=True, slots=True)
class TravellerNetwork:
    """What the traveller page shows beyond the record: journeys, bookings, links, the graph."""

    person_id: str
    label: str
    journeys: tuple[Journey, ...]
    bookings: tuple[Booking, ...]
    companions: tuple[Companion, ...]
    graph: dict[str, Any]


def _watchlist_alerts(workspace: Workspace, found: StoredPicture) -> dict[str, list[StoredAlert]]:
    """Each person's watchlist alerts (any state), oldest first."""
    with workspace.transaction() as session:
        where = AlertFilter(kind=AlertKind.WATCHLIST)
        alerts = find_alerts(session, where, limit=max(count_alerts(session, where), 1))
        rows = {t.id: t for t in load_travellers(session, [a.traveller_id for a in alerts if a.traveller_id])}
    by_person: dict[str, list[StoredAlert]] = {}
    for alert in sorted(alerts, key=lambda a: a.id):
        row = rows.get(alert.traveller_id or -1)
        person = found.person_of(row.message_id, row.traveller.ref) if row else None
        if person:
            by_person.setdefault(person, []).append(alert)
    return by_person


def network_subjects(workspace: Workspace, found: StoredPicture) -> list[Subject]:
    """Persons with a watchlist alert not decided a false positive: listed, or confirmed when an
    analyst decided a true match."""
    subjects: list[Subject] = []
    for person, alerts in sorted(_watchlist_alerts(workspace, found).items()):
        kept = [a for a in alerts if a.state.disposition is not Disposition.FALSE_POSITIVE]
        if not kept:
            continue
        confirmed = [a for a in kept if a.state.disposition is Disposition.TRUE_MATCH]
        alert = (confirmed or kept)[0]
        status = SubjectStatus.CONFIRMED if confirmed else SubjectStatus.LISTED
        subjects.append(Subject(person, status, alert.alert.subject))
    return subjects


def companion_states(workspace: Workspace, found: StoredPicture) -> dict[str, AlertState]:
    """The alert state a targeting rule sees for each person with a watchlist alert: confirmed
    (a true match), open (not yet decided), or cleared (every alert a false positive)."""
    states: dict[str, AlertState] = {}
    for person, alerts in _watchlist_alerts(workspace, found).items():
        decided = {a.state.disposition for a in alerts}
        if Disposition.TRUE_MATCH in decided:
            states[person] = AlertState.CONFIRMED
        elif decided == {Disposition.FALSE_POSITIVE}:
            states[person] = AlertState.CLEARED
        else:
            states[person] = AlertState.OPEN
    return states


def _first_travellers(picture: TrafficPicture) -> dict[str, Traveller]:
    """Each person's traveller as first written, found once per cached picture (not per page)."""
    result: dict[str, Traveller] = {}
    for sighting in picture.sightings:
        person = picture.person_of(sighting.sighting_id)
        if person is not None and person not in result:
            result[person] = sighting.traveller
    return result


def travellers_of(found: StoredPicture, persons: Iterable[str]) -> dict[str, Traveller]:
    """One traveller (as first written) per person, to name them by key in the audit log."""
    first = found.first_travellers
    return {p: first[p] for p in persons if p in first}


def traveller_network(workspace: Workspace, principal: Principal, traveller_id: int) -> TravellerNetwork:
    """The stored traveller's person, journeys, bookings and one-hop neighbourhood (logged)."""
    require(principal.role, Permission.QUERY_NETWORK)
    with workspace.transaction() as session:
        rows = load_travellers(session, [traveller_id])
    if not rows:
        raise NotFound(f"no traveller {traveller_id}")
    row = rows[0]
    found = stored_picture(workspace)
    person_id = found.person_of(row.message_id, row.traveller.ref)
    if person_id is None:
        raise NotFound(f"traveller {traveller_id} is on no stored passenger list")
    picture = found.picture
    subjects = network_subjects(workspace, found)
    purpose = Purpose(principal.name, reason=f"traveller page {traveller_id}")
    near = neighbourhood(picture.graph, person_id, purpose, hops=1, subjects=subjects)
    marks = {s.person_id: f"{s.status.value} {s.reference}" for s in subjects}
    companions = []
    for other in near.graph.neighbors(person_id):
        if other not in picture.graph.persons:
            continue
        data = near.graph.edges[person_id, other]
        companions.append(
            Companion(
                other,
                picture.graph.label(other),
                tuple(data["kinds"].split(",")),
                data["explanation"],
                marks.get(other, ""),
            )
        )
    companions.sort(key=lambda c: (not c.subject, c.label))
    itinerary = picture.itineraries.get(person_id)
    key = stored_traveller_key(row, workspace.card_key)
    with audited(workspace) as (_session, audit):
        audit.log(NetworkQueried(key, 1), principal)
        audit.log(
            TravellerRead(key, f"network of traveller {traveller_id}", ("journeys", "bookings", "links")),
            principal,
        )
        # Each companion the page names is a read of that person's data too.
        named = travellers_of(found, [c.person_id for c in companions]).values()
        shown = {traveller_key(t, workspace.card_key) for t in named} - {key}
        purpose_text = f"companion on the network of traveller {traveller_id}"
        for other_key in sorted(shown):
            audit.log(TravellerRead(other_key, purpose_text, ("name", "links")), principal)
    return TravellerNetwork(
        person_id,
        picture.graph.label(person_id),
        itinerary.journeys if itinerary else (),
        tuple(picture.bookings_of(person_id)),
        tuple(companions),
        to_cytoscape(near.graph),
    )
