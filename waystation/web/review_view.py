"""What the review page shows, assembled from the review service's answer (pure).

The traveller and the list entry side by side, each name part of the traveller against the part
of the listed name it was aligned with and how they matched (the matching engine's
``PartPair`` records, stored with the hit), each other feature with the values compared and its
weight, the rules and network links that fired for the same person, and every earlier human
decision about that person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waystation.cases.alerts import DispositionRecord
from waystation.cases.vocab import AlertKind
from waystation.matching.types import PartPair
from waystation.model import ListEntry, Traveller
from waystation.services.alerts import AlertDetail
from waystation.store import StoredAlert

__all__ = ["FeatureRow", "PairRow", "ReviewView", "Side", "review_view"]


@dataclass(frozen=True, slots=True)
class Side:
    """One column of the comparison: a traveller or a list entry, as text."""

    title: str
    names: tuple[str, ...]
    birth: tuple[str, ...]
    sex: str
    nationalities: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairRow:
    traveller: str
    entry: str
    how: str
    weight: float
    sentence: str


@dataclass(frozen=True, slots=True)
class FeatureRow:
    name: str
    weight: float
    traveller_value: str
    entry_value: str
    sentence: str


@dataclass(frozen=True, slots=True)
class ReviewView:
    traveller: Side | None
    entry: Side | None
    matched_name: str
    pairs: tuple[PairRow, ...]
    features: tuple[FeatureRow, ...]
    rules: tuple[StoredAlert, ...]
    network: tuple[StoredAlert, ...]
    watchlist: tuple[StoredAlert, ...]
    earlier: tuple[tuple[StoredAlert, DispositionRecord], ...]


def traveller_side(traveller: Traveller) -> Side:
    documents = tuple(
        " ".join(
            p
            for p in (
                d.doc_type or "?",
                d.number or "(no number)",
                d.issuing_country or "",
                f"exp. {d.expiry.iso()}" if d.expiry else "",
            )
            if p
        )
        for d in traveller.documents
    )
    return Side(
        traveller.name.full,
        (traveller.name.full,),
        (traveller.birth_date.iso(),) if traveller.birth_date else (),
        traveller.sex.value if traveller.sex else "",
        traveller.nationalities,
        documents,
    )


def entry_side(entry: ListEntry) -> Side:
    births = tuple(
        b.earliest.iso()
        + (f" – {b.latest.iso()}" if b.latest else "")
        + (" (approx.)" if b.approximate else "")
        for b in entry.birth_dates
    )
    documents = tuple(
        " ".join(p for p in (d.kind, d.number, d.country or "", f"({d.note})" if d.note else "") if p)
        for d in entry.documents
    )
    return Side(
        f"{entry.entry_id} {entry.caption}",
        tuple(n.full for n in entry.names),
        births,
        entry.gender.value if entry.gender else "",
        entry.nationalities,
        documents,
    )


def _pairs(features: Any) -> tuple[PairRow, ...]:
    rows = []
    for raw in (features or {}).get("pairs", []) if isinstance(features, dict) else []:
        pair = PartPair(
            str(raw.get("traveller", "")),
            str(raw.get("entry", "")),
            str(raw.get("how", "")),
            float(raw.get("similarity", 0.0)),
            float(raw.get("weight", 0.0)),
        )
        rows.append(PairRow(pair.traveller, pair.entry, pair.how, pair.weight, pair.sentence()))
    return tuple(rows)


def _features(features: Any) -> tuple[FeatureRow, ...]:
    rows = []
    for raw in (features or {}).get("features", []) if isinstance(features, dict) else []:
        rows.append(
            FeatureRow(
                str(raw.get("name", "")),
                float(raw.get("weight", 0.0)),
                str(raw.get("traveller_value", "")),
                str(raw.get("entry_value", "")),
                str(raw.get("sentence", "")),
            )
        )
    return tuple(rows)


def review_view(detail: AlertDetail, entry: ListEntry | None) -> ReviewView:
    features = detail.hit.features if detail.hit else None
    related = detail.related
    earlier = [(a, d) for a in related for d in a.state.decisions]
    earlier += [(detail.alert, d) for d in detail.alert.state.decisions]
    earlier.sort(key=lambda pair: pair[1].decided_at, reverse=True)
    matched = str(features.get("matched_name", "")) if isinstance(features, dict) else ""
    return ReviewView(
        traveller_side(detail.traveller.traveller) if detail.traveller else None,
        entry_side(entry) if entry else None,
        matched,
        _pairs(features),
        _features(features),
        tuple(a for a in related if a.alert.kind is AlertKind.RULE),
        tuple(a for a in related if a.alert.kind is AlertKind.NETWORK),
        tuple(a for a in related if a.alert.kind is AlertKind.WATCHLIST),
        tuple(earlier),
    )
