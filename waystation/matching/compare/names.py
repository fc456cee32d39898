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
- a traveller part with no counterpart in a shorter listed name costs in between (``EXTRA``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from waystation.matching.compare.words import ALIGN_MIN, How, agreement, similarity
from waystation.matching.normalize import AnalysedName, Part
from waystation.matching.types import PartPair

__all__ = ["DIFFERS", "EXTRA", "MISSING", "NAME_CAP", "NameComparison", "compare_names"]

DIFFERS = 2.5
EXTRA = 1.5
MISSING = 0.4
NAME_CAP = 24.0  # beyond this a name cannot become more certain; dates and documents must speak
_INITIAL = 1.0
_TRUNCATED = 0.92


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The evidence of one name pair and its aligned parts."""

    weight: float
    pairs: tuple[PartPair, ...]
    matched_weight: float  # the evidence of the aligned pairs alone
    swapped: bool


@dataclass(frozen=True, slots=True)
class _Option:
    weight: float
    sim: float
    how: How
    query: tuple[int, ...]
    entry: tuple[int, ...]


def _pair_options(query: tuple[Part, ...], entry: tuple[Part, ...]) -> list[_Option]:
    options: list[_Option] = []
    for i, a in enumerate(query):
        wa = a.word
        for j, b in enumerate(entry):
            wb = b.word
            if wa.initial or wb.initial:
                if wa.text[0] == wb.text[0] and not (wa.head or wb.head):
                    options.append(_Option(min(_INITIAL, 0.25 * max(wa.weight, wb.weight)), 0.5, How.INITIAL, (i,), (j,)))
                continue
            if a.truncated and len(wa.text) >= 3 and wb.text.startswith(wa.text) and wa.text != wb.text:
                sim, how = _TRUNCATED, How.TRUNCATED
            else:
                sim, how = similarity(wa, wb)
            if sim >= ALIGN_MIN:
                options.append(_Option(min(wa.weight, wb.weight) * agreement(sim), sim, how, (i,), (j,)))
    _joined_options(query, entry, options, flip=False)
    _joined_options(entry, query, options, flip=True)
    return options


def _joined_options(one: tuple[Part, ...], two: tuple[Part, ...], options: list[_Option], *, flip: bool) -> None:
    """A part of ``two`` against two adjacent parts of ``one`` written together."""
    for i in range(len(one) - 1):
        left, right = one[i].word, one[i + 1].word
        joined = left.text + right.text
        for j, part in enumerate(two):
            target = part.word.text
            if abs(len(joined) - len(target)) > 2 or len(target) < 5:
                continue
            sim = Levenshtein.normalized_similarity(joined, target)
            if sim < 0.85:
                continue
            weight = min(left.weight + right.weight, part.word.weight) * agreement(sim)
            pair = ((j,), (i, i + 1)) if flip else ((i, i + 1), (j,))
            options.append(_Option(weight, sim, How.JOINED, pair[0], pair[1]))


def compare_names(query: AnalysedName, entry: AnalysedName) -> NameComparison | None:
    """The evidence that two names are one person's, or ``None`` when no part agrees."""
    qp, ep = query.parts, entry.parts
    if not qp or not ep:
        return None
    options = _pair_options(qp, ep)
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
    pairs: list[PartPair] = []
    matched = 0.0
    for option in chosen:
        shown_q = _shown(qp, option.query)
        shown_e = _shown(ep, option.entry)
        pairs.append(PartPair(shown_q, shown_e, option.how.value, round(option.sim, 3), round(option.weight, 3)))
        matched += option.weight
    left_q = [qp[i] for i in range(len(qp)) if i not in used_q and not qp[i].word.head]
    left_e = [ep[j] for j in range(len(ep)) if j not in used_e and not ep[j].word.head]
    total = min(matched, NAME_CAP)
    for index, part in enumerate(left_q):
        if index < len(left_e):
            pairs.append(PartPair(part.shown, left_e[index].shown, "differs", 0.0, -DIFFERS))
            total -= DIFFERS
        else:
            pairs.append(PartPair(part.shown, "", "extra", 0.0, -EXTRA))
            total -= EXTRA
    for part in left_e[len(left_q) :]:
        pairs.append(PartPair("", part.shown, "missing", 0.0, -MISSING))
        total -= MISSING
    return NameComparison(round(total, 3), tuple(pairs), round(matched, 3), _swapped(chosen, qp, ep))


def _shown(parts: tuple[Part, ...], indexes: tuple[int, ...]) -> str:
    """The parts as the source wrote them (a split compound shows its one source word once)."""
    return " ".join(dict.fromkeys(parts[i].shown for i in indexes))


def _swapped(chosen: list[_Option], query: tuple[Part, ...], entry: tuple[Part, ...]) -> bool:
    """Whether the aligned parts appear in a different order on the two sides."""
    order = sorted((o.query[0], o.entry[0]) for o in chosen if o.how is not How.INITIAL)
    entry_positions = [e for _, e in order]
    return entry_positions != sorted(entry_positions)
