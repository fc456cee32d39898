"""Particles and compounds in a name: articles, patronymic markers, kunya and abd heads, titles.

The rules and word lists are data (``waystation/data/names/particles.yml``); this module applies
them to the words of one name, in order, because a particle is read from its neighbours: "al"
belongs to the next word, "bin" makes the next word a patronymic, "abd" needs the word after it.
Glued spellings are split the same way (Abdurrahman → abd + rahman, Abubakar → abu + bakar,
Nuruddin → nur + din, Mohamedould → mohamed + a patronymic), so that every spelling of a compound
meets every other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from waystation.matching.tables import tables
from waystation.model import NamePartKind

__all__ = ["Item", "read_particles"]


@dataclass(slots=True)
class Item:
    """One word of a name on its way through normalization (mutable: a neighbour may set its role)."""

    text: str
    role: NamePartKind
    shown: str
    alts: tuple[str, ...] = ()
    classes: tuple[int, ...] = ()
    consonantal: bool = False
    head: bool = False
    counted_as: tuple[str, ...] = ()
    source_part: int = 0


@lru_cache(maxsize=100_000)
def _split_glued(text: str) -> list[str]:
    """Glued compounds in two: abdurrahman → abd + rahman, abubakar → abu + bakar, nuruddin → nur + din."""
    particles = tables().particles
    for head in sorted(particles.abd, key=len, reverse=True):
        if text.startswith(head) and text not in particles.abd:
            rest = text[len(head) :]
            allah = particles.tail_words.get(rest) == "allah" or rest in {"lah", "la", "llah", "lla"}
            if allah:
                return ["abd", "allah"]
            for article in ("al", "el", "ul"):
                if rest.startswith(article) and len(rest) - len(article) >= 3:
                    rest = rest[len(article) :]
                    break
            if len(rest) >= 2 and (rest[0] == rest[1] or (rest[0] == "l" and rest[1] not in "aeiou")):
                rest = rest[1:]  # abdurrahman, abdullmalik: the article's trace
            if len(rest) >= 3:
                return ["abd", particles.tail_words.get(rest, rest)]
    for head in ("aboul", "abul", "abou", "abu"):
        if text.startswith(head) and len(text) - len(head) >= 3:
            rest = text[len(head) :]
            if head in ("abu", "abou") and rest.startswith(("al", "el")) and len(rest) > 4:
                rest = rest[2:]
            return ["abu", rest]
    for marker in ("ould", "bin", "ibn"):
        if text.endswith(marker) and len(text) - len(marker) >= 3:
            return [text[: -len(marker)]]  # Mohamedould (Ahmed): the marker glued to the name before it
    for canon, pattern in particles.tails:
        match = pattern.match(text)
        if match:
            return [match.group(1), canon]
    return [text]


def _particle_text(item: Item) -> str:
    """The spelling to test against the particle lists (a romanized word may be any of its candidates)."""
    particles = tables().particles
    for text in (item.text, *item.alts):
        if text in particles.abd or text in particles.kunya or text in particles.patronymic:
            return text
    return item.text


def read_particles(items: list[Item]) -> tuple[list[Item], list[str]]:
    """Drop articles and titles, mark patronymics, turn compound heads into head parts."""
    particles = tables().particles
    out: list[Item] = []
    set_aside: list[str] = []
    count = len(items)
    for index, item in enumerate(items):
        text = _particle_text(item)
        following = items[index + 1].text if index + 1 < count else None
        same_part = following is not None and items[index + 1].source_part == item.source_part
        previous = out[-1] if out else None
        if _family_title(text, items[index - 1].text if index else None, bool(out)):
            out.append(_glued_article(text, item) if text not in particles.family_titles else item)
        elif text in particles.titles or any(a in particles.titles for a in _article_stripped(text)):
            set_aside.append(item.shown)
        elif following is not None and (
            text in particles.articles or (text in particles.assimilated and following.startswith(text[1:]))
        ):
            pass  # the article belongs to the next word
        elif text in particles.patronymic and not (text == "ben" and not same_part):
            # "Ben" alone as a given name (Ben Smith) is a name; everywhere else the marker is dropped.
            if following is not None:
                items[index + 1].role = NamePartKind.PATRONYMIC
        elif text in particles.kunya:
            out.append(
                Item("umm" if text.startswith(("u", "o")) else "abu", item.role, item.shown, head=True)
            )
        elif text in particles.abd:
            out.append(Item("abd", item.role, item.shown, head=True))
        elif text in particles.tail_words and previous is not None:
            out.append(_tail(particles.tail_words[text], previous, item))
        elif item.classes or item.consonantal or item.alts:  # a romanized word: candidates already made
            out.append(_compound_count(item, previous))
        else:
            pieces = _split_glued(text)
            if len(pieces) == 1 and pieces[0] != text:
                out.append(Item(pieces[0], item.role, item.shown))
                if following is not None:
                    items[index + 1].role = NamePartKind.PATRONYMIC
            elif len(pieces) == 2:
                first = Item(pieces[0], item.role, item.shown, head=pieces[0] in ("abd", "abu"))
                out.append(first)
                out.append(_tail(pieces[1], first, item))
            else:
                out.append(_compound_count(_glued_article(text, item), previous))
    return out, set_aside


def _family_title(text: str, before: str | None, after_name: bool) -> bool:
    """Whether a title word is the family name el-Sheikh: with its article ("El Sheikh", glued
    "Elsheikh") and after a name word. A title stands before the name ("Sheikh Ahmed"); the
    article after a name makes it the family (Al ash-Sheikh, Egyptian and Sudanese El-Sheikh)."""
    particles = tables().particles
    if not after_name:
        return False
    if text in particles.family_titles:
        return before is not None and (before in particles.articles or before in particles.assimilated)
    return text not in particles.titles and any(a in particles.family_titles for a in _article_stripped(text))


def _tail(canon: str, previous: Item, item: Item) -> Item:
    """The second element of a compound: after abd/abu it is the identity; after a stem, generic."""
    if previous.head:
        return _compound_count(Item(canon, item.role, item.shown), previous)
    if canon in ("din", "allah"):
        return Item(canon, item.role, item.shown, head=True)
    return Item(canon, item.role, item.shown)


def _compound_count(item: Item, previous: Item | None) -> Item:
    """After a head, a word is as common as the glued compound (abd + rahman ~ "abdulrahman")."""
    if previous is None or not previous.head:
        return item
    prefixes = (
        ("abdul", "abdel", "abd", "abdal", "abdur", "abder") if previous.text == "abd" else ("abu", "abou")
    )
    item.counted_as = tuple(prefix + item.text for prefix in prefixes)
    return item


def _glued_article(text: str, item: Item) -> Item:
    """``Alzaydi`` is ``al-Zaydi`` when Zaydi is a known name part: compare it as Zaydi, keep the rest."""
    stripped = _article_stripped(text)
    if stripped and (stripped[0] in tables().frequency or stripped[0] in tables().variant_classes):
        return Item(stripped[0], item.role, item.shown, (text,))
    return Item(text, item.role, item.shown, stripped)


@lru_cache(maxsize=100_000)
def _article_stripped(text: str) -> tuple[str, ...]:
    """``almaghribi`` may be ``al maghribi``: offer the bare word as an alternative spelling."""
    if len(text) >= 6 and text.startswith(("al", "el")):
        return (text[2:],)
    return ()
