"""Domain objects to JSON and back, for the JSON columns of the store.

A list entry is stored whole, as JSON, because its shape (many aliases, several birth dates,
documents with notes, original scripts) is read by matching as one object and never queried
field by field in SQL. The encoding is explicit rather than reflective, so that renaming a model
field is a deliberate change here (with a version bump), not a silent break of stored data.
Empty and default values are left out: the UN list's 1,000 entries load faster and take less
room. ``v`` marks the encoding version of an entry.

Partial dates are text (``1972``, ``1972-09``, ``1972-09-07``, ``XXXX-05-03``) as in the
traveller columns; datetimes are ISO 8601 strings.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from waystation.exc import Locator
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NamePart,
    NamePartKind,
    NameQuality,
    NameRole,
    ParseIssue,
    Provenance,
    Severity,
    Sex,
)
from waystation.store.keys import parse_partial_date, partial_date_text

__all__ = [
    "ENTRY_CODEC_VERSION",
    "content_sha256",
    "entry_from_json",
    "entry_to_json",
    "issue_from_json",
    "issue_to_json",
    "jsonable",
    "locator_from_json",
    "locator_to_json",
    "name_from_json",
    "name_to_json",
    "provenance_from_json",
    "provenance_to_json",
]

ENTRY_CODEC_VERSION = 1
JsonDict = dict[str, Any]


def locator_to_json(locator: Locator) -> JsonDict:
    fields = (("source", locator.source), ("segment", locator.segment), ("tag", locator.tag))
    more = (("field", locator.field), ("line", locator.line))
    return {key: value for key, value in (*fields, *more) if value is not None}


def locator_from_json(data: Mapping[str, Any]) -> Locator:
    return Locator(
        data.get("source"), data.get("segment"), data.get("tag"), data.get("field"), data.get("line")
    )


def provenance_to_json(provenance: Provenance) -> JsonDict:
    data = locator_to_json(provenance.locator)
    if provenance.raw is not None:
        data["raw"] = provenance.raw
    if provenance.seen_at is not None:
        data["seen_at"] = provenance.seen_at.isoformat()
    return data


def provenance_from_json(data: Mapping[str, Any]) -> Provenance:
    seen = data.get("seen_at")
    return Provenance(
        locator_from_json(data), data.get("raw"), datetime.fromisoformat(seen) if seen else None
    )


def issue_to_json(issue: ParseIssue) -> JsonDict:
    return {
        "severity": issue.severity.value,
        "code": issue.code,
        "message": issue.message,
        "locator": locator_to_json(issue.locator),
    }


def issue_from_json(data: Mapping[str, Any]) -> ParseIssue:
    return ParseIssue(
        Severity(data["severity"]), data["code"], data["message"], locator_from_json(data["locator"])
    )


def name_to_json(name: Name) -> JsonDict:
    data: JsonDict = {"parts": [[part.text, part.kind.value] for part in name.parts]}
    if name.role is not NameRole.PRIMARY:
        data["role"] = name.role.value
    if name.quality is not NameQuality.STRONG:
        data["quality"] = name.quality.value
    if name.script is not None:
        data["script"] = name.script
    if name.note is not None:
        data["note"] = name.note
    return data


def name_from_json(data: Mapping[str, Any]) -> Name:
    return Name(
        tuple(NamePart(text, NamePartKind(kind)) for text, kind in data["parts"]),
        NameRole(data.get("role", NameRole.PRIMARY.value)),
        NameQuality(data.get("quality", NameQuality.STRONG.value)),
        data.get("script"),
        data.get("note"),
    )


def _birth_to_json(birth: BirthDate) -> JsonDict:
    data: JsonDict = {"from": partial_date_text(birth.earliest)}
    if birth.latest is not None:
        data["to"] = partial_date_text(birth.latest)
    if birth.approximate:
        data["approx"] = True
    if birth.note is not None:
        data["note"] = birth.note
    return data


def _birth_from_json(data: Mapping[str, Any]) -> BirthDate:
    earliest = parse_partial_date(data["from"])
    assert earliest is not None  # "from" is always written
    return BirthDate(
        earliest, parse_partial_date(data.get("to")), data.get("approx", False), data.get("note")
    )


def _document_to_json(document: IdentityDocument) -> JsonDict:
    data: JsonDict = {"kind": document.kind, "number": document.number}
    if document.country is not None:
        data["country"] = document.country
    if document.note is not None:
        data["note"] = document.note
    return data


def entry_to_json(entry: ListEntry) -> JsonDict:
    """The entry as a JSON object; :func:`entry_from_json` gives back an equal entry."""
    data: JsonDict = {"v": ENTRY_CODEC_VERSION, "id": entry.entry_id, "kind": entry.kind.value}
    data["names"] = [name_to_json(name) for name in entry.names]
    optional: dict[str, Any] = {
        "birth_dates": [_birth_to_json(b) for b in entry.birth_dates],
        "birth_places": list(entry.birth_places),
        "nationalities": list(entry.nationalities),
        "documents": [_document_to_json(d) for d in entry.documents],
        "gender": entry.gender.value if entry.gender is not None else None,
        "programmes": list(entry.programmes),
        "listed_on": entry.listed_on.isoformat() if entry.listed_on is not None else None,
        "remarks": entry.remarks,
        "addresses": list(entry.addresses),
        "source_id": entry.source_id,
        "provenance": provenance_to_json(entry.provenance) if entry.provenance is not None else None,
    }
    data.update((key, value) for key, value in optional.items() if value not in (None, []))
    return data


def entry_from_json(data: Mapping[str, Any]) -> ListEntry:
    """The entry :func:`entry_to_json` encoded (provenance included)."""
    version = data.get("v")
    if version != ENTRY_CODEC_VERSION:
        raise ValueError(f"unknown list entry encoding version: {version!r}")
    gender, listed_on, provenance = data.get("gender"), data.get("listed_on"), data.get("provenance")
    return ListEntry(
        entry_id=data["id"],
        kind=EntryKind(data["kind"]),
        names=tuple(name_from_json(n) for n in data["names"]),
        birth_dates=tuple(_birth_from_json(b) for b in data.get("birth_dates", ())),
        birth_places=tuple(data.get("birth_places", ())),
        nationalities=tuple(data.get("nationalities", ())),
        documents=tuple(
            IdentityDocument(d["kind"], d["number"], d.get("country"), d.get("note"))
            for d in data.get("documents", ())
        ),
        gender=Sex(gender) if gender is not None else None,
        programmes=tuple(data.get("programmes", ())),
        listed_on=date.fromisoformat(listed_on) if listed_on is not None else None,
        remarks=data.get("remarks"),
        addresses=tuple(data.get("addresses", ())),
        source_id=data.get("source_id"),
        provenance=provenance_from_json(provenance) if provenance is not None else None,
    )


def content_sha256(data: Any) -> str:
    """A stable hash of a JSON value (sorted keys), to detect identical or changed content."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def jsonable(value: Any) -> Any:
    """Any dataclass / enum / date / collection tree as plain JSON values (one way only).

    Used for values the store keeps but does not interpret, such as a matching hit's features:
    dataclasses become objects of their fields, enums their values, dates ISO text, tuples and
    sets lists (sets sorted), mappings objects with string keys; anything else its ``str``.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)
