"""The web view in a real browser: Debian's Chromium, driven by Playwright, over the seed store.

The app runs under uvicorn in a background thread on a free loopback port. Screenshots go to
build/screenshots/ (dyad.png, event.png). Skipped when /usr/bin/chromium, the playwright package
or ../shared/seeds is missing. Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.settings import Settings
from eventwire.web.app import create_app, loopback_hosts

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the test is skipped below
    sync_playwright = None

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOST = "127.0.0.1"


@pytest.fixture(scope="module")
def browser():
    if sync_playwright is None:
        pytest.skip("the playwright Python package is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium); Playwright's own browsers are not used")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not beside the project")
    from eventwire.pipeline import run

    path = str(tmp_path_factory.mktemp("browser") / "seeds.duckdb")
    run([str(SEEDS)], Settings(db_path=path))
    return path


@pytest.fixture(scope="module")
def base_url(seed_db) -> Iterator[str]:
    """The app served by uvicorn in a thread, on a loopback socket bound to a free port."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    app = create_app(seed_db, allowed_hosts=loopback_hosts(HOST))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://{HOST}:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: problems.append(str(exc)))
    yield pg
    context.close()
    assert not problems, f"browser errors (CSP violations, failed loads...): {problems}"


def _call_row(page, day: str):
    """The timeline row of the telephone call (CAMEO 041) on `day`."""
    return page.locator("table.events tbody tr").filter(has_text=day).filter(has_text="Discuss by telephone")


def test_dyad_page_shows_both_calls_and_filters_by_date(page, base_url):
    page.goto(f"{base_url}/dyad/IND-RUS")
    expect(page.locator("h1")).to_have_text("IND – RUS")
    expect(_call_row(page, "2024-01-15")).to_have_count(1)
    expect(_call_row(page, "2024-03-20")).to_have_count(1)
    expect(page.locator("svg.chart g.bar").first).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dyad.png"), full_page=True)

    page.fill("input[name=since]", "2024-03-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**since=2024-03-01**")
    expect(_call_row(page, "2024-03-20")).to_have_count(1)
    expect(_call_row(page, "2024-01-15")).to_have_count(0)
    dates = page.locator("table.events tbody td.date").all_inner_texts()
    assert dates and all(d.startswith("2024-03") for d in dates), dates


def test_event_page_shows_two_sources_with_highlighted_sentences(page, base_url):
    page.goto(f"{base_url}/dyad/IND-RUS?since=2024-01-15&until=2024-01-15")
    _call_row(page, "2024-01-15").locator("td.date a").click()
    page.wait_for_url("**/event/**")
    expect(page.locator("h1")).to_contain_text("Discuss by telephone")
    sources = page.locator("article.source")
    expect(sources).to_have_count(2)
    for i in range(2):
        marks = sources.nth(i).locator("blockquote.paragraph mark")
        assert marks.count() >= 1
        expect(marks.first).to_be_visible()
        colour = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour  # the stylesheet loaded
    expect(page.locator("mark", has_text="telephonic conversation")).to_have_count(1)
    page.screenshot(path=str(SCREENSHOTS / "event.png"), full_page=True)
