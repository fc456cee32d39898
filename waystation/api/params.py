"""Parameter types shared by the routers: store ids are positive 63-bit integers.

Bounding them here keeps a request like ``/v1/alerts/99999999999999999999`` a clean 422 instead
of an integer the database driver cannot bind (the fuzzer found that one).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

__all__ = ["MAX_ID", "IdPath", "IdQuery", "OptionalIdQuery"]

MAX_ID = 2**62

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int, Query(ge=0, le=MAX_ID)]
OptionalIdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
