"""``mypyc_attr`` for the compiled modules, and a stand-in where mypy is not installed.

mypyc reads the decorator when it compiles (``@mypyc_attr(acyclic=True)``: instances are never
tracked by the cyclic garbage collector); at run time it does nothing. ``mypy_extensions``
comes with mypy, which only the development install has, so the sources run without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["mypyc_attr"]

_T = TypeVar("_T")

try:
    from mypy_extensions import mypyc_attr
except ImportError:  # pragma: no cover - a production install without mypy

    def mypyc_attr(*attrs: str, **kwattrs: object) -> Callable[[_T], _T]:
        def keep(cls: _T) -> _T:
            return cls

        return keep
