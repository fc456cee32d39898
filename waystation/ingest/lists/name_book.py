"""Collecting one subject's names: primary first, aliases split and tagged, duplicates merged.

Every reader ends up with the same job: a primary name, a pile of alias strings of varying
quality, some in other scripts, some repeating the primary name. The rules are kept in one place
so that every list reads the same way:

* a name not written in Latin letters gets the role ``ORIGINAL_SCRIPT`` (whatever the source
  called it) and keeps the quality of the alias it came from; its script is the ISO 15924 code;
* alias strings are split with :func:`~waystation.ingest.lists.alias_text.split_alias`;
* the same text twice (ignoring case and spacing) is one name, with the stronger quality;
* ``names[0]`` is the primary name.
"""

from __future__ import annotations

from waystation.ingest.lists.alias_text import split_alias
from waystation.ingest.lists.scripts import LATIN, detect_script
from waystation.model import Name, NameQuality, NameRole

__all__ = ["NameBook", "name_key"]


def name_key(name: Name) -> str:
    """What makes two names the same name: the text, ignoring case and spacing."""
    return " ".join(p.text for p in name.parts).casefold().replace(" ", "")


class NameBook:
    """The names of one subject, in the order they were added, without duplicates."""

    def __init__(self) -> None:
        self._names: list[Name] = []
        self._index: dict[str, int] = {}

    def add(self, name: Name) -> None:
        """Add a name; a repeat only upgrades the quality and fills a missing note."""
        if not name:
            return
        if name.script is None:
            name = Name(name.parts, name.role, name.quality, detect_script(name.full), name.note)
        if (
            name.script not in (None, LATIN)
            and name.role in (NameRole.ALIAS, NameRole.PRIMARY)
            and self._names
        ):
            name = Name(name.parts, NameRole.ORIGINAL_SCRIPT, name.quality, name.script, name.note)
        key = name_key(name)
        if key in self._index:
            position = self._index[key]
            old = self._names[position]
            quality = NameQuality.STRONG if NameQuality.STRONG in (old.quality, name.quality) else old.quality
            self._names[position] = Name(old.parts, old.role, quality, old.script, old.note or name.note)
            return
        self._index[key] = len(self._names)
        self._names.append(name)

    def add_text(
        self,
        text: str | None,
        *,
        role: NameRole = NameRole.ALIAS,
        quality: NameQuality = NameQuality.STRONG,
        note: str | None = None,
        organisation: bool = False,
    ) -> None:
        """Add every name an alias string holds (see ``alias_text``), with its note."""
        if not text:
            return
        for index, piece in enumerate(split_alias(text, organisation=organisation)):
            piece_role = role if index == 0 or role is not NameRole.PRIMARY else NameRole.ALIAS
            notes = "; ".join(n for n in (piece.note, note) if n) or None
            self.add(Name.from_full(piece.text, role=piece_role, quality=quality, script=piece.script))
            if notes:
                self._set_note(piece.text, notes)

    def _set_note(self, text: str, note: str) -> None:
        key = name_key(Name.from_full(text))
        position = self._index.get(key)
        if position is None:
            return
        old = self._names[position]
        merged = old.note if old.note and note in old.note else "; ".join(n for n in (old.note, note) if n)
        self._names[position] = Name(old.parts, old.role, old.quality, old.script, merged)

    def names(self) -> tuple[Name, ...]:
        """The names, the first added first (the reader adds the primary name first)."""
        return tuple(self._names)

    def __len__(self) -> int:
        return len(self._names)
