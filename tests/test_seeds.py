"""The seed gold, end to end. Floors are pinned: they only move up."""

from __future__ import annotations

import pytest

from eventwire.evaluate import evaluate_gold
from eventwire.settings import Settings

pytestmark = pytest.mark.slow

RECALL_FLOOR = 1.0  # all 15 required events
PRECISION_FLOOR = 0.85
MERGED_FLOOR = 8


@pytest.fixture(scope="module")
def report(shared, tmp_path_factory):
    settings = Settings(db_path=str(tmp_path_factory.mktemp("seeds") / "s.duckdb"))
    return evaluate_gold(shared / "gold" / "seeds.json", shared / "seeds", settings)


@pytest.fixture(scope="module")
def seeds_db(shared, tmp_path_factory, engine) -> str:
    from eventwire.pipeline import run

    db = str(tmp_path_factory.mktemp("seeds_run") / "s.duckdb")
    run([str(shared / "seeds")], Settings(db_path=db), engine=engine)
    return db


def test_every_required_event_is_found(report):
    assert report.required == 15
    assert report.recall >= RECALL_FLOOR, "\n".join(report.lines)


def test_precision_floor(report):
    assert report.precision >= PRECISION_FLOOR, "\n".join(report.lines)


def test_no_forbidden_event(report):
    assert report.forbidden == 0, "\n".join(report.lines)


def test_merged_events_are_exactly_right(report):
    assert report.merged_n == 8
    assert report.merged_ok >= MERGED_FLOOR, "\n".join(report.lines)


def test_kremlin_meeting_is_located_in_moscow(shared, tmp_path, engine):
    from eventwire.pipeline import run
    from eventwire.store import Store

    db = str(tmp_path / "loc.duckdb")
    run([str(shared / "seeds" / "004_755a4b50b0e55e6f.txt")], Settings(db_path=db), engine=engine)
    with Store(db, read_only=True) as store:
        meetings = [e for e in store.events() if e.cameo.startswith("04") and e.date.iso() == "2023-12-27"]
    assert len(meetings) == 1
    place = meetings[0].location
    assert place is not None and place.country == "RUS" and "Moscow" in place.name


def test_historical_events_keep_their_own_months(shared, engine):
    from eventwire.ingest import read_text_article

    path = shared / "seeds" / "001_1bbd31f7771d0d02.txt"
    art = read_text_article(path.read_text(), str(path), engine.settings)
    dated = {(m.cameo[:2], m.date.iso()) for m in engine.code([art])[0] if m.date.historical}
    assert ("04", "2010-12") in dated and ("05", "2000-10") in dated


def test_january_call_carries_the_date_and_role_disagreements(seeds_db):
    from eventwire.store import Store

    with Store(seeds_db, read_only=True) as store:
        [call] = [e for e in store.events(dyad="IND-RUS") if e.cameo.startswith("04") and e.date.iso() == "2024-01-15"]
    assert {"date", "role"} <= set(call.flags)
    stated = [m for m in call.mentions if m.stated_date]
    assert [(m.doc_id, m.stated_date) for m in stated] == [(stated[0].doc_id, "2024-02-08")]
    assert "took place today" in stated[0].evidence.sentence
    assert stated[0].refers_to in {m.id for m in call.mentions}


def test_the_rewrite_000_and_its_source_001_are_one_copy_group(shared, seeds_db):
    from eventwire.ingest import read_text_article
    from eventwire.store import Store

    ids = {p.name[:3]: read_text_article(p.read_text(), str(p), Settings()).id
           for p in sorted((shared / "seeds").glob("*.txt"))}
    with Store(seeds_db, read_only=True) as store:
        copies = store.copies()
        [call] = [e for e in store.events(dyad="IND-RUS") if e.cameo.startswith("04") and e.date.iso() == "2024-01-15"]
    assert copies[ids["000"]] == copies[ids["001"]] == min(ids["000"], ids["001"])
    assert ids["002"] not in copies and ids["003"] not in copies
    assert (call.num_articles, call.num_sources) == (2, 1)  # two articles, one of them a rewrite of the other
