"""Two names compared part by part: an alignment, and the evidence it carries.

The alignment ignores order (passengers' given and family names are swapped all the time) and
lets one part meet two adjacent parts written as one word (Mohamedomar / Mohamed Omar). It is
greedy on evidence, which for names of two to eight parts finds the best pairing in practice at a
fraction of the cost of an exact assignment.

The evidence is asymmetric because a passenger record is sparse and a list entry rich:

- an aligned pair earns the rarer-is-stronger weight of the part (``Word.weight``, from name
  frequencies) scaled by how well it agrees (``agreement``); common names are weak evidence;
- an entry part the traveller does not give costs little (``MISSING``: middle names and patronymic
  chains are routinely left off passports);
- a traveller part with no counterpart while the entry still has unmatched parts is a contradiction
  (``DIFFERS``): the traveller says Karim where the list says Hassan;
- a traveller part with no counterpart in a shorter listed name costs in between (``EXTRA``);
- the entry's own given name is special: in a patronymic chain (Raghad / Uday Saddam Hussein
  al-Tikriti) everything else is shared with the family, so contradicting it costs twice a
  contradiction elsewhere and leaving it out costs more than a middle name (``*_GIVEN``);
- third and later agreeing parts count less and less (``diminished``): a family shares them;
- a name that agrees whole, with nothing left over on either side, earns ``COMPLETE`` on top: few
  people are called exactly "Qorgab" or exactly "Salah Badi" and nothing more.

How much whole-name coverage is worth is a :class:`NameRules` (one per algorithm version, so that a
stored hit can be re-scored by what produced it). Version 2 (``V2_RULES``) splits it by side:

- ``covered``: every part the traveller gives is explained by an aligned part of the listed name
  (the listed name may have more: a sparse passport). A random traveller's whole name seldom fits
  inside a listed name, so this is evidence even when the listed name is longer;
- ``complete``: on top, nothing of the listed name is left over either;
- ``mononym``: one identifying part on each side (a kunya "Abu X" or a compound "Shamsuddin" counts as
  one) agreeing whole: "Faiz" and nothing else. Passports with one name are a few in a hundred, so
  a single-name traveller equal to a single-name alias is far likelier the listed person than the
  part's frequency alone says;
- ``missing_given``: the listed person's own given name left out while the rest (father's,
  grandfather's and family names) agrees: people do not drop their own first name from a passport,
  but a brother or a cousin shares all the rest, so v2 charges 3 nats where v1 charged 1.5; and
  such a name earns no coverage credit at all;
- ``titles``: an honorific both sides carry (Haji, Mullah, Maulana, Qari…) agrees a little; one
  carried by one side only costs nothing (titles are left off passports).

Version 2.1 adds three rules (also in ``V2_RULES``):

- ``own_extra``: the traveller's own given name with no counterpart at all while the rest agrees
  costs like the listed person's own name left out (3 nats, not ``EXTRA``): the listed name then
  reads as the traveller's father's chain (Khaled Ahmed Hassan Ali against Ahmed Hassan Ali);
- ``apart``: two spellings each well attested as a name (``APART_COUNT``), not linked by the variant
  tables and differing in their consonants (Khalil / Khalid, Ghassan / Hassan) are two names, never
  one name misspelt, so they do not align;
- a given name written after the family name (East Asian order, Korean "Pak / Han Se") is one
  name in syllables (``AnalysedName.given_span``): another of its words agreeing means the person's
  own name is there, so the left-out syllable is an ordinary missing part, not a relative's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import OSA

from waystation.matching.compare.words import ALIGN_MIN, How, pair_weight, similarity
from waystation.matching.keys import phonetic
from waystation.matching.normalize import AnalysedName, Part, Word
from waystation.matching.tables import tables
from waystation.matching.text import fold
from waystation.matching.types import PartPair
from waystation.model import NamePartKind

__all__ = [
    "COMPLETE",
    "DIFFERS",
    "DIFFERS_GIVEN",
    "EXTRA",
    "EXTRA_CAP",
    "JOIN_MIN",
    "MISSING",
    "MISSING_GIVEN",
    "NAME_CAP",
    "V1_RULES",
    "V2_RULES",
    "NameComparison",
    "NameRules",
    "compare_names",
    "diminished",
]

DIFFERS: Final = 2.5
DIFFERS_GIVEN: Final = 5.0  # the entry's given name against another given (Raghad vs Uday Saddam Hussein)
EXTRA: Final = 1.5
MISSING: Final = 0.4
MISSING_GIVEN: Final = 1.5  # the entry's given name not given at all (a son's name holds his father's whole)
COMPLETE: Final = 1.5  # the whole name agrees, nothing left over on either side: likelier than its parts
JOIN_MIN: Final = 0.85  # words written together align when their spellings are at least this alike
EXTRA_CAP: Final = 3.0  # a traveller's long name against a short alias: the surplus stops costing after two
NAME_CAP: Final = 24.0  # beyond this a name cannot become more certain; dates and documents must speak


@dataclass(frozen=True, slots=True)
class NameRules:
    """The whole-name evidence one algorithm version grants (nats; see the module docstring)."""

    complete: float = COMPLETE
    covered: float = 0.0
    missing_given: float = MISSING_GIVEN
    mononym: float = 0.0
    titles: float = 0.0
    own_extra: float = 0.0  # the traveller's own given name with no counterpart at all (0: an ordinary extra)
    apart: bool = False  # two well-attested names with other consonants never align (_known_apart)

    @property
    def most(self) -> float:
        """The most these rules can add to the aligned parts (a bound for pruning)."""
        return self.complete + self.covered + self.mononym + self.titles


_SURE: Final = 0.95  # a pair this alike or more explains its part fully (coverage terms)...
_LOOSE: Final = 0.8  # ...and one this alike or less not at all
V1_RULES = NameRules()
V2_RULES = NameRules(
    complete=0.5, covered=0.75, missing_given=3.0, mononym=3.0, titles=0.7, own_extra=3.0, apart=True
)
APART_COUNT: Final = 20  # a spelling seen this often in the name corpus is a name in its own right

_DECAY = (1.0, 1.0, 0.7, 0.5, 0.35, 0.25)
_INITIAL: Final = 1.0
_TRUNCATED: Final = 0.92


@dataclass(frozen=True, slots=True, init=False)
class NameComparison:
    """The evidence of one name pair and its aligned parts."""

    weight: float
    pairs: tuple[PartPair, ...]
    matched_weight: float  # the evidence of the aligned pairs alone
    swapped: bool
    notes: tuple[str, ...] = ()  # what the names earned or lost as wholes, in sentences

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        weight: float,
        pairs: tuple[PartPair, ...],
        matched_weight: float,
        swapped: bool,
        notes: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "pairs", pairs)
        object.__setattr__(self, "matched_weight", matched_weight)
        object.__setattr__(self, "swapped", swapped)
        object.__setattr__(self, "notes", notes)


@dataclass(frozen=True, slots=True, init=False)
class _Option:
    weight: float
    sim: float
    how: How
    query: tuple[int, ...]
    entry: tuple[int, ...]

    # Written out (``init=False``): compiled, a store per field; the dataclass's own
    # ``__init__`` is interpreted code, some 400 ns a call (docs/matching.md, "Compiled modules").
    def __init__(
        self,
        weight: float,
        sim: float,
        how: How,
        query: tuple[int, ...],
        entry: tuple[int, ...],
    ) -> None:
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "sim", sim)
        object.__setattr__(self, "how", how)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "entry", entry)


def _known_apart(a: Word, b: Word) -> bool:
    """Two spellings each well attested as a name of its own (``APART_COUNT`` in the frequency
    table), not linked by the variant tables, and different in their consonants (Ghassan / Hassan,
    Khalil / Khalid): two names, not one name misspelt. A slip that turns one common name into
    another is far rarer than a traveller really bearing the other name."""
    if a.skeleton == b.skeleton or a.alts or b.alts or a.consonantal or b.consonantal:
        return False
    frequency = tables().frequency
    return frequency.get(a.text, 0) >= APART_COUNT and frequency.get(b.text, 0) >= APART_COUNT


def _pair_options(first: AnalysedName, second: AnalysedName, apart: bool = False) -> list[_Option]:
    query, entry = first.parts, second.parts
    options: list[_Option] = []
    # What each listed part's tests read, looked up once, not once per traveller part.
    listed = [
        (j, b.word, len(b.word.text), not (b.word.classes or b.word.alts or b.word.consonantal))
        for j, b in enumerate(entry)
    ]
    for i, a in enumerate(query):
        wa = a.word
        text_a = wa.text
        la = len(text_a)
        plain_a = not (wa.classes or wa.alts or wa.consonantal)
        prefix_a = a.truncated and la >= 3
        for j, wb, lb, plain_b in listed:
            if wa.initial or wb.initial:
                if text_a[0] == wb.text[0] and not (wa.initial and wb.initial and (wa.head or wb.head)):
                    # An initial stands for a whole compound too: "A." for Abd al-Rahman.
                    full = _compound_weight(entry, j) if wa.initial else _compound_weight(query, i)
                    weight = min(_INITIAL, 0.25 * full)
                    options.append(_Option(weight, 0.5, How.INITIAL, (i,), (j,)))
                continue
            if prefix_a and wb.text.startswith(text_a) and text_a != wb.text:
                sim, how = _TRUNCATED, How.TRUNCATED
            else:
                if (
                    plain_a
                    and abs(la - lb) * 4 > max(la, lb)  # spellings too far apart in length to align...
                    and plain_b
                    and wa.phonetic != wb.phonetic  # ...unless they sound or look alike
                    and wa.mask != wb.mask
                ):
                    continue
                sim, how = similarity(wa, wb)
                if apart and how is How.SPELLING and sim >= ALIGN_MIN and _known_apart(wa, wb):
                    continue
            if sim >= ALIGN_MIN:
                options.append(_Option(pair_weight(min(wa.weight, wb.weight), sim), sim, how, (i,), (j,)))
    _joined_options(first, second, options, flip=False)
    _joined_options(second, first, options, flip=True)
    return options


def _compound_weight(parts: tuple[Part, ...], index: int) -> float:
    """A part's weight, or for a head (abd, abu) the weight of the part it introduces."""
    if parts[index].word.head and index + 1 < len(parts):
        return parts[index + 1].word.weight
    return parts[index].word.weight


def _joined_options(first: AnalysedName, second: AnalysedName, options: list[_Option], *, flip: bool) -> None:
    """One source word of ``two`` against two or three adjacent source words of ``one`` written together.

    Compared on the words as written (folded), so "Nooruddinturabi" meets "Nooruddin Turabi" and
    "Khairulalh" meets "Khairullah" even though the normalizer split the listed spellings apart.
    """
    one, two = first.parts, second.parts
    for raw, indexes in second.groups:
        length = len(raw)
        if length < 5:
            continue
        alone = len(indexes) == 1
        single_weight: float | None = None  # (summed when first needed: most windows do not align)
        for width, joined, covered, single in _windows(first.groups, length):
            if single and alone:
                continue  # one word against one word is the ordinary comparison
            sim = OSA.normalized_similarity(joined, raw)
            if sim < JOIN_MIN:
                continue
            if single_weight is None:
                single_weight = sum(two[i].word.weight for i in indexes)
            weight = pair_weight(min(sum(one[i].word.weight for i in covered), single_weight), sim)
            pair = (indexes, covered) if flip else (covered, indexes)
            options.append(
                _Option(
                    weight,
                    sim,
                    How.SAME if joined == raw and width == 1 else How.JOINED,
                    pair[0],
                    pair[1],
                )
            )


_Window = tuple[int, str, tuple[int, ...], bool]  # width, the words written together, their parts, one part
_WINDOWS: dict[tuple[tuple[str, tuple[int, ...]], ...], dict[int, tuple[_Window, ...]]] = {}
_WINDOWS_MAX: Final = 20_000  # names (about 1.5 kB each at most)


def _windows(groups: tuple[tuple[str, tuple[int, ...]], ...], length: int) -> tuple[_Window, ...]:
    """A name's runs of one to three source words written together whose length is within two
    letters of ``length`` (the joined comparison's window), in order of start and width.

    Memoized per name and length (bounded): a listed name is compared with many travellers, a
    traveller's name with many listed names."""
    by_length = _WINDOWS.get(groups)
    if by_length is None:
        if len(_WINDOWS) >= _WINDOWS_MAX:
            _WINDOWS.clear()
        by_length = _WINDOWS[groups] = {}
    found = by_length.get(length)
    if found is None:
        out: list[_Window] = []
        for start in range(len(groups)):
            for width in (1, 2, 3):
                window = groups[start : start + width]
                if len(window) < width:
                    break
                joined = "".join(w for w, _ in window)
                if abs(len(joined) - length) > 2:
                    continue
                covered = tuple(i for _, group in window for i in group)
                out.append((width, joined, covered, width == 1 and len(window[0][1]) == 1))
        found = by_length[length] = tuple(out)
    return found


def compare_names(
    query: AnalysedName, entry: AnalysedName, rules: NameRules = V1_RULES
) -> NameComparison | None:
    """The evidence that two names are one person's, or ``None`` when no part agrees."""
    qp, ep = query.parts, entry.parts
    if not qp or not ep:
        return None
    options = _pair_options(query, entry, rules.apart)
    if not options:
        return None
    options.sort(key=lambda o: (o.weight, o.sim), reverse=True)
    used_q: set[int] = set()
    used_e: set[int] = set()
    chosen: list[_Option] = []
    for option in options:
        if used_q.isdisjoint(option.query) and used_e.isdisjoint(option.entry):
            chosen.append(option)
            used_q.update(option.query)
            used_e.update(option.entry)
    if all(all(qp[i].word.head for i in o.query) for o in chosen):
        return None  # only "abd" or "abu" agree: that is no name match
    chosen = [_headless(o, qp, ep, used_q, used_e) for o in chosen]
    pairs: list[PartPair] = []
    for option in chosen:
        shown_q = _shown(qp, option.query)
        shown_e = _shown(ep, option.entry)
        pairs.append(  # (``_value_``: ``.value`` is a property of ``Enum``, run as interpreted code)
            PartPair(shown_q, shown_e, option.how._value_, round(option.sim, 3), round(option.weight, 3))
        )
    matched = diminished(sorted((o.weight for o in chosen), reverse=True))
    total = min(matched, NAME_CAP)
    left_q = [i for i in range(len(qp)) if i not in used_q and not qp[i].word.head]
    left_e = [j for j in range(len(ep)) if j not in used_e and not ep[j].word.head]
    given = entry.given
    if given is not None and given in left_e and given - 1 in used_e and ep[given - 1].word.head:
        given = None  # "Abdul" agreed and "Ghani" of Abdul Ghani is left out: an ordinary missing part
    if (
        rules is not V1_RULES
        and given is not None
        and given in left_e
        and any(j in used_e and not ep[j].word.head for j in entry.given_span if j != given)
    ):
        # Another word of the same given-name field agreed: a given name written in two words (Korean
        # "Han Se", where siblings share the generation syllable and differ in the other) is present
        # in part, so the person's own name is not missing and the left-out word is an ordinary one.
        given = None
    own_missing = given is not None and given in left_e
    if given is not None and given in left_e:
        # The entry's own given name is unaccounted for: siblings and fathers share the rest.
        left_e.remove(given)
        if left_q:
            mine = next((i for i in left_q if qp[i].role is NamePartKind.GIVEN), left_q[0])
            left_q.remove(mine)
            pairs.append(PartPair(qp[mine].shown, ep[given].shown, "differs", 0.0, -DIFFERS_GIVEN))
            total -= DIFFERS_GIVEN
        else:
            pairs.append(PartPair("", ep[given].shown, "missing", 0.0, -rules.missing_given))
            total -= rules.missing_given
    extra = 0.0
    notes_own = False
    for index, i in enumerate(left_q):
        if index < len(left_e):
            pairs.append(PartPair(qp[i].shown, ep[left_e[index]].shown, "differs", 0.0, -DIFFERS))
            total -= DIFFERS
        elif rules.own_extra and i == query.given and (used_q - {i}):
            # The traveller's own given name is nowhere in the listed name while the rest agrees:
            # the listed name reads as the traveller's father's chain (Saber Mohamed Osman Omar
            # against Omar Uthman Mohammed), which lists do not leave a person's own name out of.
            pairs.append(PartPair(qp[i].shown, "", "extra", 0.0, -rules.own_extra))
            total -= rules.own_extra
            notes_own = True
        else:
            cost = min(EXTRA, EXTRA_CAP - extra)
            extra += cost
            pairs.append(PartPair(qp[i].shown, "", "extra", 0.0, -cost))
            total -= cost
    for j in left_e[len(left_q) :]:
        pairs.append(PartPair("", ep[j].shown, "missing", 0.0, -MISSING))
        total -= MISSING
    notes: tuple[str, ...] = ()
    if not own_missing:  # a name explained by what a family shares says nothing about which member
        bonus, notes = _whole(query, entry, pairs, chosen, rules)
        total += bonus
    elif rules is not V1_RULES:
        notes = ("The listed person's own given name is not given: a relative shares the rest of the name.",)
    if notes_own:
        notes += ("The traveller's own given name is not in the listed name: it may name a father or son.",)
    total = min(total, NAME_CAP)
    return NameComparison(round(total, 3), tuple(pairs), round(matched, 3), _swapped(chosen, qp, ep), notes)


def _whole(
    query: AnalysedName, entry: AnalysedName, pairs: list[PartPair], chosen: list[_Option], rules: NameRules
) -> tuple[float, tuple[str, ...]]:
    """What the names earn as wholes (coverage of each side, a shared single name, shared titles),
    and the sentences that say so in an explanation."""
    if any(o.how is How.INITIAL for o in chosen) or any(p.weight <= 0 for p in pairs if p.how != "missing"):
        return 0.0, ()  # an initial or a contradiction: the names are not explained whole
    # A part "explained" only by a loose spelling (Amr / Amir) explains less: the coverage terms
    # shrink with the weakest aligned pair, from full at a variant spelling (0.95) to nothing at 0.80.
    if rules is V1_RULES:
        return rules.complete if not any(p.how == "missing" for p in pairs) else 0.0, ()
    sure = min(max(0.0, min(1.0, (o.sim - _LOOSE) / (_SURE - _LOOSE))) for o in chosen)
    loose = " (loosely: some parts are only alike)" if sure < 1.0 else ""
    if any(p.how == "missing" for p in pairs):
        bonus = rules.covered * sure
        note = f"Every part the traveller gives is in the listed name{loose} [+{bonus:.1f}]."
        return bonus, (note,) if bonus > 0 else ()
    bonus = (rules.covered + rules.complete) * sure
    notes = (
        [f"The names agree whole, nothing left over on either side{loose} [+{bonus:.1f}]."] if bonus else []
    )
    if rules.mononym and _units(query) == 1 and _units(entry) == 1:
        bonus += rules.mononym
        notes.append(
            f"One name on each side, the same: single-name passports are rare [+{rules.mononym:.1f}]."
        )
    if rules.titles and query.set_aside and entry.set_aside:
        shared = _title_keys(query.set_aside) & _title_keys(entry.set_aside)
        if shared:
            bonus += rules.titles
            title = next(t for t in query.set_aside if phonetic(fold(t)) in shared)
            notes.append(f"Both carry the title {title} [+{rules.titles:.1f}].")
    return bonus, tuple(notes)


def _units(name: AnalysedName) -> int:
    """Identifying parts: a compound head (abd, abu, -din, -allah) is not one of its own."""
    return sum(1 for p in name.parts if not p.word.head)


def _title_keys(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phonetic(fold(t)) for t in titles)


def _headless(
    option: _Option, query: tuple[Part, ...], entry: tuple[Part, ...], used_q: set[int], used_e: set[int]
) -> _Option:
    """Half the evidence when one side's part is the second half of a compound whose head (abd, abu)
    the other side does not have: "Rahman" alone is not "Abd al-Rahman"."""
    if option.how is How.JOINED:
        return option
    for index, parts, used in ((option.query[0], query, used_q), (option.entry[0], entry, used_e)):
        if index > 0 and parts[index - 1].word.head and index - 1 not in used:
            return _Option(option.weight * 0.5, option.sim, option.how, option.query, option.entry)
    return option


def diminished(weights: list[float]) -> float:
    """Sum of the aligned parts' evidence, the third and later parts counting less and less.

    Parts of one name are not independent: a father, his sons and daughters share every part but
    the first, so four agreeing parts are not twice the evidence of two. ``weights`` sorted
    best first. (Monotone in each weight, so the index may apply it to upper bounds per part.)
    """
    if len(weights) <= 2:  # (the usual case, and the same sum: the first two count whole)
        return sum(weights)
    return sum(w * (_DECAY[k] if k < len(_DECAY) else _DECAY[-1]) for k, w in enumerate(weights))


def _shown(parts: tuple[Part, ...], indexes: tuple[int, ...]) -> str:
    """The parts as the source wrote them (a split compound shows its one source word once)."""
    return " ".join(dict.fromkeys(parts[i].shown for i in indexes))


def _swapped(chosen: list[_Option], query: tuple[Part, ...], entry: tuple[Part, ...]) -> bool:
    """Whether the aligned parts appear in a different order on the two sides."""
    order = sorted((o.query[0], o.entry[0]) for o in chosen if o.how is not How.INITIAL)
    entry_positions = [e for _, e in order]
    return entry_positions != sorted(entry_positions)
