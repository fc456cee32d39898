"""The UK HM Treasury (OFSI) consolidated list, CSV format of 2018 (``ConList.csv``).

The file is **Windows-1252**, not UTF-8 (curly quotes are bytes 0x91-0x94). Its first line is
``Last Updated,DD/MM/YYYY`` (the version), the second the header; then one row per *name*: a
subject with three aliases is three rows sharing a ``Group ID``, each repeating (or varying) the
other fields. Rows are grouped by Group ID and their values merged.

* Name 6 is the family name, Name 1..5 the given names in order (GIVEN, then MIDDLE); an
  entity's name is all in Name 6. Alias Type "Prime Alias" is the primary name, "AKA" an alias,
  "FKA" a former name; the 2018 format has no alias quality, so every name is STRONG.
* DOB is DD/MM/YYYY with ``00`` for an unknown day or month.
* Nationality is free text ("1) Saudi Arabia 2) Qatar", "Iranian citizenship"); Passport
  Details and NI Number are free text with the number, the country and dates (read with
  ``documents``); NI Number becomes a national ID.
* Regime is the programme; Group ID the entry id; "Listed On" the listing date. Gender is not
  a field (only prose in Other Information), so it is left unknown.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.documents import NATIONAL_ID, PASSPORT, read_document_text
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.name_book import NameBook
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
    Watchlist,
)

__all__ = ["DEFAULT_NAME", "FORMAT", "read_uk_hmt", "sniff"]

FORMAT = "uk_hmt_csv"
DEFAULT_NAME = "uk-hmt"
_ROLES = {"prime alias": NameRole.PRIMARY, "aka": NameRole.ALIAS, "fka": NameRole.FORMER}
_ENUMERATION = re.compile(r"(?:^|\s)\(?(?:\d{1,2}|[a-h])\)\s*")
_DMY = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def sniff(data: bytes) -> float:
    """Confident when the file opens with ``Last Updated,`` and the header names Group ID."""
    head = data[:2048]
    return 0.95 if head.startswith(b"Last Updated,") and b"Group ID" in head else 0.0


def _dmy(text: str) -> PartialDate | None:
    match = _DMY.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return PartialDate(year or None, month or None, (day or None) if month else None)
    except ValueError:
        return None


def _pieces(text: str) -> list[str]:
    """ "1) Saudi Arabia 2) Qatar" -> ["Saudi Arabia", "Qatar"]; plain text -> [text]."""
    parts = [" ".join(p.split()).strip(" ,;.") for p in _ENUMERATION.split(text)]
    return [p for p in parts if p]


def _nationality(text: str) -> str:
    """ "Possibly Ethiopian", "Tunisian (dual nationality)", "Kuwaiti citizenship withdrawn in 2014"."""
    text = re.sub(r"\([^)]*\)?", " ", text).split(". ")[0]
    text = re.sub(r"^(?:possibly|probably)\s+", "", text.strip(), flags=re.I)
    text = re.split(r"\s+(?:citizenship|national|nationality|by birth)\b", text, maxsplit=1, flags=re.I)[0]
    return " ".join(text.split()).strip(" ,.;")


class _Group:
    """The rows of one Group ID, merged into one entry."""

    def __init__(self, group_id: str, log: IssueLog) -> None:
        self.group_id, self.log = group_id, log
        self.rows: list[tuple[int, dict[str, str]]] = []

    def _values(self, column: str) -> list[str]:
        found = [" ".join((row.get(column) or "").split()) for _, row in self.rows]
        return list(dict.fromkeys(v for v in found if v))

    def _name(self, row: dict[str, str], person: bool) -> Name | None:
        role = _ROLES.get((row.get("Alias Type") or "").strip().casefold(), NameRole.ALIAS)
        family = " ".join((row.get("Name 6") or "").split())
        givens = [" ".join((row.get(f"Name {i}") or "").split()) for i in range(1, 6)]
        if not person:
            return Name.from_full(" ".join([*givens, family]), role=role) if family or any(givens) else None
        return Name.from_parts(family, [g for g in givens if g], role=role, quality=NameQuality.STRONG)

    def names(self, person: bool) -> tuple[Name, ...]:
        ordered = sorted(
            self.rows, key=lambda item: item[1].get("Alias Type", "").casefold() != "prime alias"
        )
        book = NameBook()
        for _, row in ordered:
            name = self._name(row, person)
            if name:
                book.add(name)
        return book.names()

    def documents(self) -> tuple[IdentityDocument, ...]:
        found: list[IdentityDocument] = []
        for column, kind in (("Passport Details", PASSPORT), ("NI Number", NATIONAL_ID)):
            for text in self._values(column):
                for piece in _pieces(text):
                    parsed = read_document_text(piece)
                    if parsed.number:
                        note = piece if parsed.rest else None
                        document = IdentityDocument(kind, parsed.number, parsed.country, note)
                        if document not in found:
                            found.append(document)
        return tuple(found)

    def entry(self) -> ListEntry | None:
        line = self.rows[0][0]
        person = (self.rows[0][1].get("Group Type") or "").strip().casefold() == "individual"
        names = self.names(person)
        if not names:
            self.log.error("missing_name", f"group {self.group_id} has no name; skipped", line=line)
            return None
        dates = []
        for text in self._values("DOB"):
            parsed = _dmy(text)
            if parsed is None:
                self.log.warn("bad_date", f"DOB: not DD/MM/YYYY: {text!r}", line=line)
            elif parsed.year is not None:
                dates.append(BirthDate(parsed))
        nationalities = [
            code
            for text in self._values("Nationality")
            for piece in _pieces(text)
            if (code := self.log.country(_nationality(piece), line=line))
        ]
        places = [
            ", ".join(
                p for p in (r.get("Town of Birth", "").strip(), r.get("Country of Birth", "").strip()) if p
            )
            for _, r in self.rows
        ]
        addresses = [
            ", ".join(
                v
                for v in (
                    " ".join((r.get(c) or "").split())
                    for c in (*(f"Address {i}" for i in range(1, 7)), "Post/Zip Code", "Country")
                )
                if v
            )
            for _, r in self.rows
        ]
        listed = [d.to_date() for d in (_dmy(t) for t in self._values("Listed On")) if d]
        titles, positions = self._values("Title"), self._values("Position")
        remarks = [
            *([f"Title: {'; '.join(titles)}"] if titles else []),
            *([f"Position: {'; '.join(positions)}"] if positions else []),
            *self._values("Other Information"),
        ]
        first_listed = min((d for d in listed if d is not None), default=None)
        return ListEntry(
            entry_id=self.group_id,
            kind=EntryKind.PERSON if person else EntryKind.ORGANIZATION,
            names=names,
            birth_dates=tuple(dict.fromkeys(dates)),
            birth_places=tuple(p for p in dict.fromkeys(places) if p),
            nationalities=tuple(dict.fromkeys(nationalities)),
            documents=self.documents(),
            programmes=tuple(self._values("Regime")),
            listed_on=first_listed,
            remarks="\n".join(remarks) or None,
            addresses=tuple(a for a in dict.fromkeys(addresses) if a),
            provenance=Provenance.at(self.log.source, line=line),
        )


def read_uk_hmt(data: bytes, source: str) -> Watchlist:
    """Read the 2018 HMT ConList.csv (Windows-1252); :class:`WatchlistError` when unusable."""
    if not data.strip():
        raise WatchlistError("the file is empty", Locator(source))
    if not sniff(data):
        raise WatchlistError(
            "not an HMT consolidated list: no 'Last Updated' line and header", Locator(source, line=1)
        )
    text = (
        data.decode("utf-8-sig")
        if data.startswith(b"\xef\xbb\xbf")
        else data.decode("cp1252", errors="replace")
    )
    lines = io.StringIO(text, newline="")
    stamp_row = next(csv.reader([lines.readline()]), [])
    rows = csv.DictReader(lines)
    rows.fieldnames = [h.strip() for h in (rows.fieldnames or [])]
    log = IssueLog(source)
    groups: dict[str, _Group] = {}
    try:
        for row in rows:
            group_id = (row.get("Group ID") or "").strip()
            if not group_id:
                log.error("missing_value", "row without Group ID; skipped", line=rows.line_num + 1)
                continue
            groups.setdefault(group_id, _Group(group_id, log)).rows.append((rows.line_num + 1, row))
    except csv.Error as exc:
        raise WatchlistError(f"not readable as CSV: {exc}", Locator(source, line=rows.line_num + 1)) from None
    entries = [e for g in groups.values() if (e := g.entry())]
    if not entries:
        raise WatchlistError("the file holds no readable row", Locator(source))
    stamp = stamp_row[1].strip() if len(stamp_row) > 1 else ""
    try:
        published = datetime.strptime(stamp, "%d/%m/%Y")
    except ValueError:
        published = None
        log.warn("missing_version", f"unreadable 'Last Updated' date {stamp!r}", line=1)
    return Watchlist(
        name=DEFAULT_NAME,
        source_format=FORMAT,
        version=published.date().isoformat() if published else "unknown",
        entries=tuple(entries),
        published=published,
        source=source,
        issues=log.frozen(),
    )
