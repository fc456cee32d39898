"""Keys for linking: the same person, phone, e-mail, address or document written differently.

These are deliberately simple and conservative. Person resolution and the link graph join records
that share a key *exactly* (hash joins), so a key must only equate spellings that certainly mean
the same thing: case, diacritics, punctuation, titles, token order, phone trunk prefixes, the
PNR ``//`` for ``@``. Everything fuzzier (transliteration variants of Arabic names, typos) is the
job of ``waystation.matching`` and is not used here: a false merge in the network puts an innocent
traveller one hop from a listed subject.

Every function returns ``None`` when the value is too poor to link on (too short, empty).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import yaml

from waystation.model import Address, Name, TravelDocument

__all__ = [
    "address_key",
    "document_key",
    "email_key",
    "fold",
    "name_key",
    "name_tokens",
    "phone_key",
]

# Letters that Unicode decomposition does not reduce to ASCII but that travel documents write plainly.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t"}
)
_NON_WORD = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D+")
_PHONE_DIGITS = 9  # trailing digits kept: a national number without its trunk prefix, in most plans
_PHONE_MIN = 7
_DOCUMENT_MIN = 5


@cache
def _titles() -> frozenset[str]:
    text = resources.files("waystation.network").joinpath("name_titles.yml").read_text("utf-8")
    return frozenset(str(t) for t in (yaml.safe_load(text) or {}).get("titles", ()))


def fold(text: str) -> str:
    """Casefolded, diacritics stripped, punctuation turned into single spaces."""
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    # Decompose first (𝓐 → A), then casefold, then decompose what casefolding composed.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold().translate(_LETTERS))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain).split())


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """A name part's folded words without titles (cached: names repeat across millions of records)."""
    titles = _titles()
    return tuple(w for w in fold(text).split() if w not in titles)


def name_tokens(name: Name) -> tuple[str, ...]:
    """The name's words, folded, titles removed, sorted (token order carries no identity)."""
    return tuple(sorted(w for part in name.parts for w in _words(part.text)))


def name_key(name: Name) -> str | None:
    """One string per spelling-equivalent name: ``"ali hassan"`` for ``HASSAN/ALI MR``."""
    tokens = name_tokens(name)
    return " ".join(tokens) if tokens else None


def document_key(document: TravelDocument) -> str | None:
    """``TUR:U12345678``: the number in upper-case letters and digits, with its issuing country.

    A number with no issuing country keys as ``?:NUMBER`` and so only meets other numbers that lack
    one: "A1234567" from two different countries are two documents. Placeholders (one repeated
    character, or a run of consecutive digits after any letter prefix) key as nothing.
    """
    if not document.number:
        return None
    text = document.number if document.number.isascii() else fold(document.number)
    number = "".join(ch for ch in text if ch.isalnum()).upper()
    if len(number) < _DOCUMENT_MIN or _placeholder(number):
        return None
    return f"{document.issuing_country or '?'}:{number}"


def _placeholder(number: str) -> bool:
    """``0000000``, ``12345678``, ``987654321``: what test systems and careless agents type.

    Real samples carry ``12345678`` for 260 different travellers; as a key it would make one person
    of them, and as a link a hub of strangers.
    """
    if len(set(number)) == 1:
        return True
    digits = number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if len(digits) < _DOCUMENT_MIN or not digits.isdigit():
        return False
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
    return steps in ({1}, {9})


def phone_key(value: str) -> str | None:
    """The last nine digits: ``+90 532 123 45 67``, ``0090…`` and ``0532…`` all key as ``321234567``.

    Keeping only the tail lets the international and the national form of one number meet without
    knowing the country's numbering plan (``+49 30 1234567`` and ``030 1234567`` too). Two numbers
    sharing nine trailing digits in different countries are rare enough to accept; a country whose
    national numbers are shorter than nine digits keys its two forms apart (a missed link, never a
    false one). Fewer than seven digits is not a phone number.
    """
    digits = _NOT_DIGIT.sub("", value)
    if not digits.isascii():  # Arabic-Indic and other digits: the same number
        digits = "".join(str(unicodedata.digit(ch)) for ch in digits)
    if len(digits) < _PHONE_MIN:
        return None
    return digits[-_PHONE_DIGITS:]


def email_key(value: str) -> str | None:
    """Casefolded address; PNR spellings ``MOLLY..LOBB//GMAIL.COM`` and ``X.AT.Y.COM`` are undone."""
    text = value.strip().casefold()
    if "@" not in text:
        if "//" in text:
            text = text.replace("//", "@").replace("..", "_").replace("./", "-")
        elif ".at." in text:
            text = text.replace(".at.", "@", 1)
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or " " in text:
        return None
    return text


def address_key(address: Address) -> str | None:
    """Folded street, postcode, city and country; ``None`` without a street (a city is not an address)."""
    if not address.street or not fold(address.street):
        return None
    postcode = "".join(ch for ch in (address.postcode or "") if ch.isalnum()).upper()
    parts = (fold(address.street), postcode, fold(address.city or ""), address.country or "")
    return "|".join(parts)
