"""List entries and travellers analysed once, in the form the index and the algorithms read.

An entry is analysed when the screener is built (never per request); a traveller when it is
screened. Both keep the model object they came from, for explanations and provenance.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final, cast

from waystation.matching.compare.dates import birth_years
from waystation.matching.compare.documents import document_key
from waystation.matching.normalize import AnalysedName, Part, Word, analyse, shared_part
from waystation.model import ListEntry, Name, NameQuality, Traveller

__all__ = [
    "DOCUMENT_NAMES_KEPT",
    "LIST_FREQUENCY_MIN",
    "EntryProfile",
    "TravellerProfile",
    "document_name",
    "profile_entry",
    "profile_traveller",
    "with_list_frequencies",
]

LIST_FREQUENCY_MIN: Final = 200  # below this many entries a list says little about how common a name is
# Travellers' analysed names kept for reuse: the same person recurs across a flight's PNR pushes,
# PAXLST and check-in messages, and common names recur across flights (57 % of the names of a
# synthetic hub day are repeats). An analysis takes ~35 µs, a look-up ~1 µs; an entry holds ~2 KB.
DOCUMENT_NAMES_KEPT = 16_384


@dataclass(frozen=True, slots=True, init=False)
class EntryProfile:
    """A list entry with its names analysed, its document keys and the birth years it allows."""

    entry: ListEntry
    list_name: str
    list_version: str
    names: tuple[AnalysedName, ...]
    weak: tuple[bool, ...]  # per name: a low-quality alias
    # per name: the index's unit texts (parts, words, glued words), each once; a tuple, not a
    # frozenset: 64 bytes against 216 for three texts, on every name of a million-name list
    name_units: tuple[tuple[str, ...], ...]
    document_keys: frozenset[str]
    years: tuple[int, ...]  # every birth year the list's statements allow, sorted

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        entry: ListEntry,
        list_name: str,
        list_version: str,
        names: tuple[AnalysedName, ...],
        weak: tuple[bool, ...],
        name_units: tuple[tuple[str, ...], ...],
        document_keys: frozenset[str],
        years: tuple[int, ...],
    ) -> None:
        object.__setattr__(self, "entry", entry)
        object.__setattr__(self, "list_name", list_name)
        object.__setattr__(self, "list_version", list_version)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "weak", weak)
        object.__setattr__(self, "name_units", name_units)
        object.__setattr__(self, "document_keys", document_keys)
        object.__setattr__(self, "years", years)


@dataclass(frozen=True, slots=True, init=False)
class TravellerProfile:
    """A traveller with the name analysed as a document name (MRZ truncation possible)."""

    traveller: Traveller
    name: AnalysedName
    document_keys: frozenset[str]

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(self, traveller: Traveller, name: AnalysedName, document_keys: frozenset[str]) -> None:
        object.__setattr__(self, "traveller", traveller)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "document_keys", document_keys)


def profile_entry(entry: ListEntry, list_name: str, list_version: str) -> EntryProfile:
    analysed: list[AnalysedName] = []
    weak: list[bool] = []
    seen: set[tuple[str, ...]] = set()
    for name in _split_listed(entry.names):
        result = _lean(analyse(name))
        key = tuple(p.word.text for p in result.parts)
        if not key or key in seen:
            continue
        seen.add(key)
        analysed.append(result)
        weak.append(name.quality is NameQuality.WEAK)
    from waystation.matching.index import unit_texts

    return EntryProfile(
        entry=entry,
        list_name=list_name,
        list_version=list_version,
        names=tuple(analysed),
        weak=_shared(tuple(weak)),
        name_units=tuple(unit_texts(n) for n in analysed),
        document_keys=frozenset(k for k in (document_key(d.number) for d in entry.documents) if len(k) >= 5)
        or _NONE,
        years=_years(tuple(sorted(birth_years(entry.birth_dates)))),
    )


def _lean(name: AnalysedName) -> AnalysedName:
    """``name`` holding one object per source word in its place (``("mohamed", (0,))``) for the
    whole list, as ``normalize`` means it to: compiled, its sharing hands back a new tuple each time
    (mypyc passes a fixed-length tuple unboxed and boxes it anew), which cost a million-name list
    some 190 MB. Here each pair stays a Python object from the table to the tuple that holds it."""
    groups = cast(tuple[object, ...], name.groups)
    kept: list[object] = []
    changed = False
    for group in groups:
        found = _GROUPS.get(group)
        if found is None:
            if len(_GROUPS) >= _GROUPS_MAX:
                _GROUPS.clear()
            found = _GROUPS[group] = group
        changed = changed or found is not group
        kept.append(found)
    if not changed:
        return name
    return replace(name, groups=cast(tuple[tuple[str, tuple[int, ...]], ...], tuple(kept)))


_GROUPS: dict[object, object] = {}
_GROUPS_MAX: Final = 1_000_000  # (a few hundred thousand on a million-name list; bounded for a service)
_NONE: frozenset[str] = frozenset()  # (an empty frozenset is a new 216-byte object each time)
_YEARS: dict[tuple[int, ...], tuple[int, ...]] = {}


def _years(years: tuple[int, ...]) -> tuple[int, ...]:
    """One tuple object per set of birth years: a million entries share a few thousand."""
    return _YEARS.setdefault(years, years)


_FLAGS: dict[tuple[bool, ...], tuple[bool, ...]] = {}


def _shared(flags: tuple[bool, ...]) -> tuple[bool, ...]:
    """One tuple object per value of ``EntryProfile.weak``: almost all are (False,) or (False, False)."""
    return _FLAGS.setdefault(flags, flags)


def _split_listed(names: tuple[Name, ...]) -> list[Name]:
    """Names as listed, with strings that hold several ("A; B; C") split into one name each."""
    out: list[Name] = []
    for name in names:
        if len(name.parts) == 1 and ";" in name.parts[0].text:
            out.extend(
                Name.from_full(piece, role=name.role, quality=name.quality, script=name.script)
                for piece in name.parts[0].text.split(";")
                if piece.strip()
            )
        else:
            out.append(name)
    return out


def with_list_frequencies(profiles: list[EntryProfile]) -> list[EntryProfile]:
    """Entries whose part weights also respect how common each part is on the lists themselves
    (``profiles`` itself, changed in place, is returned).

    The reference corpus under-counts some names (Korean, Somali, Pashto parts are rare in it but
    common among listed people and the travellers who share their origin); a part found in many
    entries is weaker evidence than the corpus alone says: at most ``2 + ln(entries / df)`` nats.

    In place, and only the names (and entries) with a weakened part are made anew, each part once
    (``shared_part``): a copy of every profile would hold two analysed lists at once, some 300 MB
    more at the peak on a million-name list.
    """
    count = len(profiles)
    if count < LIST_FREQUENCY_MIN:
        return profiles
    frequency: Counter[str] = Counter()
    for profile in profiles:
        frequency.update({p.word.text for n in profile.names for p in n.parts if not p.word.head})
    adjusted: dict[str, Word] = {}
    # id(part) -> (part, the part with its weight capped or itself): keyed by identity, as parts
    # are shared (``shared_part``) and hashing one by value reads every field of its word; the
    # part is kept alongside so that its identity cannot pass to another while this runs.
    parts: dict[int, tuple[Part, Part]] = {}

    def adjust(part: Part) -> Part:
        known = parts.get(id(part))
        if known is not None:
            return known[1]
        w = part.word
        df = frequency.get(w.text, 0)
        cap = 2.0 + math.log(count / df) if df >= 2 and not w.head else math.inf
        if cap >= w.weight:
            found = part
        else:
            new = adjusted.get(w.text)
            if new is None or new.alts != w.alts:
                new = adjusted[w.text] = replace(w, weight=cap)
            found = shared_part(replace(part, word=new))
        parts[id(part)] = (part, found)
        return found

    for number, profile in enumerate(profiles):
        names = []
        changed = False
        for name in profile.names:
            new_parts = tuple(adjust(p) for p in name.parts)
            if all(a is b for a, b in zip(new_parts, name.parts, strict=True)):
                names.append(name)
            else:
                names.append(replace(name, parts=new_parts))
                changed = True
        if changed:
            profiles[number] = replace(profile, names=tuple(names))
    return profiles


def profile_traveller(traveller: Traveller) -> TravellerProfile:
    return TravellerProfile(
        traveller=traveller,
        name=document_name(traveller.name),
        document_keys=frozenset(
            k for k in (document_key(d.number) for d in traveller.documents) if len(k) >= 5
        ),
    )


@lru_cache(maxsize=DOCUMENT_NAMES_KEPT)
def document_name(name: Name) -> AnalysedName:
    """``analyse(name, document=True)``, remembered for the most recent names.

    Sharing one result between equal names is safe: the analysis is a pure function of the
    ``Name`` value and its result is immutable (its ``source`` is an equal ``Name``).
    """
    return analyse(name, document=True)
