"""The traveller key: one pseudonymous key for one person across messages.

Alerts, cases and the audit log name travellers by this key, never by name: the log outlives the
masking of traveller data and must not undo it. The key is a keyed hash (HMAC-SHA256 under the
service's secret) of the folded name words (case, accents and script folded by matching's
``fold``, in sorted order, so "AL-ZAWAHIRI Ayman" and "Ayman Al Zawahiri" agree) and the date of
birth — so the same person on the batch manifest and at check-in gets the same key, while the key
itself reveals nothing without the secret. It is cheaper than matching's full analysis because
the gateway computes it for every passenger of every iAPI request.

The key is the person's for life, but retention masking removes the name and the day and month
of birth it is computed from: computed again from a masked row, it would be the same for every
masked traveller born that year. The masking job therefore keeps the key on the row, and
:func:`stored_traveller_key` — the one way to name a stored traveller — reads it from there.
"""

from __future__ import annotations

import hmac

from waystation.matching.text import fold, split_words
from waystation.model import Traveller
from waystation.store import StoredTraveller

__all__ = ["stored_traveller_key", "traveller_key"]


def traveller_key(traveller: Traveller, secret: bytes) -> str:
    """``tk-`` and 24 hex digits of HMAC-SHA256(secret, birth date and sorted folded name words)."""
    words = sorted(split_words(fold(traveller.name.full)))
    born = traveller.birth_date.iso() if traveller.birth_date else ""
    text = f"{born}|{' '.join(words)}"
    digest = hmac.digest(secret, text.encode("utf-8"), "sha256").hex()  # one C call, same digest
    return f"tk-{digest[:24]}"


def stored_traveller_key(stored: StoredTraveller, secret: bytes) -> str:
    """A stored traveller's key: the one kept when the row was masked, else computed from the row
    (still in clear, so it gives the key computed at ingest)."""
    return stored.traveller_key or traveller_key(stored.traveller, secret)
