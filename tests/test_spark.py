"""The Spark runner gives exactly what `eventwire run` gives; its Parquet output reads back like the store.

The Spark tests start one local[2] session for the module and skip without PySpark or Java; the tests
of `parquet_store` and of the missing-PySpark error need neither.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_store import make_event

from eventwire.errors import Rejected
from eventwire.parquet_store import MissingOutput, events_from_parquet, mentions_from_parquet
from eventwire.serial import mention_from_dict
from eventwire.settings import Settings
from eventwire.store import ARTICLE_COLUMNS, EVENT_SCHEMA, MENTION_SCHEMA, Store, article_row, event_row

ROOT = Path(__file__).resolve().parents[1]
D = dt.date
FILTERS = [{}, {"dyad": "USA-CHN"}, {"dyad": "chn-usa"}, {"since": D(2023, 11, 15)}, {"until": D(2023, 6, 30)},
           {"since": D(2023, 3, 1), "until": D(2023, 12, 31)}, {"dyad": "IND-RUS", "since": D(2024, 1, 1)}]


# ---------------------------------------------------------------- parquet_store, without Spark


def _events_folder(tmp_path: Path, events: list) -> Path:
    """The events of a Spark output folder, written as the runner writes them (one part file)."""
    folder = tmp_path / "out" / "events"
    folder.mkdir(parents=True)
    rows = [event_row(e) | {"mention_ids": [m.id for m in e.mentions]} for e in events]
    schema = EVENT_SCHEMA.append(pa.field("mention_ids", pa.list_(pa.string())))
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / "part-00000.parquet")
    (folder / "_SUCCESS").write_text("")
    return folder.parent


@pytest.fixture
def hand_made(tmp_path):
    events = [make_event("e1"), make_event("e2", "CHN", "USA", D(2024, 2, 1)), make_event("e3", "RUS", "IND"),
              make_event("e4", "USA", "CHN", None), make_event("e0", "IND", "RUS", D(2024, 3, 9))]
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.replace_events(events)
        yield _events_folder(tmp_path, events), store


@pytest.mark.parametrize("filters", [*FILTERS, {"dyad": "RUS-IND", "until": D(2024, 3, 4)}, {"limit": 2}])
def test_events_from_parquet_filter_and_order_as_the_store(hand_made, filters):
    folder, store = hand_made
    got = events_from_parquet(folder, **filters)
    assert got == store.events(**filters)


def test_events_from_parquet_order_and_dyad(hand_made):
    folder, _ = hand_made
    assert [e.id for e in events_from_parquet(folder)] == ["e2", "e1", "e3", "e0", "e4"]  # by date, undated last
    assert [e.id for e in events_from_parquet(folder, dyad="rus-ind")] == ["e1", "e3", "e0"]
    assert [e.id for e in events_from_parquet(folder / "events", until=D(2024, 3, 4))] == ["e2", "e1", "e3"]


def test_events_from_parquet_errors(hand_made, tmp_path):
    folder, _ = hand_made
    with pytest.raises(ValueError, match="dyad"):
        events_from_parquet(folder, dyad="INDRUS")
    with pytest.raises(ValueError, match="limit"):
        events_from_parquet(folder, limit=-1)
    with pytest.raises(MissingOutput, match="no events table"):
        events_from_parquet(tmp_path / "nowhere")
    (tmp_path / "empty" / "events").mkdir(parents=True)
    assert events_from_parquet(tmp_path / "empty") == []  # a run with no events


def test_without_pyspark_eventwire_imports_and_spark_says_what_to_install():
    code = (
        "import sys; sys.modules['pyspark'] = None\n"
        "import eventwire, eventwire.cli, eventwire.parquet_store, eventwire.pipeline\n"
        "assert 'pyspark.sql' not in sys.modules\n"
        "from eventwire.errors import EventwireError\n"
        "try:\n    import eventwire.spark\nexcept EventwireError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert "pip install 'eventwire[spark]'" in out.stdout


# ---------------------------------------------------------------- the Spark runner


@pytest.fixture(scope="module")
def spark():
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("PySpark is not installed (pip install 'eventwire[spark]')")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    from eventwire.spark import spark_session

    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "4", "spark.ui.enabled": "false",
                                         "spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _jsonl_lines() -> list[str]:
    woodside = (ROOT / "examples" / "03_biden_xi_woodside.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    first = json.dumps({"id": "j1", "published": "2024-07-10", "url": "https://wire.example/j1",
                        "text": "Indian Prime Minister Narendra Modi met Russian President Vladimir Putin in Moscow "
                                "on Monday. Putin thanked Modi for the visit."})
    copy = json.dumps({"text": woodside + "\nShare this article\n", "url": "https://copy.example/woodside",
                       "outlet": "Copy Wire", "published": "2023-11-15"})
    return [first, "", "{broken", copy, first]  # a blank line, a broken one, a near-copy, a repeat


def _parquet_table() -> pa.Table:
    return pa.table({
        "id": ["p1", None, "p3"],
        "text": ["French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Tuesday.",
                 "Japanese Prime Minister Fumio Kishida visited Seoul on Friday and met President Yoon Suk Yeol.",
                 None],
        "published": [D(2024, 5, 7), None, None],
        "other": [1, 2, 3],
    })


@pytest.fixture(scope="module")
def inputs(shared, tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "wire.jsonl").write_text("\n".join(_jsonl_lines()) + "\n", encoding="utf-8")
    pq.write_table(_parquet_table(), folder / "rows.parquet")
    return [str(ROOT / "examples"), str(shared / "seeds"), str(folder / "wire.jsonl"), str(folder / "rows.parquet"),
            str(folder / "missing.txt")]


@pytest.fixture(scope="module")
def both(spark, inputs, engine, tmp_path_factory):
    """`pipeline.run` into a DuckDB store and the Spark runner (JSONL and Parquet split by Spark's readers)."""
    from eventwire.pipeline import run
    from eventwire.spark import run_spark

    tmp = tmp_path_factory.mktemp("runs")
    db = str(tmp / "run.duckdb")
    by_run = run(inputs, Settings(db_path=db), engine=engine)
    by_spark = run_spark(inputs, tmp / "out", Settings(), spark=spark, split_bytes=0)
    with Store(db, read_only=True) as store:
        yield by_run, store, by_spark, tmp / "out"


@pytest.mark.slow
def test_spark_events_are_exactly_those_of_run(both):
    _, store, _, out = both
    events = store.events()
    assert events_from_parquet(out) == events  # ids, codes, dates, actors, places, mentions, counts, flags
    assert any(e.num_articles > 1 for e in events)  # reports of one meeting merged across articles
    woodside = [e for e in events if any(m.url == "https://copy.example/woodside" for m in e.mentions)]
    assert any(e.num_articles > e.num_sources for e in woodside)  # the near-copy counts as no new source


@pytest.mark.slow
def test_spark_mentions_articles_and_copies_are_those_of_run(both):
    _, store, _, out = both
    assert mentions_from_parquet(out) == store.mentions()
    articles = pq.read_table(out / "articles").sort_by("id").to_pylist()
    assert articles == [article_row(a) for a in store.articles()]
    copies = pq.read_table(out / "copies").to_pylist()
    assert {r["article_id"]: r["canonical"] for r in copies} == store.copies() != {}


@pytest.mark.slow
def test_spark_summary_is_that_of_run(both, inputs):
    by_run, _, by_spark, _ = both
    assert dataclasses.asdict(by_spark) == dataclasses.asdict(by_run)
    reasons = dict(by_spark.skipped)
    assert reasons[f"{inputs[2]}:3"].startswith("broken JSON line")  # line numbers from Spark's reader
    assert '"text"' in reasons[f"{inputs[3]}:row 3"]  # row numbers too
    assert reasons[inputs[4]] == "no such file or directory"
    assert by_spark.already == 1  # the repeated JSONL line


@pytest.mark.slow
def test_spark_tables_have_the_store_columns(both):
    _, _, _, out = both
    assert pq.read_schema(next((out / "mentions").glob("*.parquet"))).names == MENTION_SCHEMA.names
    assert pq.read_schema(next((out / "articles").glob("*.parquet"))).names == list(ARTICLE_COLUMNS)
    table = pq.read_table(out / "events")
    assert table.schema.names == [*EVENT_SCHEMA.names, "mention_ids"]
    for row in table.to_pylist():
        record = json.loads(row["record"])
        assert row["mention_ids"] == [mention_from_dict(m).id for m in record["mentions"]]
        assert row["num_mentions"] == len(record["mentions"])


@pytest.mark.slow
@pytest.mark.parametrize("filters", FILTERS)
def test_parquet_filters_on_spark_output_match_the_store(both, filters):
    _, store, _, out = both
    assert events_from_parquet(out, **filters) == store.events(**filters)


@pytest.mark.slow
def test_jsonl_split_in_many_tasks_reads_as_ingest(spark, tmp_path):
    from eventwire.ingest import iter_articles
    from eventwire.spark import list_files, read_articles

    lines = [json.dumps({"id": f"a{i}", "text": f"Article number {i} says little."}) for i in range(300)]
    lines[17], lines[230], lines[231] = "{", "", "[1]"
    path = tmp_path / "many.jsonl"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings()
    spark.conf.set("spark.sql.files.maxPartitionBytes", "2048")
    try:
        df = read_articles(spark, list_files([str(path)]), settings, split_bytes=0)
        assert df.rdd.getNumPartitions() > 3
        rows = df.orderBy("pos").collect()
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
    got = [(r.where, r.reason) if r.reason else {c: r[c] for c in ARTICLE_COLUMNS} for r in rows]
    expected = [(x.path, x.reason) if isinstance(x, Rejected) else article_row(x)
                for x in iter_articles([str(path)], settings)]
    assert got == expected
    assert sum(isinstance(x, tuple) for x in got) == 2


@pytest.mark.slow
def test_nothing_to_read_and_an_existing_output(spark, tmp_path):
    from eventwire.spark import OutputExists, run_spark

    missing = str(tmp_path / "missing.txt")
    summary = run_spark([missing], tmp_path / "out", Settings(), spark=spark)
    assert (summary.read, summary.events, summary.skipped) == (0, 0, [(missing, "no such file or directory")])
    assert events_from_parquet(tmp_path / "out") == []
    with pytest.raises(OutputExists, match="already holds"):
        run_spark([missing], tmp_path / "out", Settings(), spark=spark)


def test_without_java_a_local_session_says_so(monkeypatch):
    pytest.importorskip("pyspark")
    from eventwire.spark import SparkUnavailable, spark_session

    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(SparkUnavailable, match="needs Java"):
        spark_session("local[2]")
