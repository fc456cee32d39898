"""Provenance in the store's JSON columns: each segment's raw text once, fields pointing at it.

A traveller's provenance is its own place in the message plus one place per value read (~11 for
a PAXLST passenger). Written one object per value, the same segment text came back for every
field read from that segment, with its locator spelled out each time: about 1 KB of the 1.2 KB
stored per traveller. This module writes a place once and lets the values refer to it.

**A place** (``[segment, line, raw]`` or ``[segment, line, raw, tag]``) is a provenance whose source is
the message's own (or unnamed: reading gives the message's source back, as before), that has no
``seen_at``, and whose segment and line are whole numbers or null. The tag is left out when it is
the first three characters of the raw text, as EDIFACT writes every segment (``NAD+FL+++…``);
otherwise it is written, null included. A provenance that is not a place is written as the
object :func:`provenance_object` gives (the only shape rows had before); both shapes read.

**One provenance** (a document, contact, address, payment, booking, manifest) is a place with its
field appended when it has one (``[segment, line, raw, tag, field]``), or the object.

**A traveller** is ``{"s": [place, ...], "at": ref, "fields": {name: ref, ...}}``. A ref is the
index of a place when the provenance's field is the default one (the value's name for a field,
none for ``at``), ``[index, field]`` when it is another one (null included), ``null`` for no
provenance, or the object. Rows written before have no ``"s"`` and only objects: they read as
they always did. Nothing is lost either way: ``tests/store/test_provenance.py`` checks every real
sample, both shapes, on both backends.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any, cast

from waystation.exc import Locator
from waystation.model import Provenance
from waystation.store.engine import dumps_json

__all__ = [
    "ProvenanceWriter",
    "provenance_object",
    "restore_provenance",
    "restore_traveller_provenance",
]

_text = encode_basestring  # a JSON string, as the store's encoder writes it (C, UTF-8 kept)
Place = tuple[int | None, int | None, str | None, str | None]  # segment, line, raw, tag


def _default_tag(raw: str | None) -> str | None:
    return raw[:3] if raw is not None else None


def provenance_object(provenance: Provenance, source: str) -> dict[str, Any]:
    """The general shape: every part of the provenance that is set, the source only when it is
    not the message's own."""
    locator = provenance.locator
    data: dict[str, Any] = {}
    if locator.source is not None and locator.source != source:
        data["source"] = locator.source
    for key, value in (
        ("segment", locator.segment),
        ("tag", locator.tag),
        ("field", locator.field),
        ("line", locator.line),
        ("raw", provenance.raw),
    ):
        if value is not None:
            data[key] = value
    if provenance.seen_at is not None:
        data["seen_at"] = provenance.seen_at.isoformat()
    return data


def _json_value(value: int | str | None) -> str:
    if value is None:
        return "null"
    return str(value) if type(value) is int else _text(value)  # type: ignore[arg-type]


_INDEX = [str(i) for i in range(64)]


def _usual(provenance: Provenance, field: str | None, source: str) -> tuple[int, int, str] | None:
    """``(segment, line, raw)`` when ``provenance`` is the usual place of a value named ``field``
    (none for a traveller's own): a segment of this message, with whole segment and line numbers,
    its text, no ``seen_at``, and the tag its text starts with — what ``_usual_traveller_text``
    writes as ``[segment,line,raw]`` without looking further. ``None`` otherwise."""
    of_source, segment, tag, of_field, line, raw, seen_at = provenance.parts()
    if (
        type(segment) is int
        and type(line) is int
        and type(raw) is str
        and of_field == field
        and seen_at is None
        and (of_source is None or of_source == source)
        and tag == raw[:3]
    ):
        return segment, line, raw
    return None


class _Places:
    """The places of one traveller row, in order."""

    __slots__ = ("places", "texts")

    def __init__(self) -> None:
        self.places: dict[Place, str] = {}  # place -> its index, as text
        self.texts: list[str] = []


class ProvenanceWriter:
    """Writes the provenance of one message's rows (its source name is left out of every one)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._keys: dict[str, str] = {}  # a field name as a JSON key, with its colon

    def place(self, provenance: Provenance) -> Place | None:
        """The place of ``provenance`` when it is one (see the module docstring), else ``None``."""
        of_source, segment, tag, _, line, raw, seen_at = provenance.parts()
        if (
            seen_at is None
            and (type(segment) is int or segment is None)
            and (type(line) is int or line is None)
            and (type(raw) is str or raw is None)
            and (type(tag) is str or tag is None)
            and (of_source is None or of_source == self.source)
        ):
            return (segment, line, raw, tag)
        return None

    @staticmethod
    def place_text(place: Place, field: str | None = None, *, with_field: bool = False) -> str:
        segment, line, raw, tag = place
        text = f"[{_json_value(segment)},{_json_value(line)},{_json_value(raw)}"
        if with_field and field is not None:
            return f"{text},{_json_value(tag)},{_text(field)}]"
        if tag != _default_tag(raw):
            return f"{text},{_json_value(tag)}]"
        return text + "]"

    def one(self, provenance: Provenance | None) -> Any:
        """One provenance as a JSON value: a place with its field, or the object."""
        if provenance is None:
            return None
        place = self.place(provenance)
        field = provenance.locator.field
        if place is None or not (field is None or type(field) is str):
            return provenance_object(provenance, self.source)
        segment, line, raw, tag = place
        if field is not None:
            return [segment, line, raw, tag, field]
        return [segment, line, raw] if tag == _default_tag(raw) else [segment, line, raw, tag]

    def one_text(self, provenance: Provenance) -> str | None:
        """:meth:`one` already as JSON text, when it is a place (``None`` otherwise)."""
        of_source, segment, tag, field, line, raw, seen_at = provenance.parts()
        if (  # the usual ones (a document's), written without the general calls
            type(segment) is int
            and type(line) is int
            and type(raw) is str
            and seen_at is None
            and (of_source is None or of_source == self.source)
        ):
            if field is None and tag == raw[:3]:
                return f"[{segment},{line},{_text(raw)}]"
            if type(field) is str and type(tag) is str:
                return f"[{segment},{line},{_text(raw)},{_text(tag)},{_text(field)}]"
        place = self.place(provenance)
        field = provenance.locator.field
        if place is None or not (field is None or type(field) is str):
            return None
        return self.place_text(place, field, with_field=True)

    def traveller_text(self, at: Provenance | None, fields: Mapping[str, Provenance | None]) -> str | None:
        """A traveller's provenance as JSON text (``None`` when a field name is not text: JSON has
        its own rules for such keys, and :meth:`traveller` writes them). A value that is not a
        place is written as its object, in its place."""
        text = self._usual_traveller_text(at, fields)
        return text if text is not None else self._any_traveller_text(at, fields)

    def _usual_traveller_text(
        self, at: Provenance | None, fields: Mapping[str, Provenance | None]
    ) -> str | None:
        """The text of :meth:`_any_traveller_text` for the usual traveller, written without a call
        per value (~11 values per traveller, 3,300 per 300-passenger message): every value a
        segment of this message whose text starts with its tag, its field the value's name (none
        for ``at``). ``None`` for any other traveller. A place is found by its segment text, whose
        hash Python keeps."""
        by_raw: dict[str, tuple[str, int, int, str]] = {}  # text -> (index, segment, line, tag)
        texts: list[str] = []
        parts: list[str] = []
        keys, source = self._keys, self.source
        at_ref = "null"
        try:
            if at is not None:
                usual = _usual(at, None, source)
                if usual is None:
                    return None
                segment, line, raw = usual
                at_ref = "0"
                by_raw[raw] = (at_ref, segment, line, raw[:3])
                texts.append(f"[{segment},{line},{_text(raw)}]")
            for name, provenance in fields.items():
                key = keys.get(name)
                if key is None:
                    key = keys[name] = _text(name) + ":"  # TypeError for a name that is not text
                # _usual(provenance, name, source), written out (~3,000 values per message).
                if provenance is None:
                    return None
                of_source, number, tag, of_field, row, value_raw, seen_at = provenance.parts()
                if type(number) is not int or type(row) is not int or type(value_raw) is not str:
                    return None
                seen = by_raw.get(value_raw)
                if seen is None:
                    head = value_raw[:3]
                    index = _INDEX[len(texts)]  # IndexError past the usual number of places
                    by_raw[value_raw] = (index, number, row, head)
                    texts.append(f"[{number},{row},{_text(value_raw)}]")
                elif seen[1] == number and seen[2] == row:
                    index, head = seen[0], seen[3]
                else:
                    return None
                if (
                    tag != head
                    or of_field != name
                    or seen_at is not None
                    or (of_source != source and of_source is not None)
                ):
                    return None
                parts.append(key + index)
        except (TypeError, IndexError):
            return None
        return f'{{"s":[{",".join(texts)}],"at":{at_ref},"fields":{{{",".join(parts)}}}}}'

    def _any_traveller_text(
        self, at: Provenance | None, fields: Mapping[str, Provenance | None]
    ) -> str | None:
        """Any traveller's provenance as :meth:`traveller_text` writes it, value by value."""
        if not all(type(name) is str for name in fields):
            return None
        table = _Places()
        at_ref = self._ref(at, None, table)
        parts = [f"{_text(name)}:{self._ref(provenance, name, table)}" for name, provenance in fields.items()]
        return f'{{"s":[{",".join(table.texts)}],"at":{at_ref},"fields":{{{",".join(parts)}}}}}'

    def _ref(self, provenance: Provenance | None, default: str | None, table: _Places) -> str:
        """A reference to ``provenance``'s place in ``table`` (added there when new), or its object."""
        if provenance is None:
            return "null"
        place = self.place(provenance)
        field = provenance.locator.field
        if place is None or not (field is None or type(field) is str):
            return dumps_json(provenance_object(provenance, self.source))
        index = table.places.get(place)
        if index is None:
            index = table.places[place] = str(len(table.texts))
            table.texts.append(self.place_text(place))
        return index if field == default else f"[{index},{_json_value(field)}]"

    def traveller(self, at: Provenance | None, fields: Mapping[Any, Provenance | None]) -> dict[str, Any]:
        """A traveller's provenance as a JSON value, for the names :meth:`traveller_text` cannot
        write: every provenance as its object (the shape rows had before)."""
        return {
            "at": provenance_object(at, self.source) if at is not None else None,
            "fields": {
                name: provenance_object(p, self.source) if p is not None else None
                for name, p in fields.items()
            },
        }


def restore_provenance(data: Any, source: str) -> Provenance | None:
    """One provenance as stored (either shape), with the message's source name put back."""
    if data is None:
        return None
    if isinstance(data, list):
        tag = data[3] if len(data) > 3 else _default_tag(data[2])
        field = data[4] if len(data) > 4 else None
        return Provenance(Locator(source, data[0], tag, field, data[1]), data[2])
    seen = data.get("seen_at")
    return Provenance(
        Locator(
            data.get("source", source),
            data.get("segment"),
            data.get("tag"),
            data.get("field"),
            data.get("line"),
        ),
        data.get("raw"),
        datetime.fromisoformat(seen) if seen else None,
    )


def restore_traveller_provenance(
    data: Mapping[str, Any] | None, source: str
) -> tuple[Provenance | None, dict[str, Provenance]]:
    """A traveller's own provenance and its fields', from either shape (a field stored as null,
    which no reader produces, reads back as ``None`` as it always did)."""
    if not data:
        return None, {}
    places = data.get("s") or ()

    def restore(ref: Any, default: str | None) -> Provenance | None:
        if ref is None:
            return None
        if isinstance(ref, int):
            index, field = ref, default
        elif isinstance(ref, list):
            index, field = ref
        else:
            return restore_provenance(ref, source)
        segment, line, raw, *rest = places[index]
        tag = rest[0] if rest else _default_tag(raw)
        return Provenance(Locator(source, segment, tag, field, line), raw)

    fields = {name: restore(ref, name) for name, ref in (data.get("fields") or {}).items()}
    return restore(data.get("at"), None), cast(dict[str, Provenance], fields)
