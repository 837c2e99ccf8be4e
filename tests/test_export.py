"""Exports of events and mentions to Parquet and CSV, read back."""

from __future__ import annotations

import csv
import datetime as dt

import pyarrow.parquet as pq
import pytest
from test_store import make_article, make_event, make_mention

from eventwire.export import events_to_rows, export, mentions_to_rows
from eventwire.records import EventDate
from eventwire.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "x.duckdb")) as s:
        s.add_batch([make_article(1), make_article(2)],
                    [make_mention(1), make_mention(2, 40, tgt=None, day=None, location=None)])
        s.replace_events([
            make_event("e1", flags=("date", "role")),
            make_event("e2", "CHN", "USA", dt.date(2024, 2, 1), location=None,
                       date=EventDate(dt.date(2024, 2, 1), "month", "sentence", "in February")),
        ])
        yield s


def _csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_events_to_parquet(store, tmp_path):
    path = tmp_path / "out" / "events.parquet"
    assert export(store, path, "parquet") == 2
    rows = pq.read_table(path).to_pylist()
    assert [r["id"] for r in rows] == ["e2", "e1"]  # by date
    e2, e1 = rows
    assert e2["date"] == "2024-02" and e2["date_precision"] == "month" and e2["location_name"] is None
    assert (e1["source_country"], e1["target_code"], e1["source_name"]) == ("IND", "RUSGOV", "Narendra Modi")
    assert (e1["goldstein"], e1["quad_class"], e1["plover_event"]) == (4.0, 1, "CONSULT")
    assert (e1["location_lat"], e1["location_country"]) == (55.7558, "RUS")
    assert (e1["num_mentions"], e1["num_articles"], e1["flags"]) == (2, 2, "date;role")
    assert e1["evidence_sentence"].startswith("Modi met Putin") and e1["historical"] is False


def test_events_to_csv(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export(store, path, "CSV") == 2
    rows = _csv(path)
    assert [r["id"] for r in rows] == ["e2", "e1"]
    assert rows[1]["date"] == "2024-03-04" and rows[1]["flags"] == "date;role"
    assert rows[0]["source_country"] == "CHN" and rows[0]["target_country"] == "USA"
    assert float(rows[1]["location_lon"]) == pytest.approx(37.6173) and rows[1]["negated"] == "false"


def test_mentions_to_parquet_and_csv(store, tmp_path):
    assert export(store, tmp_path / "m.parquet", "parquet", table="mentions") == 2
    assert export(store, tmp_path / "m.csv", "csv", table="mentions") == 2
    pq_rows = pq.read_table(tmp_path / "m.parquet").to_pylist()
    csv_rows = _csv(tmp_path / "m.csv")
    assert [r["doc_id"] for r in pq_rows] == [r["doc_id"] for r in csv_rows] == ["doc1", "doc2"]
    dated, undated = pq_rows
    assert dated["url"] == "https://news.example/1" and dated["evidence_trigger"] == "met"
    assert dated["id"] == "doc1:0:036:INDGOV:RUSGOV" and dated["date_source"] == "attached"
    assert undated["date"] is None and undated["target_country"] is None and undated["evidence_start"] == 40
    assert csv_rows[1]["target_country"] == "" and csv_rows[0]["cameo"] == "036"


def test_empty_store_exports_typed_empty_table(tmp_path):
    with Store(str(tmp_path / "empty.duckdb")) as s:
        assert export(s, tmp_path / "e.parquet", "parquet") == 0
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 0 and "goldstein" in table.column_names


def test_unknown_format_or_table_is_a_clear_error(store, tmp_path):
    with pytest.raises(ValueError, match="format 'xlsx'.*parquet, csv"):
        export(store, tmp_path / "x.xlsx", "xlsx")
    with pytest.raises(ValueError, match="table 'actors'"):
        export(store, tmp_path / "x.csv", "csv", table="actors")
    assert not (tmp_path / "x.xlsx").exists()


def test_rows_helpers_keep_order_and_columns():
    events = [make_event("z"), make_event("a")]
    table = events_to_rows(events)
    assert table.column("id").to_pylist() == ["z", "a"]
    assert {"source_text", "target_sector", "location_lon", "num_sources"} <= set(table.column_names)
    mentions = mentions_to_rows([make_mention(1)])
    assert {"doc_id", "url", "evidence_sentence"} <= set(mentions.column_names)
