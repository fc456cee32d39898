"""OpenSanctions ``targets.simple.csv``: one flat row per target, any dataset.

Columns: id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions,
phones, emails, dataset, first_seen, last_seen, last_change; multiple values are separated by
``;``. The format is lossy: the name is one string (no parts, and INTERPOL writes "GIVEN
FAMILY"), ``countries`` mixes nationality and residence (read here as nationalities, which is
what it is for the INTERPOL Red Notices export), identifiers carry no type (kind ``other``),
and there is no gender. Useful as a large second list (load and false-positive tests), weak
for alias tests. Version: a content hash; ``published`` is the latest ``last_change``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import datetime

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NameRole,
    PartialDate,
    Provenance,
    Watchlist,
)

__all__ = ["DEFAULT_NAME", "FORMAT", "read_os_simple", "sniff"]

FORMAT = "os_targets_simple"
DEFAULT_NAME = "opensanctions"
_HEADER = ("id", "schema", "name", "aliases", "birth_date", "countries")
_KINDS = {
    "Person": EntryKind.PERSON,
    "Organization": EntryKind.ORGANIZATION,
    "Company": EntryKind.ORGANIZATION,
    "LegalEntity": EntryKind.ORGANIZATION,
    "PublicBody": EntryKind.ORGANIZATION,
    "Vessel": EntryKind.VESSEL,
    "Airplane": EntryKind.AIRCRAFT,
}


def sniff(data: bytes) -> float:
    """Confident when the header starts ``id, schema, name, aliases, birth_date, countries``."""
    first = data[:2048].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    cells = tuple(c.strip().strip('"').lower() for c in first.split(","))
    return 0.95 if cells[: len(_HEADER)] == _HEADER else 0.0


def _many(text: str | None) -> list[str]:
    return [" ".join(v.split()) for v in (text or "").split(";") if v.strip()]


def _entry(row: dict[str, str], line: int, log: IssueLog) -> ListEntry | None:
    entry_id, name = (row.get("id") or "").strip(), (row.get("name") or "").strip()
    if not entry_id or not name:
        log.error("missing_value", "id or name is empty; row skipped", line=line)
        return None
    book = NameBook()
    book.add(Name.from_full(name))
    for alias in _many(row.get("aliases")):
        book.add(Name.from_full(alias, role=NameRole.ALIAS))
    dates: list[BirthDate] = []
    for text in _many(row.get("birth_date")):
        parsed = PartialDate.parse(text[:10])
        if parsed is None:
            log.warn("bad_date", f"birth_date: not a date: {text!r}", line=line)
        else:
            dates.append(BirthDate(parsed))
    countries = [c for t in _many(row.get("countries")) if (c := log.country(t, line=line, tag="countries"))]
    documents = tuple(
        IdentityDocument("other", number) for number in dict.fromkeys(_many(row.get("identifiers")))
    )
    remarks = [
        *(s.strip('" ') for s in _many(row.get("sanctions"))),
        *([f"Dataset: {row['dataset']}"] if row.get("dataset") else []),
    ]
    return ListEntry(
        entry_id=entry_id,
        kind=_KINDS.get((row.get("schema") or "").strip(), EntryKind.OTHER),
        names=book.names(),
        birth_dates=tuple(dict.fromkeys(dates)),
        nationalities=tuple(dict.fromkeys(countries)),
        documents=documents,
        remarks="\n".join(remarks) or None,
        addresses=tuple(_many(row.get("addresses"))),
        provenance=Provenance.at(log.source, line=line),
    )


def read_os_simple(data: bytes, source: str) -> Watchlist:
    """Read a ``targets.simple.csv``; :class:`WatchlistError` (naming ``source``) when unusable."""
    if not data.strip():
        raise WatchlistError("the file is empty", Locator(source))
    if not sniff(data):
        raise WatchlistError("not an OpenSanctions targets.simple.csv header", Locator(source, line=1))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WatchlistError("not UTF-8 text", Locator(source, line=line)) from None
    log = IssueLog(source)
    rows = csv.DictReader(io.StringIO(text, newline=""))
    entries: list[ListEntry] = []
    latest = ""
    try:
        for row in rows:
            entry = _entry(row, rows.line_num, log)
            if entry is not None:
                entries.append(entry)
                latest = max(latest, row.get("last_change") or "")
    except csv.Error as exc:
        raise WatchlistError(f"not readable as CSV: {exc}", Locator(source, line=rows.line_num)) from None
    if not entries:
        raise WatchlistError("the file holds no readable row", Locator(source))
    try:
        published = datetime.fromisoformat(latest) if latest else None
    except ValueError:
        published = None
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=f"sha256:{hashlib.sha256(data).hexdigest()[:16]}",
        entries=tuple(entries),
        published=published,
        source=source,
        issues=log.frozen(),
    )
