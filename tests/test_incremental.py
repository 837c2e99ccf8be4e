"""Incremental runs: new files merge into the stored events, the same as one run over everything."""

from __future__ import annotations

import shutil

import pytest

from eventwire.pipeline import run
from eventwire.settings import Settings
from eventwire.store import Store

pytestmark = pytest.mark.slow


def events_of(db: str) -> list[dict]:
    with Store(db, read_only=True) as store:
        return [e.to_json() for e in store.events()]


def test_two_halves_equal_one_run(shared, tmp_path, engine):
    seeds = sorted((shared / "seeds").glob("*.txt"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for folder, files in zip(halves, (seeds[:2], seeds[2:]), strict=True):
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
    once = str(tmp_path / "once.duckdb")
    run([str(h) for h in halves], Settings(db_path=once), engine=engine)
    twice = str(tmp_path / "twice.duckdb")
    first = run([str(halves[0])], Settings(db_path=twice), engine=engine)
    second = run([str(halves[1])], Settings(db_path=twice), engine=engine)
    assert first.stored == 2 and second.stored == 3
    assert events_of(once) == events_of(twice)
    assert any(e["num_articles"] == 2 for e in events_of(twice))  # halves merged across runs
