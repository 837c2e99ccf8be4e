"""The DuckDB store: articles, mentions and merged events in one file (no server).

Schema (created when missing; every table keyed by `id`)::

    articles(id VARCHAR PRIMARY KEY, url, outlet, title, published DATE, published_source, lang,
             text, ingested_at TIMESTAMP)
    mentions(id VARCHAR PRIMARY KEY, doc_id, date DATE, date_precision, source_country, source_code,
             target_country, target_code, cameo, root, goldstein DOUBLE, quad_class INT,
             plover_event, plover_mode, negated BOOL, future BOOL, historical BOOL,
             sentence_start INT, record JSON)
    events(id VARCHAR PRIMARY KEY, date DATE, date_precision, source_country, target_country,
           source_code, target_code, cameo, root, goldstein DOUBLE, quad_class INT, plover_event,
           plover_mode, num_mentions INT, num_sources INT, num_articles INT, flags VARCHAR, record JSON)
    copies(article_id VARCHAR PRIMARY KEY, canonical): near-duplicate groups, replaced at each merge
    copy_signatures(article_id VARCHAR PRIMARY KEY, method, words INT, by_shingles BLOB, by_words BLOB):
        each article's `dedup.Signatures` (uint32 hash values), computed once
    copy_checks(a, b, method, copied BOOL; key a, b, method): copy decisions on pairs of articles (a < b),
        kept so that a later run checks only pairs with a new article

`method` is `dedup.METHOD`: rows of another method are dropped and computed again.

Unmarked columns are VARCHAR. `mentions.id` is `Mention.id`; `root` is the two-digit CAMEO root
of `cameo`; a missing actor or an empty code is NULL; `events.flags` is the flags joined by ";".
`record` is the full record (`serial.mention_to_dict` / `serial.event_to_dict`) as JSON text: it is
what the store reads records back from; the other columns exist for SQL queries and filters.
An article is rebuilt from its columns. Writes are bulk inserts from Arrow tables, one
transaction per call.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.records import Actor, Article, Event, Mention
from eventwire.serial import event_from_dict, event_to_dict, mention_from_dict, mention_to_dict

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, published DATE,
        published_source VARCHAR, lang VARCHAR, text VARCHAR, ingested_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS mentions (
        id VARCHAR PRIMARY KEY, doc_id VARCHAR, date DATE, date_precision VARCHAR,
        source_country VARCHAR, source_code VARCHAR, target_country VARCHAR, target_code VARCHAR,
        cameo VARCHAR, root VARCHAR, goldstein DOUBLE, quad_class INT, plover_event VARCHAR,
        plover_mode VARCHAR, negated BOOL, future BOOL, historical BOOL, sentence_start INT,
        record JSON)""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, date DATE, date_precision VARCHAR, source_country VARCHAR,
        target_country VARCHAR, source_code VARCHAR, target_code VARCHAR, cameo VARCHAR, root VARCHAR,
        goldstein DOUBLE, quad_class INT, plover_event VARCHAR, plover_mode VARCHAR, num_mentions INT,
        num_sources INT, num_articles INT, flags VARCHAR, record JSON)""",
    """CREATE TABLE IF NOT EXISTS copies (article_id VARCHAR PRIMARY KEY, canonical VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS copy_signatures (
        article_id VARCHAR PRIMARY KEY, method VARCHAR, words INT, by_shingles BLOB, by_words BLOB)""",
    """CREATE TABLE IF NOT EXISTS copy_checks (
        a VARCHAR, b VARCHAR, method VARCHAR, copied BOOL, PRIMARY KEY (a, b, method))""",
)
TABLES = ("articles", "mentions", "events")  # counted by `counts`
ARTICLE_COLUMNS = ("id", "text", "url", "outlet", "title", "published", "published_source", "lang")

_S, _D, _F, _I, _B = pa.string(), pa.date32(), pa.float64(), pa.int32(), pa.bool_()
ARTICLE_SCHEMA = pa.schema([(c, _D if c == "published" else _S) for c in ARTICLE_COLUMNS])
MENTION_SCHEMA = pa.schema([
    ("id", _S), ("doc_id", _S), ("date", _D), ("date_precision", _S), ("source_country", _S),
    ("source_code", _S), ("target_country", _S), ("target_code", _S), ("cameo", _S), ("root", _S),
    ("goldstein", _F), ("quad_class", _I), ("plover_event", _S), ("plover_mode", _S), ("negated", _B),
    ("future", _B), ("historical", _B), ("sentence_start", _I), ("record", _S),
])
EVENT_SCHEMA = pa.schema([
    ("id", _S), ("date", _D), ("date_precision", _S), ("source_country", _S), ("target_country", _S),
    ("source_code", _S), ("target_code", _S), ("cameo", _S), ("root", _S), ("goldstein", _F),
    ("quad_class", _I), ("plover_event", _S), ("plover_mode", _S), ("num_mentions", _I),
    ("num_sources", _I), ("num_articles", _I), ("flags", _S), ("record", _S),
])
_BATCH = "_eventwire_batch"  # name of the Arrow table registered for one insert


def _or_null(value: str) -> str | None:
    return value or None


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, str | None]:
    if actor is None:
        return {f"{prefix}_country": None, f"{prefix}_code": None}
    return {f"{prefix}_country": _or_null(actor.country), f"{prefix}_code": _or_null(actor.code)}


def _coded_cols(r: Mention | Event) -> dict[str, Any]:
    """The columns that mentions and events share."""
    return {
        "date": r.date.date, "date_precision": r.date.precision if r.date.date else None,
        **_actor_cols("source", r.source), **_actor_cols("target", r.target),
        "cameo": r.cameo, "root": _or_null(r.cameo[:2]), "goldstein": r.goldstein,
        "quad_class": r.quad_class, "plover_event": _or_null(r.plover_event),
        "plover_mode": _or_null(r.plover_mode),
    }


def mention_row(m: Mention) -> dict[str, Any]:
    return {"id": m.id, "doc_id": m.doc_id, **_coded_cols(m), "negated": m.negated, "future": m.future,
            "historical": m.date.historical, "sentence_start": m.evidence.start,
            "record": json.dumps(mention_to_dict(m), ensure_ascii=False)}


def event_row(e: Event) -> dict[str, Any]:
    return {"id": e.id, **_coded_cols(e), "num_mentions": e.num_mentions, "num_sources": e.num_sources,
            "num_articles": e.num_articles, "flags": ";".join(e.flags),
            "record": json.dumps(event_to_dict(e), ensure_ascii=False)}


def article_row(a: Article) -> dict[str, Any]:
    return {c: getattr(a, c) for c in ARTICLE_COLUMNS}


def _article(row: tuple) -> Article:
    return Article(**dict(zip(ARTICLE_COLUMNS, row, strict=True)))


def _first_by_id(records: Iterable[Any]) -> list[Any]:
    """Records with distinct ids, keeping the first of each id (in input order)."""
    seen: dict[str, Any] = {}
    for r in records:
        seen.setdefault(r.id, r)
    return list(seen.values())


class Store:
    """Articles, mentions and events in a DuckDB file. Use as a context manager, or `close()`."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = str(path)
        self._con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            for ddl in SCHEMA:
                self._sql(ddl)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------
    def _sql(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run one parameterised statement and fetch all of its result."""
        return self._con.execute(sql, list(params)).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()

    @contextmanager
    def _registered(self, batch: pa.Table) -> Iterator[str]:
        """Expose an Arrow table to SQL for the duration of the block, under the name yielded."""
        self._con.register(_BATCH, batch)
        try:
            yield _BATCH
        finally:
            self._con.unregister(_BATCH)

    def _insert(self, table: str, batch: pa.Table, where: str = "") -> int:
        """Bulk insert of an Arrow table into `table` (same column names); returns rows added.

        `record` columns are cast to JSON; articles get `ingested_at` stamped here.
        """
        cols = list(batch.schema.names)
        exprs = [f"{c}::JSON" if c == "record" else c for c in cols]
        if table == "articles":
            cols, exprs = [*cols, "ingested_at"], [*exprs, "current_localtimestamp()"]
        with self._registered(batch) as name:
            rows = self._sql(f"INSERT INTO {table} ({', '.join(cols)}) "
                             f"SELECT {', '.join(exprs)} FROM {name} {where}")
        return int(rows[0][0]) if rows else 0

    # -- articles and mentions --------------------------------------------------------------
    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that are already stored."""
        batch = pa.table({"id": pa.array(sorted(set(ids)), _S)})
        with self._registered(batch) as name:
            rows = self._sql(f"SELECT a.id FROM articles a JOIN {name} b ON a.id = b.id")
        return {r[0] for r in rows}

    def add_batch(self, articles: Sequence[Article], mentions: Sequence[Mention]) -> tuple[int, int]:
        """Store new articles and their mentions in one transaction; returns (articles, mentions) added.

        Articles already stored are skipped together with every mention whose `doc_id` names them;
        mentions whose id is already stored, or repeated within the batch, are skipped too (the
        first of a repeated id is kept). Adding the same batch twice therefore adds nothing.
        """
        with self._transaction():
            known = self.known_article_ids([a.id for a in articles] + [m.doc_id for m in mentions])
            new_articles = [a for a in _first_by_id(articles) if a.id not in known]
            new_mentions = [m for m in _first_by_id(mentions) if m.doc_id not in known]
            added = self._insert_articles(new_articles)
            return added, self._insert_mentions(new_mentions)

    def _insert_articles(self, articles: Sequence[Article]) -> int:
        if not articles:
            return 0
        return self._insert("articles", pa.Table.from_pylist([article_row(a) for a in articles],
                                                              schema=ARTICLE_SCHEMA))

    def _insert_mentions(self, mentions: Sequence[Mention]) -> int:
        if not mentions:
            return 0
        batch = pa.Table.from_pylist([mention_row(m) for m in mentions], schema=MENTION_SCHEMA)
        return self._insert("mentions", batch, "WHERE id NOT IN (SELECT id FROM mentions)")

    def mentions(self, since: dt.date | None = None, until: dt.date | None = None) -> list[Mention]:
        """Stored mentions, by date then id; with `since`/`until`, only those dated in that range."""
        where, params = _date_filter(since, until)
        rows = self._sql(f"SELECT record FROM mentions {_where(where)} ORDER BY date NULLS LAST, id",
                         params)
        return [mention_from_dict(json.loads(r[0])) for r in rows]

    def articles(self) -> list[Article]:
        """Every stored article, by id."""
        rows = self._sql(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY id")
        return [_article(row) for row in rows]

    def article(self, article_id: str) -> Article | None:
        rows = self._sql(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", [article_id])
        return _article(rows[0]) if rows else None

    # -- events -----------------------------------------------------------------------------
    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace every stored event with `events`, in one transaction (duplicate ids are a bug)."""
        with self._transaction():
            self._sql("DELETE FROM events")
            if events:
                self._insert("events", pa.Table.from_pylist([event_row(e) for e in events],
                                                            schema=EVENT_SCHEMA))

    def replace_copies(self, copies: Mapping[str, str]) -> None:
        """Replace the near-duplicate groups: article id -> its group's canonical article id."""
        with self._transaction():
            self._sql("DELETE FROM copies")
            if copies:
                ids = sorted(copies)
                self._insert("copies", pa.table({"article_id": pa.array(ids, _S),
                                                 "canonical": pa.array([copies[i] for i in ids], _S)}))

    def copy_texts(self, ids: Iterable[str] = (), *, unsigned: str = "") -> list[tuple[str, str]]:
        """(id, title and text) of the articles `ids`, or with `unsigned` (a `dedup.METHOD`), of those with
        no copy signatures of that method; by id."""
        sql = "SELECT a.id, coalesce(a.title, '') || chr(10) || a.text FROM articles a"
        if unsigned:
            rows = self._sql(f"{sql} WHERE a.id NOT IN (SELECT article_id FROM copy_signatures WHERE method = ?) "
                             "ORDER BY a.id", [unsigned])
        else:
            batch = pa.table({"id": pa.array(sorted(set(ids)), _S)})
            with self._registered(batch) as name:
                rows = self._sql(f"{sql} JOIN {name} b ON a.id = b.id ORDER BY a.id")
        return [(r[0], r[1]) for r in rows]

    def add_copy_signatures(self, method: str, signatures: Mapping[str, Any]) -> None:
        """Keep `dedup.Signatures` by article id (rows of other methods are dropped)."""
        ids = sorted(signatures)
        blob = pa.binary()
        batch = pa.table({
            "article_id": pa.array(ids, _S), "method": pa.array([method] * len(ids), _S),
            "words": pa.array([signatures[i].words for i in ids], _I),
            "by_shingles": pa.array([_bytes(signatures[i].by_shingles) for i in ids], blob),
            "by_words": pa.array([_bytes(signatures[i].by_words) for i in ids], blob)})
        with self._transaction():
            self._sql("DELETE FROM copy_signatures WHERE method <> ?", [method])
            if ids:
                self._insert("copy_signatures", batch,
                             "WHERE article_id NOT IN (SELECT article_id FROM copy_signatures)")

    def copy_signatures(self, method: str) -> dict[str, Any]:
        """Article id -> its `dedup.Signatures` of `method`."""
        from eventwire.dedup import Signatures

        rows = self._sql("SELECT article_id, words, by_shingles, by_words FROM copy_signatures WHERE method = ? "
                         "ORDER BY article_id", [method])
        return {r[0]: Signatures(r[1], _array(r[2]), _array(r[3])) for r in rows}

    def add_copy_checks(self, method: str, decisions: Mapping[tuple[str, str], bool]) -> None:
        """Keep copy decisions on pairs (a, b), a < b (rows of other methods are dropped)."""
        pairs = sorted(decisions)
        batch = pa.table({"a": pa.array([p[0] for p in pairs], _S), "b": pa.array([p[1] for p in pairs], _S),
                          "method": pa.array([method] * len(pairs), _S),
                          "copied": pa.array([bool(decisions[p]) for p in pairs], _B)})
        with self._transaction():
            self._sql("DELETE FROM copy_checks WHERE method <> ?", [method])
            if pairs:
                self._insert("copy_checks", batch,
                             "WHERE a || chr(0) || b NOT IN (SELECT a || chr(0) || b FROM copy_checks)")

    def copy_checks(self, method: str) -> dict[tuple[str, str], bool]:
        """(a, b) -> copy or not, for the pairs decided so far with `method`."""
        return {(a, b): bool(c) for a, b, c in self._sql("SELECT a, b, copied FROM copy_checks WHERE method = ?",
                                                           [method])}

    def copies(self) -> dict[str, str]:
        """Article id -> canonical article id of its near-duplicate group (only articles in a group)."""
        return dict(self._sql("SELECT article_id, canonical FROM copies ORDER BY article_id"))

    def events(self, dyad: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, limit: int | None = None) -> list[Event]:
        """Stored events ordered by date, then id.

        `dyad` ("IND-RUS") keeps events between those two countries in either direction;
        `since`/`until` keep events dated in that range (inclusive); `limit` caps the count.
        """
        where, params = event_filter(dyad, since, until)
        sql = f"SELECT record FROM events {_where(where)} ORDER BY date NULLS LAST, id{limit_clause(limit)}"
        return [event_from_dict(json.loads(r[0])) for r in self._sql(sql, params)]

    def counts(self) -> dict[str, int]:
        """Number of rows of each table: articles, mentions, events."""
        return {t: int(self._sql(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


def _bytes(values: Any) -> bytes | None:
    return None if values is None else values.astype("<u4").tobytes()


def _array(blob: bytes | None) -> Any:
    import numpy as np

    return None if blob is None else np.frombuffer(blob, dtype="<u4").copy()


def event_filter(dyad: str | None, since: dt.date | None, until: dt.date | None) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters for events of a dyad (either direction) in a date range."""
    where, params = _date_filter(since, until)
    if dyad is not None:
        a, b = _parse_dyad(dyad)
        where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
        params += [a, b, b, a]
    return where, params


def limit_clause(limit: int | None) -> str:
    if limit is None:
        return ""
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    return f" LIMIT {int(limit)}"


def _date_filter(since: dt.date | None, until: dt.date | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("date >= ?")
        params.append(since)
    if until is not None:
        where.append("date <= ?")
        params.append(until)
    return where, params


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _parse_dyad(dyad: str) -> tuple[str, str]:
    """"IND-RUS" -> ("IND", "RUS"); anything but two non-empty codes is a ValueError."""
    parts = [p.strip().upper() for p in dyad.split("-")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"dyad must look like 'IND-RUS' (two country codes), got {dyad!r}")
    return parts[0], parts[1]
