"""The Spark runner (`eventwire spark INPUT OUTPUT`): the same flow as `pipeline.run`, on Apache Spark.

Stages, each over a DataFrame:

    read    the input files -> articles (and rejections with their reasons). Large uncompressed JSONL
            and Parquet files (from `split_bytes`) are read by Spark's own readers, split across tasks,
            and each line or row goes through `ingest.read_jsonl_line` or `formats_parquet.read_row`;
            every other file (text, HTML, WARC, feeds, gzipped, small) is read whole by one task with
            `ingest.iter_articles`. Either way an article is exactly the one `eventwire run` makes.
    dedupe  one article per id: the first in input order (files in the order `run` walks them).
    code    `mapInArrow` over partitions of articles; each executor Python worker loads the `Engine`
            once (`engine_for`) and emits the store's mention rows (`store.mention_row`).
    merge   mentions keyed by `merge.block_key`, grouped by Spark, and each group merged by
            `merge.block_events` (`applyInArrow`), with the near-duplicate groups broadcast.
    write   OUTPUT/articles, OUTPUT/mentions, OUTPUT/events and OUTPUT/copies as Parquet, with the
            columns of the DuckDB store's tables (`store.ARTICLE_SCHEMA`, `MENTION_SCHEMA`,
            `EVENT_SCHEMA`, plus `mention_ids` on events; `copies(article_id, canonical)`).

`parquet_store.events_from_parquet` reads the events back (DuckDB, no Spark) as `Store.events` does.

Known limits: the near-duplicate groups (`dedup.copy_groups`) are computed on the driver, which
streams every article's (id, title, text) in id order; each merge block is merged in one task, so one
very frequent dyad and root makes a large group. PySpark is optional (the `spark` extra): importing
this module without it raises `SparkUnavailable`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache, partial, reduce
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventwire.errors import EventwireError, Rejected


class SparkUnavailable(EventwireError):
    """PySpark (the `spark` extra) or the Java it needs is missing."""


class OutputExists(EventwireError):
    """The output folder already holds a run's results."""


try:
    import pyspark
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, SparkSession, Window
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema
except ImportError as exc:
    raise SparkUnavailable("`eventwire spark` needs PySpark: pip install 'eventwire[spark]'") from exc

from eventwire import formats_parquet, ingest, merge, store  # noqa: E402
from eventwire.pipeline import Engine, RunSummary, batched  # noqa: E402
from eventwire.records import Article, Mention  # noqa: E402
from eventwire.serial import mention_from_dict  # noqa: E402
from eventwire.settings import Settings  # noqa: E402

MIN_PYSPARK = (4, 2)  # DataFrame.zipWithIndex numbers the lines of a JSONL file read by Spark
if tuple(int(p) for p in pyspark.__version__.split(".")[:2]) < MIN_PYSPARK:
    raise SparkUnavailable(f"`eventwire spark` needs PySpark 4.2 or later, not {pyspark.__version__}")
SPLIT_BYTES = 64 * 1024 * 1024  # uncompressed JSONL and Parquet files from this size are split across tasks
ARTICLES_PER_PARTITION = 2000  # coding partitions: at least two per core, at most this many articles each
TABLES = ("articles", "mentions", "events", "copies")
SESSION_CONF = {
    "spark.sql.session.timeZone": "UTC",  # timestamps of Parquet inputs read as pyarrow reads them
    "spark.sql.execution.arrow.maxRecordsPerBatch": "1000",  # articles handed to Python at a time
}

_S, _I, _L = pa.string(), pa.int32(), pa.int64()
# one row per article or rejection: where it came from (file number, position in the file) and why rejected
READ_SCHEMA = pa.schema([("file_idx", _I), ("pos", _L), ("where", _S), ("reason", _S),
                         *store.ARTICLE_SCHEMA])
KEYED_SCHEMA = pa.schema([("block", _S), ("record", _S)])
EVENT_OUT_SCHEMA = store.EVENT_SCHEMA.append(pa.field("mention_ids", pa.list_(_S)))
COPIES_SCHEMA = pa.schema([("article_id", _S), ("canonical", _S)])


def run_spark(inputs: Sequence[str | Path], output: str | Path, settings: Settings, master: str = "local[2]",
              spark: SparkSession | None = None, partitions: int | None = None,
              split_bytes: int = SPLIT_BYTES, overwrite: bool = False) -> RunSummary:
    """Read, code and merge `inputs` on Spark and write Parquet tables under `output`.

    With `spark` given, that session is used (and left running); otherwise one is started on
    `master` and stopped at the end. `partitions` (default: from the cores and the article count) is
    the number of coding tasks. The summary counts as `pipeline.run` does into an empty store.
    """
    out = str(output)
    _check_output(out, overwrite)
    session = spark or spark_session(master)
    try:
        return _run(session, [str(p) for p in inputs], out, settings, partitions, split_bytes)
    finally:
        if spark is None:
            session.stop()


def spark_session(master: str = "local[2]", conf: Mapping[str, str] | None = None) -> SparkSession:
    """A Spark session for the runner (`conf`: extra Spark settings). In local mode the Python workers
    run this interpreter unless PYSPARK_PYTHON says otherwise; a cluster's executors need eventwire."""
    if master.startswith("local"):
        if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
            raise SparkUnavailable("Spark needs Java (17 or later): none on PATH and JAVA_HOME is unset")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName("eventwire")
    for key, value in (SESSION_CONF | dict(conf or {})).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _check_output(out: str, overwrite: bool) -> None:
    """Refuse to write over a local output folder that already holds results, unless told to."""
    if overwrite or "://" in out:
        return
    found = [t for t in TABLES if os.path.exists(os.path.join(out, t))]
    if found:
        raise OutputExists(f"{out} already holds {', '.join(found)}: choose another folder or overwrite")


def _run(spark: SparkSession, inputs: list[str], out: str, settings: Settings, partitions: int | None,
         split_bytes: int) -> RunSummary:
    summary = RunSummary()
    articles = _read_stage(spark, inputs, settings, partitions, split_bytes, summary)
    _write(articles, out, "articles")
    copies = find_copies(articles)
    _write(spark.createDataFrame(_copy_rows(copies), from_arrow_schema(COPIES_SCHEMA)), out, "copies")
    _write(code_articles(articles, settings), out, "mentions")
    articles.unpersist()
    mentions = spark.read.parquet(_table(out, "mentions"))
    _write(merged_events(mentions, settings, spark.sparkContext.broadcast(copies)), out, "events")
    summary.mentions = mentions.count()
    summary.events = spark.read.parquet(_table(out, "events")).count()
    return summary


def _read_stage(spark: SparkSession, inputs: list[str], settings: Settings, partitions: int | None,
                split_bytes: int, summary: RunSummary) -> DataFrame:
    """The unique articles, cached and partitioned for coding; counts and rejections go in `summary`."""
    files = list_files(inputs)
    raw = read_articles(spark, files, settings, split_bytes).persist()
    summary.read = raw.where(F.col("reason").isNull()).count()
    summary.skipped = rejections(files, raw)
    articles = unique_articles(raw, partitions or _partitions(spark, summary.read)).persist()
    summary.stored = articles.count()
    summary.already = summary.read - summary.stored
    raw.unpersist()
    return articles


def _partitions(spark: SparkSession, n_articles: int) -> int:
    cores = spark.sparkContext.defaultParallelism
    return max(2 * cores, math.ceil(n_articles / ARTICLES_PER_PARTITION))


def _table(out: str, name: str) -> str:
    return f"{out.rstrip('/')}/{name}"


def _write(df: DataFrame, out: str, name: str) -> None:
    df.write.mode("overwrite").parquet(_table(out, name))


# ---------------------------------------------------------------- read


def list_files(inputs: Iterable[str]) -> list[str | Rejected]:
    """Every input file in the order `ingest.iter_articles` reads them (a missing path is rejected)."""
    return [f for path in inputs for f in ingest.walk(path)]


def rejections(files: Sequence[str | Rejected], raw: DataFrame) -> list[tuple[str, str]]:
    """(path, reason) of every rejected input, in input order, as `pipeline.run` lists them."""
    found = [((i, 0), f.path, f.reason) for i, f in enumerate(files) if isinstance(f, Rejected)]
    rows = raw.where(F.col("reason").isNotNull()).select("file_idx", "pos", "where", "reason").collect()
    found += [((r.file_idx, r.pos), r.where, r.reason) for r in rows]
    return [(where, reason) for _, where, reason in sorted(found)]


def read_articles(spark: SparkSession, files: Sequence[str | Rejected], settings: Settings,
                  split_bytes: int = SPLIT_BYTES) -> DataFrame:
    """Articles and rejections (columns `READ_SCHEMA`) of the files, each row with its file's number
    in `files` and its position in the file (line or row number when Spark split it, else item number)."""
    numbered = [(i, f) for i, f in enumerate(files) if not isinstance(f, Rejected)]
    readers = {i: SPLIT_READERS.get(_split_kind(f, split_bytes)) for i, f in numbered}
    parts = [read(spark, i, f, settings) for i, f in numbered if (read := readers[i]) is not None]
    whole = [(i, f) for i, f in numbered if readers[i] is None]
    if whole or not parts:
        parts.append(read_whole_files(spark, whole, settings))
    return reduce(DataFrame.unionByName, parts)


def _split_kind(path: str, split_bytes: int) -> str:
    """"jsonl" or "parquet" for a file that Spark's own reader splits across tasks, else ""."""
    if path.lower().endswith(".gz") or os.path.getsize(path) < split_bytes:
        return ""
    suffix = ingest.format_suffix(path)
    return "jsonl" if suffix in ingest.JSONL_SUFFIXES else "parquet" if suffix in ingest.PARQUET_SUFFIXES else ""


def read_whole_files(spark: SparkSession, files: Sequence[tuple[int, str]], settings: Settings) -> DataFrame:
    """One task reads each file whole with `ingest.iter_articles`, exactly as `eventwire run` does."""
    paths = spark.createDataFrame(list(files), "file_idx int, path string")
    return paths.mapInArrow(partial(_read_files, settings), from_arrow_schema(READ_SCHEMA))


def _read_files(settings: Settings, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        for row in batch.to_pylist():
            items = enumerate(ingest.iter_articles([row["path"]], settings))
            for chunk in batched(items, 1000):
                yield _read_batch(row["file_idx"], chunk)


def _read_batch(file_idx: int, items: Iterable[tuple[int, Article | Rejected]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([_read_row(file_idx, pos, item) for pos, item in items], schema=READ_SCHEMA)


def _read_row(file_idx: int, pos: int, item: Article | Rejected) -> dict[str, Any]:
    if isinstance(item, Rejected):
        return {"file_idx": file_idx, "pos": pos, "where": item.path, "reason": item.reason}
    return {"file_idx": file_idx, "pos": pos, "where": None, "reason": None, **store.article_row(item)}


def read_jsonl_split(spark: SparkSession, file_idx: int, path: str, settings: Settings) -> DataFrame:
    """A JSONL file through Spark's text reader (split across tasks), numbered line by line; each line
    goes through `ingest.read_jsonl_line` as `eventwire run` reads it."""
    lines = spark.read.option("lineSep", "\n").text(_hadoop_path(path)).zipWithIndex("_pos")
    reader = partial(_read_pieces, _jsonl_article, file_idx, path, settings)
    return lines.select((F.col("_pos") + 1).alias("_pos"), "value").mapInArrow(reader, from_arrow_schema(READ_SCHEMA))


def read_parquet_split(spark: SparkSession, file_idx: int, path: str, settings: Settings) -> DataFrame:
    """A Parquet file through Spark's reader (split by row groups): the columns of the input fields,
    each row through `formats_parquet.read_row` as `eventwire run` reads it, numbered from 1."""
    df = spark.read.parquet(_hadoop_path(path))
    try:
        columns = formats_parquet.input_columns(df.columns, path, settings)
    except Rejected as rejected:
        return spark.createDataFrame(_read_batch(file_idx, [(0, rejected)]).to_pylist(), from_arrow_schema(READ_SCHEMA))
    rows = df.select((F.col("_metadata.row_index") + 1).alias("_pos"), *[F.col(_quoted(c)) for c in columns])
    reader = partial(_read_pieces, _parquet_article, file_idx, path, settings)
    return rows.mapInArrow(reader, from_arrow_schema(READ_SCHEMA))


SPLIT_READERS = {"jsonl": read_jsonl_split, "parquet": read_parquet_split}
PieceReader = Callable[[dict[str, Any], str, int, Settings], Article | Rejected | None]


def _hadoop_path(path: str) -> str:
    """An absolute path with Hadoop's glob characters escaped, so the file is read as named."""
    return "".join("\\" + c if c in "*?[]{}\\" else c for c in os.path.abspath(path))


def _quoted(column: str) -> str:
    return "`" + column.replace("`", "``") + "`"


def _read_pieces(read: PieceReader, file_idx: int, path: str, settings: Settings,
                 batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Lines or rows of one file (column `_pos`: their number in the file) as read rows."""
    for batch in batches:
        items = ((row.pop("_pos"), row) for row in batch.to_pylist())
        read_items = ((pos, read(row, path, pos, settings)) for pos, row in items)
        yield _read_batch(file_idx, [(pos, item) for pos, item in read_items if item is not None])


def _jsonl_article(row: dict[str, Any], path: str, lineno: int, settings: Settings) -> Article | Rejected | None:
    """What `ingest.iter_articles` makes of one line of a JSONL file (None for a blank line)."""
    line = row["value"].removeprefix("\ufeff") + "\n"  # with its newline, as ingest reads it (for the
    if not line.strip():                                  # columns in JSON errors and the size)
        return None
    size = len(line.encode("utf-8"))
    if size > settings.max_file_bytes:
        return Rejected(f"{path}:{lineno}", f"line too large: {size} bytes")
    try:
        return ingest.read_jsonl_line(line, path, lineno, settings)
    except Rejected as rejected:
        return rejected


def _parquet_article(row: dict[str, Any], path: str, number: int, settings: Settings) -> Article | Rejected:
    """What `ingest.iter_articles` makes of one row of a Parquet file."""
    return formats_parquet.read_row(row, f"{path}:row {number}", path, settings)


# ---------------------------------------------------------------- dedupe


def unique_articles(raw: DataFrame, partitions: int) -> DataFrame:
    """One article per id, the first in input order, hash-partitioned by id into `partitions` parts
    (columns `store.ARTICLE_SCHEMA`)."""
    first = Window.partitionBy("id").orderBy("file_idx", "pos")
    articles = raw.where(F.col("reason").isNull()).repartition(partitions, "id")
    return articles.withColumn("_n", F.row_number().over(first)).where("_n = 1").select(*store.ARTICLE_COLUMNS)


def find_copies(articles: DataFrame) -> dict[str, str]:
    """Near-duplicate groups over every article, as `pipeline.remerge` finds them (ids in order).

    Known limit: every article's (id, title, text) streams through the driver, one partition at a time.
    """
    from eventwire.dedup import copy_groups

    rows = articles.select("id", "title", "text").orderBy("id").toLocalIterator()
    return copy_groups((r.id, f"{r.title}\n{r.text}") for r in rows)


def _copy_rows(copies: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(a, copies[a]) for a in sorted(copies)]


# ---------------------------------------------------------------- code


@lru_cache(maxsize=1)
def engine_for(settings: Settings) -> Engine:
    """The Engine of these settings, loaded once per executor Python worker.

    The one module-level cache of loaded models in eventwire, and deliberately so: Spark calls the
    coding function once per partition in long-lived worker processes, and loading spaCy and every
    resource per partition would cost more than coding it.
    """
    return Engine(settings)


def code_articles(articles: DataFrame, settings: Settings) -> DataFrame:
    """Mention rows (columns `store.MENTION_SCHEMA`) of every article, coded partition by partition."""
    return articles.mapInArrow(partial(_code_batches, settings), from_arrow_schema(store.MENTION_SCHEMA))


def _code_batches(settings: Settings, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    engine = engine_for(settings)
    for batch in batches:
        articles = [Article(**row) for row in batch.to_pylist()]
        for chunk in batched(articles, settings.batch_size):
            mentions = _first_by_id(m for ms in engine.code(chunk) for m in ms)
            rows = [store.mention_row(m) for m in mentions]
            yield pa.RecordBatch.from_pylist(rows, schema=store.MENTION_SCHEMA)


def _first_by_id(mentions: Iterable[Mention]) -> list[Mention]:
    """As the store keeps them: the first of mentions with one id (one sentence, code and pair)."""
    seen: dict[str, Mention] = {}
    for m in mentions:
        seen.setdefault(m.id, m)
    return list(seen.values())


# ---------------------------------------------------------------- merge


def merged_events(mentions: DataFrame, settings: Settings, copies: Broadcast[dict[str, str]]) -> DataFrame:
    """Events (columns `EVENT_OUT_SCHEMA`) of the stored mention rows: grouped by merge block in Spark,
    each block merged by `merge.block_events`. `copies` is a broadcast of `dedup.copy_groups`' map."""
    keyed = mentions.select("record").mapInArrow(partial(_keyed, settings), from_arrow_schema(KEYED_SCHEMA))
    return keyed.groupBy("block").applyInArrow(_block_merger(settings, copies), from_arrow_schema(EVENT_OUT_SCHEMA))


def _keyed(settings: Settings, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The mergeable mentions' records, each with its block key as JSON text."""
    for batch in batches:
        keys = [_block(record, settings) for record in batch.column("record").to_pylist()]
        rows = [{"block": key, "record": record} for key, record in zip(keys, batch.column("record").to_pylist(),
                                                                          strict=True) if key is not None]
        yield pa.RecordBatch.from_pylist(rows, schema=KEYED_SCHEMA)


def _block(record: str, settings: Settings) -> str | None:
    """The merge block key of a stored mention record, or None when `merge.merge` leaves it out."""
    m = mention_from_dict(json.loads(record))
    return json.dumps(merge.block_key(m, settings.reciprocal_roots)) if merge.mergeable(m) else None


def _block_merger(settings: Settings, copies: Broadcast[dict[str, str]]) -> Callable[[pa.Table], pa.Table]:
    """A plain function of the group's table (PySpark reads its type hints: a `partial` has none)."""

    def merge_block(table: pa.Table) -> pa.Table:
        return _merge_block(settings, copies, table)

    return merge_block


def _merge_block(settings: Settings, copies: Broadcast[dict[str, str]], table: pa.Table) -> pa.Table:
    block = sorted((mention_from_dict(json.loads(r)) for r in table.column("record").to_pylist()),
                   key=_stored_order)
    events = merge.block_events(block, settings, copies.value)
    rows = [store.event_row(e) | {"mention_ids": [m.id for m in e.mentions]} for e in events]
    return pa.Table.from_pylist(rows, schema=EVENT_OUT_SCHEMA)


def _stored_order(m: Mention) -> tuple:
    """The order `Store.mentions` gives: by date (undated last), then id."""
    return m.date.date is None, m.date.date or dt.date.min, m.id

