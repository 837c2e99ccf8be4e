"""Parquet files of articles, read in row batches (bounded memory, whatever the file's size).

A row has the fields of a JSONL line, `{id, text, published?, title?, url?, outlet?}`, under the names
of `settings.input_fields`; `published` may be a date, timestamp or string column. Only those columns
are read. A bad row is rejected as `file:row N` (N counts from 1) and the file goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire import ingest
from eventwire.errors import Rejected
from eventwire.records import Article
from eventwire.settings import Settings

BATCH_ROWS = 256  # rows decoded at a time: with texts of a few kB, a few MB of memory


def read_parquet(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Every row of a `.parquet` file as an article (or a rejection naming its row)."""
    try:
        parquet = _open(path)
        columns = input_columns(parquet.schema_arrow.names, path, settings)
    except Rejected as rejected:
        yield rejected
        return
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield read_row(record, f"{path}:row {row}", path, settings)
    except (pa.ArrowException, OSError) as exc:
        yield Rejected(f"{path}:row {row + 1}", f"corrupt Parquet data, the rest of the file is skipped: {exc}")
    if row == 0:
        yield Rejected(path, "the Parquet file has no rows")


def _open(path: str) -> pq.ParquetFile:
    if path.lower().endswith(".gz"):
        raise Rejected(path, "a gzipped Parquet file: Parquet compresses itself, give the .parquet file")
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise Rejected(path, f"not a readable Parquet file: {exc}") from exc


def input_columns(names: list[str], path: str, settings: Settings) -> list[str]:
    """The columns to read: those of the input fields that the file has; Rejected without a text column."""
    wanted = ingest.field_names(settings)
    if wanted["text"] not in names:
        raise Rejected(path, f'no "{wanted["text"]}" column for the article text (columns: {", ".join(names)})')
    return list(dict.fromkeys(name for name in wanted.values() if name in names))


def read_row(record: dict[str, Any], where: str, path: str, settings: Settings) -> Article | Rejected:
    """One row as an article, or the rejection that names it."""
    text = record.get(ingest.field_names(settings)["text"])
    if isinstance(text, str) and len(text) > settings.max_file_bytes:
        return Rejected(where, f"text too large: {len(text)} characters > limit of {settings.max_file_bytes}")
    try:
        return ingest.read_record(record, where, path, settings)
    except Rejected as rejected:
        return rejected
