"""Shared fixtures: where the real samples live (../shared/data beside the clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
