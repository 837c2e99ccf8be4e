"""RSS, Atom and RDF feeds: each entry becomes an article.

The text is the entry's longest content or summary, its HTML reduced to text by lxml and then cleaned
like any other text; the outlet is the feed's title; the publication date is the entry's published
(else updated) date, on the calendar of the time zone it is written in (`published_source="feed"`).
An entry with no usable text is rejected as `file:entry N`; the feed goes on.

`fetch_feeds` is the only code in eventwire that touches the network, and only when called.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import os
import re
import time
import urllib.error
import urllib.request
import xml.sax
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from eventwire import clean, ingest, pubdate
from eventwire.errors import Rejected
from eventwire.records import Article
from eventwire.settings import Settings

FETCH_TIMEOUT = 30  # seconds to wait for a feed server
FETCH_SCHEMES = ("http://", "https://", "file://")
USER_AGENT = "eventwire feed reader"
PLAIN_TYPES = ("text/plain",)  # other content types of an entry are (X)HTML
BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "table", "tr", "section", "article", "figure", "header", "footer", "dd", "dt")
DATE_KEYS = ("published", "updated", "created")
BREAK = "\u2029"  # the Unicode paragraph separator marks where a block ends while the text is gathered

_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def read_feed(data: bytes, path: str, settings: Settings,
              headers: dict[str, str] | None = None) -> Iterator[Article | Rejected]:
    """The articles of one feed document; `headers` are the HTTP response headers, if fetched."""
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or {})
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield Rejected(path, f"not a readable feed: {problem}" if problem else "the feed has no entries")
        return
    outlet = plain_text(parsed.feed.get("title_detail") or {})
    for number, entry in enumerate(parsed.entries, 1):
        try:
            yield read_entry(entry, path, outlet, settings)
        except Rejected as rejected:
            yield Rejected(f"{path}:entry {number}", rejected.reason)
    if isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):  # not a mere encoding mismatch
        yield Rejected(path, f"malformed feed, read up to the fault only: {parsed.bozo_exception}")


def read_entry(entry: Any, path: str, outlet: str, settings: Settings) -> Article:
    """One feed entry (a feedparser dict) as an article; Rejected when it holds no usable text."""
    link = (entry.get("link") or "").strip()
    title = plain_text(entry.get("title_detail") or {})
    text = clean.clean_text(plain_text(_body(entry)), title, settings=settings)
    if not text:
        where = f"{link}: " if link else ""
        raise Rejected(path, f"{where}no usable text in the entry (no content or summary once cleaned)")
    day = entry_date(entry)
    published, source = (day, "feed") if day else pubdate.find_published(
        text, data_dir=settings.lang_dir("pubdate"))
    return Article(id=ingest.article_id(title, text), text=text, url=link or path, outlet=outlet, title=title,
                   published=published, published_source=source, lang=settings.lang)


def _body(entry: Any) -> dict[str, Any]:
    """The longest of the entry's contents and summary (a feedparser detail: value and type)."""
    details = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    return max(details, key=lambda detail: len(detail.get("value") or ""))


def plain_text(detail: dict[str, Any]) -> str:
    """The text of a feedparser detail (`{"value", "type"}`): HTML is reduced to its text, with
    paragraphs on lines of their own."""
    value = (detail.get("value") or "").strip()
    if not value or detail.get("type") in PLAIN_TYPES:
        return value
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return value
    return _block_text(root)


def _block_text(root: Any) -> str:
    """Text of an HTML tree: line breaks in the source are spaces; blocks and <br> end paragraphs."""
    for element in root.iter(*BLOCK_TAGS, "br"):
        element.tail = BREAK + (element.tail or "")
    paragraphs = (_SPACES.sub(" ", part).strip() for part in root.text_content().split(BREAK))
    return "\n\n".join(part for part in paragraphs if part)


def entry_date(entry: Any) -> dt.date | None:
    """The entry's published (else updated) day as written, in its own time zone; feedparser's
    parsed time, which is in UTC, only when the written one cannot be read."""
    for key in DATE_KEYS:
        day = _written_day(entry.get(key)) or _utc_day(entry.get(f"{key}_parsed"))
        if day is not None:
            return day
    return None


def _written_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date()  # Atom: RFC 3339
    except ValueError:
        return None


def _utc_day(value: time.struct_time | None) -> dt.date | None:
    try:
        return dt.date(*value[:3]) if value else None
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- fetching


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs of a file, one a line; blank lines and `#` comments are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise Rejected(str(path), f"cannot read the feed list: {exc}") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def fetch_feeds(urls: Iterable[str], settings: Settings) -> Iterator[Article | Rejected]:
    """The articles of each feed URL (http, https, file, or a local path). A feed that cannot be
    fetched or read is one rejection; the others go on. Each download stops at `settings.max_file_bytes`."""
    for url in (u.strip() for u in urls):
        if not url or url.startswith("#"):
            continue
        try:
            data, headers = _fetch(url, settings.max_file_bytes)
        except Rejected as rejected:
            yield rejected
            continue
        yield from read_feed(data, url, settings, headers)


def _fetch(url: str, limit: int) -> tuple[bytes, dict[str, str]]:
    if "://" not in url:
        return _read_local(url, limit), {}
    if not url.lower().startswith(FETCH_SCHEMES):
        raise Rejected(url, f"not a feed URL: the scheme must be one of {', '.join(FETCH_SCHEMES)}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data, headers = response.read(limit + 1), dict(response.headers.items())
    except urllib.error.HTTPError as exc:
        raise Rejected(url, f"HTTP error {exc.code}: {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise Rejected(url, f"cannot fetch: {getattr(exc, 'reason', exc)}") from exc
    return _within(data, url, limit), headers


def _read_local(path: str, limit: int) -> bytes:
    if not os.path.isfile(path):
        raise Rejected(path, "no such file")
    with open(path, "rb") as handle:
        return _within(handle.read(limit + 1), path, limit)


def _within(data: bytes, url: str, limit: int) -> bytes:
    if len(data) > limit:
        raise Rejected(url, f"feed too large: more than {limit} bytes")
    if not data.strip():
        raise Rejected(url, "empty feed")
    return data
