"""One exception tree for the whole product.

Every error a user can cause carries a :class:`Locator` (file, segment number, segment tag,
field, line) so that the message names exactly what was wrong and where (it is defined in
:mod:`waystation.locator`, which is compiled, and re-exported here)::

    WaystationError
    ├── InputError                 bad data received from outside (has a locator)
    │   ├── UnreadableMessage      a carrier message that cannot be parsed at all
    │   ├── UnknownFormat          no registered reader recognises the bytes
    │   └── WatchlistError         a watchlist file that cannot be read
    ├── ConfigError                configuration problems, all of them at once
    │   └── RuleError              a targeting rule that is invalid or unlawful
    ├── NotFound                   a requested object does not exist
    ├── Conflict                   the request contradicts the stored state
    ├── Forbidden                  the caller's role does not allow the action
    └── Unauthenticated            no valid credentials were given

The API maps each class to one HTTP status and one JSON error shape; the CLI prints
``str(error)`` on one line and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from waystation.locator import Locator

__all__ = [
    "ConfigError",
    "Conflict",
    "Forbidden",
    "InputError",
    "Locator",
    "NotFound",
    "RuleError",
    "Unauthenticated",
    "UnknownFormat",
    "UnreadableMessage",
    "WatchlistError",
    "WaystationError",
]


class WaystationError(Exception):
    """Base of every error raised on purpose by waystation."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(WaystationError):
    """Data received from outside is wrong; ``locator`` says where."""

    code = "bad_input"

    def __init__(self, message: str, locator: Locator | None = None) -> None:
        self.locator = locator or Locator()
        text = f"{self.locator}: {message}" if locator else message
        super().__init__(text)
        self.reason = message


class UnreadableMessage(InputError):
    """A carrier message that cannot be parsed at all (its raw bytes are still kept)."""

    code = "unreadable_message"


class UnknownFormat(InputError):
    """No registered reader recognises the input."""

    code = "unknown_format"


class WatchlistError(InputError):
    """A watchlist file that cannot be read."""

    code = "bad_watchlist"


class ConfigError(WaystationError):
    """One or more configuration problems, reported together rather than one at a time."""

    code = "bad_config"

    def __init__(self, problems: Sequence[str] | str) -> None:
        self.problems: tuple[str, ...] = (problems,) if isinstance(problems, str) else tuple(problems)
        super().__init__("; ".join(self.problems))


class RuleError(ConfigError):
    """A targeting rule that is invalid, or that the law forbids."""

    code = "bad_rule"


class NotFound(WaystationError):
    """A requested object does not exist."""

    code = "not_found"


class Conflict(WaystationError):
    """The request contradicts what is stored."""

    code = "conflict"


class Forbidden(WaystationError):
    """The caller's role does not allow this."""

    code = "forbidden"


class Unauthenticated(WaystationError):
    """No credentials, or credentials that identify nobody (unknown, revoked or disabled)."""

    code = "unauthenticated"
