"""How a linking value is shown on an edge: enough for an analyst to read, not enough to reuse.

A link's evidence travels further than the store does: into alerts, exports for other tools and
shared packages. So the graph never carries a full phone number, e-mail, document number, street
or card hash, only these masked forms, plus a short digest of the key so two masked values can
still be told apart (``digest``). Unmasking is a store-side act, with approval and an audit event.
"""

from __future__ import annotations

import hashlib
import re

from waystation.model import Address

__all__ = ["digest", "mask_address", "mask_card", "mask_document", "mask_email", "mask_phone"]


def digest(key: str, secret: bytes = b"") -> str:
    """Eight hex characters naming a key, so that two masked values can be told apart.

    Keyed (BLAKE2b in its keyed mode, with the deployment's secret given by the service) because a
    phone number has few enough possible values that an unkeyed digest could be reversed by trying
    them all. A secret longer than BLAKE2b's 64-byte key is hashed down to one.
    """
    if len(secret) > 64:
        secret = hashlib.blake2b(secret).digest()
    return hashlib.blake2b(key.encode("utf-8"), key=secret, digest_size=4).hexdigest()


def _keep_ends(text: str, head: int, tail: int) -> str:
    if len(text) <= head + tail:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]


def mask_phone(value: str) -> str:
    """``+90 532 123 45 67`` → ``+90*******67``: the country prefix and the last two digits."""
    digits = re.sub(r"\D+", "", value)
    plus = "+" if value.strip().startswith("+") else ""
    return plus + _keep_ends(digits, 2 if plus else 0, 2)


def mask_email(key: str) -> str:
    """``molly_lobb@gmail.com`` → ``m*********@gmail.com``: the domain says little about a person."""
    local, _, domain = key.partition("@")
    return f"{_keep_ends(local, 1, 0)}@{domain}"


def mask_document(key: str) -> str:
    """``TUR:U12345678`` → ``TUR:U*******8``."""
    country, _, number = key.partition(":")
    return f"{country}:{_keep_ends(number, 1, 1)}"


def mask_address(address: Address) -> str:
    """The street hidden, the city, postcode area and country kept: ``***, Gaziantep, 27***, TUR``."""
    postcode = address.postcode.strip() if address.postcode else ""
    parts = ["***", address.city or "", _keep_ends(postcode, 2, 0) if postcode else "", address.country or ""]
    return ", ".join(p for p in parts if p)


def mask_card(vendor: str | None, last4: str | None) -> str:
    """``VI …1111``: the vendor and the last four digits that card rules allow to be shown."""
    return f"{vendor or 'card'} …{last4}" if last4 else (vendor or "card")
