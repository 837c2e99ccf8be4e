from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def engine():
    """One loaded Engine (spaCy model and every resource) for the whole test session."""
    from eventwire.pipeline import Engine
    from eventwire.settings import Settings

    return Engine(Settings())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds.json").exists():
        pytest.skip(f"{SHARED} is not beside the project")
    return SHARED
