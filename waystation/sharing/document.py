"""A share package as a JSON document with a detached SHA-256 digest.

The document is deterministic (sorted keys, two-space indent, UTF-8, a final newline), so the
same package always gives the same bytes and the same digest; the digest travels separately
(``PKG-….json`` and ``PKG-….json.sha256``) or in the transport's metadata, and the receiver
checks it before reading. Reading is strict — a document that does not fit the schema is
refused with an ``InputError`` naming the field — because a partial package would silently drop
what the originator meant to say, or its handling mark. Transport is not this module's job.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from waystation.exc import InputError, Locator
from waystation.sharing.marks import HandlingMark, Tlp
from waystation.sharing.package import SharedEntry, SharedHit, ShareItem, SharePackage
from waystation.sharing.parties import OriginatorConsent, Recipient

__all__ = ["SCHEMA", "ShareDocument", "digest_of", "read_document", "to_document"]

SCHEMA = "waystation.share/1"


@dataclass(frozen=True, slots=True)
class ShareDocument:
    body: bytes
    digest: str


def digest_of(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def _time(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("share packages carry timezone-aware times")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _item(item: ShareItem) -> dict[str, Any]:
    if isinstance(item, SharedEntry):
        return {
            "type": "watchlist_entry",
            "list_name": item.list_name,
            "list_version": item.list_version,
            "entry_id": item.entry_id,
            "names": list(item.names),
            "birth_dates": list(item.birth_dates),
            "nationalities": list(item.nationalities),
            "documents": list(item.documents),
            "programmes": list(item.programmes),
            "remarks": item.remarks,
        }
    return {
        "type": "hit",
        "hit_id": item.hit_id,
        "flight": item.flight,
        "flight_date": item.flight_date,
        "list_name": item.list_name,
        "entry_id": item.entry_id,
        "score": item.score,
        "explanation": list(item.explanation),
        "disposition": item.disposition,
        "traveller_name": item.traveller_name,
        "traveller_birth_date": item.traveller_birth_date,
        "traveller_nationalities": list(item.traveller_nationalities),
        "traveller_document": item.traveller_document,
        "reviewer_note": item.reviewer_note,
        "redacted": list(item.redacted),
    }


def to_document(package: SharePackage) -> ShareDocument:
    """The package's JSON bytes and their digest (``sha256:<hex>``)."""
    data = {
        "schema": SCHEMA,
        "package_id": package.package_id,
        "originator": package.originator,
        "sender": package.sender,
        "mark": {"tlp": package.mark.tlp.value, "orcon": package.mark.orcon, "label": str(package.mark)},
        "recipients": [{"org_id": r.org_id, "person": r.person} for r in package.recipients],
        "created_at": _time(package.created_at),
        "created_by": package.created_by,
        "purpose": package.purpose,
        "case_number": package.case_number,
        "derived_from": package.derived_from,
        "consents": [
            {
                "package_id": c.package_id,
                "org_id": c.org_id,
                "granted_by": c.granted_by,
                "granted_at": _time(c.granted_at),
            }
            for c in package.consents
        ],
        "items": [_item(item) for item in package.items],
    }
    text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    body = text.encode("utf-8")
    return ShareDocument(body, digest_of(body))


class _Reader:
    """Typed access to a decoded JSON object that names the failing field in its errors."""

    def __init__(self, data: object, path: str, source: str | None) -> None:
        if not isinstance(data, dict):
            raise InputError(
                f"expected an object at {path or 'the top'}", Locator(source, field=path or None)
            )
        self.data: dict[str, Any] = data
        self.path = path
        self.source = source

    def fail(self, key: str, what: str) -> InputError:
        field = f"{self.path}.{key}" if self.path else key
        return InputError(what, Locator(self.source, field=field))

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(key, "a non-empty string is required")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "a string or null is required")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of strings is required")
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false is required")
        return value

    def score(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(key, "a score between 0 and 1 (or null) is required")
        return float(value)

    def time(self, key: str) -> datetime:
        text = self.text(key)
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise self.fail(key, f"{text!r} is not an ISO 8601 time") from None
        if value.tzinfo is None:
            raise self.fail(key, "the time must carry a zone")
        return value

    def objects(self, key: str) -> list[_Reader]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "a list is required")
        prefix = f"{self.path}.{key}" if self.path else key
        return [_Reader(item, f"{prefix}[{index}]", self.source) for index, item in enumerate(value)]


def _read_item(r: _Reader) -> ShareItem:
    kind = r.text("type")
    if kind == "watchlist_entry":
        return SharedEntry(
            r.text("list_name"),
            r.text("list_version"),
            r.text("entry_id"),
            r.texts("names"),
            r.texts("birth_dates"),
            r.texts("nationalities"),
            r.texts("documents"),
            r.texts("programmes"),
            r.optional_text("remarks"),
        )
    if kind == "hit":
        return SharedHit(
            r.text("hit_id"),
            r.text("flight"),
            r.optional_text("flight_date"),
            r.text("list_name"),
            r.text("entry_id"),
            r.score("score"),
            r.texts("explanation"),
            r.optional_text("disposition"),
            r.optional_text("traveller_name"),
            r.optional_text("traveller_birth_date"),
            r.texts("traveller_nationalities"),
            r.optional_text("traveller_document"),
            r.optional_text("reviewer_note"),
            r.texts("redacted"),
        )
    raise r.fail("type", f"unknown item type {kind!r}")


def read_document(body: bytes, digest: str | None, *, source: str | None = None) -> SharePackage:
    """The package in ``body``, after checking ``digest`` (pass ``None`` only when the transport
    already verified it). ``InputError`` names the field at fault."""
    if digest is not None and not hmac.compare_digest(digest_of(body), digest.strip()):
        raise InputError("the document does not match its digest", Locator(source, field="digest"))
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not a JSON document: {error}", Locator(source)) from None
    r = _Reader(data, "", source)
    if data.get("schema") != SCHEMA:
        raise r.fail("schema", f"expected schema {SCHEMA!r}")
    mark_data = _Reader(data.get("mark"), "mark", source)
    tlp_text = mark_data.text("tlp")
    if tlp_text not in {t.value for t in Tlp}:
        raise mark_data.fail("tlp", f"{tlp_text!r} is not a TLP 2.0 label")
    mark = HandlingMark(Tlp(tlp_text), mark_data.flag("orcon"))
    return SharePackage(
        package_id=r.text("package_id"),
        originator=r.text("originator"),
        sender=r.text("sender"),
        mark=mark,
        recipients=tuple(
            Recipient(x.text("org_id"), x.optional_text("person")) for x in r.objects("recipients")
        ),
        created_at=r.time("created_at"),
        created_by=r.text("created_by"),
        purpose=r.text("purpose"),
        items=tuple(_read_item(x) for x in r.objects("items")),
        case_number=r.optional_text("case_number"),
        derived_from=r.optional_text("derived_from"),
        consents=tuple(
            OriginatorConsent(
                x.text("package_id"), x.text("org_id"), x.text("granted_by"), x.time("granted_at")
            )
            for x in r.objects("consents")
        ),
    )
