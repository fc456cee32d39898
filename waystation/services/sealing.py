"""Sealing: what retention masks is kept only encrypted, for a lawful unmasking, until deletion.

AES-256-GCM (the ``cryptography`` library; no home-made cryptography) under a key derived with
HKDF-SHA256 from ``WAYSTATION_MASKING_KEY``. Each sealed copy has its own random 96-bit nonce and
is bound to what it belongs to (``associated`` — e.g. ``traveller:42``), so a sealed copy moved
to another row does not open. ``key_id`` names the key a copy was sealed under (a short hash of
the derived key, never the key), so a rotated key is detected instead of decrypting garbage.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from waystation.exc import ConfigError

__all__ = ["Sealed", "Sealer"]

_INFO = b"waystation retention masking v1"


@dataclass(frozen=True, slots=True)
class Sealed:
    key_id: str
    nonce: bytes
    data: bytes


class Sealer:
    """Seals and opens JSON values or bytes under one deployment key."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ConfigError(["the masking key must be at least 16 bytes"])
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret)
        self._aead = AESGCM(key)
        self.key_id = hashlib.sha256(b"key-id|" + key).hexdigest()[:16]

    def seal_bytes(self, data: bytes, associated: str) -> Sealed:
        nonce = os.urandom(12)
        return Sealed(self.key_id, nonce, self._aead.encrypt(nonce, data, associated.encode("utf-8")))

    def open_bytes(self, sealed: Sealed, associated: str) -> bytes:
        if sealed.key_id != self.key_id:
            raise ConfigError(
                [f"sealed under key {sealed.key_id}, but the masking key in force is {self.key_id}"]
            )
        try:
            return self._aead.decrypt(sealed.nonce, sealed.data, associated.encode("utf-8"))
        except InvalidTag as error:
            raise ConfigError(
                [f"the sealed copy of {associated} does not open (altered or moved)"]
            ) from error

    def seal_json(self, value: Any, associated: str) -> Sealed:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
        return self.seal_bytes(text.encode("utf-8"), associated)

    def open_json(self, sealed: Sealed, associated: str) -> Any:
        return json.loads(self.open_bytes(sealed, associated))
