"""Tests of the DuckDB store. The record builders here are reused by test_serial and test_export."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from eventwire.records import Actor, Article, Event, EventDate, Evidence, Mention, Place
from eventwire.store import Store

D = dt.date
PUBLISHED = D(2024, 3, 5)
DAY = D(2024, 3, 4)

ACTORS = {
    "IND": Actor("Indian Prime Minister Narendra Modi", "IND", "GOV", "INDGOV", "Narendra Modi",
                 kb_id="Q1058", start=0, end=35, role="Prime Minister"),
    "RUS": Actor("Russian President Vladimir Putin", "RUS", "GOV", "RUSGOV", "Vladimir Putin",
                 kb_id="Q7747", start=42, end=74, role="President"),
    "CHN": Actor("Chinese officials", "CHN", "GOV", "CHNGOV"),
    "USA": Actor("American protesters", "USA", "OPP", "USAOPP"),
}


def make_article(n: int, published: dt.date | None = PUBLISHED) -> Article:
    return Article(id=f"doc{n}", text=f"Text of article {n}.\nSecond line.", url=f"https://news.example/{n}",
                   outlet="Example News", title=f"Title {n}", published=published,
                   published_source="header" if published else "none")


def make_mention(doc: int, start: int = 0, src: str | None = "IND", tgt: str | None = "RUS",
                 day: dt.date | None = DAY, cameo: str = "036", **changes) -> Mention:
    sentence = "Modi met Putin in Moscow on Monday, officials said."
    fields = dict(
        doc_id=f"doc{doc}", url=f"https://news.example/{doc}",
        source=ACTORS[src] if src else None, target=ACTORS[tgt] if tgt else None,
        cameo=cameo, goldstein=4.0, quad_class=1, plover_event="CONSULT", plover_mode="visit",
        date=EventDate(day, "day", "attached" if day else "publication", "on Monday" if day else ""),
        evidence=Evidence(sentence, start, start + len(sentence), "met", start + 5, start + 8),
        location=Place("Moscow", "RUS", 55.7558, 37.6173, "city"), outlet="Example News",
        pattern="036.meet.1", title=f"Title {doc}",
    )
    return Mention(**(fields | changes))


def make_event(event_id: str, src: str = "IND", tgt: str = "RUS", day: dt.date | None = DAY,
               flags: tuple[str, ...] = (), **changes) -> Event:
    mentions = (make_mention(1, 0, src, tgt, day), make_mention(2, 10, src, tgt, day))
    fields = dict(
        id=event_id, mentions=mentions, source=ACTORS[src], target=ACTORS[tgt], cameo="036",
        goldstein=4.0, quad_class=1, plover_event="CONSULT", plover_mode="visit",
        date=EventDate(day, "day", "attached", "on Monday"),
        location=Place("Moscow", "RUS", 55.7558, 37.6173),
        num_sources=1, num_articles=2, flags=flags,
    )
    return Event(**(fields | changes))


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.duckdb")


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s


def _columns(path: str, table: str) -> list[str]:
    con = duckdb.connect(path, read_only=True)
    try:
        rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                           "ORDER BY ordinal_position", [table]).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def test_schema_is_created_with_the_documented_columns(db_path):
    Store(db_path).close()
    assert _columns(db_path, "articles") == ["id", "url", "outlet", "title", "published", "published_source",
                                             "lang", "text", "ingested_at"]
    assert _columns(db_path, "mentions")[:4] == ["id", "doc_id", "date", "date_precision"]
    assert _columns(db_path, "mentions")[-1] == "record"
    assert "num_articles" in _columns(db_path, "events")
    with Store(db_path) as s:  # opening an existing store keeps it
        assert s.counts() == {"articles": 0, "mentions": 0, "events": 0}


def test_add_batch_counts_and_persists(db_path):
    with Store(db_path) as s:
        added = s.add_batch([make_article(1), make_article(2)], [make_mention(1), make_mention(2, 40)])
        assert added == (2, 2)
    with Store(db_path) as s:
        assert s.counts() == {"articles": 2, "mentions": 2, "events": 0}


def test_add_batch_is_idempotent(store):
    batch = ([make_article(1), make_article(2)], [make_mention(1), make_mention(1, 80), make_mention(2)])
    assert store.add_batch(*batch) == (2, 3)
    assert store.add_batch(*batch) == (0, 0)
    assert store.counts() == {"articles": 2, "mentions": 3, "events": 0}


def test_stored_articles_are_skipped_with_their_mentions(store):
    store.add_batch([make_article(1)], [make_mention(1)])
    # a new mention of an already stored article is skipped; the new article goes in
    added = store.add_batch([make_article(1), make_article(2)], [make_mention(1, 99), make_mention(2)])
    assert added == (1, 1)
    assert {m.doc_id for m in store.mentions()} == {"doc1", "doc2"}
    assert [m.evidence.start for m in store.mentions() if m.doc_id == "doc1"] == [0]


def test_duplicates_within_a_batch_keep_the_first(store):
    first, second = make_mention(1, title="first"), make_mention(1, title="second")
    assert first.id == second.id
    assert store.add_batch([make_article(1), make_article(1)], [first, second]) == (1, 1)
    assert store.mentions() == [first]


def test_known_article_ids(store):
    store.add_batch([make_article(1), make_article(2)], [])
    assert store.known_article_ids(["doc1", "doc3", "doc2", "doc1"]) == {"doc1", "doc2"}
    assert store.known_article_ids([]) == set()


def test_failed_batch_rolls_back_everything(store, monkeypatch):
    def fail(self, mentions):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_insert_mentions", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        store.add_batch([make_article(1)], [make_mention(1)])
    assert store.counts() == {"articles": 0, "mentions": 0, "events": 0}
    monkeypatch.undo()
    assert store.add_batch([make_article(1)], [make_mention(1)]) == (1, 1)  # still usable


def test_articles_round_trip(store):
    articles = [make_article(2), make_article(1, published=None)]
    store.add_batch(articles, [])
    assert store.articles() == sorted(articles, key=lambda a: a.id)
    assert store.article("doc1") == articles[1]
    assert store.article("nope") is None


def test_mentions_round_trip_in_date_order(store):
    late, early = make_mention(1, 0, day=D(2024, 3, 9)), make_mention(1, 50, src=None, day=D(2024, 2, 1))
    undated = make_mention(1, 90, day=None, location=None)
    store.add_batch([make_article(1)], [late, undated, early])
    assert store.mentions() == [early, late, undated]


def test_mentions_since_until(store):
    ms = [make_mention(1, i, day=D(2024, 3, d)) for i, d in enumerate((1, 5, 9))]
    ms.append(make_mention(1, 9, day=None))
    store.add_batch([make_article(1)], ms)
    assert [m.date.date.day for m in store.mentions(since=D(2024, 3, 5))] == [5, 9]
    assert [m.date.date.day for m in store.mentions(until=D(2024, 3, 5))] == [1, 5]
    assert [m.date.date.day for m in store.mentions(D(2024, 3, 2), D(2024, 3, 8))] == [5]


def test_mention_columns_are_filled(db_path):
    with Store(db_path) as s:
        s.add_batch([make_article(1)], [make_mention(1, 7, tgt=None, cameo="0431")])
    con = duckdb.connect(db_path, read_only=True)
    row = con.execute("SELECT id, root, source_country, target_country, sentence_start, goldstein, "
                      "historical, record FROM mentions").fetchall()[0]
    con.close()
    assert row[:7] == ("doc1:7:0431:INDGOV:", "04", "IND", None, 7, 4.0, False)
    assert json.loads(row[7])["source"]["kb_id"] == "Q1058"


def test_replace_events(store):
    store.replace_events([make_event("e1"), make_event("e2")])
    assert store.counts()["events"] == 2
    store.replace_events([make_event("e3")])
    assert [e.id for e in store.events()] == ["e3"]
    store.replace_events([])
    assert store.events() == []


def test_replace_events_rolls_back_on_failure(store):
    store.replace_events([make_event("e1")])
    with pytest.raises(duckdb.Error):
        store.replace_events([make_event("e2"), make_event("e2")])  # duplicate key
    assert [e.id for e in store.events()] == ["e1"]


def test_events_round_trip_and_order(store):
    events = [make_event("b", day=D(2024, 3, 2), flags=("date", "role")), make_event("a", day=D(2024, 3, 2)),
              make_event("c", day=D(2024, 1, 1))]
    store.replace_events(events)
    assert store.events() == [events[2], events[1], events[0]]


def test_events_dyad_matches_either_direction(store):
    store.replace_events([make_event("e1", "IND", "RUS"), make_event("e2", "RUS", "IND"),
                          make_event("e3", "IND", "CHN"), make_event("e4", "USA", "RUS")])
    assert [e.id for e in store.events(dyad="IND-RUS")] == ["e1", "e2"]
    assert [e.id for e in store.events(dyad="rus-ind")] == ["e1", "e2"]
    assert [e.id for e in store.events(dyad="CHN-IND")] == ["e3"]
    with pytest.raises(ValueError, match="dyad"):
        store.events(dyad="IND")


def test_events_since_until_limit(store):
    store.replace_events([make_event(f"e{d}", day=D(2024, 3, d)) for d in (9, 1, 5)])
    assert [e.id for e in store.events(since=D(2024, 3, 5))] == ["e5", "e9"]
    assert [e.id for e in store.events(until=D(2024, 3, 4))] == ["e1"]
    assert [e.id for e in store.events(limit=2)] == ["e1", "e5"]
    assert [e.id for e in store.events(dyad="RUS-IND", since=D(2024, 3, 2), limit=1)] == ["e5"]


def test_read_only_store_reads_but_cannot_write(db_path):
    with Store(db_path) as s:
        s.add_batch([make_article(1)], [make_mention(1)])
    with Store(db_path, read_only=True) as s:
        assert s.counts()["mentions"] == 1
        with pytest.raises(duckdb.Error):
            s.add_batch([make_article(2)], [])
        with pytest.raises(duckdb.Error):
            s.replace_events([make_event("e1")])
        assert s.counts() == {"articles": 1, "mentions": 1, "events": 0}
