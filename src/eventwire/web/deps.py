"""FastAPI dependencies: a reader per request, and the parsed filters and pages of each endpoint.

Query parameters are declared as optional text so that the OpenAPI schema names them; their values
are parsed by `params`, which raises `BadParam` (answered with a 400) for anything unusable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from eventwire.records import Event

from .params import (
    MAX_DOWNLOAD,
    MAX_LIMIT,
    MAX_TABLE_LIMIT,
    Filters,
    Page,
    check_names,
    parse_code3,
    parse_event_id,
    parse_filters,
    parse_page,
    parse_text,
)
from .queries import ActorQuery, Reader


def get_reader(request: Request) -> Iterator[Reader]:
    """A reader on a fresh cursor of the app's read-only connection, closed after the request."""
    cursor = request.app.state.con.cursor()
    try:
        yield Reader(cursor)
    finally:
        cursor.close()


def only(*names: str) -> Callable[[Request], None]:
    """A dependency refusing query parameters other than `names` (and repeated ones)."""

    def check(request: Request) -> None:
        check_names(request.query_params, names)

    return check


def event_filters(request: Request, since: str | None = None, until: str | None = None, root: str | None = None,
                  plover: str | None = None, q: str | None = None) -> Filters:
    """Filters of a page about one dyad (the dyad comes from the path)."""
    values = {"since": since, "until": until, "root": root, "plover": plover, "q": q}
    return parse_filters(values, request.app.state.plovers)


def api_event_filters(request: Request, dyad: str | None = None, since: str | None = None, until: str | None = None,
                      root: str | None = None, plover: str | None = None, q: str | None = None) -> Filters:
    """Filters of the event API, where the dyad is a query parameter."""
    values = {"dyad": dyad, "since": since, "until": until, "root": root, "plover": plover, "q": q}
    return parse_filters(values, request.app.state.plovers)


def api_page(limit: str | None = None, offset: str | None = None) -> Page:
    """JSON pages: 50 rows unless asked, at most MAX_LIMIT."""
    return parse_page(limit, offset, 50, MAX_LIMIT)


def table_page(limit: str | None = None, offset: str | None = None) -> Page:
    """HTML tables: 100 rows unless asked, at most MAX_TABLE_LIMIT."""
    return parse_page(limit, offset, 100, MAX_TABLE_LIMIT)


def download_page(limit: str | None = None, offset: str | None = None) -> Page:
    """Downloads: every matching row (up to MAX_DOWNLOAD) unless a smaller limit is given."""
    return parse_page(limit, offset, MAX_DOWNLOAD, MAX_DOWNLOAD)


def actor_query(q: str | None = None, country: str | None = None, sector: str | None = None) -> ActorQuery:
    return ActorQuery(parse_text(q, "q"), parse_code3(country, "country"), parse_code3(sector, "sector"))


def find_event(reader: Reader, event_id: str) -> Event:
    """The stored event with this id; a 404 when there is none (a 400 when the id cannot be one)."""
    event = reader.event(parse_event_id(event_id))
    if event is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return event


ReaderDep = Annotated[Reader, Depends(get_reader)]
PathFilters = Annotated[Filters, Depends(event_filters)]
QueryFilters = Annotated[Filters, Depends(api_event_filters)]
ApiPage = Annotated[Page, Depends(api_page)]
TablePage = Annotated[Page, Depends(table_page)]
DownloadPage = Annotated[Page, Depends(download_page)]
ActorParams = Annotated[ActorQuery, Depends(actor_query)]
