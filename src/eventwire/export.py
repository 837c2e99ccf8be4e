"""Export stored events or mentions as flat tables (Parquet or CSV).

The columns are the fields of the public JSON contract (`Event.to_json`, `Mention.to_json`)
flattened: nested objects become prefixed columns (`source_country`, `location_lat`,
`plover_event`, `evidence_sentence`), `date` is the same precision-aware ISO string as in JSON
(`2024-03-05`, `2024-03`, `2024`), empty codes are nulls, and the event `flags` are joined by ";".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from eventwire.records import Actor, Event, Mention, Place
from eventwire.store import Store

FORMATS = ("parquet", "csv")
TABLES = ("events", "mentions")

_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
_ACTOR = ("text", "country", "sector", "code", "name")
_PLACE = (("name", _S), ("country", _S), ("lat", _F), ("lon", _F))


def _actor_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{k}", _S) for k in _ACTOR]


_CODED = [
    ("date", _S), ("date_precision", _S), ("historical", _B), ("negated", _B), ("future", _B),
    *_actor_fields("source"), *_actor_fields("target"),
    ("cameo", _S), ("goldstein", _F), ("quad_class", _I), ("plover_event", _S), ("plover_mode", _S),
    *[(f"location_{k}", t) for k, t in _PLACE], ("evidence_sentence", _S),
]
EVENT_SCHEMA = pa.schema([
    ("id", _S), *_CODED, ("num_mentions", _I), ("num_sources", _I), ("num_articles", _I), ("flags", _S),
])
MENTION_SCHEMA = pa.schema([
    ("id", _S), ("doc_id", _S), ("url", _S), *_CODED, ("date_source", _S), ("hypothetical", _B),
    ("reported", _B), ("evidence_start", _I), ("evidence_end", _I), ("evidence_trigger", _S),
])


def _actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    j = actor.to_json() if actor is not None else {}
    return {f"{prefix}_{k}": j.get(k) for k in _ACTOR}


def _place(place: Place | None) -> dict[str, Any]:
    j = place.to_json() if place is not None else {}
    return {f"location_{k}": j.get(k) for k, _ in _PLACE}


def _coded(r: Event | Mention, sentence: str | None) -> dict[str, Any]:
    """The flat columns that events and mentions share."""
    return {
        "date": r.date.iso(), "date_precision": r.date.precision if r.date.date else None,
        "historical": r.date.historical, "negated": r.negated, "future": r.future,
        **_actor("source", r.source), **_actor("target", r.target),
        "cameo": r.cameo, "goldstein": r.goldstein, "quad_class": r.quad_class,
        "plover_event": r.plover_event or None, "plover_mode": r.plover_mode or None,
        **_place(r.location), "evidence_sentence": sentence,
    }


def event_flat(e: Event) -> dict[str, Any]:
    sentence = e.mentions[0].evidence.sentence if e.mentions else None
    return {"id": e.id, **_coded(e, sentence), "num_mentions": e.num_mentions,
            "num_sources": e.num_sources, "num_articles": e.num_articles, "flags": ";".join(e.flags)}


def mention_flat(m: Mention) -> dict[str, Any]:
    ev = m.evidence
    return {"id": m.id, "doc_id": m.doc_id, "url": m.url, **_coded(m, ev.sentence),
            "date_source": m.date.source, "hypothetical": m.hypothetical, "reported": m.reported,
            "evidence_start": ev.start, "evidence_end": ev.end, "evidence_trigger": ev.trigger or None}


def events_to_rows(events: Sequence[Event]) -> pa.Table:
    """Events as a flat Arrow table (columns: `EVENT_SCHEMA`), in the given order."""
    return pa.Table.from_pylist([event_flat(e) for e in events], schema=EVENT_SCHEMA)


def mentions_to_rows(mentions: Sequence[Mention]) -> pa.Table:
    """Mentions as a flat Arrow table (columns: `MENTION_SCHEMA`), in the given order."""
    return pa.Table.from_pylist([mention_flat(m) for m in mentions], schema=MENTION_SCHEMA)


def _check(fmt: str, table: str) -> str:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    return fmt


def write_rows(rows: pa.Table, path: Path, fmt: str) -> None:
    """Write a flat table to `path` as Parquet or CSV (with a header row)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        pq.write_table(rows, path)
    else:
        pa_csv.write_csv(rows, path)


def export(store: Store, path: Path, fmt: str, table: str = "events") -> int:
    """Write the stored `table` ("events" or "mentions") to `path` as `fmt`; returns the row count."""
    fmt = _check(fmt, table)
    if table == "events":
        rows = events_to_rows(store.events())
    else:
        rows = mentions_to_rows(store.mentions())
    write_rows(rows, Path(path), fmt)
    return rows.num_rows
