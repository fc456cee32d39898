"""Message readers registered by format name, and sniffing to pick one for unlabelled bytes.

A new format is added by registering a :class:`MessageReader`, never by editing a chain of ifs.
Sniffing asks every reader how confident it is and takes the most confident one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from waystation.exc import Locator, UnknownFormat, UnreadableMessage
from waystation.ingest.message import ParseContext, ParsedMessage

__all__ = ["MessageReader", "parse_message", "reader_for", "readers", "register", "sniff"]


@dataclass(frozen=True, slots=True)
class MessageReader:
    """A named reader: ``sniff`` scores bytes from 0 (not mine) to 1 (certainly mine)."""

    name: str
    description: str
    sniff: Callable[[bytes], float]
    parse: Callable[[bytes, str, ParseContext], ParsedMessage]


_READERS: dict[str, MessageReader] = {}


def register(reader: MessageReader) -> MessageReader:
    """Add a reader under its name (a second registration of a name replaces the first)."""
    _READERS[reader.name] = reader
    return reader


def readers() -> dict[str, MessageReader]:
    """All registered readers by name (importing the formats registers them)."""
    _load_builtin()
    return dict(_READERS)


def reader_for(name: str) -> MessageReader:
    _load_builtin()
    try:
        return _READERS[name]
    except KeyError:
        raise UnknownFormat(
            f"no message format named {name!r}; known: {', '.join(sorted(_READERS))}"
        ) from None


def sniff(data: bytes, source: str = "<input>") -> MessageReader:
    """The reader most confident that it can read ``data``."""
    _load_builtin()
    if not data.strip():
        raise UnreadableMessage("the message is empty", Locator(source))
    scored = sorted(((r.sniff(data), r.name) for r in _READERS.values()), reverse=True)
    if not scored or scored[0][0] <= 0.0:
        raise UnknownFormat(
            "not a message format waystation reads (expected UN/EDIFACT PAXLST or PNRGOV, or a CSV manifest)",
            Locator(source),
        )
    return _READERS[scored[0][1]]


def parse_message(
    data: bytes,
    source: str = "<input>",
    message_format: str | None = None,
    context: ParseContext | None = None,
) -> ParsedMessage:
    """Read one message, choosing the reader by name or by sniffing the bytes."""
    reader = reader_for(message_format) if message_format else sniff(data, source)
    return reader.parse(data, source, context or ParseContext())


def _load_builtin() -> None:
    """Import the built-in formats so that they register themselves."""
    from waystation.ingest import formats  # noqa: F401  (imported for its registrations)
