"""Redaction by mark and by recipient: what of a hit may leave, under which mark, to whom.

Each field of a shared hit has a *floor* — the least restrictive mark under which it may be
shared — and a flag saying whether it is the traveller's personal data. A field is withheld
when the package's mark is below its floor, or when it is personal data and the partner has no
agreement covering personal data. The table is the policy:

- ``score``, ``disposition``, ``traveller_nationalities``: floor ``TLP:AMBER``, not personal;
- ``explanation``: floor ``TLP:AMBER+STRICT``, personal (it quotes the traveller's name and dates);
- ``traveller_name``, ``traveller_birth_date``, ``traveller_document``: ``TLP:AMBER+STRICT``, personal;
- ``reviewer_note`` (an analyst's reasoning): ``TLP:RED``, personal.

So under ``TLP:GREEN`` a hit says only that someone on flight X hit entry Y of list Z. Watchlist
entries are not redacted: the mark alone governs them. Redaction records the withheld field
names in ``SharedHit.redacted``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from waystation.sharing.marks import HandlingMark, Tlp
from waystation.sharing.package import SharedHit, SharePackage
from waystation.sharing.parties import Partner

__all__ = ["HIT_FIELDS", "FieldRule", "redact_for", "redact_hit", "unredacted", "withheld_fields"]


@dataclass(frozen=True, slots=True)
class FieldRule:
    floor: Tlp
    personal: bool


HIT_FIELDS: Mapping[str, FieldRule] = {
    "score": FieldRule(Tlp.AMBER, personal=False),
    "disposition": FieldRule(Tlp.AMBER, personal=False),
    "traveller_nationalities": FieldRule(Tlp.AMBER, personal=False),
    "explanation": FieldRule(Tlp.AMBER_STRICT, personal=True),
    "traveller_name": FieldRule(Tlp.AMBER_STRICT, personal=True),
    "traveller_birth_date": FieldRule(Tlp.AMBER_STRICT, personal=True),
    "traveller_document": FieldRule(Tlp.AMBER_STRICT, personal=True),
    "reviewer_note": FieldRule(Tlp.RED, personal=True),
}


def withheld_fields(mark: HandlingMark, partner: Partner) -> frozenset[str]:
    """The hit fields that may not go to ``partner`` under ``mark``."""
    return frozenset(
        name
        for name, rule in HIT_FIELDS.items()
        if mark.tlp.rank < rule.floor.rank or (rule.personal and not partner.personal_data)
    )


def _present(hit: SharedHit, name: str) -> bool:
    value = getattr(hit, name)
    return value is not None and value != ()


def redact_hit(hit: SharedHit, withheld: frozenset[str]) -> SharedHit:
    """The hit without the ``withheld`` fields it carries, each named in ``redacted``."""
    removed = [name for name in HIT_FIELDS if name in withheld and _present(hit, name)]
    if not removed:
        return hit
    blanks: dict[str, Any] = {name: () if isinstance(getattr(hit, name), tuple) else None for name in removed}
    return replace(hit, **blanks, redacted=tuple(sorted({*hit.redacted, *removed})))


def redact_for(package: SharePackage, partner: Partner) -> SharePackage:
    """The copy of ``package`` that may go to ``partner``."""
    withheld = withheld_fields(package.mark, partner)
    items = tuple(redact_hit(i, withheld) if isinstance(i, SharedHit) else i for i in package.items)
    return replace(package, items=items)


def unredacted(package: SharePackage, partner: Partner) -> list[str]:
    """``hit_id.field`` for every field that should have been withheld from ``partner`` but is there."""
    withheld = withheld_fields(package.mark, partner)
    return [
        f"{hit.hit_id}.{name}"
        for hit in package.hits
        for name in HIT_FIELDS
        if name in withheld and _present(hit, name)
    ]
