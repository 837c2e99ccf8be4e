"""Input formats beyond text, HTML and JSONL: WARC/ARC, RSS/Atom/RDF feeds, Parquet, and renamed input fields."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import articles, read_all, rejections
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire import formats_feed, formats_parquet, ingest
from eventwire.errors import Rejected
from eventwire.records import Article
from eventwire.settings import Settings

SETTINGS = Settings()
BODY = ("<p>Prime Minister Narendra Modi congratulated Vladimir Putin on his re-election as the President "
        "of the Russian Federation.</p><p>The two leaders agreed to remain in touch on regional and global "
        "issues of mutual interest.</p>")
CRAWLED = "2024-05-02T08:00:00Z"


def run(*paths, settings: Settings = SETTINGS) -> list[Article | Rejected]:
    return read_all(*paths, settings=settings)


def page(title: str, body: str = BODY, head: str = "", charset: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


PUBLISHED = '<meta property="article:published_time" content="2024-03-20T10:00:00+05:30">'


# ---------------------------------------------------------------- WARC


def response(uri: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
             extra: tuple[tuple[str, str], ...] = ()) -> tuple:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return ("response", uri, data, [("Content-Type", content_type), *extra], status)


def request(uri: str) -> tuple:
    return ("request", uri, b"", [("Host", "news.example.com")], "GET / HTTP/1.1")


def write_warc(path: Path, records: list[tuple], gz: bool = False) -> Path:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for kind, uri, data, headers, status in records:
            http = StatusAndHeaders(status, headers, protocol="" if kind == "request" else "HTTP/1.1",
                                    is_http_request=kind == "request")
            record = writer.create_warc_record(uri, kind, payload=io.BytesIO(data), http_headers=http,
                                               warc_headers_dict={"WARC-Date": CRAWLED})
            writer.write_record(record)
    return path


def mixed_records() -> list[tuple]:
    return [request("https://news.example.com/modi-putin"),
            response("https://news.example.com/modi-putin", page("Modi calls Putin", head=PUBLISHED)),
            response("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
            response("https://news.example.com/gone", page("Page not found"), status="404 Not Found"),
            response("https://news.example.com/old", page("Moved"), status="301 Moved Permanently"),
            response("https://news.example.com/feed.json", b'{"a": 1}', "application/json")]


def record_at(path: str, offset: int):
    """The target URI of the record that starts at byte `offset` of a WARC."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return record.rec_headers.get_header("WARC-Target-URI")


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_keeps_only_html_pages_with_a_2xx_status(tmp_path, name, gz):
    warc = write_warc(tmp_path / name, mixed_records(), gz=gz)
    found = run(warc)
    assert not rejections(found)
    [article] = articles(found)
    assert article.url == "https://news.example.com/modi-putin"
    assert article.title == "Modi calls Putin"
    assert "congratulated Vladimir Putin" in article.text
    assert (article.published, article.published_source) == (dt.date(2024, 3, 20), "metadata")


def test_warc_crawl_date_is_only_a_last_resort(tmp_path):
    no_date = "<p>Officials met in the capital to discuss trade and security cooperation between them.</p>" * 2
    dated = "<p>NEW DELHI, March 3, 2023: Officials met to discuss trade and security cooperation.</p>" * 2
    warc = write_warc(tmp_path / "dates.warc", [response("https://a.example/1", page("Trade talks", no_date)),
                                                response("https://a.example/2", page("Dated talks", dated))])
    first, second = articles(run(warc))
    assert (first.published, first.published_source) == (dt.date(2024, 5, 2), "crawl")
    assert second.published == dt.date(2023, 3, 3)
    assert second.published_source not in ("crawl", "none")


def test_warc_body_is_decoded_with_the_charset_of_the_headers_or_the_page(tmp_path):
    latin = page("Café talks", BODY.replace("Putin", "Putin at the café, QfriendQ")).encode("latin-1")
    latin = latin.replace(b"QfriendQ", b"\x93friend\x94")  # curly quotes: latin-1 is read as windows-1252
    meta = page("Señor visit", BODY.replace("Putin", "Putin, señor"), charset="windows-1252").encode("cp1252")
    broken = page("Broken bytes", BODY).encode("utf-8").replace(b"Russian", b"Russ\xffian")
    warc = write_warc(tmp_path / "charsets.warc", [
        response("https://a.example/latin", latin, "text/html; charset=ISO-8859-1"),
        response("https://a.example/meta", meta, "text/html"),
        response("https://a.example/broken", broken, "text/html; charset=utf-8"),
        response("https://a.example/unknown", latin, "text/html; charset=no-such-charset")])
    latin_page, meta_page, broken_page, unknown_page = articles(run(warc))
    assert latin_page.title == "Café talks" and "at the café, \u201cfriend\u201d" in latin_page.text
    assert "Putin, señor" in meta_page.text
    assert "Russ\ufffdian" in broken_page.text
    assert unknown_page.url == "https://a.example/unknown"  # an unknown charset falls back to UTF-8


def test_warc_gzip_content_encoding_is_undone(tmp_path):
    packed = gzip.compress(page("Packed page").encode("utf-8"))
    warc = write_warc(tmp_path / "enc.warc", [response("https://a.example/gz", packed,
                                                       extra=(("Content-Encoding", "gzip"),))])
    [article] = articles(run(warc))
    assert article.title == "Packed page" and "Vladimir Putin" in article.text


def test_warc_bad_record_is_rejected_by_offset_and_the_archive_goes_on(tmp_path):
    warc = write_warc(tmp_path / "bad.warc", [
        response("https://a.example/good1", page("First good")),
        response("https://a.example/empty", "<html><body><script>track()</script></body></html>"),
        response("https://a.example/good2", page("Second good"))])
    found = run(warc)
    assert [a.title for a in articles(found)] == ["First good", "Second good"]
    [(where, reason)] = rejections(found).items()
    path, offset = where.rsplit(":", 1)
    assert path == str(warc) and record_at(path, int(offset)) == "https://a.example/empty"
    assert reason.startswith("https://a.example/empty: no article text")


def test_warc_size_limit_applies_to_each_record_not_to_the_archive(tmp_path):
    small = page("Small page")
    big = page("Big page", BODY * 40)
    settings = SETTINGS.with_(max_file_bytes=len(small) + 100)
    warc = write_warc(tmp_path / "sizes.warc.gz", [response("https://a.example/big", big),
                                                   *[response(f"https://a.example/{i}", small) for i in range(5)]],
                      gz=True)
    assert warc.stat().st_size > settings.max_file_bytes
    found = run(warc, settings=settings)
    assert len(articles(found)) == 5
    [(where, reason)] = rejections(found).items()
    assert record_at(where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1])) == "https://a.example/big"
    assert "record too large" in reason


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_yields_its_pages_then_one_rejection_and_the_batch_goes_on(tmp_path, gz):
    records = [response(f"https://a.example/{i}", page(f"Page {i}")) for i in range(3)]
    full = write_warc(tmp_path / ("full.warc.gz" if gz else "full.warc"), records, gz=gz).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    after = tmp_path / "after.txt"
    after.write_text(" date 2024-03-20 Next one\n\nPrime Minister Modi called President Putin.\n")
    for share in (0.7, 0.75, 0.8, 0.9, 0.99):  # in the third record's headers, HTTP headers, body
        cut.write_bytes(full[: int(len(full) * share)])
        found = run(cut, after)
        assert [a.title for a in articles(found)] == ["Page 0", "Page 1", "Next one"], share
        [(where, reason)] = rejections(found).items()
        assert where.startswith(f"{cut}:") and re.match("truncated archive|corrupt archive", reason), share


def test_warc_gzipped_whole_rather_than_by_record_is_read(tmp_path):
    padding = "<!-- " + "layout " * 1500 + "-->"  # pages of ~10 kB, as real ones are
    records = [request("https://a.example/0"), *[response(f"https://a.example/{i}", page(f"Page {i}") + padding)
                                                 for i in range(6)]]
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(write_warc(tmp_path / "plain.warc", records).read_bytes()))
    found = run(whole)
    assert [a.title for a in articles(found)] == [f"Page {i}" for i in range(6)] and not rejections(found)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-100])
    found = run(cut)
    titles = [a.title for a in articles(found)]
    assert len(titles) >= 3 and titles == [f"Page {i}" for i in range(len(titles))] and len(titles) < 6
    [(where, reason)] = rejections(found).items()
    assert where.startswith(f"{cut}:") and reason.startswith("corrupt archive")


def test_garbage_named_warc_is_one_rejection(tmp_path):
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not an archive\n" * 20)
    bad_gz = tmp_path / "bad.warc.gz"
    bad_gz.write_bytes(gzip.compress(b"not a warc either\n" * 20))
    found = run(bad, bad_gz)
    assert not articles(found) and len(rejections(found)) == 2
    assert all(str(bad) in where for where in rejections(found))


def test_warc_without_pages_says_so(tmp_path):
    warc = write_warc(tmp_path / "nopages.warc", [request("https://a.example/"),
                                                  response("https://a.example/x.png", bytes(50), "image/png")])
    assert rejections(run(warc)) == {
        str(warc): "no HTML page with an HTTP 2xx status among the archive's response records"}


def test_arc_file_is_read(tmp_path):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Archived page").encode()
    version = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://test.arc 0.0.0.0 20240502080000 text/plain %d\n" % len(version) + version + b"\n"
           + b"https://a.example/arc 1.2.3.4 20240502080000 text/html %d\n" % len(http) + http + b"\n")
    path = tmp_path / "old.arc"
    path.write_bytes(arc)
    [article] = articles(run(path))
    assert (article.url, article.title) == ("https://a.example/arc", "Archived page")
    assert (article.published, article.published_source) == (dt.date(2024, 5, 2), "crawl")


# ---------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example &amp; News</title><link>https://news.example.com/</link>
<item><title>Modi calls Putin</title><link>https://news.example.com/modi-putin</link>
<pubDate>Wed, 20 Mar 2024 01:00:00 +0530</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>Prime Minister Narendra Modi congratulated Vladimir Putin on his re-election.</p>
<p>The two leaders agreed to remain in touch.</p><script>track()</script>]]></content:encoded></item>
<item><title>Photo gallery</title><link>https://news.example.com/gallery</link><description></description></item>
<item><title>Summit ends</title><link>https://news.example.com/summit</link>
<description>Leaders ended the summit with a joint statement on trade &lt;b&gt;and&lt;/b&gt; security.</description>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title type="text">Atom Wire</title><id>urn:x</id><updated>2024-03-22T00:00:00Z</updated>
<entry><title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title><link href="https://wire.example/talks"/>
<id>urn:1</id><updated>2024-03-21T23:30:00-05:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Negotiators from both countries resumed
talks in Geneva.</p><p>A second round is planned.</p></div></content></entry></feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Daily</title><link>https://rdf.example/</link>
<description>d</description></channel>
<item rdf:about="https://rdf.example/1"><title>Ministers meet</title><link>https://rdf.example/1</link>
<description>The foreign ministers met in Paris to discuss the crisis.</description><dc:date>2024-01-15</dc:date>
</item></rdf:RDF>"""


def test_rss_entries_become_articles_and_an_empty_entry_is_rejected(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(RSS)
    found = run(feed)
    first, last = articles(found)
    assert (first.title, first.url, first.outlet) == ("Modi calls Putin", "https://news.example.com/modi-putin",
                                                      "Example & News")
    assert first.text.splitlines()[0].startswith("Prime Minister Narendra Modi congratulated")
    assert "agreed to remain in touch" in first.text and "track()" not in first.text
    assert (first.published, first.published_source) == (dt.date(2024, 3, 20), "feed")  # the day as written
    assert last.text == "Leaders ended the summit with a joint statement on trade and security."
    assert last.published_source != "feed"
    [(where, reason)] = rejections(found).items()
    assert where == f"{feed}:entry 2" and "https://news.example.com/gallery" in reason and "no usable text" in reason


def test_atom_entry_with_xhtml_content_and_html_title(tmp_path):
    feed = tmp_path / "wire.atom"
    feed.write_text(ATOM)
    [article] = articles(run(feed))
    assert (article.title, article.outlet, article.url) == ("Talks resume", "Atom Wire", "https://wire.example/talks")
    assert article.text == "Negotiators from both countries resumed talks in Geneva.\n\nA second round is planned."
    assert (article.published, article.published_source) == (dt.date(2024, 3, 21), "feed")


def test_xml_file_is_a_feed_only_when_its_root_is_one(tmp_path):
    rdf = tmp_path / "daily.xml"
    rdf.write_text(RDF)
    xhtml = tmp_path / "page.xml"
    xhtml.write_text('<?xml version="1.0"?>' + page("An XHTML page"))
    found = run(rdf, xhtml)
    by_title = {a.title: a for a in articles(found)}
    assert by_title["Ministers meet"].outlet == "RDF Daily"
    assert by_title["Ministers meet"].published == dt.date(2024, 1, 15)
    assert by_title["An XHTML page"].url == str(xhtml)


def test_gzipped_feed_and_feed_on_standard_input(tmp_path):
    feed = tmp_path / "wire.atom.gz"
    feed.write_bytes(gzip.compress(ATOM.encode()))
    assert [a.title for a in articles(run(feed))] == ["Talks resume"]
    assert [a.title for a in articles(ingest.read_string(RSS, "-", SETTINGS))] == ["Modi calls Putin", "Summit ends"]


def test_broken_feed_is_one_rejection_and_the_batch_goes_on(tmp_path):
    bad = tmp_path / "bad.rss"
    bad.write_text("this is <not a feed")
    good = tmp_path / "good.atom"
    good.write_text(ATOM)
    found = run(bad, good)
    assert [a.title for a in articles(found)] == ["Talks resume"]
    assert list(rejections(found)) == [str(bad)] and "not a readable feed" in rejections(found)[str(bad)]
    cut = tmp_path / "cut.rss"
    cut.write_text(RSS[: RSS.index("<title>Summit ends")])
    found = run(cut)
    assert [a.title for a in articles(found)] == ["Modi calls Putin"]
    assert rejections(found)[str(cut)].startswith("malformed feed, read up to the fault only")


def test_plain_text_summary_keeps_its_angle_brackets():
    entry = {"title_detail": {"type": "text/plain", "value": "Maths"},
             "summary_detail": {"type": "text/plain", "value": "Turnout rose as 3 < 4 voters said <b> is bold."}}
    article = formats_feed.read_entry(entry, "x.rss", "Outlet", SETTINGS)
    assert article.text == "Turnout rose as 3 < 4 voters said <b> is bold." and article.url == "x.rss"


def test_fetch_feeds_reads_file_urls_and_paths_and_rejects_the_rest(tmp_path):
    rss, atom = tmp_path / "a.rss", tmp_path / "b.atom"
    rss.write_text(RSS)
    atom.write_text(ATOM)
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{rss.as_uri()}\n\n{atom}\nftp://feeds.example/x.rss\n{tmp_path / 'none.rss'}\n")
    urls = formats_feed.read_feed_list(listing)
    assert urls == [rss.as_uri(), str(atom), "ftp://feeds.example/x.rss", str(tmp_path / "none.rss")]
    found = list(formats_feed.fetch_feeds(urls, SETTINGS))
    assert [a.title for a in articles(found)] == ["Modi calls Putin", "Summit ends", "Talks resume"]
    assert set(rejections(found)) == {f"{rss.as_uri()}:entry 2", "ftp://feeds.example/x.rss",
                                      str(tmp_path / "none.rss")}


def test_fetch_feeds_stops_at_the_size_limit(tmp_path):
    rss = tmp_path / "a.rss"
    rss.write_text(RSS)
    found = list(formats_feed.fetch_feeds([rss.as_uri()], SETTINGS.with_(max_file_bytes=100)))
    assert rejections(found) == {rss.as_uri(): "feed too large: more than 100 bytes"}


# ---------------------------------------------------------------- Parquet

TEXT = "Prime Minister Narendra Modi called President Vladimir Putin on Wednesday."


def write_parquet(path: Path, columns: dict[str, list], schema: pa.Schema | None = None) -> Path:
    pq.write_table(pa.table(columns, schema=schema), path)
    return path


def test_parquet_rows_become_articles_and_bad_rows_are_rejected_by_number(tmp_path):
    path = write_parquet(tmp_path / "news.parquet", {
        "id": ["a1", "a2", "a3", "a4"],
        "text": [TEXT, None, TEXT.replace("Modi", "Shah"), TEXT.replace("Modi", "Jaishankar")],
        "published": [dt.date(2024, 3, 20), dt.date(2024, 3, 21), None, dt.date(2024, 3, 22)],
        "title": ["Modi calls Putin", None, "Shah calls", "Jaishankar calls"],
        "url": ["https://a.example/1", None, None, "https://a.example/4"],
        "outlet": ["Example News", None, None, "Example News"]})
    found = run(path)
    first, third, fourth = articles(found)
    assert (first.id, first.title, first.url, first.outlet) == ("a1", "Modi calls Putin", "https://a.example/1",
                                                                "Example News")
    assert (first.published, first.published_source) == (dt.date(2024, 3, 20), "input")
    assert (third.id, third.url, third.published_source) == ("a3", str(path), "none")
    assert fourth.published == dt.date(2024, 3, 22)
    assert rejections(found) == {f"{path}:row 2": '"text" must be a non-empty string'}


@pytest.mark.parametrize("values, kind", [
    ([dt.datetime(2024, 3, 20, 23, 0), dt.datetime(2024, 3, 21, 1, 0)], pa.timestamp("us")),
    ([dt.datetime(2024, 3, 20, 23, 0, tzinfo=dt.UTC), dt.datetime(2024, 3, 21, 1, 0, tzinfo=dt.UTC)],
     pa.timestamp("ms", tz="UTC")),
    (["2024-03-20", "2024-03-21T01:00:00Z"], pa.string())])
def test_parquet_published_may_be_a_timestamp_or_string_column(tmp_path, values, kind):
    schema = pa.schema([("text", pa.string()), ("published", kind)])
    path = write_parquet(tmp_path / "dates.parquet", {"text": [TEXT, TEXT + " Again."], "published": values}, schema)
    assert [a.published for a in articles(run(path))] == [dt.date(2024, 3, 20), dt.date(2024, 3, 21)]


def test_parquet_bad_date_string_is_rejected_and_rows_are_counted_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(formats_parquet, "BATCH_ROWS", 3)
    texts = [f"{TEXT} Number {n}." for n in range(1, 9)]
    dates = ["2024-03-20"] * 8
    dates[6] = "20 March 2024"
    path = write_parquet(tmp_path / "many.parquet", {"text": texts, "published": dates})
    found = run(path)
    assert len(articles(found)) == 7
    assert rejections(found) == {f"{path}:row 7": "\"published\" must be YYYY-MM-DD, not '20 March 2024'"}


def test_parquet_with_renamed_fields(tmp_path):
    path = write_parquet(tmp_path / "renamed.parquet", {
        "uuid": ["u-1"], "body": [TEXT], "date": ["2024-03-20"], "headline": ["Modi calls Putin"],
        "text": ["not the article"]})
    settings = SETTINGS.with_(input_fields=ingest.parse_fields("text=body, id=uuid,published=date,title=headline"))
    [article] = articles(run(path, settings=settings))
    assert (article.id, article.text, article.title, article.published) == (
        "u-1", TEXT, "Modi calls Putin", dt.date(2024, 3, 20))
    missing = run(path, settings=SETTINGS.with_(input_fields=(("text", "content"),)))
    assert list(rejections(missing).values())[0].startswith('no "content" column for the article text')


def test_parquet_is_streamed_past_the_size_limit_and_garbage_is_rejected(tmp_path):
    path = write_parquet(tmp_path / "big.parquet", {"text": [f"{TEXT} Row {n}." for n in range(50)]})
    settings = SETTINGS.with_(max_file_bytes=len(TEXT) + 20)
    assert path.stat().st_size > settings.max_file_bytes
    assert len(articles(run(path, settings=settings))) == 50
    long_row = write_parquet(tmp_path / "long.parquet", {"text": [TEXT * 3, TEXT]})
    assert "text too large" in rejections(run(long_row, settings=settings))[f"{long_row}:row 1"]
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"PAR1 not really" * 10)
    assert rejections(run(junk))[str(junk)].startswith("not a readable Parquet file")


# ---------------------------------------------------------------- field names and folders


def test_jsonl_with_renamed_fields():
    settings = SETTINGS.with_(input_fields=(("text", "body"), ("id", "uuid"), ("published", "date")))
    line = json.dumps({"uuid": "x9", "body": TEXT, "date": "2024-03-20", "text": "ignored"})
    article = ingest.read_jsonl_line(line, "in.jsonl", 1, settings)
    assert (article.id, article.text, article.published, article.published_source) == (
        "x9", TEXT, dt.date(2024, 3, 20), "input")
    with pytest.raises(Rejected, match='"body" must be a non-empty string'):
        ingest.read_jsonl_line(json.dumps({"text": TEXT}), "in.jsonl", 2, settings)
    with pytest.raises(Rejected, match='"date" must be YYYY-MM-DD'):
        ingest.read_jsonl_line(json.dumps({"body": TEXT, "date": "soon"}), "in.jsonl", 3, settings)


def test_parse_fields():
    assert ingest.parse_fields("text=body,id=uuid") == (("text", "body"), ("id", "uuid"))
    assert ingest.parse_fields(" published = date , ") == (("published", "date"),)
    assert ingest.parse_fields("") == ()
    with pytest.raises(ValueError, match="unknown eventwire field 'body'.*known: id, text, published"):
        ingest.parse_fields("body=text")
    with pytest.raises(ValueError, match="not FIELD=NAME"):
        ingest.parse_fields("text")
    with pytest.raises(ValueError, match="given twice"):
        ingest.parse_fields("text=a,text=b")
    with pytest.raises(ValueError, match="unknown eventwire field 'author'"):
        ingest.field_names(SETTINGS.with_(input_fields=(("author", "by"),)))


def test_folder_picks_up_every_format(tmp_path):
    write_warc(tmp_path / "a.warc.gz", mixed_records(), gz=True)
    (tmp_path / "b.rss").write_text(RSS)
    write_parquet(tmp_path / "c.parquet", {"text": [TEXT]})
    (tmp_path / "d.txt").write_text(" date 2024-03-20 Plain one\n\nPrime Minister Modi called President Putin.\n")
    found = run(tmp_path)
    urls = [a.url for a in articles(found)]
    assert urls == ["https://news.example.com/modi-putin", "https://news.example.com/modi-putin",
                    "https://news.example.com/summit", str(tmp_path / "c.parquet"), str(tmp_path / "d.txt")]
    assert list(rejections(found)) == [f"{tmp_path / 'b.rss'}:entry 2"]
    assert all(re.fullmatch(r"[0-9a-f]{16}", a.id) for a in articles(found) if a.url != str(tmp_path / "c.parquet"))
