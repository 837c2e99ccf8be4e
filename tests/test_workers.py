"""`eventwire run --workers N`: the same store whatever N is."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from eventwire.pipeline import run
from eventwire.settings import Settings
from eventwire.store import Store

pytestmark = pytest.mark.slow


def _stored(db: str) -> tuple[list, list, dict]:
    with Store(db, read_only=True) as s:
        return [e.to_json() for e in s.events()], [m.id for m in s.mentions()], s.counts()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, shared):
    """The seeds and examples, plus a second copy of one article (stored once, whoever codes it)."""
    folder = tmp_path_factory.mktemp("inputs")
    for src in (shared / "seeds", ROOT / "examples"):
        shutil.copytree(src, folder / src.name)
    shutil.copy(shared / "seeds" / "002_3183f4c67ce1f9a7.txt", folder / "zz_again.txt")
    return folder


def test_two_workers_store_exactly_what_one_does(inputs, tmp_path, engine):
    one = run([str(inputs)], Settings(db_path=str(tmp_path / "one.duckdb"), batch_size=4), engine=engine)
    two = run([str(inputs)], Settings(db_path=str(tmp_path / "two.duckdb"), batch_size=4, workers=2))
    assert (one.read, one.stored, one.already, one.mentions, one.events) == \
        (two.read, two.stored, two.already, two.mentions, two.events)
    assert one.already == 1 and one.events > 20
    assert _stored(str(tmp_path / "one.duckdb")) == _stored(str(tmp_path / "two.duckdb"))


def test_a_copy_in_a_batch_still_in_flight_is_not_coded_twice(inputs, tmp_path):
    summary = run([str(inputs / "seeds"), str(inputs / "zz_again.txt")],
                  Settings(db_path=str(tmp_path / "w.duckdb"), batch_size=1, workers=2))
    assert (summary.read, summary.stored, summary.already) == (6, 5, 1)
