"""A few seconds' memory of API token look-ups, so a carrier's stream of requests is not a stream
of database reads.

Every request of the carrier gateway authenticates its bearer token; a departure-control system
sends up to a hundred check-ins a second under one token, and each look-up is a transaction of
its own (about a millisecond of the process's CPU, a tenth of a check-in's). What this keeps:

- only tokens that authenticated, by their SHA-256 (never the token), for ``seconds`` after the
  look-up (5 s by default, ``WAYSTATION_TOKEN_CACHE_SECONDS``; 0 turns the cache off);
- an unknown or revoked token is never remembered: it is looked up every time, so a new token
  works at once and guessing fills nothing;
- a revocation made through this process (``revoke_user_token``) empties the cache at once; one
  made by another process (a second ``serve`` worker, the command line) takes effect here within
  ``seconds``: the bound on how long a revoked token can still be used;
- at most ``size`` entries: when full, the cache is emptied (look-ups are cheap; memory is bounded).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from waystation.services.principal import Principal

__all__ = ["DEFAULT_SECONDS", "TokenCache"]

DEFAULT_SECONDS = 5.0


@dataclass
class TokenCache:
    """Principals by token digest, each good for ``seconds`` after it was looked up."""

    seconds: float = DEFAULT_SECONDS
    size: int = 1024
    clock: Callable[[], float] = time.monotonic
    _entries: dict[str, tuple[Principal, float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _generation: int = field(default=0, repr=False)

    @property
    def generation(self) -> int:
        """Changes on every :meth:`clear`; take it before a look-up and hand it to :meth:`put`."""
        return self._generation

    def get(self, digest: str) -> Principal | None:
        """The principal looked up for ``digest`` less than ``seconds`` ago, else ``None``."""
        entry = self._entries.get(digest)
        if entry is None:
            return None
        principal, until = entry
        if self.clock() < until:
            return principal
        with self._lock:
            if self._entries.get(digest) is entry:
                del self._entries[digest]
        return None

    def put(self, digest: str, principal: Principal, generation: int) -> None:
        """Remember a successful look-up begun at ``generation`` — unless the cache was cleared
        since: that look-up may have read the token just before its revocation committed."""
        if self.seconds <= 0:
            return
        with self._lock:
            if generation != self._generation:
                return
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[digest] = (principal, self.clock() + self.seconds)

    def clear(self) -> None:
        """Forget everything (a token was revoked, a user changed)."""
        with self._lock:
            self._generation += 1
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
