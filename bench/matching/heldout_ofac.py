"""A second held-out set of real cross-list spellings: OFAC SDN (SDGT programme) against the UN list.

OFAC's CSVs do not name UN references, so a person is linked to a UN entry by an identity-document
number alone (a passport or national identification number in OFAC's remarks equal, letters and
digits only, to one UN entry's): the link never looks at names, so it does not favour any way of
comparing them. Each OFAC name of such a person (primary and aliases, up to three) becomes a
traveller whose truth is that UN entry, with OFAC's date of birth and nationality and no document
(the document made the link, so it must not make the match too).

Negatives are OFAC individuals of programmes with no UN counterpart (``NEGATIVE_PROGRAMMES``:
narcotics, Cuba, Venezuela, Syria, Belarus, the Balkans…) who share no document number with a UN
entry, no full date of birth with one, and no name word for word (some people are listed by both).
None of this was used to set any constant of the engine.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from collections.abc import Iterable

from bench.matching.data import SHARED, Labelled, load_un
from waystation.model import Name, PartialDate, Traveller, to_alpha3

__all__ = ["NEGATIVE_PROGRAMMES", "load_ofac_heldout"]

NEGATIVE_PROGRAMMES = frozenset(
    {
        "SDNTK", "SDNT", "CUBA", "VENEZUELA", "VENEZUELA-EO13850", "TCO", "MAGNIT", "BURMA-EO14014",
        "HK-EO13936", "BELARUS", "NICARAGUA", "BALKANS", "ZIMBABWE", "UKRAINE-EO13660",
        "UKRAINE-EO13661", "SYRIA", "SYRIA-EO13894", "IRAN-HR", "CYBER2", "GLOMAG",
    }
)  # fmt: skip
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_DOC = re.compile(r"(?:Passport|National ID No\.|Identification Number)\s+([A-Z0-9][A-Z0-9 /-]{4,})", re.I)
_DOB = re.compile(r"DOB (?:circa )?((?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})")
_NATIONALITY = re.compile(r"nationality ([A-Za-z ]+?)[;.]")


def _number(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _words(name: Name) -> frozenset[str]:
    return frozenset(re.sub(r"[^a-z ]", " ", name.full.lower()).split())


def _dob(remarks: str) -> PartialDate | None:
    match = _DOB.search(remarks)
    if not match:
        return None
    bits = match.group(1).split()
    try:
        if len(bits) == 3:
            return PartialDate(int(bits[2]), _MONTHS[bits[1]], int(bits[0]))
        if len(bits) == 2:
            return PartialDate(int(bits[1]), _MONTHS[bits[0]])
        return PartialDate(int(bits[0]))
    except (KeyError, ValueError):
        return None


def _name(text: str) -> Name | None:
    text = text.strip().strip('"')
    if "," in text:
        family, given = (t.strip() for t in text.split(",", 1))
        return Name.from_parts(family, given or None) if family else None
    return Name.from_parts(text) if text else None


def _programmes(field: str, remarks: str) -> set[str]:
    found = set(re.findall(r"\[([^\]]+)\]", remarks))
    return found | {p.strip() for p in field.replace("] [", ",").split(",") if p.strip()}


def load_ofac_heldout(un_ids: Iterable[str], *, per_person: int = 3, seed: int = 11) -> list[Labelled]:
    """Travellers from OFAC rows: UN-linked SDGT people (positives) and other programmes (negatives)."""
    known = set(un_ids)
    folder = SHARED / "data" / "watchlists"
    un = load_un()
    by_number: dict[str, set[str]] = defaultdict(set)
    for entry in un.entries:
        for document in entry.documents:
            number = _number(document.number)
            if len(number) >= 6:
                by_number[number].add(entry.entry_id)
    un_dates = {
        (d.earliest.year, d.earliest.month, d.earliest.day)
        for e in un.entries
        for d in e.birth_dates
        if d.earliest and d.earliest.day
    }
    un_names = {_words(n) for e in un.entries for n in e.names}
    alts: dict[str, list[str]] = defaultdict(list)
    for row in csv.reader((folder / "ofac-alt.csv").open(encoding="latin-1")):
        if len(row) >= 4:
            alts[row[0]].append(row[3])
    rng = random.Random(seed)
    out: list[Labelled] = []
    for row in csv.reader((folder / "ofac-sdn.csv").open(encoding="latin-1")):
        if len(row) < 12 or row[2].strip() != "individual":
            continue
        ent, primary, remarks = row[0], row[1], row[11]
        programmes = _programmes(row[3], remarks)
        refs = {e for m in _DOC.finditer(remarks) for e in by_number.get(_number(m.group(1)), ())}
        born = _dob(remarks)
        names = [n for n in (_name(t) for t in [primary, *alts.get(ent, [])]) if n is not None]
        expected: str | None
        if "SDGT" in programmes:
            if len(refs) != 1 or next(iter(refs)) not in known:
                continue
            expected, category = next(iter(refs)), "ofac-cross-list"
        elif programmes <= NEGATIVE_PROGRAMMES and not refs:
            if born and born.day and (born.year, born.month, born.day) in un_dates:
                continue  # the same full date of birth as a UN entry: perhaps UN-listed too
            if any(_words(n) in un_names for n in names):
                continue  # a name the UN lists word for word: perhaps the same person
            expected, category = None, "ofac-other-programme"
        else:
            continue
        nationality = _NATIONALITY.search(remarks)
        alpha3 = to_alpha3(nationality.group(1)) if nationality else None
        rng.shuffle(names)
        seen: set[str] = set()
        for name in names:
            if name.full.upper() in seen:
                continue
            seen.add(name.full.upper())
            traveller = Traveller(
                ref=f"OFAC{ent}-{len(seen)}",
                name=name,
                birth_date=born,
                nationalities=(alpha3,) if alpha3 else (),
            )
            out.append(Labelled(traveller, expected, category))
            if len(seen) >= per_person:
                break
    return out
