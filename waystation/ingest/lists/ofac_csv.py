"""OFAC's SDN list as its legacy CSV set: ``sdn.csv`` with ``alt.csv``, ``add.csv``, ``sdn_comments.csv``.

The files are as OFAC publishes them: no header, CRLF line ends, a Ctrl-Z (0x1A) byte at the
end, ``-0-`` (with a trailing space) for an empty value, ASCII. The columns:

* sdn.csv: ent_num, name, type (individual / vessel / aircraft / ``-0-`` for an entity),
  programs (``SDGT] [IRGC``), title, call sign, vessel type, tonnage, GRT, flag, owner, remarks;
* alt.csv: ent_num, alt_num, type (aka / fka / nka, "weak aka" in newer files), name, remarks;
* add.csv: ent_num, add_num, street, city-state-postcode, country, remarks;
* sdn_comments.csv: ent_num, the rest of a remarks text too long for sdn.csv (appended as is).

Names of people are written ``LAST, First Middle``: the part before the comma is one FAMILY
part and everything after it one GIVEN part (OFAC does not say where given names end, and
``Abu-al-Abbas Adil Abdu`` is not three given names). A name without a comma is kept whole.
Birth data, nationality (and citizenship), documents, gender and the aliases that only the
remarks give come from the remarks (see ``ofac_remarks``).

There is no date in these files, so the version is a content hash of all four files
(``sha256:`` and the first 16 hex digits); ``published`` stays unknown.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
from waystation.ingest.lists.ofac_remarks import read_remarks
from waystation.model import EntryKind, ListEntry, Name, NameQuality, NameRole, Provenance, Watchlist
from waystation.numbers import is_number

__all__ = ["DEFAULT_NAME", "FORMAT", "SIBLINGS", "read_ofac_csv", "sibling_path", "sniff"]

FORMAT = "ofac_csv"
DEFAULT_NAME = "ofac-sdn"
SIBLINGS = {"alt": "alt", "add": "add", "comments": "sdn_comments"}
_KINDS = {"individual": EntryKind.PERSON, "vessel": EntryKind.VESSEL, "aircraft": EntryKind.AIRCRAFT}
_ALIAS_TYPES = {
    "aka": (NameRole.ALIAS, NameQuality.STRONG),
    "nka": (NameRole.ALIAS, NameQuality.STRONG),
    "fka": (NameRole.FORMER, NameQuality.STRONG),
    "weak aka": (NameRole.ALIAS, NameQuality.WEAK),
}
_SDN_LINE = re.compile(rb"^\d+,\"[^\"]*\",")


def sibling_path(main: Path, role: str) -> Path:
    """``alt.csv`` beside ``sdn.csv`` (``ofac-alt.csv`` beside ``ofac-sdn.csv``)."""
    stem = main.stem
    index = stem.lower().rfind("sdn")
    replacement = SIBLINGS[role]
    name = f"{stem[:index]}{replacement}{stem[index + 3 :]}" if index >= 0 else replacement
    return main.with_name(name + main.suffix)


def sniff(data: bytes) -> float:
    """Confident when the first line is an SDN row: a number, a quoted name, 12 fields."""
    first = data[:4096].split(b"\n", 1)[0].rstrip(b"\r")
    if not _SDN_LINE.match(first):
        return 0.0
    fields = next(csv.reader([first.decode("latin-1")]), [])
    return 0.9 if len(fields) == 12 else 0.0


def _value(text: str | None) -> str | None:
    """A cell without OFAC's ``-0-`` null marker and surrounding space; ``None`` when empty."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return None if cleaned in ("", "-0-") else cleaned


def _decode(data: bytes, source: str) -> str:
    data = data.rstrip(b"\x1a\r\n ")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(data: bytes, source: str, columns: int, log: IssueLog) -> list[tuple[int, list[str]]]:
    """The rows of one file with their line numbers; rows with the wrong width are issues."""
    reader = csv.reader(io.StringIO(_decode(data, source), newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != columns:
                log.error(
                    "bad_row", f"{len(row)} fields, expected {columns}; row skipped", line=reader.line_num
                )
                continue
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise WatchlistError(f"not readable as CSV: {exc}", Locator(source, line=reader.line_num)) from None
    return rows


def _name(text: str, role: NameRole, quality: NameQuality, person: bool) -> Name:
    family, comma, given = text.partition(",")
    if not person or not comma or not given.strip():
        return Name.from_full(text, role=role, quality=quality)
    return Name.from_parts(family.strip(), given.strip(), role=role, quality=quality)


def _siblings(
    siblings: dict[str, bytes], source: str, log: IssueLog
) -> dict[str, dict[str, list[list[str]]]]:
    """Sibling rows grouped by ent_num; a missing sibling file is an issue, not an error."""
    widths = {"alt": 5, "add": 6, "comments": 2}
    grouped: dict[str, dict[str, list[list[str]]]] = {}
    for role, width in widths.items():
        grouped[role] = {}
        if role not in siblings:
            log.warn("missing_file", f"no {SIBLINGS[role]}.csv beside the SDN file: its data is missing")
            continue
        sibling_log = IssueLog(f"{source} ({SIBLINGS[role]})", log.issues)
        for _, row in _rows(siblings[role], sibling_log.source, width, sibling_log):
            grouped[role].setdefault(row[0].strip(), []).append(row)
    return grouped


def _vessel_remarks(row: list[str]) -> str | None:
    labels = ("Call sign", "Vessel type", "Tonnage", "GRT", "Flag", "Owner")
    values = (_value(cell) for cell in row[5:11])
    parts = [f"{label}: {value}" for label, value in zip(labels, values, strict=True) if value]
    return "; ".join(parts) or None


def _entry(
    row: list[str], line: int, grouped: dict[str, dict[str, list[list[str]]]], log: IssueLog
) -> ListEntry | None:
    """One SDN row with its aliases, addresses and remarks continuation."""
    entry_id = row[0].strip()
    name = _value(row[1])
    if not is_number(entry_id) or not name:
        log.error("bad_row", "no entry number or name; row skipped", line=line)
        return None
    kind = _KINDS.get((_value(row[2]) or "").lower(), EntryKind.ORGANIZATION)
    person = kind is EntryKind.PERSON
    continued = [c[1] for c in grouped["comments"].get(entry_id, [])]
    remarks = "".join([row[11].strip() if _value(row[11]) else "", *continued])
    facts = read_remarks(remarks, log, line)
    book = NameBook()
    book.add(_name(name, NameRole.PRIMARY, NameQuality.STRONG, person))
    alternatives = [((_value(a[2]) or "aka").lower(), _value(a[3])) for a in grouped["alt"].get(entry_id, [])]
    for alt_type, alt_name in alternatives + facts.aliases:
        role, quality = _ALIAS_TYPES.get(alt_type, (NameRole.ALIAS, NameQuality.STRONG))
        if alt_name:
            book.add(_name(alt_name, role, quality, person))
    addresses = [
        ", ".join(v for v in (_value(a[2]), _value(a[3]), _value(a[4])) if v)
        + (f" ({_value(a[5])})" if _value(a[5]) else "")
        for a in grouped["add"].get(entry_id, [])
    ]
    programmes = tuple(p.strip(" []") for p in (_value(row[3]) or "").split("] [") if p.strip(" []"))
    title = _value(row[4])
    texts = [f"Title: {title}" if title else None, None if person else _vessel_remarks(row), _value(remarks)]
    return ListEntry(
        entry_id=entry_id,
        kind=kind,
        names=book.names(),
        birth_dates=tuple(dict.fromkeys(facts.birth_dates)),
        birth_places=tuple(dict.fromkeys(facts.birth_places)),
        nationalities=tuple(facts.nationalities),
        documents=tuple(facts.documents),
        gender=facts.gender,
        programmes=programmes,
        remarks="\n".join(t for t in texts if t) or None,
        addresses=tuple(a for a in dict.fromkeys(addresses) if a),
        provenance=Provenance.at(log.source, line=line),
    )


def read_ofac_csv(data: bytes, source: str, siblings: dict[str, bytes] | None = None) -> Watchlist:
    """Read ``sdn.csv`` (and its siblings, keyed ``alt``, ``add``, ``comments``)."""
    if not data.strip(b" \t\r\n\x1a"):
        raise WatchlistError("the file is empty", Locator(source))
    if sniff(data) == 0.0:
        raise WatchlistError("not an OFAC sdn.csv: the first line is not an SDN row", Locator(source, line=1))
    log = IssueLog(source)
    companions = dict(siblings or {})
    grouped = _siblings(companions, source, log)
    entries = [e for line, row in _rows(data, source, 12, log) if (e := _entry(row, line, grouped, log))]
    if not entries:
        raise WatchlistError("the SDN file holds no readable row", Locator(source))
    digest = hashlib.sha256(data)
    for part in ("alt", "add", "comments"):
        digest.update(b"\x00" + part.encode() + b"\x00" + companions.get(part, b""))
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=f"sha256:{digest.hexdigest()[:16]}",
        entries=tuple(entries),
        published=None,
        source=source,
        issues=log.frozen(),
    )
