"""Bytes to text, explicitly: what the UNB declares, what the bytes really are, and what was done.

UNOA/UNOB (and IATA, SIRE) promise 7-bit text, yet real interchanges carry Latin-1 or UTF-8 names.
The policy, in order: pure ASCII is ASCII; otherwise valid UTF-8 is UTF-8 (warned when the syntax
promised ASCII); otherwise the declared 8-bit character set (UNOC = ISO 8859-1 ...); otherwise
ISO 8859-1, the UNOC repertoire that "Latin-1 in a UNOA interchange" almost always is. Bytes
0x80-0x9F are control codes in ISO 8859-1, never letters: they are read as Mac OS Roman when the
text uses classic-Mac CR-only line ends (paxlst-gtas-4's ``Nov\\x87k`` is Mac Roman ``Novák``) and
as Windows-1252 otherwise. Every guessed byte is reported with its offset; the raw bytes are kept
by the caller, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["DECLARED_CHARSETS", "Decoded", "decode"]

DECLARED_CHARSETS: dict[str, str] = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "iso8859_1",
    "UNOD": "iso8859_2",
    "UNOE": "iso8859_5",
    "UNOF": "iso8859_7",
    "UNOG": "iso8859_3",
    "UNOH": "iso8859_4",
    "UNOI": "iso8859_6",
    "UNOJ": "iso8859_8",
    "UNOK": "iso8859_9",
    "UNOW": "utf_8",
    "UNOY": "utf_8",
    "IATA": "ascii",
    "SIRE": "cp866",
}
_SYNTAX = re.compile(rb"UNB[^\w\s]\s*([A-Z]{4})")
_C1 = re.compile(r"[\x80-\x9f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text, the codec that produced it, and (offset, message) notes about guessed bytes."""

    text: str
    encoding: str
    notes: tuple[tuple[int, str], ...] = field(default=())


def _declared(data: bytes) -> str | None:
    match = _SYNTAX.search(data, 0, 4096)
    return match.group(1).decode("ascii") if match else None


def _repair_c1(text: str, mac: bool, notes: list[tuple[int, str]]) -> str:
    codec = "mac_roman" if mac else "cp1252"
    why = "CR-only line ends (classic Mac producer)" if mac else "no Mac line ends"

    def fix(match: re.Match[str]) -> str:
        byte = bytes([ord(match.group(0))])
        char = byte.decode(codec, errors="replace")
        if len(notes) < 20:
            notes.append(
                (
                    match.start(),
                    f"byte 0x{byte[0]:02x} is a control code in ISO 8859-1; read as {codec} {char!r} ({why})",
                )
            )
        return char

    return _C1.sub(fix, text)


def decode(data: bytes) -> Decoded:
    """Decode an interchange following the policy of the module docstring."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii")
    declared = _declared(data)
    charset = DECLARED_CHARSETS.get(declared or "", "ascii")
    notes: list[tuple[int, str]] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if charset != "utf_8":
            first = next(i for i, ch in enumerate(text) if ord(ch) > 127)
            notes.append(
                (first, f"non-ASCII text in a {declared or 'undeclared'} interchange; decoded as UTF-8")
            )
        return Decoded(text, "utf_8", tuple(notes))
    if charset not in ("ascii", "utf_8"):
        text = data.decode(charset, errors="replace")
        return Decoded(text, charset, ())
    text = data.decode("iso8859_1")
    first = next(i for i, ch in enumerate(text) if ord(ch) > 127)
    notes.append((first, f"8-bit bytes in a {declared or 'undeclared'} interchange; decoded as ISO 8859-1"))
    mac = "\r" in text and "\n" not in text
    text = _repair_c1(text, mac, notes)
    encoding = (
        "iso8859_1+" + ("mac_roman" if mac else "cp1252")
        if _C1.search(data.decode("iso8859_1"))
        else "iso8859_1"
    )
    return Decoded(text, encoding, tuple(notes))
