"""Ingest: formats, ids, publication dates, and bad inputs that are reported while the batch goes on."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest
from helpers import articles, read_all, rejections

from eventwire import ingest
from eventwire.errors import Rejected
from eventwire.records import Article
from eventwire.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SETTINGS = Settings()
GOOD = " date 2024-03-20 Modi calls Putin\n\nPrime Minister Narendra Modi called President Vladimir Putin.\n"
HTML = """<!DOCTYPE html><html><head><title>Modi calls Putin | Example News</title>
<meta property="og:title" content="Modi calls Putin">
<meta property="article:published_time" content="2024-03-20T10:00:00+05:30">
<link rel="canonical" href="https://news.example.com/modi-putin"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Modi calls Putin</h1>
<p>Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election as
the President of the Russian Federation.</p>
<p>The two leaders agreed to remain in touch on regional and global issues of mutual interest.</p>
<p>Follow us:</p></article><footer>Copyright 2024 Example News</footer></body></html>"""


def run(*paths, settings: Settings = SETTINGS) -> list[Article | Rejected]:
    return read_all(*paths, settings=settings)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.exists():
        pytest.skip("seed articles are absent")
    found = run(SEEDS)
    assert not rejections(found)
    return {Path(a.url).name: a for a in articles(found)}


def test_seed_publication_dates_match_gold(seeds):
    if not GOLD.exists():
        pytest.skip("gold is absent")
    for doc in json.loads(GOLD.read_text())["documents"]:
        assert seeds[doc["doc"]].published == dt.date.fromisoformat(doc["published"]), doc["doc"]


def test_seed_date_sources(seeds):
    sources = {name[:3]: a.published_source for name, a in seeds.items()}
    assert sources == {"000": "header", "001": "header", "002": "byline", "003": "post", "004": "header"}


def test_seed_titles_and_first_paragraphs(seeds):
    by = {name[:3]: a for name, a in seeds.items()}
    assert by["000"].title == "Putin thanks PM Modi over phone call for hospitality, extends New Year greetings"
    assert by["000"].text.startswith("Prime Minister Narendra Modi engaged in a telephonic conversation")
    assert by["001"].title == ""
    assert by["001"].text.startswith("New Delhi [India], January 15 : Prime Minister Narendra Modi said")
    assert by["002"].title.startswith("Narendra Modi dials Putin to congratulate him")
    assert by["002"].text.startswith("Indian PM Narendra Modi dialled Russian President Vladimir Putin")
    assert by["002"].title not in by["002"].text
    assert by["003"].text.startswith("Prime Minister Narendra Modi on Wednesday congratulated")
    assert by["004"].text.startswith("Russian President Vladimir Putin held a significant meeting")
    assert by["004"].outlet == "MENAFN"


def test_seed_002_furniture_is_gone(seeds):
    text = next(a.text for name, a in seeds.items() if name.startswith("002"))
    for furniture in ("sharing button", "Lady Gaga", "Support Our Journalism", "IBNS is not driven", "July 27"):
        assert furniture not in text


def test_seed_003_counters_are_gone(seeds):
    lines = next(a.text for name, a in seeds.items() if name.startswith("003")).split("\n")
    assert not {"views", "Comments", "0 comment"} & set(lines)


def test_same_article_twice_has_the_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("called", "called  ") + "\n\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(GOOD.replace("Putin.", "Xi."), encoding="utf-8")
    first, again = run(tmp_path / "a.txt"), run(tmp_path / "a.txt")
    ids = [a.id for a in articles(run(tmp_path))]
    assert first[0].id == again[0].id == ids[0] == ids[1] != ids[2]
    assert len(ids[0]) == 16 and int(ids[0], 16) >= 0
    assert ingest.article_id("T", "a  b") == ingest.article_id("T", "a b")


def test_plain_text_fields(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(GOOD, encoding="utf-8")
    (article,) = run(path)
    assert article == Article(id=article.id, text="Prime Minister Narendra Modi called President Vladimir Putin.",
                              url=str(path), title="Modi calls Putin", published=dt.date(2024, 3, 20),
                              published_source="header", lang="en")


def test_bad_inputs_are_rejected_and_the_batch_goes_on(tmp_path):
    files = {
        "01_good.txt": GOOD.encode(),
        "02_empty.txt": b"",
        "03_blank.txt": b"  \n\n ",
        "04_binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "05_latin1.txt": "Modi met Putin at the café today.".encode("latin-1"),
        "06_page.html": b"<html><body><div></div></body></html>",
        "07_furniture.txt": b"Follow us:\nfacebook-white sharing button\n",
        "08_broken.gz": b"this is not gzip data",
        "09_good.txt": GOOD.replace("Putin", "Xi").encode(),
        ".hidden.txt": b"\x00\x01",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    items = run(tmp_path, tmp_path / "missing.txt")
    reasons = rejections(items)
    assert reasons.pop(str(tmp_path / "08_broken.gz")).startswith("corrupt gzip file")
    assert reasons == {
        str(tmp_path / "02_empty.txt"): "empty file",
        str(tmp_path / "03_blank.txt"): "empty file",
        str(tmp_path / "04_binary.txt"): "binary file",
        str(tmp_path / "05_latin1.txt"): "invalid UTF-8 at byte 25",  # the "é" of "café"
        str(tmp_path / "06_page.html"): "no article text in the HTML (malformed or empty page)",
        str(tmp_path / "07_furniture.txt"): "no article text once page furniture is removed",
        str(tmp_path / "missing.txt"): "no such file or directory",
    }
    assert [Path(a.url).name for a in articles(items)] == ["01_good.txt", "09_good.txt"]
    assert all(str(r).startswith(r.path + ": ") for r in items if isinstance(r, Rejected))


def test_too_large_file_is_rejected_by_size(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 10, encoding="utf-8")
    (tmp_path / "small.txt").write_text(GOOD, encoding="utf-8")
    items = run(tmp_path, settings=SETTINGS.with_(max_file_bytes=200))
    size = (tmp_path / "big.txt").stat().st_size
    assert rejections(items) == {str(tmp_path / "big.txt"): f"file too large: {size} bytes > limit of 200"}
    assert len(articles(items)) == 1


def test_gzip_bomb_is_held_to_the_limit(tmp_path):
    with gzip.open(tmp_path / "big.txt.gz", "wb") as handle:
        handle.write((GOOD * 50).encode())
    (reason,) = rejections(run(tmp_path, settings=SETTINGS.with_(max_file_bytes=500))).values()
    assert reason == "file too large: more than 500 bytes once decompressed"


def test_jsonl_with_a_broken_middle_line(tmp_path):
    lines = [
        json.dumps({"id": "doc-1", "text": "Modi called Putin on Monday.", "published": "2024-01-15",
                    "url": "https://example.com/1", "title": "Call"}),
        '{"id": "doc-2", "text": "unterminated',
        "",
        json.dumps({"text": "Putin met Jaishankar at the Kremlin. — Kremlin (@KremlinRussia_E) December 27, 2023"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "doc-5", "text": "   "}),
        json.dumps({"id": 6, "text": "Leaders met.", "published": "20th of March"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = run(path)
    first, fourth = articles(items)
    assert (first.id, first.url, first.title, first.published, first.published_source) == (
        "doc-1", "https://example.com/1", "Call", dt.date(2024, 1, 15), "input")
    assert fourth.id == ingest.article_id("", fourth.text) and fourth.url == str(path)
    assert (fourth.published, fourth.published_source) == (dt.date(2023, 12, 27), "post")
    reasons = rejections(items)
    assert set(reasons) == {f"{path}:2", f"{path}:5", f"{path}:7", f"{path}:6"}
    assert reasons[f"{path}:2"].startswith("broken JSON line")
    assert reasons[f"{path}:5"] == "a JSONL line must hold an object"
    assert reasons[f"{path}:6"] == '"text" must be a non-empty string'
    assert reasons[f"{path}:7"] == "\"published\" must be YYYY-MM-DD, not '20th of March'"


def test_jsonl_is_streamed_and_held_to_the_limit_line_by_line(tmp_path):
    small = json.dumps({"text": "Modi called Putin."})
    big = json.dumps({"text": "Modi called Putin. " * 20})
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([small, big, small.replace("Putin", "Xi")]) + "\n", encoding="utf-8")
    items = run(path, settings=SETTINGS.with_(max_file_bytes=100))
    assert len(articles(items)) == 2
    assert rejections(items) == {f"{path}:2": f"line too large: {len(big) + 1} bytes"}


def test_gzipped_text_and_jsonl(tmp_path):
    with gzip.open(tmp_path / "a.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write(GOOD)
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "x1", "text": "Modi called Putin."}) + "\n")
    (text, line) = run(tmp_path)
    assert (text.title, text.published, text.url) == ("Modi calls Putin", dt.date(2024, 3, 20),
                                                      str(tmp_path / "a.txt.gz"))
    assert (line.id, line.text) == ("x1", "Modi called Putin.")


def test_html_file_gives_title_text_date_and_url(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (article,) = run(path)
    assert article.title == "Modi calls Putin"
    assert article.text.startswith("Prime Minister Narendra Modi on Wednesday congratulated")
    assert "\n\nThe two leaders agreed" in article.text
    assert "Follow us" not in article.text and "Modi calls Putin" not in article.text
    assert (article.published, article.published_source) == (dt.date(2024, 3, 20), "metadata")
    assert article.url == "https://news.example.com/modi-putin"


def test_html_without_date_markup_is_dated_from_its_text(tmp_path):
    page = HTML.replace('<meta property="article:published_time" content="2024-03-20T10:00:00+05:30">', "")
    page = page.replace("<h1>Modi calls Putin</h1>", "<h1>Modi calls Putin</h1><p>Published: 21 March 2024</p>")
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    (article,) = run(path)
    assert (article.published, article.published_source) == (dt.date(2024, 3, 21), "byline")
    assert "Published" not in article.text


def test_html_is_sniffed_from_unknown_extensions(tmp_path):
    (tmp_path / "page.dat").write_text(HTML, encoding="utf-8")
    (article,) = run(tmp_path)
    assert article.title == "Modi calls Putin" and "<p>" not in article.text


def test_folders_are_walked_sorted_and_hidden_ones_skipped(tmp_path):
    for rel in ("z.txt", "b/2.txt", "b/1.txt", "a.txt", ".git/x.txt", "c/.d/y.txt", "c/.e.txt", "README.md",
                "c/LICENSE"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD.replace("Putin", rel), encoding="utf-8")
    urls = [a.url for a in run(tmp_path)]
    assert urls == [str(tmp_path / rel) for rel in ("a.txt", "b/1.txt", "b/2.txt", "z.txt")]
    assert [a.url for a in run(tmp_path / "README.md")] == [str(tmp_path / "README.md")]  # named: read


def test_read_functions_work_alone():
    article = ingest.read_text_article(GOOD, "-", SETTINGS)
    assert article.title == "Modi calls Putin" and article.url == "-"
    assert ingest.read_html(HTML, "-", SETTINGS).title == "Modi calls Putin"
    assert ingest.read_jsonl_line('{"id": "q", "text": "Talks."}', "-", 1, SETTINGS).id == "q"
    with pytest.raises(Rejected, match="-:3: broken JSON"):
        ingest.read_jsonl_line("{", "-", 3, SETTINGS)
    with pytest.raises(Rejected, match="empty file"):
        ingest.read_text_article("\n\n", "-", SETTINGS)


def test_read_string_sniffs_the_format():
    jsonl = list(ingest.read_string('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', "-", SETTINGS))
    assert [a.id for a in articles(jsonl)] == ["a", "b"]
    assert articles(ingest.read_string(HTML, "-", SETTINGS))[0].title == "Modi calls Putin"
    assert articles(ingest.read_string(GOOD, "-", SETTINGS))[0].published_source == "header"
    assert rejections(ingest.read_string("  ", "-", SETTINGS)) == {"-": "empty file"}


def test_seed_copied_twice_in_one_batch_has_one_id(tmp_path):
    seed = SEEDS / "002_3183f4c67ce1f9a7.txt"
    if not seed.exists():
        pytest.skip("seed articles are absent")
    shutil.copy(seed, tmp_path / "x.txt")
    with gzip.open(tmp_path / "y.txt.gz", "wb") as handle:
        handle.write(seed.read_bytes())
    ids = {a.id for a in articles(run(tmp_path))}
    assert len(ids) == 1
