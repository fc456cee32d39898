"""Texts of the pages through a gettext message catalog, English first.

Templates mark text with ``_()`` / ``{% trans %}`` and Python code with :func:`gettext`; Babel
extracts them (``waystation/web/babel.cfg``) into ``locale/messages.pot`` and compiles each
language's ``.po`` into the ``.mo`` read here (docs/web.md says how). A language without a
compiled catalog falls back to the English source text.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path

__all__ = ["DEFAULT_LANGUAGE", "LOCALE_DIR", "N_", "gettext", "ngettext", "translations"]

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "en"
DOMAIN = "messages"


@cache
def translations(language: str = DEFAULT_LANGUAGE) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def gettext(message: str) -> str:
    return translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (translated where it is shown)."""
    return message
