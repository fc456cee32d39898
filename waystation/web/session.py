"""The web session: a cookie that names the user, signed so that nobody can forge or alter it.

The cookie holds the user name, the role at log-in, when it was issued, when it expires and the
token that every form must echo back (cross-site request forgery: another site can make the
browser send the cookie, but cannot read the token). It is signed with HMAC-SHA256 under a key
derived from the deployment's secret; the server keeps no session table, and each request
re-reads the user from the store (``services.accounts``), so a disabled account stops at the
next click. Pure: no request object here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = ["COOKIE", "LIFETIME", "WebSession", "issue", "read"]

COOKIE = "waystation_session"
LIFETIME = timedelta(hours=8)


@dataclass(frozen=True, slots=True)
class WebSession:
    user: str
    role: str
    issued: datetime
    expires: datetime
    csrf: str


def _key(secret: bytes) -> bytes:
    return hmac.new(secret, b"waystation web session v1", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(user: str, role: str, secret: bytes, *, now: datetime | None = None) -> tuple[str, WebSession]:
    """A new session for ``user`` and the cookie value that carries it."""
    issued = (now or datetime.now(UTC)).replace(microsecond=0)
    session = WebSession(user, role, issued, issued + LIFETIME, secrets.token_urlsafe(24))
    payload = {
        "u": user,
        "r": role,
        "i": int(issued.timestamp()),
        "e": int(session.expires.timestamp()),
        "c": session.csrf,
    }
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    signature = _b64(hmac.new(_key(secret), body.encode("ascii"), hashlib.sha256).digest())
    return f"{body}.{signature}", session


def read(value: str | None, secret: bytes, *, now: datetime | None = None) -> WebSession | None:
    """The session in a cookie value, or ``None`` when it is absent, forged, altered or expired."""
    if not value or value.count(".") != 1 or not value.isascii():
        return None
    body, signature = value.split(".")
    expected = _b64(hmac.new(_key(secret), body.encode("ascii"), hashlib.sha256).digest())
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        payload = json.loads(_unb64(body))
        session = WebSession(
            str(payload["u"]),
            str(payload["r"]),
            datetime.fromtimestamp(int(payload["i"]), UTC),
            datetime.fromtimestamp(int(payload["e"]), UTC),
            str(payload["c"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    if (now or datetime.now(UTC)) >= session.expires:
        return None
    return session
