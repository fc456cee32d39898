"""What OFAC's remarks field says about a person, item by item.

The SDN CSV has no columns for birth dates, places, nationalities or documents: they are items in
the free-text remarks, separated by ``;``::

    DOB 15 Jul 1963; alt. DOB 1971; POB Ta'izz, Yemen; nationality Yemen; Gender Male;
    National ID No. 01010013602 (Yemen); Passport TR030544 (Afghanistan) issued 2003 expires 2008

Each item is recognised by its label; items this module does not read (``Linked To:``,
``a.k.a.``, sanctions notes) stay in the entry's remarks, which always keep the full text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from waystation.ingest.lists.documents import NATIONAL_ID, OTHER, PASSPORT
from waystation.ingest.lists.issues import IssueLog
from waystation.ingest.lists.text_dates import parse_text_date
from waystation.model import BirthDate, IdentityDocument, PartialDate, Sex

__all__ = ["RemarkFacts", "document_label_kind", "read_remarks"]

# Document labels OFAC uses for people, and the kind each one is.
_DOCUMENT_LABELS: tuple[tuple[str, str], ...] = (
    ("Diplomatic Passport", PASSPORT),
    ("Passport", PASSPORT),
    ("National Foreign ID Number", NATIONAL_ID),
    ("National ID No.", NATIONAL_ID),
    ("National ID", NATIONAL_ID),
    ("Personal ID Card", NATIONAL_ID),
    ("Identification Number", NATIONAL_ID),
    ("Cedula No.", NATIONAL_ID),
    ("D.N.I.", NATIONAL_ID),
    ("NIT #", NATIONAL_ID),
    ("C.U.R.P.", NATIONAL_ID),
    ("Citizen's Card Number", NATIONAL_ID),
    ("Kenyan ID No.", NATIONAL_ID),
    ("Residency Number", OTHER),
    ("SSN", OTHER),
    ("Italian Fiscal Code", OTHER),
    ("Tax ID No.", OTHER),
    ("R.F.C.", OTHER),
    ("RFC", OTHER),
    ("Electoral Registry No.", OTHER),
    ("Credencial electoral", OTHER),
    ("Cartilla de Servicio Militar Nacional", OTHER),
    ("Driver's License No.", OTHER),
    ("Birth Certificate Number", OTHER),
    ("Public Security and Immigration No.", OTHER),
)
_DOCUMENT = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(label) for label, _ in _DOCUMENT_LABELS)
    + r")\s*:?\s+(?P<number>[^()]+?)\s*(?:\((?P<country>[^)]*)\))?"
    + r"\s*(?P<rest>(?:issued|expires|valid|exp\.).*)?$",
    re.I,
)
_LABEL_KINDS = {label.casefold().rstrip(":"): kind for label, kind in _DOCUMENT_LABELS}


def document_label_kind(label: str) -> str | None:
    """The document kind OFAC's label names ("Passport", "Cedula No."), ``None`` for other labels."""
    return _LABEL_KINDS.get(" ".join(label.split()).casefold().rstrip(":"))


_LABELLED = re.compile(r"^(?:alt\.\s+)?(DOB|POB|nationality|citizen|Gender)\s+(.+)$", re.I)
_POSSIBLY = re.compile(r"^(?:possibly|probably|reportedly)\s+", re.I)
_OF_REGISTRATION = re.compile(r"^of\s+registration\s+", re.I)
_ALIAS = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'$", re.I)


@dataclass
class RemarkFacts:
    """The facts read from one entry's remarks."""

    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    documents: list[IdentityDocument] = field(default_factory=list)
    gender: Sex | None = None
    aliases: list[tuple[str, str]] = field(default_factory=list)


def _first_sentence(text: str) -> str:
    """ "Cabo Verde.  Previously Cape Verde." names the country in its first sentence."""
    return _POSSIBLY.sub("", " ".join(text.split()).split(". ")[0].strip(" ."))


def _items(remarks: str) -> list[str]:
    return [" ".join(item.split()).rstrip(".") for item in remarks.split(";") if item.strip()]


def _document(item: str, log: IssueLog, line: int | None) -> IdentityDocument | None:
    text = re.sub(r"^alt\.\s+", "", item, flags=re.I)
    match = _DOCUMENT.match(text)
    if not match:
        return None
    label = match["label"]
    kind = next(k for lab, k in _DOCUMENT_LABELS if lab.casefold() == label.casefold())
    number = match["number"].strip(" ,.")
    if not any(ch.isdigit() for ch in number):
        return None
    country_text = _first_sentence(match["country"] or "")
    country = log.country(country_text, line=line, tag="remarks") if country_text else None
    named = label if label.casefold() not in ("passport", "national id no.") else None
    notes = [n for n in (named, match["rest"]) if n]
    return IdentityDocument(kind, number, country, "; ".join(notes) or None)


def read_remarks(remarks: str | None, log: IssueLog, line: int | None = None) -> RemarkFacts:
    """The birth dates, places, nationalities (and citizenships), documents, gender and aliases.

    Aliases (``a.k.a. 'BNC'``) are returned with their type (``aka``, ``fka``, ``nka``): most
    repeat alt.csv, but not all do.
    """
    facts = RemarkFacts()
    for item in _items(remarks or ""):
        alias = _ALIAS.match(item)
        if alias:
            facts.aliases.append((alias[1].replace(".", "").lower(), alias[2].strip()))
            continue
        labelled = _LABELLED.match(item)
        if labelled:
            label, value = labelled[1].casefold(), labelled[2].strip()
            if label == "dob":
                parsed = parse_text_date(value)
                if parsed is None:
                    log.warn("bad_date", f"unreadable DOB {value!r}", line=line, tag="remarks")
                    facts.birth_dates.append(BirthDate(PartialDate(), note=value))
                else:
                    facts.birth_dates.append(parsed)
            elif label == "pob":
                facts.birth_places.append(value)
            elif label in ("nationality", "citizen"):
                code = log.country(_first_sentence(_OF_REGISTRATION.sub("", value)), line=line, tag="remarks")
                if code and code not in facts.nationalities:
                    facts.nationalities.append(code)
            elif label == "gender":
                facts.gender = {"male": Sex.MALE, "female": Sex.FEMALE}.get(value.casefold())
            continue
        document = _document(item, log, line)
        if document is not None and document not in facts.documents:
            facts.documents.append(document)
    return facts
