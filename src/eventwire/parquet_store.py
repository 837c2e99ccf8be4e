"""Query the Spark runner's Parquet output with DuckDB (no Spark needed).

`eventwire spark INPUT OUTPUT` writes OUTPUT/events with the columns of the store's events table
(plus `mention_ids`); the functions here read it back as `Store` reads its own tables, with the
same filters and order, so `eventwire events --parquet OUTPUT` prints what `eventwire events`
prints for a store made from the same inputs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import EventwireError
from eventwire.records import Event, Mention
from eventwire.serial import event_from_dict, mention_from_dict
from eventwire.store import _date_filter, _where, event_filter, limit_clause


class MissingOutput(EventwireError):
    """The folder holds no Spark output table of that name."""


def table_files(folder: str | Path, table: str) -> list[str]:
    """The Parquet files of one table of a Spark output folder (`folder/table/*.parquet`), sorted.

    `folder` may also be the table's own folder. A table written with no rows may have no files."""
    base = Path(folder)
    if (base / table).is_dir():
        return sorted(str(p) for p in (base / table).glob("*.parquet"))
    files = sorted(str(p) for p in base.glob("*.parquet")) if base.is_dir() else []
    if not files:
        raise MissingOutput(f"{folder}: no {table} table (expected the output folder of `eventwire spark`)")
    return files


def _records(files: list[str], where: list[str], params: list[Any], limit: int | None = None) -> list[str]:
    """The `record` column of the rows that pass `where`, by date (undated last) then id."""
    if not files:
        return []
    sql = f"SELECT record FROM read_parquet(?) {_where(where)} ORDER BY date NULLS LAST, id{limit_clause(limit)}"
    with duckdb.connect() as con:
        return [r[0] for r in con.execute(sql, [files, *params]).fetchall()]


def events_from_parquet(folder: str | Path, dyad: str | None = None, since: dt.date | None = None,
                        until: dt.date | None = None, limit: int | None = None) -> list[Event]:
    """The events of a Spark output folder, filtered and ordered as `Store.events` does.

    `dyad` ("IND-RUS") keeps events between those two countries in either direction;
    `since`/`until` keep events dated in that range (inclusive); `limit` caps the count.
    """
    where, params = event_filter(dyad, since, until)
    records = _records(table_files(folder, "events"), where, params, limit)
    return [event_from_dict(json.loads(r)) for r in records]


def mentions_from_parquet(folder: str | Path, since: dt.date | None = None,
                          until: dt.date | None = None) -> list[Mention]:
    """The mentions of a Spark output folder, as `Store.mentions` gives them."""
    where, params = _date_filter(since, until)
    return [mention_from_dict(json.loads(r)) for r in _records(table_files(folder, "mentions"), where, params)]
