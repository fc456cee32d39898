"""What reading one carrier message yields: its manifests and PNR pushes, and every issue found.

Readers are lenient per value (a bad date becomes unknown plus a ``ParseIssue``) and strict per
file (a message that cannot be read at all raises :class:`~waystation.exc.UnreadableMessage`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from waystation.model import Manifest, ParseIssue, PnrPush, Severity, Traveller

__all__ = ["ParseContext", "ParsedMessage"]


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """The result of reading one file or one received message."""

    source: str
    message_format: str
    manifests: tuple[Manifest, ...] = ()
    pnr_pushes: tuple[PnrPush, ...] = ()
    issues: tuple[ParseIssue, ...] = ()

    def travellers(self) -> Iterator[Traveller]:
        """Every traveller appearance in the message, once.

        Manifests list the people on each flight; when a message also yields bookings (a CSV
        manifest with contact columns) those group the same appearances, so bookings are the
        source of travellers only for a message without manifests (PNRGOV).
        """
        for manifest in self.manifests:
            yield from manifest.travellers
        if not self.manifests:
            for push in self.pnr_pushes:
                for booking in push.bookings:
                    yield from booking.travellers

    @property
    def errors(self) -> tuple[ParseIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[ParseIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What a reader needs from outside, passed in so the core stays pure and testable.

    ``today`` resolves two-digit years (a birth date is in the past, an expiry usually in the
    future); ``card_key`` keys the hash that replaces payment card numbers, which are never kept.
    """

    today: date = field(default_factory=date.today)
    card_key: bytes = b""

    def card_hash(self, number: str) -> str:
        """A keyed hash of a card number's digits (HMAC-SHA256, hex), for linking without storing."""
        digits = "".join(ch for ch in number if ch.isdigit())
        return hmac.new(self.card_key, digits.encode("ascii"), hashlib.sha256).hexdigest()
