"""The national-list CSV: a supervisor's own entries, written by hand or exported from a case system.

One row per subject, a header row, UTF-8 (a BOM is accepted). Columns (only ``id`` and
``names`` are required; the full description with examples is in docs/watchlists.md):

``id``            the list's own reference, unique in the file
``kind``          person (default), organization, vessel, aircraft
``names``         names separated by ``|``; the first is the primary name. ``FAMILY, Given`` is
                  split at the comma; a leading ``~`` marks a weak alias, ``fka:`` a former name
``birth_dates``   ``|``-separated: ``1975-03-12``, ``1975-03``, ``1975``, ``~1975`` (circa),
                  ``1970..1975`` (a range)
``birth_places``  ``|``-separated free text
``nationalities`` ``|``-separated ISO 3166 alpha-3 codes (names and alpha-2 are accepted)
``documents``     ``|``-separated ``TYPE:NUMBER:COUNTRY`` (TYPE passport, national_id or
                  other, or the ICAO letters P and I; COUNTRY optional)
``gender``        M or F (male/female accepted), empty when unknown
``programme``     ``|``-separated programme names
``listed_on``     ISO date
``remarks``       free text

Lenient per value (a bad date or country is an issue and the value is left out), strict per
file (no header, no ``id``/``names`` columns, no readable row: :class:`WatchlistError`). There is
no date in the format: the version is a content hash.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
from waystation.ingest.lists.text_dates import parse_text_date
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NameQuality,
    NameRole,
    PartialDate,
    Provenance,
    Sex,
    Watchlist,
)

__all__ = ["COLUMNS", "DEFAULT_NAME", "FORMAT", "REQUIRED", "read_national_csv", "sniff"]

FORMAT = "national_csv"
DEFAULT_NAME = "national"
COLUMNS = (
    "id", "kind", "names", "birth_dates", "birth_places", "nationalities", "documents", "gender",
    "programme", "listed_on", "remarks",
)  # fmt: skip
REQUIRED = ("id", "names")
_KINDS = {k.value: k for k in EntryKind} | {"organisation": EntryKind.ORGANIZATION, "": EntryKind.PERSON}
_GENDERS = {"m": Sex.MALE, "male": Sex.MALE, "f": Sex.FEMALE, "female": Sex.FEMALE}
_DOCUMENT_TYPES = {
    "passport": "passport", "p": "passport",
    "national_id": "national_id", "id": "national_id", "i": "national_id",
    "other": "other",
}  # fmt: skip
_RANGE = re.compile(r"^(.+?)\s*\.\.\s*(.+)$")


def sniff(data: bytes) -> float:
    """Confident when the first line is a CSV header naming ``id`` and ``names``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    cells = {c.strip() for c in head.split(",")}
    return 0.95 if set(REQUIRED) <= cells else 0.0


def _split(text: str | None) -> list[str]:
    return [" ".join(p.split()) for p in (text or "").split("|") if p.strip()]


class _Row:
    def __init__(self, row: dict[str, str], line: int, log: IssueLog) -> None:
        self.row, self.line, self.log = row, line, log

    def warn(self, code: str, message: str, column: str) -> None:
        self.log.warn(code, f"{column}: {message}", line=self.line)

    def names(self, person: bool) -> tuple[Name, ...]:
        book = NameBook()
        for index, text in enumerate(_split(self.row.get("names"))):
            role = NameRole.PRIMARY if index == 0 else NameRole.ALIAS
            quality = NameQuality.STRONG
            if text.startswith("~"):
                text, quality = text[1:].strip(), NameQuality.WEAK
            if text.casefold().startswith("fka:"):
                text, role = text[4:].strip(), NameRole.FORMER
            family, comma, given = text.partition(",")
            if person and comma and given.strip():
                book.add(Name.from_parts(family.strip(), given.strip(), role=role, quality=quality))
            else:
                book.add(Name.from_full(text, role=role, quality=quality))
        return book.names()

    def birth_dates(self) -> tuple[BirthDate, ...]:
        dates: list[BirthDate] = []
        for text in _split(self.row.get("birth_dates")):
            circa = text.startswith("~")
            body = text.lstrip("~ ")
            ranged = _RANGE.match(body)
            parsed: BirthDate | None
            if ranged:
                first, last = PartialDate.parse(ranged[1]), PartialDate.parse(ranged[2])
                parsed = BirthDate(first, last, approximate=circa) if first and last else None
            else:
                single = PartialDate.parse(body)
                parsed = BirthDate(single, approximate=circa) if single else parse_text_date(text)
            if parsed is None:
                self.warn("bad_date", f"not a date: {text!r}", "birth_dates")
            else:
                dates.append(parsed)
        return tuple(dict.fromkeys(dates))

    def countries(self, column: str) -> tuple[str, ...]:
        codes = [
            c for t in _split(self.row.get(column)) if (c := self.log.country(t, line=self.line, tag=column))
        ]
        return tuple(dict.fromkeys(codes))

    def documents(self) -> tuple[IdentityDocument, ...]:
        found: list[IdentityDocument] = []
        for text in _split(self.row.get("documents")):
            parts = [p.strip() for p in text.split(":")]
            kind = _DOCUMENT_TYPES.get(parts[0].casefold()) if len(parts) >= 2 else None
            if kind is None or not parts[1] or len(parts) > 3:
                self.warn("bad_document", f"expected TYPE:NUMBER:COUNTRY, not {text!r}", "documents")
                continue
            country = self.log.country(parts[2], line=self.line, tag="documents") if len(parts) == 3 else None
            found.append(IdentityDocument(kind, parts[1], country))
        return tuple(dict.fromkeys(found))

    def gender(self) -> Sex | None:
        text = (self.row.get("gender") or "").strip().casefold()
        if text and text not in _GENDERS:
            self.warn("bad_gender", f"expected M or F, not {text!r}", "gender")
        return _GENDERS.get(text)

    def listed_on(self) -> date | None:
        text = (self.row.get("listed_on") or "").strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.warn("bad_date", f"not an ISO date: {text!r}", "listed_on")
            return None

    def entry(self) -> ListEntry | None:
        entry_id = (self.row.get("id") or "").strip()
        kind_text = (self.row.get("kind") or "").strip().casefold()
        kind = _KINDS.get(kind_text)
        if kind is None:
            self.warn("bad_kind", f"unknown kind {kind_text!r}; read as person", "kind")
            kind = EntryKind.PERSON
        names = self.names(kind is EntryKind.PERSON)
        if not entry_id or not names:
            self.log.error(
                "missing_value", f"{'names' if entry_id else 'id'} is empty; row skipped", line=self.line
            )
            return None
        return ListEntry(
            entry_id=entry_id,
            kind=kind,
            names=names,
            birth_dates=self.birth_dates(),
            birth_places=tuple(_split(self.row.get("birth_places"))),
            nationalities=self.countries("nationalities"),
            documents=self.documents(),
            gender=self.gender(),
            programmes=tuple(_split(self.row.get("programme"))),
            listed_on=self.listed_on(),
            remarks=" ".join((self.row.get("remarks") or "").split()) or None,
            provenance=Provenance.at(self.log.source, line=self.line),
        )


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WatchlistError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x})", Locator(source, line=line)
        ) from None


def read_national_csv(data: bytes, source: str) -> Watchlist:
    """Read a national-list CSV; :class:`WatchlistError` (naming ``source``) when unusable."""
    if not data.strip():
        raise WatchlistError("the file is empty", Locator(source))
    rows = csv.DictReader(io.StringIO(_text(data, source), newline=""))
    header = [h.strip().lower() for h in (rows.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise WatchlistError(f"the header lacks the column(s) {', '.join(missing)}", Locator(source, line=1))
    rows.fieldnames = header
    log = IssueLog(source)
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        log.warn("unknown_column", f"ignored column(s): {', '.join(unknown)}", line=1)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    try:
        for row in rows:
            clean = {k: v or "" for k, v in row.items() if k is not None}
            entry = _Row(clean, rows.line_num, log).entry()
            if entry is None:
                continue
            if entry.entry_id in seen:
                log.error("duplicate_id", f"id {entry.entry_id!r} repeated; row skipped", line=rows.line_num)
                continue
            seen.add(entry.entry_id)
            entries.append(entry)
    except csv.Error as exc:
        raise WatchlistError(f"not readable as CSV: {exc}", Locator(source, line=rows.line_num)) from None
    if not entries:
        raise WatchlistError("the file holds no readable entry", Locator(source))
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=f"sha256:{hashlib.sha256(data).hexdigest()[:16]}",
        entries=tuple(entries),
        source=source,
        issues=log.frozen(),
    )
