"""The HTML pages: overview, dyad timeline, event with its sources, actor search."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from .charts import month_series, monthly_chart
from .deps import ActorParams, PathFilters, ReaderDep, TablePage, find_event, only
from .evidence import sources
from .params import FILTER_NAMES, PAGE_NAMES, Filters, Page, parse_dyad
from .render import pager, render

router = APIRouter(default_response_class=HTMLResponse)
OVERVIEW_ROWS = 20


@router.get("/", dependencies=[Depends(only())])
def overview(request: Request, reader: ReaderDep) -> HTMLResponse:
    """The busiest dyads and the latest events."""
    _, dyads = reader.dyads(Filters(), Page(OVERVIEW_ROWS))
    latest = reader.event_rows(Filters(), Page(OVERVIEW_ROWS), newest_first=True)
    return render(request, "overview.html", {"counts": reader.counts(), "dyads": dyads, "latest": latest})


@router.get("/dyad/{dyad}", dependencies=[Depends(only(*FILTER_NAMES, *PAGE_NAMES))])
def dyad_page(request: Request, dyad: str, f: PathFilters, page: TablePage, reader: ReaderDep) -> HTMLResponse:
    """The events between two countries (either direction): monthly chart and timeline table."""
    f = replace(f, dyad=parse_dyad(dyad))
    a, b = f.dyad
    total = reader.count_events(f)
    rows = reader.event_rows(f, page)
    chart = monthly_chart(month_series(reader.months(f)), f"Events per month between {a} and {b}")
    return render(request, "dyad.html", {
        "a": a, "b": b, "filters": f, "rows": rows, "chart": chart, "plovers": sorted(request.app.state.plovers),
        "pager": pager(f"/dyad/{a}-{b}", f.query(), page, total, len(rows)),
    })


@router.get("/event/{event_id}", dependencies=[Depends(only())])
def event_page(request: Request, event_id: str, reader: ReaderDep) -> HTMLResponse:
    """One merged event: its codes and flags, and every mention in its paragraph of the article."""
    event = find_event(reader, event_id)
    articles = reader.articles([m.doc_id for m in event.mentions])
    return render(request, "event.html", {"event": event, "sources": sources(event, articles)})


@router.get("/actors", dependencies=[Depends(only("q", "country", "sector", *PAGE_NAMES))])
def actors_page(request: Request, a: ActorParams, page: TablePage, reader: ReaderDep) -> HTMLResponse:
    """Actors seen as sources or targets of mentions, searchable by text, country and sector."""
    total, rows = reader.actors(a, page)
    countries, sectors = reader.actor_facets()
    query = {k: v for k, v in (("q", a.q), ("country", a.country), ("sector", a.sector)) if v}
    return render(request, "actors.html", {
        "query": a, "rows": rows, "countries": countries, "sectors": sectors,
        "pager": pager("/actors", query, page, total, len(rows)),
    })
