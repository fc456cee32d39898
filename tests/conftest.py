"""Shared fixtures: where the real samples live (../shared/data beside the clone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Tests never assert timings (COMMON.md): on the shared 2-core machine and in CI a Hypothesis
# example can take longer than the default 200 ms deadline without anything being wrong.
settings.register_profile("waystation", deadline=None)
settings.load_profile("waystation")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("WAYSTATION_SHARED", ROOT.parent / "shared"))
SAMPLES = SHARED / "data" / "api-samples"
WATCHLISTS = SHARED / "data" / "watchlists"
EVAL_DEV = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"real samples not found at {SAMPLES}; set WAYSTATION_SHARED")
    return SAMPLES


@pytest.fixture(scope="session")
def watchlists_dir() -> Path:
    if not WATCHLISTS.is_dir():
        pytest.fail(f"watchlists not found at {WATCHLISTS}; set WAYSTATION_SHARED")
    return WATCHLISTS
