"""Identity documents written as free text: the kind, the number and the issuing country.

Lists describe documents for people, not machines: "Qatari passport number 00868774",
"Moroccan national identity card DE- 473900", "Libya 428720", "Social Security Number
423-31-3021 (US)". Matching needs the number alone and the country as a code, so this module
pulls them out; the text they came from is always kept in the document's note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from waystation.model import to_alpha3

__all__ = [
    "NATIONAL_ID",
    "OTHER",
    "PASSPORT",
    "DocumentText",
    "document_kind",
    "find_country",
    "find_number",
    "is_bare_number",
    "read_document_text",
]

PASSPORT = "passport"
NATIONAL_ID = "national_id"
OTHER = "other"

# Checked in order: the more specific phrases first ("passport" would match "passport card").
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"birth cert|ration card|student|voter|driver|fiscal code|social security|\bssn\b|"
            r"alien registration|residen|military|certificate of|ex-serviceman|fardc|tax|licen[cs]e",
            re.I,
        ),
        OTHER,
    ),
    (re.compile(r"pass(?:port|eport)|pasaporte|travel document|reiseausweis", re.I), PASSPORT),
    (
        re.compile(
            r"identi|\bid\b|national (?:number|no)|tazkira|personalausweis|c\.?n\.?i\.?c|cedula|c[ée]dula",
            re.I,
        ),
        NATIONAL_ID,
    ),
)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Dates and years that sit in document text and must not be taken for the number.
_DATES = re.compile(
    rf"\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\b{_MONTH}\s*\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b(?:in|since|until|of|on)\s+\d{{4}}\b",
    re.I,
)
# A document number: optional short letter prefix, then a digit, then digits/letters, possibly in
# groups separated by one space, hyphen, slash or dot ("D 000933", "54401-2288025-9", "96 03 464086").
_NUMBER = re.compile(
    r"(?<![\w])(?:(?!SSN|ID|NO|NR)[A-Z]{1,3}(?:\s?-\s?|\s|/)?)?\d[0-9A-Z]*"
    r"(?:(?:\s?[-.]\s?|\s)\d[0-9A-Z]*|/[0-9A-Z]+)*(?![\w])"
)
# An alphanumeric code with digits inside ("DAOMMD74T11Z352Z"), which _NUMBER cannot start on.
_CODE = re.compile(r"(?<![\w])[A-Z][A-Z0-9]*\d[A-Z0-9]{3,}(?![\w])")
_KEYWORD = re.compile(r"(?:number|no\.?|n°|nr\.?|#|:)\s*$", re.I)
_GLUED_KEYWORD = re.compile(r"\b(No|Nr|N°)\.?(?=\d)", re.I)
_BARE = re.compile(r"^[A-Z0-9][A-Z0-9 ./\-]*$")
_WORDS = re.compile(r"[A-Za-zÀ-ÿ'’]+")


@dataclass(frozen=True, slots=True)
class DocumentText:
    """What one document description says: the number found, and the country it names."""

    number: str | None
    country: str | None
    rest: str


def document_kind(*texts: str | None) -> str:
    """``passport``, ``national_id`` or ``other`` from any description of the document."""
    joined = " ".join(t for t in texts if t)
    for pattern, kind in _KINDS:
        if pattern.search(joined):
            return kind
    return OTHER


def _clean_number(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(text.split())).strip(" .,;:/-")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def is_bare_number(text: str) -> bool:
    """True when the text is a document number and nothing else ("BN 4196361", "96 03 464086")."""
    compact = " ".join(text.split())
    if not _BARE.match(compact) or _digits(compact) == 0:
        return False
    letters = [w for w in re.split(r"[ ./\-]", compact) if w.isalpha()]
    return all(len(w) <= 3 for w in letters)


def _candidates(text: str) -> list[tuple[int, str]]:
    """Possible numbers with their offsets, as written (dates masked out first)."""
    masked = _DATES.sub(lambda m: " " * len(m.group()), text)
    found = [(m.start(), m.group()) for m in _NUMBER.finditer(masked)]
    found += [(m.start(), m.group()) for m in _CODE.finditer(masked)]
    return sorted(found)


def _find_span(text: str) -> str | None:
    candidates = _candidates(text)
    for start, value in candidates:
        if _KEYWORD.search(text[:start]) and _digits(value) >= 3:
            return value
    for _, value in candidates:
        if _digits(value) >= 4:
            return value
    return None


def find_number(text: str) -> str | None:
    """The document number in a description, or ``None``.

    A number right after "number", "no.", ":" wins; otherwise the first group with at least four
    digits (so "issued on 9 Mar. 2011" and "born in 1965" are not taken for numbers).
    """
    span = _find_span(" ".join(text.split()))
    return _clean_number(span) if span else None


def find_country(text: str) -> str | None:
    """The first country a description names: "Qatari", "Libya", "(US)", "Iran (Islamic Republic of)".

    Words of four letters or more are looked up (with the words after them, for names such as
    "Syrian Arab Republic"); two- and three-letter tokens only when upper case and in
    parentheses or standing for a country in the alias table ("CAR", "UAE"). This keeps "no",
    "ID" and "DE" (in "DE- 473900") from being read as Norway, Indonesia and Germany.
    """
    for match in re.finditer(r"\(([A-Z]{2,3})\)", text):
        code = to_alpha3(match.group(1))
        if code:
            return code
    words = [(m.start(), m.group()) for m in _WORDS.finditer(text)]
    for index in range(len(words)):
        for width in (5, 4, 3, 2, 1):
            if index + width > len(words):
                continue
            chunk = " ".join(w for _, w in words[index : index + width])
            if width == 1 and len(chunk) < 4 and not (len(chunk) == 3 and chunk.isupper()):
                continue
            code = to_alpha3(chunk)
            if code:
                return code
    return None


def read_document_text(text: str) -> DocumentText:
    """Split a description into the number, the country it names and what is left."""
    compact = _GLUED_KEYWORD.sub(r"\1. ", " ".join(text.split()))
    if is_bare_number(compact):
        return DocumentText(_clean_number(compact), None, "")
    span = _find_span(compact)
    rest = compact.replace(span, " ", 1) if span else compact
    return DocumentText(_clean_number(span) if span else None, find_country(rest), " ".join(rest.split()))
