"""Travel documents: the strongest single piece of evidence, when a list has one.

Numbers are compared normalized (upper case, letters and digits only, leading zeros ignored) and
with their issuing country: the same number is very strong evidence whatever the issuer (lists
get issuers wrong); a different passport number from the same issuer is weak evidence against,
because people hold successive passports but the list's number is the one they were known by.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from rapidfuzz.distance import Levenshtein

from waystation.matching.types import Feature
from waystation.model import IdentityDocument, TravelDocument

__all__ = ["compare_documents", "document_key"]

SAME_NUMBER: Final = 10.0
SAME_NUMBER_OTHER_ISSUER: Final = 7.0
ONE_SLIP: Final = 4.0
SAME_ISSUER_OTHER_NUMBER: Final = -0.7
_NON_ALNUM = re.compile(r"[^0-9A-Z]")


def document_key(number: str | None) -> str:
    """``A-103 7434`` → ``A1037434``; ``0003825239`` → ``3825239`` (fillers and zeros vary)."""
    if not number:
        return ""
    text = _NON_ALNUM.sub("", number.upper())
    stripped = text.lstrip("0")
    return stripped or text


def _is_passport(kind: str | None) -> bool:
    return bool(kind) and str(kind).lower().startswith("p")


def compare_documents(
    travellers: Sequence[TravelDocument], listed: Sequence[IdentityDocument]
) -> Feature | None:
    """Document evidence, or ``None`` when either side has no document number."""
    mine = [(document_key(d.number), d) for d in travellers if document_key(d.number)]
    theirs = [(document_key(d.number), d) for d in listed if document_key(d.number)]
    if not mine or not theirs:
        return None
    best: tuple[float, str, str, str] | None = None
    for key, doc in mine:
        for other_key, other in theirs:
            shown = f"{doc.number} ({doc.issuing_country or '?'})"
            other_shown = f"{other.number} ({other.country or '?'}, {other.kind})"
            if key == other_key:
                if doc.issuing_country and other.country and doc.issuing_country != other.country:
                    found = (
                        SAME_NUMBER_OTHER_ISSUER,
                        shown,
                        other_shown,
                        "the same document number, another issuing country",
                    )
                else:
                    found = (SAME_NUMBER, shown, other_shown, "the same document number")
            elif len(key) >= 7 and Levenshtein.distance(key, other_key) == 1:
                found = (ONE_SLIP, shown, other_shown, "document numbers one character apart")
            elif (
                doc.issuing_country
                and doc.issuing_country == other.country
                and _is_passport(doc.doc_type)
                and _is_passport(other.kind)
            ):
                found = (
                    SAME_ISSUER_OTHER_NUMBER,
                    shown,
                    other_shown,
                    "another passport number from the same country",
                )
            else:
                continue
            if best is None or found[0] > best[0]:
                best = found
    if best is None:
        return None
    weight, shown, other_shown, reason = best
    verdict = "supports" if weight > 0 else "weakly contradicts"
    return Feature(
        "document",
        weight,
        shown,
        other_shown,
        f"Document {shown} against listed {other_shown}: {reason}; this {verdict} the match.",
    )
