"""The JSON API (and CSV/Parquet downloads): the CLI's queries over HTTP, paginated.

Events are given in the public JSON contract (`Event.to_json`), downloads in the flat columns of
`eventwire.export`. Lists answer `{"total", "limit", "offset", <items>}`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from fastapi import APIRouter, Depends
from fastapi.responses import Response

from eventwire.export import events_to_rows
from eventwire.records import Article

from .charts import month_series
from .deps import ActorParams, ApiPage, DownloadPage, PathFilters, QueryFilters, ReaderDep, find_event, only
from .params import FILTER_NAMES, PAGE_NAMES, Filters, Page, parse_dyad, parse_filters
from .queries import DyadCount, Reader

router = APIRouter(prefix="/api")
EVENT_NAMES = ("dyad", *FILTER_NAMES, *PAGE_NAMES)
MEDIA = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def _listing(total: int, page: Page, key: str, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": page.limit, "offset": page.offset, key: items}


def _dyad_json(d: DyadCount) -> dict[str, Any]:
    return {"dyad": d.dyad, "a": d.a, "b": d.b, "events": d.events, "mentions": d.mentions,
            "first": d.first.isoformat() if d.first else None, "last": d.last.isoformat() if d.last else None,
            "mean_goldstein": d.mean_goldstein}


def _article_json(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title or None, "outlet": a.outlet or None, "url": a.url or None,
            "published": a.published.isoformat() if a.published else None}


@router.get("/events", dependencies=[Depends(only(*EVENT_NAMES))])
def events(f: QueryFilters, page: ApiPage, reader: ReaderDep) -> dict[str, Any]:
    """Merged events by date (as `eventwire events --format jsonl`), filtered and paginated."""
    return _listing(reader.count_events(f), page, "events", [e.to_json() for e in reader.events(f, page)])


def _download(reader: Reader, f: Filters, page: Page, fmt: str) -> Response:
    rows = events_to_rows(reader.events(f, page))
    sink = pa.BufferOutputStream()
    if fmt == "csv":
        pa_csv.write_csv(rows, sink)
    else:
        pq.write_table(rows, sink)
    headers = {"content-disposition": f'attachment; filename="events.{fmt}"',
               "x-total-count": str(reader.count_events(f))}
    return Response(sink.getvalue().to_pybytes(), media_type=MEDIA[fmt], headers=headers)


@router.get("/events.csv", dependencies=[Depends(only(*EVENT_NAMES))], response_class=Response)
def events_csv(f: QueryFilters, page: DownloadPage, reader: ReaderDep) -> Response:
    """The filtered events as CSV (the columns of `eventwire export`)."""
    return _download(reader, f, page, "csv")


@router.get("/events.parquet", dependencies=[Depends(only(*EVENT_NAMES))], response_class=Response)
def events_parquet(f: QueryFilters, page: DownloadPage, reader: ReaderDep) -> Response:
    """The filtered events as Parquet (the columns of `eventwire export`)."""
    return _download(reader, f, page, "parquet")


@router.get("/events/{event_id}", dependencies=[Depends(only())])
def event(event_id: str, reader: ReaderDep) -> dict[str, Any]:
    """One event with all its mentions, plus the stored articles they come from."""
    e = find_event(reader, event_id)
    articles = reader.articles([m.doc_id for m in e.mentions])
    return e.to_json() | {"articles": [_article_json(a) for a in articles.values()]}


@router.get("/dyads", dependencies=[Depends(only("since", "until", *PAGE_NAMES))])
def dyads(page: ApiPage, reader: ReaderDep, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Pairs of countries by number of events between them (either direction), busiest first."""
    total, rows = reader.dyads(parse_filters({"since": since, "until": until}, ()), page)
    return _listing(total, page, "dyads", [_dyad_json(d) for d in rows])


@router.get("/timeline/{dyad}", dependencies=[Depends(only(*FILTER_NAMES))])
def timeline(dyad: str, f: PathFilters, reader: ReaderDep) -> dict[str, Any]:
    """Monthly counts by QuadClass and mean Goldstein of a dyad's events (every month in range)."""
    f = replace(f, dyad=parse_dyad(dyad))
    months = month_series(reader.months(f))
    dated = sum(m.total for m in months)
    return {"dyad": "-".join(f.dyad), "filters": f.query(), "events": dated,
            "undated": reader.count_events(f) - dated,
            "months": [m.to_json() for m in months]}


@router.get("/actors", dependencies=[Depends(only("q", "country", "sector", *PAGE_NAMES))])
def actors(a: ActorParams, page: ApiPage, reader: ReaderDep) -> dict[str, Any]:
    """Actors seen in mentions (sources and targets), most mentioned first."""
    total, rows = reader.actors(a, page)
    items = [{"label": r.label, "country": r.country or None, "sector": r.sector or None, "code": r.code or None,
              "mentions": r.mentions, "as_source": r.as_source, "as_target": r.as_target, "forms": list(r.forms)}
             for r in rows]
    return _listing(total, page, "actors", items)
