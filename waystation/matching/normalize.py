"""Names to comparable parts: fold, romanize, read particles and compounds, tag roles.

A :class:`~waystation.model.Name` becomes an :class:`AnalysedName`: a tuple of :class:`Part`, each
a :class:`Word` (cached per spelling, so the 1,000th "Mohammed" costs a dictionary look-up) with the
role the source gave it. What happens on the way, in order:

1. ICAO 9303 machine-readable names: ``AL<HAJ<<MOHAMMED<ALI`` is read as family ``AL HAJ`` and given
   ``MOHAMMED ALI``; a name that fills the 39-character MRZ field may be truncated, so its last part
   is marked and compared as a prefix.
2. Each word is folded (case, diacritics, ʿayn/hamza marks), or romanized into several candidates when
   it is Arabic or Cyrillic (:mod:`~waystation.matching.romanize`).
3. Particles (``particles.yml``, applied by :mod:`~waystation.matching.particles`): titles
   (Haji, Sheikh, Dr) are set aside; the article (al-, el-, assimilated ar-/ash-/ud-) is dropped;
   bin/ibn/ben/ould mark the next word as a patronymic; the compound heads abd/abdul/abdel… and
   abu/abou/umm become the low-weight parts ``abd``/``abu``/``umm``, and glued forms are split
   the same way (Abdurrahman → abd + rahman, Abubakar → abu + bakar, Nuruddin → nur + din,
   Obaidullah → obaid + allah), so every spelling of a compound meets the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern
from typing import Final, TypeVar

from waystation.matching.keys import phonetic, skeleton, vowel_mask
from waystation.matching.particles import Item, read_particles
from waystation.matching.romanize import romanize_arabic, romanize_cyrillic
from waystation.matching.tables import tables
from waystation.matching.text import Script, fold, script_of, split_words
from waystation.model import Name, NamePart, NamePartKind

__all__ = [
    "MRZ_NAME_LENGTH",
    "WEIGHT_CAP",
    "AnalysedName",
    "Part",
    "Word",
    "analyse",
    "raw_key",
    "shared_part",
    "word",
]

MRZ_NAME_LENGTH: Final = 39  # ICAO 9303 TD3 name field; TD1 cards have 30 and are caught by the same test
_HEAD_WEIGHT: Final = 0.6  # nats of evidence carried by abd/abu/umm alone
WEIGHT_CAP: Final = 10.5  # a part unseen in the reference corpus: rare, but the corpus is not the world


@dataclass(frozen=True, slots=True)
class Word:
    """One spelling of one name part with everything the comparison needs, computed once."""

    text: str
    alts: tuple[str, ...] = ()
    classes: frozenset[int] = frozenset()
    phonetic: str = ""
    mask: str = ""
    skeleton: str = ""
    weight: float = 0.0  # nats: how unexpected this part is in a random name (rarer = more evidence)
    head: bool = False  # abd / abu / umm: a compound head, weak evidence on its own
    consonantal: bool = False  # romanized from unvowelled Arabic by letter map: compare skeletons
    initial: bool = False  # a single letter


@dataclass(frozen=True, slots=True)
class Part:
    """A word in its place in a name: its role, what the source wrote, whether it may be cut short."""

    word: Word
    role: NamePartKind
    shown: str
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class AnalysedName:
    """A name ready to compare: parts in source order, and what was set aside (titles)."""

    parts: tuple[Part, ...]
    source: Name = field(compare=False)
    set_aside: tuple[str, ...] = ()
    given: int | None = None  # index of the person's own given name (not a head), if known
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()  # source words (folded) and their parts' indexes
    given_span: tuple[int, ...] = ()  # every part of the source field the own given name is written in

    @property
    def text(self) -> str:
        return " ".join(p.word.text for p in self.parts)


def _weight(text: str, classes: frozenset[int], also: tuple[str, ...]) -> float:
    table = tables()
    count = max((table.frequency.get(t, 0) for t in (text, *also)), default=0)
    for group in classes:
        count = max(count, table.class_count.get(group, 0))
    # A passenger name has about three parts: the chance a random one contains this part.
    chance = min(1.0, 3.0 * (count + 1) / table.frequency_total)
    return min(WEIGHT_CAP, max(1.0, -math.log(chance)))


@lru_cache(maxsize=300_000)
def word(
    text: str,
    alts: tuple[str, ...] = (),
    head: bool = False,
    consonantal: bool = False,
    counted_as: tuple[str, ...] = (),
) -> Word:
    """The analysed form of one folded spelling (cached: names repeat a great deal).

    ``head`` marks a part that carries little identity alone (abd, abu, the -din of Nuruddin);
    ``counted_as`` names glued spellings whose frequency the part inherits (``allah`` after ``abd``
    is as common as "Abdullah", not as rare as "Allah" alone).
    """
    table = tables()
    classes: set[int] = set(table.variant_classes.get(text, ()))
    for alt in alts:
        classes.update(table.variant_classes.get(alt, ()))
    frozen = frozenset(classes)
    return Word(
        text=text,
        alts=tuple(a for a in alts if a != text),
        classes=frozen,
        phonetic=phonetic(text),
        mask=vowel_mask(text),
        skeleton=skeleton(text),
        weight=_HEAD_WEIGHT if head else _weight(text, frozen, counted_as),
        head=head,
        consonantal=consonantal,
        initial=len(text) == 1,
    )


def _romanized(raw: str, role: NamePartKind, source_part: int) -> list[Item]:
    items = _romanized_items(raw, role)
    for item in items:
        item.source_part = source_part
    return items


def _romanized_items(raw: str, role: NamePartKind) -> list[Item]:
    script = script_of(raw)
    if script is Script.ARABIC:
        items: list[Item] = []
        for piece in _split_arabic(raw):
            candidates, _article = romanize_arabic(piece)
            group = tables().arabic_class.get(_arabic_key(piece))
            consonantal = group is None
            items.append(
                Item(
                    candidates[0],
                    role,
                    raw,
                    candidates[1:],
                    (group,) if group is not None else (),
                    consonantal,
                )
            )
        return items
    if script is Script.CYRILLIC:
        candidates = romanize_cyrillic(raw)
        return [Item(candidates[0], role, raw, candidates[1:])] if candidates else []
    return [Item(text, role, raw) for text in fold(raw).split()]


def _arabic_key(piece: str) -> str:
    from waystation.matching.text import fold_arabic

    form = fold_arabic(piece)
    return form[2:] if form.startswith("ال") and len(form) > 3 else form


def _split_arabic(raw: str) -> list[str]:
    """أبواليزيد → أبو + اليزيد; عبدالله stays whole when the table knows it."""
    known = tables().arabic_spellings
    key = _arabic_key(raw)
    if key in known:
        return [raw]
    for head in ("ابو", "عبد"):
        from waystation.matching.text import fold_arabic

        form = fold_arabic(raw)
        if form.startswith(head) and len(form) > len(head) + 2:
            return [head, form[len(head) :]]
    return [raw]


def _mrz_parts(part: NamePart) -> Iterable[NamePart]:
    """An ICAO 9303 name field (``FAMILY<<GIVEN<NAMES``) as family and given parts.

    A list's "FAMILY, Given" (one string, roles unknown) is read the same way.
    """
    if "<" not in part.text:
        family, comma, given = part.text.partition(",")
        if comma and part.kind is NamePartKind.UNKNOWN and family.strip() and given.strip():
            yield NamePart(given, NamePartKind.GIVEN)
            yield NamePart(family, NamePartKind.FAMILY)
        else:
            yield part
        return
    text = part.text.strip().strip("<")
    if "<<" in text:
        family, given = text.split("<<", 1)
        yield NamePart(family.replace("<", " "), NamePartKind.FAMILY)
        yield NamePart(given.replace("<", " "), NamePartKind.GIVEN)
    else:
        yield NamePart(text.replace("<", " "), part.kind)


def analyse(name: Name, *, document: bool = False) -> AnalysedName:
    """The comparable form of a name (pure; the screener caches it per list entry).

    ``document`` says the name was copied from a travel document (a passenger's), so a name that
    fills the MRZ field may have been cut short there.
    """
    source_parts: list[NamePart] = []
    for part in name.parts:
        if part.kind is NamePartKind.TITLE:
            continue
        source_parts.extend(_mrz_parts(part))
    items: list[Item] = []
    for number, part in enumerate(source_parts):
        for raw in split_words(part.text):
            items.extend(_romanized(raw, part.kind, number))
    read, set_aside = read_particles(items)
    kept = [item for item in read if item.text]
    parts = [
        shared_part(
            Part(
                word(item.text, item.alts, item.head, item.consonantal, item.counted_as),
                item.role,
                intern(item.shown),  # (one string per spelling, not per name: a million-name list)
            )
        )
        for item in kept
    ]
    if (
        document
        and parts
        # (the MRZ length is at most the characters and one separator per part: most names stop here)
        and sum(len(p.text) for p in source_parts) + len(source_parts) + 2 >= MRZ_NAME_LENGTH
        and _mrz_length(source_parts) >= MRZ_NAME_LENGTH
    ):
        last = parts[-1]
        parts[-1] = shared_part(Part(last.word, last.role, last.shown, truncated=True))
    given = _given_index(parts)
    return AnalysedName(
        tuple(parts), name, tuple(set_aside), given, _source_words(parts), _given_span(kept, parts, given)
    )


def _given_span(items: list[Item], parts: list[Part], given: int | None) -> tuple[int, ...]:
    """The words of a given name written after the family name (Korean "PAK / HAN SE").

    Family-first order is the East Asian convention, where the given name is one name in (usually)
    two syllables, siblings sharing one of them; a given field written first may instead hold a
    patronymic chain (Uday Saddam Hussein), whose words are other people's names. Only the first
    kind is a span: ``()`` otherwise.
    """
    if given is None or not any(p.role is NamePartKind.FAMILY for p in parts[:given]):
        return ()
    source = items[given].source_part
    return tuple(
        i
        for i, item in enumerate(items)
        if item.source_part == source and parts[i].role is NamePartKind.GIVEN
    )


def _source_words(parts: list[Part]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Consecutive parts that came from one source word (Abdurrahman → abd, rahman), with that word."""
    groups: list[tuple[str, list[int]]] = []
    for index, part in enumerate(parts):
        if groups and groups[-1][0] == part.shown:
            groups[-1][1].append(index)
        else:
            groups.append((part.shown, [index]))
    return tuple(_shared((raw_key(shown), tuple(indexes))) for shown, indexes in groups)


_SHARED: dict[tuple[str, tuple[int, ...]], tuple[str, tuple[int, ...]]] = {}
_PARTS: dict[tuple[int, int, str, bool], Part] = {}
_KEPT_MAX: Final = 1_000_000  # per table (travellers' names pass here too, and a service runs for months)

K = TypeVar("K")
V = TypeVar("V")


def _kept(table: dict[K, V], key: K, value: V) -> V:
    """The object kept in ``table`` for ``key``, or ``value``, kept there from now on (a table
    that reaches ``_KEPT_MAX`` starts again empty)."""
    found = table.get(key)
    if found is None:
        if len(table) >= _KEPT_MAX:
            table.clear()
        found = table[key] = value
    return found


def _shared(group: tuple[str, tuple[int, ...]]) -> tuple[str, tuple[int, ...]]:
    """One object for each source word in its place (("mohamed", (0,))…), not one per name: the
    analysed names of a million-name list hold millions of them."""
    return _kept(_SHARED, group, group)


def shared_part(part: Part) -> Part:
    """One object for each part (a word in a role, as written), not one per name: a list of a
    million names holds three million parts but only tens of thousands of distinct ones, and a
    part object costs 64 bytes. Parts are frozen and compared by value, so sharing is invisible.
    (Bounded, like ``_shared``.)

    Keyed by the identity of the word and the role (words are made once per spelling by
    ``word``; hashing one by value would read all its fields): a kept part holds its word, so no
    other word can take that identity while the key is in use."""
    return _kept(_PARTS, (id(part.word), id(part.role), part.shown, part.truncated), part)


def raw_key(shown: str) -> str:
    """A source word folded and without spaces: what a glued or split spelling is compared on."""
    return fold(shown).replace(" ", "")


def _given_index(parts: list[Part]) -> int | None:
    """The person's own given name: the first GIVEN part, or the first part when roles are unknown."""
    roles = {p.role for p in parts}
    if NamePartKind.GIVEN in roles:
        wanted: tuple[NamePartKind, ...] = (NamePartKind.GIVEN,)
    elif roles <= {NamePartKind.UNKNOWN, NamePartKind.PATRONYMIC} and len(parts) >= 2:
        wanted = (NamePartKind.UNKNOWN,)
    else:
        return None
    for index, part in enumerate(parts):
        if part.role in wanted and not part.word.head:
            return index
    return None


def _mrz_length(parts: list[NamePart]) -> int:
    """Length of the name as an MRZ would write it: FAMILY<<GIVEN<NAMES."""
    family = " ".join(p.text for p in parts if p.kind is NamePartKind.FAMILY).split()
    given = " ".join(p.text for p in parts if p.kind is not NamePartKind.FAMILY).split()
    return len("<".join(family)) + 2 + len("<".join(given))
