"""Who shares with whom: partner organisations, addressed recipients, the originator's consent.

A :class:`Partner` is what the sharing agreement with an agency says: the community it belongs
to (for ``TLP:GREEN``), the organisations that count as its clients (for ``TLP:AMBER``), and
whether an agreement covers travellers' personal data at all — without one, personal data is
redacted whatever the mark (``redact.py``). A :class:`Recipient` addresses one package: an
organisation, and for ``TLP:RED`` the named person in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["OriginatorConsent", "Partner", "Recipient"]


@dataclass(frozen=True, slots=True)
class Partner:
    org_id: str
    name: str
    community: str | None = None
    clients: frozenset[str] = frozenset()
    personal_data: bool = False


@dataclass(frozen=True, slots=True, order=True)
class Recipient:
    org_id: str
    person: str | None = None

    def __str__(self) -> str:
        return f"{self.person} ({self.org_id})" if self.person else self.org_id


@dataclass(frozen=True, slots=True)
class OriginatorConsent:
    """The originator's recorded permission to pass ``package_id`` on to ``org_id``."""

    package_id: str
    org_id: str
    granted_by: str
    granted_at: datetime
