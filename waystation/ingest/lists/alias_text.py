"""Aliases written as prose: one string that holds several names, a script, and a remark.

The UN writes ``"حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)"``, ``"Jin Tiesan (金铁三)"``,
``"Abubakar (original script: Абубакар)"``, ``"EL PARA (COMBAT NAME)"``, ``"(Sheikh) Musa Hilal"``
and, for organisations, ``"Al-Qaida in Yemen (AQY)"``. A matcher comparing the whole string would
miss every one of these names, so the string is split here:

* text in parentheses in another script than the name around it is a name of its own (split at
  ``;``), as is the text after "original script:";
* for organisations, an acronym in parentheses is a name of its own;
* any other parenthesis is a remark about the name ("previously listed as", "third") and goes to
  the note, as does a trailing ", born 1 Jan. 1953 …".

The names keep the order of the text; each carries its detected script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from waystation.ingest.lists.scripts import detect_script

__all__ = ["AliasText", "split_alias", "split_note_names"]

_ORIGINAL = re.compile(r"^\s*(?:name\s+in\s+)?original\s+script\s*:\s*", re.I)
_BORN = re.compile(r",\s*born\b.*$", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/\-]{1,14}$")
_REFERENCE = re.compile(r"^[A-Z]{2}[ei]\.\d{3}$", re.I)


@dataclass(frozen=True, slots=True)
class AliasText:
    """One name found in an alias string, its script, and any remark that came with it."""

    text: str
    script: str | None
    note: str | None = None


def _groups(text: str) -> tuple[str, list[str]]:
    """The text outside top-level parentheses, and the content of each top-level group.

    A group in the middle of a name in the same script ("Leader (Hong Kong) International
    Trading Limited", "華信船務(香港)有限公司") is part of the name and stays in the text.
    """
    outside: list[str] = []
    groups: list[str] = []
    depth = 0
    current: list[str] = []
    for index, char in enumerate(text):
        if char == "(":
            if depth > 0:
                current.append(char)
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            if depth > 0:
                current.append(char)
                continue
            content = "".join(current)
            current = []
            before, after = "".join(outside).strip(), text[index + 1 :].strip(" ,;")
            if before and after and detect_script(content) == detect_script(before):
                outside.append(f"({content})")
            else:
                groups.append(content)
        elif depth > 0:
            current.append(char)
        else:
            outside.append(char)
    if current:  # an unclosed parenthesis: keep its text as part of the name
        outside.append(" " + "".join(current))
    return "".join(outside), groups


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def split_alias(text: str, *, organisation: bool = False) -> list[AliasText]:
    """The names an alias string holds, first the main one; an empty list for an empty string."""
    text = _clean(text)
    if not text:
        return []
    notes: list[str] = []
    born = _BORN.search(text)
    if born and born.start() > 0:
        notes.append(_clean(born.group()))
        text = _clean(text[: born.start()])
    outside, groups = _groups(text)
    main = _clean(outside)
    main_script = detect_script(main) if main else None
    extra: list[AliasText] = []
    for group in groups:
        content = _clean(group)
        if not content:
            continue
        stripped = _ORIGINAL.sub("", content)
        script = detect_script(stripped)
        if script is None:
            notes.append(content)
        elif stripped != content or (main and script != main_script):
            for piece in stripped.split(";"):
                extra.extend(split_alias(piece, organisation=organisation))
        elif organisation and _ACRONYM.match(content) and not _REFERENCE.match(content):
            extra.append(AliasText(content, script))
        elif not main:
            main, main_script = content, script
        else:
            notes.append(content)
    note = "; ".join(notes) or None
    names = [AliasText(main, main_script, note)] if main else []
    if not names and note and extra:
        first = extra[0]
        extra[0] = AliasText(first.text, first.script, note)
    return names + extra


def split_note_names(note: str, name_script: str | None) -> list[AliasText]:
    """Names listed in an alias's note, when the note is only names in another script.

    ``"original script: Ахмад Шишани"`` gives one name; the note of an Arabic alias that reads
    ``"Yunis al-Mauritani; Younis al-Mauritani"`` gives two. Notes that say anything else
    ("previously listed as", passport details with digits) give none.
    """
    text = _clean(note)
    if _ORIGINAL.match(text):
        rest = _ORIGINAL.sub("", text)
        return [AliasText(_clean(p), detect_script(p)) for p in rest.split(";") if _clean(p)]
    script = detect_script(text)
    if script is None or script == name_script or any(ch.isdigit() for ch in text):
        return []
    pieces = [_clean(p) for p in text.split(";")]
    if len(pieces) < 2 or any(len(p.split()) > 6 or ":" in p for p in pieces):
        return []
    return [AliasText(p, detect_script(p)) for p in pieces if p]
