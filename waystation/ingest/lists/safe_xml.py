"""Reading watchlist XML without the parser doing anything the file asks it to.

A watchlist comes from outside. XML can ask the parser to expand entities (the "billion laughs"
turns a kilobyte into gigabytes), to read local files or to fetch URLs (external entities, DTDs).
No real watchlist format uses a DTD, so any document type declaration is refused before parsing,
and the parser itself is set never to resolve entities, load DTDs or touch the network, and to
keep libxml2's limits on tree depth and text size (``huge_tree`` off).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from waystation.exc import Locator, WatchlistError

__all__ = ["line_of", "parse_xml"]

# A declaration in the prolog (before the root element). Comments and processing instructions may
# precede it, so the search covers the prolog rather than a fixed prefix.
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def line_of(element: etree._Element) -> int | None:
    """The line an element starts on (lxml's stubs type ``sourceline`` loosely)."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _prolog(data: bytes) -> bytes:
    """The bytes before the root element's start tag (the only place a DTD may be)."""
    match = _ROOT_START.search(data)
    return data[: match.start()] if match else data


def parse_xml(data: bytes, source: str) -> etree._Element:
    """The root element of a watchlist XML document, or :class:`WatchlistError` naming the file.

    Refused: empty input, any DOCTYPE or ENTITY declaration, malformed or truncated XML.
    """
    if not data.strip():
        raise WatchlistError("the file is empty", Locator(source))
    declaration = _DECLARATION.search(_prolog(data))
    if declaration:
        line = data[: declaration.start()].count(b"\n") + 1
        raise WatchlistError(
            "XML document type declarations (DTD, entities) are refused: no watchlist format uses them, "
            "and they can expand without bound or read local files",
            Locator(source, line=line),
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        at: object = exc.lineno
        raise WatchlistError(
            f"not well-formed XML: {exc.msg}", Locator(source, line=at if isinstance(at, int) else None)
        ) from None
    # An encoding the byte scan cannot see (UTF-16) could still carry a DTD: check what was parsed.
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.system_url:
        raise WatchlistError("XML document type declarations (DTD, entities) are refused", Locator(source))
    return root
