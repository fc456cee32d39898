"""A held-out set of real cross-list spellings: the UK HM Treasury list (2018) against the UN list.

The UK consolidated list republishes UN-listed people with its own spellings and aliases, and
names the UN reference in "Other Information" ("UN Ref QDi.123"). Each UK name row of such a
person becomes a traveller whose truth is that UN entry: real, independent transliterations, not
generated variants. UK individuals of national regimes only (``NATIONAL_REGIMES``: Syria,
Ukraine, Belarus, Iran human rights, …) become travellers who should not alert against the UN
list. None of this was used to set any constant of the engine.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict

from bench.matching.data import SHARED, Labelled
from waystation.model import Name, PartialDate, Traveller, to_alpha3

__all__ = ["load_uk_heldout"]

# UK regimes with no UN counterpart: their people should not alert against the UN list. (The UK's
# Iraq, Afghanistan, DPRK, Libya… rows are UN-listed people even where no "UN Ref" is written.)
NATIONAL_REGIMES = frozenset(
    {
        "Syria", "Ukraine (Sovereignty)", "Ukraine (Misappropriation)", "Iran (human rights)", "Tunisia",
        "Belarus", "Egypt", "Venezuela", "Burundi", "Zimbabwe", "Republic of Guinea",
    }
)  # fmt: skip
# Errors in the 2018 UK list's own "UN Ref", checked by hand against the UN list. Group 13289
# (Boubaker ben Habib ben al-Hakim, born 1 August 1983: every one of its seven names is a name or
# alias of UN QDi.375) says "UN REF: QDi.345", which is Tarkhan Batirashvili (Omar al-Shishani).
# Scoring those rows against QDi.345 counted three correct alerts as misses and as false alerts.
UK_REF_ERRATA = {"13289": ("QDi.345", "QDi.375")}
_UN_REF = re.compile(r"UN Ref\s*:?\s*([A-Z]{2}i\.\d{3})", re.I)
_DOB = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def _dob(text: str) -> PartialDate | None:
    match = _DOB.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if year == 0:
        return None
    try:
        return PartialDate(year, month or None, day if month and day else None)
    except ValueError:
        return PartialDate(year)


def load_uk_heldout(un_ids: set[str], *, per_person: int = 3, seed: int = 7) -> list[Labelled]:
    """Travellers from UK rows: UN-referenced people (positives) and the rest (negatives)."""
    path = SHARED / "data" / "watchlists" / "uk-hmt-conlist-2018-04-13.csv"
    rows = list(csv.reader(path.open(encoding="cp1252")))
    header = rows[1]
    col = {name: i for i, name in enumerate(header)}
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows[2:]:
        if len(row) == len(header) and row[col["Group Type"]] == "Individual":
            groups[row[col["Group ID"]]].append(row)
    rng = random.Random(seed)
    out: list[Labelled] = []
    for group_id, members in sorted(groups.items()):
        refs = {m.group(1) for r in members for m in [_UN_REF.search(r[col["Other Information"]])] if m}
        expected = next(iter(refs)) if len(refs) == 1 else None
        if group_id in UK_REF_ERRATA and expected == UK_REF_ERRATA[group_id][0]:
            expected = UK_REF_ERRATA[group_id][1]
        if refs and (expected is None or expected not in un_ids):
            continue  # a UN person no longer (or ambiguously) on the 2026 list: no clean truth
        if not refs and not all(r[col["Regime"]].strip() in NATIONAL_REGIMES for r in members):
            continue  # possibly UN-listed without a written reference: no clean truth either
        seen: set[tuple[str, str]] = set()
        rng.shuffle(members)
        for row in members:
            family = row[col["Name 6"]].strip()
            given = [row[col[f"Name {i}"]].strip() for i in range(1, 6) if row[col[f"Name {i}"]].strip()]
            key = (family.upper(), " ".join(given).upper())
            if not family or key in seen:
                continue
            seen.add(key)
            nationality = to_alpha3(re.sub(r"^\d\)\s*", "", row[col["Nationality"]].split(" 2)")[0]).strip())
            traveller = Traveller(
                ref=f"UK{group_id}-{len(seen)}",
                name=Name.from_parts(family, given or None),
                birth_date=_dob(row[col["DOB"]]),
                nationalities=(nationality,) if nationality else (),
            )
            category = "uk-cross-list" if expected else "uk-other-regime"
            out.append(Labelled(traveller, expected, category))
            if len(seen) >= per_person:
                break
    return out
