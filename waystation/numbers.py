"""Whole numbers written as text, as message standards, lists and our own URLs write them: ASCII 0-9.

``str.isdigit`` is also true of superscripts ("¹"), which ``int`` refuses, and of other scripts'
digits, which no EDIFACT character set carries; a reader that tested ``isdigit`` and then called
``int`` crashed on a message with "¹1" in a count (found by the fuzz test of the EDIFACT reader).
"""

from __future__ import annotations

from typing import TypeGuard

__all__ = ["is_number", "number"]


def is_number(text: str | None) -> TypeGuard[str]:
    """Whether ``text`` is one or more ASCII digits."""
    return text is not None and text.isascii() and text.isdigit()  # ("".isdigit() is False)


def number(text: str | None) -> int | None:
    """The value of ``text`` when it is one or more ASCII digits, else ``None``."""
    return int(text) if is_number(text) else None
