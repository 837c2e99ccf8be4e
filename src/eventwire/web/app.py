"""The analyst's web view over an event store: `create_app` builds it, `serve` runs it with uvicorn.

The store is opened read-only once; each request reads through its own cursor. Pages are rendered
server-side from the Jinja templates in `templates/` (autoescaped), with CSS from `static/` and
charts drawn as inline SVG: the pages carry no script at all, and the Content-Security-Policy
header forbids any.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.codes import code_table
from eventwire.settings import Settings

from . import api, pages
from .params import BadParam
from .queries import open_store
from .render import make_templates, render

LOOPBACK = ("127.0.0.1", "localhost", "::1")
HEADERS = (
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def _host_name(host_header: str) -> str:
    """`127.0.0.1:8000` -> `127.0.0.1`; `[::1]:8000` -> `::1`."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class Guard:
    """ASGI middleware: adds the security headers to every response and, when `allowed_hosts` is
    given, refuses requests whose Host header names another host (a guard against DNS rebinding)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str] | None = None) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None and not self._allowed(scope):
            await PlainTextResponse("unexpected Host header", status_code=400)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _allowed(self, scope: Scope) -> bool:
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        return _host_name(host).lower() in self.allowed


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    """An error as JSON `{"detail": ...}` under /api/, else as an HTML page."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _install_error_handlers(app: FastAPI) -> None:
    async def bad_param(request: Request, exc: BadParam) -> Response:
        return _error(request, 400, str(exc))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        where = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors())
        return _error(request, 400, f"invalid request ({where})")

    app.add_exception_handler(BadParam, bad_param)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def create_app(db_path: str, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The web view over the store at `db_path`, opened read-only (StoreError when it is not a store).

    `allowed_hosts`: when given, only requests whose Host header names one of them are served.
    """
    con = open_store(db_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        con.close()

    app = FastAPI(title="eventwire", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  lifespan=lifespan)
    settings = Settings()
    table = code_table(settings)
    app.state.con = con
    app.state.db_path = str(db_path)
    app.state.codes = table
    app.state.plovers = frozenset(p.event for p in table.plover.values() if p.event)
    app.state.templates = make_templates(table)
    _install_error_handlers(app)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(packages=[("eventwire.web", "static")]), name="static")
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    return app


def loopback_hosts(host: str) -> list[str] | None:
    """The Host names to accept when serving on `host`: the loopback names when it is loopback."""
    return list(LOOPBACK) if host in LOOPBACK else None


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web view with uvicorn (on the loopback interface unless told otherwise)."""
    import uvicorn

    uvicorn.run(create_app(db_path, allowed_hosts=loopback_hosts(host)), host=host, port=port)
