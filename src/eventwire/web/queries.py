"""Read-only queries of the web view over the event store (the schema of `eventwire.store`).

Every statement is parameterised: user values only ever travel as parameters, never as SQL text.
A `Reader` runs on one DuckDB cursor, so each request gets its own (cursors of one read-only
connection may run in parallel threads).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import EventwireError
from eventwire.records import Article, Event, EventDate
from eventwire.serial import event_from_dict
from eventwire.store import ARTICLE_COLUMNS, TABLES

from .params import Filters, Page

DYAD_SQL = "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))"
MAX_BY_ID = 1000  # pages up to this size are fetched in two steps (see Reader._by_rowids)
EVIDENCE_SQL = ("len(list_filter(json_extract_string(record, '$.mentions[*].evidence.sentence'), "
                "lambda s: contains(lower(s), ?))) > 0")
ROW_COLUMNS = (
    "id, date, date_precision, cameo, plover_event, plover_mode, goldstein, quad_class, source_code, "
    "target_code, json_extract_string(record, '$.source.text'), json_extract_string(record, '$.target.text'), "
    "num_mentions, num_sources, num_articles, flags, json_extract_string(record, '$.mentions[0].evidence.sentence')"
)
ACTORS_SQL = """
    WITH roles AS (
        SELECT 'source' AS role, record->'source' AS a FROM mentions
        UNION ALL SELECT 'target', record->'target' FROM mentions
    ), flat AS (
        SELECT role, a->>'text' AS text, coalesce(a->>'name', '') AS name, coalesce(a->>'country', '') AS country,
               coalesce(a->>'sector', '') AS sector, coalesce(a->>'code', '') AS code
        FROM roles WHERE a->>'text' IS NOT NULL
    )
    SELECT CASE WHEN name <> '' THEN name ELSE text END AS label, country, sector, code, count(*) AS n,
           count(*) FILTER (WHERE role = 'source'), count(*) FILTER (WHERE role = 'target'),
           list(DISTINCT text ORDER BY text)[1:5]
    FROM flat {where} GROUP BY ALL"""


class StoreError(EventwireError):
    """The event store cannot be opened for the web view (missing file, or not an eventwire store)."""


@dataclass(frozen=True, slots=True)
class EventRow:
    """One merged event as the timeline table shows it (read from columns, not the full record)."""

    id: str
    date: EventDate
    cameo: str
    plover_event: str
    plover_mode: str
    goldstein: float
    quad_class: int
    source_code: str
    target_code: str
    source_text: str
    target_text: str
    num_mentions: int
    num_sources: int
    num_articles: int
    flags: tuple[str, ...]
    sentence: str


@dataclass(frozen=True, slots=True)
class DyadCount:
    a: str
    b: str
    events: int
    mentions: int
    first: dt.date | None
    last: dt.date | None
    mean_goldstein: float

    @property
    def dyad(self) -> str:
        return f"{self.a}-{self.b}"


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor seen in mentions: its resolved name (or its text), codes, and how often it appears."""

    label: str
    country: str
    sector: str
    code: str
    mentions: int
    as_source: int
    as_target: int
    forms: tuple[str, ...]  # the texts it was written as (the first few, alphabetically)


@dataclass(frozen=True, slots=True)
class ActorQuery:
    q: str | None = None
    country: str | None = None
    sector: str | None = None


def open_store(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an eventwire store; StoreError when there is none at `path`."""
    if not Path(path).is_file():
        raise StoreError(f"no event store at {path}: create one with `eventwire run`")
    con = duckdb.connect(str(path), read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    missing = sorted(set(TABLES) - names)
    if missing:
        con.close()
        raise StoreError(f"{path} is not an eventwire store (no table {', '.join(missing)})")
    return con


def event_where(f: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions on the events table for `f`, with their parameters."""
    conds: list[str] = []
    params: list[Any] = []
    if f.dyad is not None:
        a, b = f.dyad
        conds.append(DYAD_SQL)
        params += [a, b, b, a]
    for cond, value in (("date >= ?", f.since), ("date <= ?", f.until), ("root = ?", f.root),
                        ("plover_event = ?", f.plover)):
        if value is not None:
            conds.append(cond)
            params.append(value)
    if f.q is not None:
        conds.append(EVIDENCE_SQL)
        params.append(f.q.lower())
    return conds, params


def _where(conds: Sequence[str]) -> str:
    return f"WHERE {' AND '.join(conds)}" if conds else ""


def _paged(sql: str, params: list[Any], page: Page) -> tuple[str, list[Any]]:
    if page.limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, page.limit]
    return f"{sql} OFFSET ?", [*params, page.offset]


def _event_row(r: tuple) -> EventRow:
    date = EventDate(r[1], r[2] or "day")
    return EventRow(r[0], date, r[3] or "", r[4] or "", r[5] or "", r[6], r[7], r[8] or "", r[9] or "",
                    r[10] or "", r[11] or "", r[12], r[13], r[14], tuple(x for x in (r[15] or "").split(";") if x),
                    r[16] or "")


class Reader:
    """The web view's queries, on one cursor of the read-only store connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def counts(self) -> dict[str, int]:
        return {t: int(self._rows(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}

    def count_events(self, f: Filters) -> int:
        conds, params = event_where(f)
        return int(self._rows(f"SELECT count(*) FROM events {_where(conds)}", params)[0][0])

    def _page_rowids(self, f: Filters, page: Page, order: str) -> list[int]:
        conds, params = event_where(f)
        sql, params = _paged(f"SELECT rowid FROM events {_where(conds)} ORDER BY {order}", params, page)
        return [r[0] for r in self._rows(sql, params)]

    def _by_rowids(self, columns: str, rowids: Sequence[int]) -> list[tuple]:
        """`columns` of the events at these row ids, in the order given.

        A page is found first on the small columns, then only its rows are read: the large `record`
        column is never read (nor its JSON parsed) for rows the page does not show. Row ids are
        stable here because the connection is read-only."""
        if not rowids:
            return []
        rows = self._rows(f"SELECT rowid, {columns} FROM events WHERE rowid = ANY(?::BIGINT[])", [list(rowids)])
        by_rowid = {r[0]: r[1:] for r in rows}
        return [by_rowid[i] for i in rowids if i in by_rowid]

    def _page(self, columns: str, f: Filters, page: Page, order: str) -> list[tuple]:
        if page.limit is not None and page.limit <= MAX_BY_ID:
            return self._by_rowids(columns, self._page_rowids(f, page, order))
        conds, params = event_where(f)
        sql, params = _paged(f"SELECT {columns} FROM events {_where(conds)} ORDER BY {order}", params, page)
        return self._rows(sql, params)

    def event_rows(self, f: Filters, page: Page, newest_first: bool = False) -> list[EventRow]:
        """Events as table rows, by date (oldest first unless `newest_first`), then id."""
        order = "date DESC NULLS LAST, id" if newest_first else "date NULLS LAST, id"
        return [_event_row(r) for r in self._page(ROW_COLUMNS, f, page, order)]

    def events(self, f: Filters, page: Page) -> list[Event]:
        """Full event records, by date then id."""
        rows = self._page("record", f, page, "date NULLS LAST, id")
        return [event_from_dict(json.loads(r[0])) for r in rows]

    def event(self, event_id: str) -> Event | None:
        rows = self._rows("SELECT record FROM events WHERE id = ?", [event_id])
        return event_from_dict(json.loads(rows[0][0])) if rows else None

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among `ids`, by id."""
        rows = self._rows(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles "
                          "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(ids))])
        return {r[0]: Article(**dict(zip(ARTICLE_COLUMNS, r, strict=True))) for r in rows}

    def months(self, f: Filters) -> list[tuple[str, int, int, float]]:
        """(YYYY-MM, QuadClass, events, sum of Goldstein) of the dated events `f` keeps, by month."""
        conds, params = event_where(f)
        sql = (f"SELECT strftime(date, '%Y-%m'), quad_class, count(*), sum(goldstein) FROM events "
               f"{_where([*conds, 'date IS NOT NULL'])} GROUP BY 1, 2 ORDER BY 1, 2")
        return [(r[0], int(r[1] or 0), int(r[2]), float(r[3] or 0.0)) for r in self._rows(sql, params)]

    def dyads(self, f: Filters, page: Page) -> tuple[int, list[DyadCount]]:
        """Pairs of countries by their number of events (either direction), with the total pair count."""
        conds, params = event_where(Filters(since=f.since, until=f.until))
        conds += ["source_country IS NOT NULL", "target_country IS NOT NULL"]
        grouped = (f"SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) "
                   f"AS b, count(*) AS n, sum(num_mentions), min(date), max(date), avg(goldstein) FROM events "
                   f"{_where(conds)} GROUP BY 1, 2")
        total = int(self._rows(f"SELECT count(*) FROM ({grouped})", params)[0][0])
        sql, params = _paged(f"{grouped} ORDER BY n DESC, a, b", params, page)
        return total, [DyadCount(*r[:6], round(float(r[6] or 0.0), 2)) for r in self._rows(sql, params)]

    def actors(self, a: ActorQuery, page: Page) -> tuple[int, list[ActorRow]]:
        """Actors of the stored mentions (sources and targets), most mentioned first, with the total."""
        conds, params = _actor_where(a)
        grouped = ACTORS_SQL.format(where=_where(conds))
        total = int(self._rows(f"SELECT count(*) FROM ({grouped})", params)[0][0])
        sql, params = _paged(f"{grouped} ORDER BY n DESC, label, code", params, page)
        return total, [ActorRow(*r[:7], tuple(r[7])) for r in self._rows(sql, params)]

    def actor_facets(self) -> tuple[list[str], list[str]]:
        """The countries and the sectors that actors of the stored mentions have."""
        grouped = ACTORS_SQL.format(where="")
        rows = self._rows(f"SELECT list(DISTINCT country ORDER BY country), list(DISTINCT sector ORDER BY sector) "
                          f"FROM ({grouped})")
        countries, sectors = rows[0] if rows else ([], [])
        return [c for c in countries or [] if c], [s for s in sectors or [] if s]


def _actor_where(a: ActorQuery) -> tuple[list[str], list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    if a.q is not None:
        conds.append("(contains(lower(text), ?) OR contains(lower(name), ?) OR contains(lower(code), ?))")
        params += [a.q.lower()] * 3
    if a.country is not None:
        conds.append("country = ?")
        params.append(a.country)
    if a.sector is not None:
        conds.append("sector = ?")
        params.append(a.sector)
    return conds, params
