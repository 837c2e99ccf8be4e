"""Templates and the small helpers pages use: names of codes, flag explanations, page links.

The Jinja environment autoescapes every template, so article text, titles, actor names and echoed
parameters always reach the page as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from eventwire.codes import CodeTable

from .charts import QUAD_NAMES
from .params import Page

FLAG_TEXT = {
    "date": "its reports give different dates",
    "code": "its reports code it with different CAMEO codes",
    "role": "its reports give an actor different offices",
}


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a table page stands in its result, with links to the pages before and after."""

    total: int
    first: int  # 1-based number of the first row shown (0 when none)
    last: int
    prev_url: str | None
    next_url: str | None


def pager(path: str, query: Mapping[str, str], page: Page, total: int, shown: int) -> Pager:
    limit = page.limit if page.limit is not None else max(shown, 1)

    def url(offset: int) -> str:
        return f"{path}?{urlencode({**query, 'limit': limit, 'offset': offset})}"

    prev_url = url(max(page.offset - limit, 0)) if page.offset > 0 and limit else None
    next_url = url(page.offset + limit) if page.offset + shown < total and limit else None
    first = page.offset + 1 if shown else 0
    return Pager(total, first, page.offset + shown, prev_url, next_url)


def make_templates(table: CodeTable) -> Jinja2Templates:
    """The app's templates (package data under web/templates/), with its helpers as globals."""
    env = Environment(loader=PackageLoader("eventwire.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(
        cameo_name=lambda code: table.info(code).name if code else "",
        quad_name=lambda q: QUAD_NAMES.get(q, "unclassified"),
        flag_text=lambda flag: FLAG_TEXT.get(flag, flag),
        dyad_path=lambda a, b: f"/dyad/{min(a, b)}-{max(a, b)}",
    )
    return Jinja2Templates(env=env)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)
