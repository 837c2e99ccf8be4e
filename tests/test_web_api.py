"""The web view through FastAPI's TestClient: pages, JSON API, downloads, bad parameters and injections.

One store is built from hand-made records (including hostile text in every stored field); one, in the
slow tests, from the seed articles through the real pipeline.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from dataclasses import replace
from html import unescape
from pathlib import Path
from urllib.parse import quote

import duckdb
import pyarrow.parquet as pq
import pytest
from test_store import ACTORS, make_article, make_event, make_mention

from eventwire.records import Actor, Article, EventDate, Evidence, Mention
from eventwire.settings import Settings
from eventwire.store import Store
from eventwire.web import create_app, serve
from eventwire.web.charts import Month, count_step, month_series, monthly_chart
from eventwire.web.evidence import MAX_CONTEXT, passage
from eventwire.web.params import BadParam, parse_date, parse_dyad, parse_root
from eventwire.web.queries import StoreError

with warnings.catch_warnings():  # starlette 1.x prefers httpx2 and warns when it finds httpx
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

D = dt.date
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SCRIPT = "<script>alert(1)</script>"
SQLI = "' OR 1=1 --"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
CALL = "Modi called Putin on Monday to discuss trade."
HOSTILE = f"Officials said {SCRIPT} was posted, and {SQLI} too."


def _article(doc_id: str, paragraphs: list[str], **fields) -> Article:
    return Article(id=doc_id, text="\n\n".join(paragraphs), **fields)


def _mention_in(article: Article, sentence: str, doc: int, **changes) -> Mention:
    """A mention of `article` whose evidence sits at the sentence's real offsets (trigger: 2nd word)."""
    start = article.text.index(sentence)
    word = sentence.split()[1]
    t0 = start + sentence.index(word)
    ev = Evidence(sentence, start, start + len(sentence), word, t0, t0 + len(word))
    return replace(make_mention(doc, start, **changes), doc_id=article.id, url=article.url, evidence=ev)


def _records():
    call_art = _article("call", ["Leaders spoke.", f"Earlier news. {CALL} Trade was the topic.", "Last line."],
                        url="https://news.example/call", outlet="Wire One", title="Modi calls Putin",
                        published=D(2024, 1, 16))
    call_art2 = _article("call2", [f"{CALL} Both sides confirmed it."], url="https://other.example/c2",
                         outlet="Wire Two", title="Second report", published=D(2024, 1, 15))
    evil_art = _article("evil", ["Intro.", HOSTILE], url="javascript:alert(1)", outlet=f"<b>{SCRIPT}</b>",
                        title=SCRIPT, published=D(2024, 3, 11))
    evil_actor = Actor(SCRIPT, "IND", "GOV", "INDGOV", name="")
    sqli_actor = Actor(SQLI, "RUS", "MIL", "RUSMIL")
    m_call = _mention_in(call_art, CALL, 3, cameo="041", date=EventDate(D(2024, 1, 15), "day", "attached"))
    m_call2 = _mention_in(call_art2, CALL, 4, cameo="040", date=EventDate(D(2024, 1, 15), "day", "attached"))
    m_evil = _mention_in(evil_art, HOSTILE, 5, cameo="111", source=evil_actor, target=sqli_actor)
    articles = [make_article(1), make_article(2), call_art, call_art2, evil_art]
    mentions = [make_mention(1), make_mention(2, 10), m_call, m_call2, m_evil]
    events = [
        make_event("e1", flags=("date", "role")),  # IND-RUS 2024-03-04, 036, text offsets do not match
        make_event("e2", "CHN", "USA", D(2024, 2, 1), date=EventDate(D(2024, 2, 1), "month", "sentence")),
        make_event("call", day=D(2024, 1, 15), mentions=(m_call, m_call2), cameo="041", plover_event="CONSULT",
                   plover_mode="phone", goldstein=1.0, num_sources=2, num_articles=2, flags=("code",)),
        make_event("coerce", "RUS", "IND", D(2023, 11, 2), cameo="173", goldstein=-5.0, quad_class=4,
                   plover_event="COERCE", plover_mode=""),
        make_event("evil", day=D(2024, 3, 10), mentions=(m_evil,), source=evil_actor, target=sqli_actor,
                   cameo="111", goldstein=-2.0, quad_class=3, plover_event="ACCUSE", plover_mode=""),
        make_event("undated", day=None, date=EventDate(None, "day", "publication")),
    ]
    return articles, mentions, events


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "hand.duckdb")
    articles, mentions, events = _records()
    with Store(path) as s:
        s.add_batch(articles, mentions)
        s.replace_events(events)
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def _ids(html: str) -> list[str]:
    """Event ids linked from a page, in order."""
    return re.findall(r'href="/event/([^"]+)"', html)


# -- pages ---------------------------------------------------------------------------------------

def test_overview_lists_busiest_dyads_and_latest_events(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "text/html" in r.headers["content-type"]
    assert '<a href="/dyad/IND-RUS">IND–RUS</a>' in r.text
    assert r.text.index("/dyad/IND-RUS") < r.text.index("/dyad/CHN-USA")  # 4 events before 1
    assert _ids(r.text)[:3] == ["evil", "e1", "e2"]  # newest first
    assert "6 events merged from 5 mentions in 5 articles" in r.text


def test_dyad_page_either_order_gives_the_same_timeline(client):
    forward, backward = client.get("/dyad/IND-RUS"), client.get("/dyad/rus-ind")
    assert forward.status_code == backward.status_code == 200
    assert _ids(forward.text) == _ids(backward.text) == ["coerce", "call", "e1", "evil", "undated"]
    assert "Discuss by telephone" in forward.text
    assert "CONSULT <span class=\"mode\">(phone)</span>" in forward.text
    assert "<td class=\"num\">-5.0</td>" in forward.text


@pytest.mark.parametrize(("query", "expected"), [
    ("since=2024-01-01", ["call", "e1", "evil"]),
    ("until=2024-01", ["coerce", "call"]),  # a month as `until` means its last day
    ("since=2024-01-15&until=2024-01-15", ["call"]),
    ("root=17", ["coerce"]),
    ("root=4", ["call"]),
    ("plover=accuse", ["evil"]),
    ("q=TELEPHONE", []),
    ("q=called+putin", ["call"]),
    ("since=&until=&root=&plover=&q=", ["coerce", "call", "e1", "evil", "undated"]),  # a blank form
])
def test_dyad_page_filters(client, query, expected):
    r = client.get(f"/dyad/IND-RUS?{query}")
    assert r.status_code == 200, r.text
    assert _ids(r.text) == expected


def test_dyad_page_keeps_filters_in_its_form_and_links(client):
    r = client.get("/dyad/IND-RUS?since=2023-01-01&root=04&limit=1")
    assert 'name="since" value="2023-01-01"' in r.text
    assert '<option value="04" selected>' in r.text
    assert _ids(r.text) == ["call"] and 'rel="next"' not in r.text and 'rel="prev"' not in r.text
    r = client.get("/dyad/IND-RUS?limit=2&offset=2")
    assert _ids(r.text) == ["e1", "evil"]
    assert 'rel="prev" href="/dyad/IND-RUS?limit=2&amp;offset=0"' in r.text
    assert 'rel="next" href="/dyad/IND-RUS?limit=2&amp;offset=4"' in r.text
    assert "Rows 3–4 of 5." in r.text


def test_dyad_page_chart_stacks_months_by_quad_class(client):
    html = client.get("/dyad/IND-RUS").text
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count('<g class="bar">') == 3  # 2023-11, 2024-01, 2024-03 (2024-03 has two events)
    assert "2024-03: 2 events (verbal cooperation 1, verbal conflict 1); mean Goldstein 1.00" in svg
    assert "2023-12" in svg and "2024-02" in svg  # empty months keep the time axis
    assert 'class="q4"' in svg and 'class="goldstein"' in svg
    assert "No dated events" in client.get("/dyad/IND-RUS?since=2030-01-01").text


def test_event_page_highlights_each_sentence_in_its_paragraph(client):
    r = client.get("/event/call")
    assert r.status_code == 200
    html = r.text
    assert html.count("<mark>") == 2
    assert "Earlier news. <mark>Modi <strong>called</strong> Putin on Monday to discuss trade.</mark> Trade was" in html
    assert "<mark>Modi <strong>called</strong> Putin on Monday to discuss trade.</mark> Both sides" in html
    assert "Leaders spoke." not in html  # other paragraphs are not shown
    assert "Modi calls Putin" in html and "Second report" in html
    assert "Wire One" in html and "2024-01-16" in html
    assert 'href="https://news.example/call"' in html
    assert "its reports code it with different CAMEO codes" in html
    assert "2 mentions in 2 articles from 2 sources" in html


def test_event_page_shows_the_sentence_alone_when_the_text_does_not_hold_it(client):
    html = client.get("/event/e1").text
    assert "<mark>Modi met Putin in Moscow on Monday, officials said.</mark>" in html
    assert "does not contain this sentence" in html
    assert "its reports give different dates" in html and "its reports give an actor different offices" in html


def test_event_page_unknown_and_unusable_ids(client):
    r = client.get("/event/nope")
    assert r.status_code == 404 and "no event with id" in r.text and "text/html" in r.headers["content-type"]
    assert client.get("/event/" + "x" * 200).status_code == 400


def test_actor_search(client):
    html = client.get("/actors").text
    assert "Narendra Modi" in html and "Vladimir Putin" in html
    html = client.get("/actors?q=putin").text
    assert "Vladimir Putin" in html and "Narendra Modi" not in html
    html = client.get("/actors?country=rus&sector=MIL").text
    assert ESCAPED_SCRIPT not in html and "RUSMIL" in html and "Vladimir Putin" not in html
    assert '<option selected>RUS</option>' in html
    assert "No actor matches." in client.get("/actors?q=nobody").text


# -- JSON API -----------------------------------------------------------------------------------

def test_api_events_are_the_public_records_with_pagination(client, db):
    r = client.get("/api/events")
    body = r.json()
    assert body["total"] == 6 and body["limit"] == 50 and body["offset"] == 0
    with Store(db, read_only=True) as s:
        assert body["events"] == [e.to_json() for e in s.events()]
    page = client.get("/api/events?limit=2&offset=1").json()
    assert [e["id"] for e in page["events"]] == [e["id"] for e in body["events"][1:3]]
    assert client.get("/api/events?offset=100").json() == {"total": 6, "limit": 50, "offset": 100, "events": []}


def test_api_events_filters_match_the_store(client, db):
    body = client.get("/api/events?dyad=RUS-IND&since=2024-01-01&until=2024-12-31").json()
    with Store(db, read_only=True) as s:
        expected = [e.id for e in s.events(dyad="IND-RUS", since=D(2024, 1, 1), until=D(2024, 12, 31))]
    assert [e["id"] for e in body["events"]] == expected == ["call", "e1", "evil"]
    assert [e["id"] for e in client.get("/api/events?plover=COERCE").json()["events"]] == ["coerce"]
    assert [e["id"] for e in client.get("/api/events?q=discuss%20trade").json()["events"]] == ["call"]


def test_api_event_detail(client):
    body = client.get("/api/events/call").json()
    assert body["id"] == "call" and body["num_mentions"] == 2 and body["flags"] == ["code"]
    assert {a["outlet"] for a in body["articles"]} == {"Wire One", "Wire Two"}
    r = client.get("/api/events/missing")
    assert r.status_code == 404 and r.json() == {"detail": "no event with id 'missing'"}


def test_api_dyads(client):
    body = client.get("/api/dyads").json()
    assert body["total"] == 2
    first = body["dyads"][0]
    assert first["dyad"] == "IND-RUS" and first["events"] == 5 and first["first"] == "2023-11-02"
    assert first["last"] == "2024-03-10"
    assert [d["dyad"] for d in client.get("/api/dyads?since=2024-02-01&until=2024-02-29").json()["dyads"]] == [
        "CHN-USA"]


def test_api_timeline_fills_months_and_counts_undated(client):
    body = client.get("/api/timeline/rus-ind").json()
    assert body["dyad"] == "RUS-IND" and body["events"] == 4 and body["undated"] == 1
    months = body["months"]
    assert [m["month"] for m in months] == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    assert months[0] == {"month": "2023-11", "events": 1, "quad_class": {"1": 0, "2": 0, "3": 0, "4": 1},
                         "mean_goldstein": -5.0}
    assert months[1]["events"] == 0 and months[1]["mean_goldstein"] is None
    assert client.get("/api/timeline/IND-RUS?root=04").json()["months"][0]["month"] == "2024-01"


def test_api_actors(client):
    body = client.get("/api/actors?country=IND").json()
    labels = {a["label"] for a in body["actors"]}
    assert "Narendra Modi" in labels and SCRIPT in labels
    assert all(a["country"] == "IND" for a in body["actors"])
    modi = next(a for a in body["actors"] if a["label"] == "Narendra Modi")
    assert modi["as_source"] == 4 and modi["as_target"] == 0 and modi["forms"] == [ACTORS["IND"].text]
    assert client.get("/api/actors?limit=1").json()["total"] == body["total"] + 2  # + Putin, the RUSMIL actor


def test_csv_download_has_the_export_columns(client):
    r = client.get("/api/events.csv?dyad=IND-RUS&since=2024-01-01")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == ["call", "e1", "evil"]
    assert rows[2]["source_text"] == SCRIPT and rows[2]["evidence_sentence"] == HOSTILE  # data, not markup
    assert r.headers["x-total-count"] == "3"


def test_parquet_download(client):
    r = client.get("/api/events.parquet?limit=2")
    assert r.status_code == 200
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 2 and "plover_event" in table.column_names


# -- bad parameters ------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "message"), [
    ("/dyad/XX", "two three-letter country codes"),
    ("/dyad/IND", "two three-letter country codes"),
    ("/dyad/IND-RUS-CHN", "two three-letter country codes"),
    ("/dyad/I1D-RUS", "two three-letter country codes"),
    ("/dyad/IND-RUS?since=2024-13-01", "is not a calendar date"),
    ("/dyad/IND-RUS?since=2024-02-30", "is not a calendar date"),
    ("/dyad/IND-RUS?since=yesterday", "must be a date like"),
    ("/dyad/IND-RUS?since=%D9%A2%D9%A0%D9%A2%D9%A4", "must be a date like"),  # Arabic-Indic digits
    ("/dyad/IND-RUS?since=2024-03-01&until=2024-01-01", "is after until"),
    ("/dyad/IND-RUS?root=21", "CAMEO root from 01 to 20"),
    ("/dyad/IND-RUS?root=00", "CAMEO root from 01 to 20"),
    ("/dyad/IND-RUS?root=abc", "CAMEO root from 01 to 20"),
    ("/dyad/IND-RUS?plover=FIGHTING", "plover must be one of"),
    ("/dyad/IND-RUS?limit=-1", "limit must be a whole number from 0 to 500"),
    ("/dyad/IND-RUS?limit=501", "limit must be a whole number from 0 to 500"),
    ("/dyad/IND-RUS?sinse=2024-01-01", "unknown parameter 'sinse'"),
    ("/dyad/IND-RUS?root=01&root=02", "given more than once"),
    ("/dyad/IND-RUS?q=" + "x" * 201, "limited to 200 characters"),
    ("/dyad/IND-RUS?q=a%00b", "control characters"),
    ("/?x=1", "unknown parameter"),
    ("/event/call?x=1", "unknown parameter"),
    ("/actors?country=India", "three-letter code"),
    ("/actors?sector=1", "three-letter code"),
    ("/api/events?limit=-1", "limit must be a whole number from 0 to 1000"),
    ("/api/events?limit=1001", "limit must be a whole number from 0 to 1000"),
    ("/api/events?limit=1e3", "limit must be a whole number"),
    ("/api/events?offset=99999999999999999999", "offset must be a whole number from 0 to 10000000"),
    ("/api/events?offset=10000001", "offset must be a whole number"),
    ("/api/events?dyad=XX", "two three-letter country codes"),
    ("/api/events?root=99", "CAMEO root"),
    ("/api/events?until=2024-1-1", "must be a date like"),
    ("/api/events.csv?limit=1000001", "limit must be a whole number from 0 to 1000000"),
    ("/api/events.parquet?since=never", "must be a date like"),
    ("/api/dyads?since=2024-99", "is not a calendar date"),
    ("/api/dyads?root=01", "unknown parameter 'root'"),
    ("/api/timeline/XX", "two three-letter country codes"),
    ("/api/timeline/IND-RUS?limit=5", "unknown parameter 'limit'"),
    ("/api/actors?country=12", "three-letter code"),
    ("/api/events/" + "x" * 129, "an event id has 1 to 128 characters"),
])
def test_bad_parameters_are_a_400_with_a_clear_message(client, url, message):
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code, r.text[:300])
    detail = r.json()["detail"] if url.startswith("/api/") else unescape(r.text)
    assert message in detail


def test_unknown_addresses_and_methods(client):
    assert client.get("/nothing/here").status_code == 404
    assert client.get("/docs").status_code == 404  # no Swagger UI: it loads scripts from a CDN
    assert client.post("/api/events").status_code == 405
    assert client.get("/api/openapi.json").json()["paths"]["/api/events"]


# -- injection and escaping -----------------------------------------------------------------------

PAYLOADS = [SQLI, SCRIPT, "IND-RUS' OR '1'='1", "1; DROP TABLE events; --", "%' OR '%'='",
            "\\'; SELECT * FROM articles; --", "*", "%"]


def _found_events(r) -> int:
    """How many events a search answered with, whatever the endpoint's format."""
    kind = r.headers["content-type"]
    if kind.startswith("text/html"):
        return len(_ids(r.text))
    if kind.startswith("text/csv"):
        return len(list(csv.DictReader(io.StringIO(r.text))))
    body = r.json()
    return len(body["events"]) if isinstance(body["events"], list) else body["events"]


MET = "Modi met Putin in Moscow on Monday, officials said."
SEARCHES = {  # url -> (how many results it gave, the searched text of each record it can find)
    "/dyad/IND-RUS?q={}": (_found_events, [HOSTILE, CALL, MET, MET, MET]),
    "/api/events?q={}": (_found_events, [HOSTILE, CALL, MET, MET, MET, MET]),
    "/api/events.csv?q={}": (_found_events, [HOSTILE, CALL, MET, MET, MET, MET]),
    "/api/timeline/IND-RUS?q={}": (_found_events, [HOSTILE, CALL, MET, MET]),
    "/actors?q={}": (lambda r: r.text.count('<td class="forms">'), [SCRIPT, SQLI, "Narendra Modi", "Vladimir Putin"]),
    "/api/actors?q={}": (lambda r: r.json()["total"], [SCRIPT, SQLI, "Narendra Modi", "Vladimir Putin"]),
}
CODED_FIELDS = [
    "/dyad/IND-RUS?since={}", "/dyad/IND-RUS?until={}", "/dyad/IND-RUS?root={}", "/dyad/IND-RUS?plover={}",
    "/dyad/IND-RUS?limit={}", "/dyad/IND-RUS?offset={}", "/api/events?dyad={}", "/api/events?plover={}",
    "/api/events?root={}", "/api/dyads?since={}", "/api/dyads?limit={}", "/actors?country={}", "/actors?sector={}",
    "/api/actors?sector={}", "/api/actors?country={}", "/api/events.parquet?until={}", "/dyad/{}",
    "/api/timeline/{}", "/event/{}", "/api/events/{}",
]


def _unchanged(db: str) -> None:
    with Store(db, read_only=True) as s:
        assert s.counts() == {"articles": 5, "mentions": 5, "events": 6}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("template", list(SEARCHES))
def test_injection_in_searches_finds_only_real_matches(client, db, template, payload):
    r = client.get(template.format(quote(payload, safe="")))
    assert r.status_code == 200, r.text[:300]
    count, texts = SEARCHES[template]
    assert count(r) == sum(payload.lower() in t.lower() for t in texts)
    if r.headers["content-type"].startswith("text/html"):
        assert "<script" not in r.text.lower()
    _unchanged(db)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("template", CODED_FIELDS)
def test_injection_in_coded_fields_is_refused(client, db, template, payload):
    r = client.get(template.format(quote(payload, safe="")))
    assert r.status_code in (400, 404), r.text[:300]
    if r.headers["content-type"].startswith("text/html"):
        assert "<script" not in r.text.lower()
    else:
        assert set(r.json()) == {"detail"}
    _unchanged(db)


def test_echoed_values_are_escaped(client):
    r = client.get("/dyad/IND-RUS", params={"since": SCRIPT})
    assert r.status_code == 400 and "<script" not in r.text and "&#39;&lt;script&gt;alert(1)" in r.text


def test_search_for_hostile_text_finds_it_as_text(client):
    r = client.get("/api/events", params={"q": SQLI})
    assert [e["id"] for e in r.json()["events"]] == ["evil"]  # the evidence really contains it
    html = client.get("/dyad/IND-RUS", params={"q": SCRIPT}).text
    assert _ids(html) == ["evil"] and "<script" not in html
    assert f'value="{ESCAPED_SCRIPT}"' in html


@pytest.mark.parametrize("url", ["/", "/dyad/IND-RUS", "/event/evil", "/actors", "/actors?country=IND"])
def test_stored_hostile_text_is_escaped(client, url):
    html = client.get(url).text
    assert "<script" not in html.lower()
    assert ESCAPED_SCRIPT in html
    assert not any(h.startswith("javascript") for h in re.findall(r'href="([^"]*)"', html.lower()))


def test_event_page_does_not_link_unsafe_urls(client):
    html = client.get("/event/evil").text
    assert "javascript:alert(1)" in html  # shown as text
    assert not any(h.lower().startswith("javascript") for h in re.findall(r'href="([^"]*)"', html))
    assert f"&lt;b&gt;{ESCAPED_SCRIPT}&lt;/b&gt;" in html  # the outlet
    assert "<mark>Officials <strong>said</strong> " + ESCAPED_SCRIPT in html


def test_security_headers(client):
    headers = client.get("/dyad/IND-RUS").headers
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none' forbids scripts
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")


def test_host_guard(db):
    guarded = TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost", "::1"]))
    assert guarded.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert guarded.get("/", headers={"host": "[::1]:8000"}).status_code == 200
    assert guarded.get("/", headers={"host": "evil.example:8000"}).status_code == 400


def test_the_store_is_opened_read_only(client, db):
    with pytest.raises(duckdb.Error):
        client.app.state.con.cursor().execute("DELETE FROM events")
    assert client.get("/api/events").json()["total"] == 6


def test_serve_listens_on_loopback_and_checks_the_host(db, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    serve(db)
    app, kw = calls[0]
    assert kw == {"host": "127.0.0.1", "port": 8000}
    assert TestClient(app).get("/", headers={"host": "rebound.example"}).status_code == 400
    assert TestClient(app).get("/", headers={"host": "localhost:8000"}).status_code == 200
    serve(db, host="0.0.0.0", port=9000)  # an explicit choice: any Host is served
    assert calls[1][1] == {"host": "0.0.0.0", "port": 9000}
    assert TestClient(calls[1][0]).get("/", headers={"host": "box.lan"}).status_code == 200


def test_missing_or_foreign_store_is_refused(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        create_app(str(tmp_path / "absent.duckdb"))
    other = str(tmp_path / "other.duckdb")
    duckdb.connect(other).close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        create_app(other)


# -- helpers of the web package --------------------------------------------------------------------

def test_parameter_parsers():
    assert parse_date("2024-02", "until", end=True) == D(2024, 2, 29)
    assert parse_date("2024", "since") == D(2024, 1, 1)
    assert parse_date(" ", "since") is None
    assert parse_dyad(" ind-Rus ") == ("IND", "RUS")
    assert parse_root("4") == "04"
    with pytest.raises(BadParam):
        parse_root("4.0")


def test_month_series_and_chart():
    months = month_series([("2024-01", 1, 2, 4.0), ("2024-03", 4, 1, -10.0), ("2024-03", 1, 1, 2.0)])
    assert [m.month for m in months] == ["2024-01", "2024-02", "2024-03"]
    assert months[2] == Month("2024-03", (0, 1, 0, 0, 1), -8.0) and months[2].mean_goldstein == -4.0
    assert month_series([]) == [] and str(monthly_chart([])) == ""
    assert [m.month for m in month_series([("0001-01", 1, 1, 0.0), ("2024-05", 1, 1, 0.0)])] == ["0001-01", "2024-05"]
    svg = str(monthly_chart(months, title=SCRIPT))
    assert "<script" not in svg and ESCAPED_SCRIPT in svg
    assert [count_step(n) for n in (1, 5, 9, 100, 101)] == [1, 2, 3, 25, 30]


def test_passage_cuts_long_paragraphs_at_words():
    sentence = "The minister met the envoy."
    text = "word " * 400 + sentence + " tail" * 400
    start = text.index(sentence)
    p = passage(text, Evidence(sentence, start, start + len(sentence), "met", start + 13, start + 16))
    assert (p.lead, p.trigger, p.tail) == ("The minister ", "met", " the envoy.")
    assert p.before.startswith("\u2026 word") and len(p.before) <= MAX_CONTEXT + 2
    assert p.after.endswith(" \u2026") and p.exact


# -- the seed articles through the real pipeline ---------------------------------------------------

@pytest.fixture(scope="module")
def seeds_client(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not beside the project")
    from eventwire.pipeline import run

    path = str(tmp_path_factory.mktemp("seeds") / "seeds.duckdb")
    run([str(SEEDS)], Settings(db_path=path))
    return TestClient(create_app(path)), path


def _row(html: str, event_id: str) -> str:
    at = html.index(f'href="/event/{event_id}"')
    return html[html.rfind("<tr", 0, at):html.index("</tr>", at)]


@pytest.mark.slow
def test_seed_dyad_page_shows_the_two_calls(seeds_client):
    client, _ = seeds_client
    calls = client.get("/api/events", params={"dyad": "IND-RUS", "root": "04", "since": "2024-01-01"}).json()
    by_date = {e["date"]: e for e in calls["events"] if e["cameo"] == "041"}
    assert set(by_date) == {"2024-01-15", "2024-03-20"}
    html = client.get("/dyad/RUS-IND").text
    for day, event in by_date.items():
        assert day in _row(html, event["id"]) and "Discuss by telephone" in _row(html, event["id"])
    march = client.get("/dyad/IND-RUS", params={"since": "2024-03-01"}).text
    assert by_date["2024-03-20"]["id"] in _ids(march) and by_date["2024-01-15"]["id"] not in _ids(march)
    assert all(len(_ids(march)) == 0 or "2024-03" in _row(march, i) for i in _ids(march))


@pytest.mark.slow
def test_seed_event_page_highlights_both_sources(seeds_client):
    client, _ = seeds_client
    events = client.get("/api/events", params={"dyad": "IND-RUS", "since": "2024-01-15", "until": "2024-01-15",
                                               "root": "04"}).json()["events"]
    call = next(e for e in events if e["cameo"] == "041")
    html = client.get(f"/event/{call['id']}").text
    assert html.count('<article class="source">') == call["num_articles"] == 2
    assert html.count("<mark>") == call["num_mentions"]
    assert "does not contain this sentence" not in html
    assert "<strong>telephon" in html  # the trigger word inside the highlighted sentence


@pytest.mark.slow
def test_seed_api_agrees_with_the_store(seeds_client):
    client, path = seeds_client
    with Store(path, read_only=True) as s:
        stored = s.events(dyad="IND-RUS")
        counts = s.counts()
    body = client.get("/api/events", params={"dyad": "IND-RUS", "limit": "1000"}).json()
    assert body["total"] == len(stored) and [e["id"] for e in body["events"]] == [e.id for e in stored]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?dyad=IND-RUS").text)))
    assert len(rows) == len(stored)
    timeline = client.get("/api/timeline/IND-RUS").json()
    assert timeline["events"] + timeline["undated"] == len(stored)
    assert client.get("/api/dyads").json()["dyads"][0]["dyad"] == "IND-RUS"
    assert sum(a["mentions"] for a in client.get("/api/actors?limit=1000").json()["actors"]) <= 2 * counts["mentions"]
    for url in ("/", "/actors", "/actors?q=modi"):
        assert client.get(url).status_code == 200
