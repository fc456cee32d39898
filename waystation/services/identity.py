"""The traveller key: one pseudonymous key for one person across messages.

Alerts, cases and the audit log name travellers by this key, never by name: the log outlives the
masking of traveller data and must not undo it. The key is a keyed hash (HMAC-SHA256 under the
service's secret) of matching's person key — normalised name parts and date of birth — so the
same person on the batch manifest and at check-in gets the same key, while the key itself
reveals nothing without the secret.
"""

from __future__ import annotations

import hashlib
import hmac

from waystation.matching.clearance import person_key
from waystation.model import Traveller

__all__ = ["traveller_key"]


def traveller_key(traveller: Traveller, secret: bytes) -> str:
    """``tk-`` and 24 hex digits of HMAC-SHA256(secret, person key)."""
    digest = hmac.new(secret, person_key(traveller).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"tk-{digest[:24]}"
