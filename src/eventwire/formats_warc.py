"""WARC and ARC archives, gzipped or not, read record by record so any size goes through in bounded memory.

Only `response` records of an HTTP 2xx HTML page (text/html, application/xhtml+xml) are articles; requests,
metadata, redirects, errors, images and the like are skipped without a word. Each page goes through
`ingest.read_html` with the record's WARC-Target-URI as its URL. The crawl date (WARC-Date) is not the
publication date: it is used only when the page and its text give none, marked `published_source="crawl"`.

A bad page yields a `Rejected` named `file:offset` (the record's byte offset) and the archive goes on;
a corrupt or truncated archive yields one `Rejected` and ends that file. The size limit applies to each
record's body, never to the archive.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire import ingest
from eventwire.errors import Rejected
from eventwire.records import Article
from eventwire.settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_BYTES = 65536  # bytes read at a time from a record
META_SNIFF_BYTES = 2048  # bytes of a page searched for <meta charset> when the headers name none
LATIN_1 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}  # read as windows-1252,
WINDOWS_1252 = "cp1252"  # as browsers do (WHATWG): pages that say latin-1 hold its curly quotes

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
# what warcio and gzip raise on a damaged archive
_BROKEN = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, gzip.BadGzipFile)
_NOT_PER_RECORD = "non-chunked gzip"  # warcio's message for an archive gzipped whole


class _WholeGzip(Exception):
    """The archive is one gzip stream, not a gzip member per record (`gzip crawl.warc`): warcio refuses
    it after its first record, so it is read again through Python's gzip, past the records already done."""

    def __init__(self, done: int) -> None:
        super().__init__(f"{done} records read")
        self.done = done


def read_warc(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Every HTML page of a WARC or ARC file (`.warc`, `.warc.gz`, `.arc`, `.arc.gz`) as an article."""
    found = False
    for item in _archive(path, settings):
        found = True
        yield item
    if not found:
        yield Rejected(path, "no HTML page with an HTTP 2xx status among the archive's response records")


def _archive(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Pages and rejections; offsets are into the file, or into the decompressed archive when the file
    is gzipped whole rather than record by record."""
    try:
        with open(path, "rb") as handle:
            yield from _pages(path, handle, settings)
    except _WholeGzip as whole:
        with gzip.open(path, "rb") as handle:
            yield from _pages(path, handle, settings, skip=whole.done)


def _pages(path: str, handle: IO[bytes], settings: Settings, skip: int = 0) -> Iterator[Article | Rejected]:
    records, number = ArchiveIterator(handle, arc2warc=True), 0
    while True:
        try:
            record = _next_record(records)
        except _BROKEN as exc:
            if _NOT_PER_RECORD in str(exc) and not skip:
                raise _WholeGzip(number) from exc
            yield _corrupt(path, records.offset, exc)
            return
        if record is None:
            yield from _check_end(path, handle, records.offset)
            return
        number, where = number + 1, f"{path}:{records.offset}"
        page = _read_page(record, where, settings) if number > skip and is_html_page(record) else None
        try:
            missing = _drain(record)
        except _BROKEN as exc:
            yield _corrupt(path, records.offset, exc)
            return
        if missing:
            yield Rejected(where, f"truncated archive: the record lacks {missing} bytes; the file ends here")
            return
        if page is not None:
            yield page


def _corrupt(path: str, offset: int, exc: Exception) -> Rejected:
    return Rejected(f"{path}:{offset}", f"corrupt archive, the rest of the file is skipped: {_first_line(exc)}")


def _check_end(path: str, handle: IO[bytes], offset: int) -> Iterator[Rejected]:
    """warcio ends quietly at a record whose headers are cut short: bytes left after the last
    record it read mean the archive is truncated."""
    try:
        while handle.read(READ_BYTES):
            pass
    except _BROKEN as exc:
        yield _corrupt(path, offset, exc)
        return
    size = handle.tell()
    if offset < size:
        yield Rejected(f"{path}:{offset}", f"truncated archive: the last {size - offset} bytes hold no complete record")


def _next_record(records: ArchiveIterator) -> Any:
    """The next record, or None at the end. warcio writes a warning to stderr when a record is not
    followed by a blank line; the library never prints, so it is caught (the damage then shows as a
    corrupt-archive rejection). Headers cut short make warcio fail on a missing value: ArchiveLoadFailed."""
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            return next(records, None)
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            raise ArchiveLoadFailed("record headers cut short or unreadable") from exc


def _drain(record: Any) -> int:
    """Read the rest of the record; the number of bytes its length promised that the file lacks."""
    stream = record.raw_stream
    while stream.read(READ_BYTES):
        pass
    return max(getattr(stream, "limit", 0), 0)


def is_html_page(record: Any) -> bool:
    """A response record holding an HTTP 2xx HTML page."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return False
    media = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return media in HTML_TYPES and _status(headers) // 100 == 2


def _status(headers: Any) -> int:
    try:
        return int(headers.get_statuscode())
    except (TypeError, ValueError):
        return 0


def _read_page(record: Any, where: str, settings: Settings) -> Article | Rejected:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    crawled = _crawl_day(record.rec_headers.get_header("WARC-Date"))
    try:
        body = _body(record, settings.max_file_bytes)
        article = ingest.read_html(decode_body(body, record.http_headers.get_header("Content-Type") or ""),
                                   uri or where, settings, fetched=crawled)
    except Rejected as rejected:
        return Rejected(where, f"{uri}: {rejected.reason}" if uri else rejected.reason)
    article = replace(article, url=uri or article.url)
    if article.published is None and crawled is not None:
        article = replace(article, published=crawled, published_source="crawl")
    return article


def _body(record: Any, limit: int) -> bytes:
    """The HTTP body (chunked transfer and gzip/deflate content encodings undone), refused past `limit`."""
    stream, parts, size = record.content_stream(), [], 0
    try:
        while size <= limit and (part := stream.read(READ_BYTES)):
            parts.append(part)
            size += len(part)
    except (zlib.error, ValueError, EOFError) as exc:
        raise Rejected("", f"cannot decode the HTTP body: {_first_line(exc)}") from exc
    if size > limit:
        raise Rejected("", f"record too large: its body passes the limit of {limit} bytes")
    body = b"".join(parts)
    if not body.strip():
        raise Rejected("", "empty HTTP body")
    return body


def decode_body(body: bytes, content_type: str) -> str:
    """Text of an HTML body: the charset of the Content-Type header, else of a <meta> tag, else UTF-8;
    undecodable bytes are replaced."""
    found = _HEADER_CHARSET.search(content_type) or _META_CHARSET.search(body[:META_SNIFF_BYTES])
    charset = found.group(1) if found else "utf-8"
    charset = (charset.decode("ascii", "replace") if isinstance(charset, bytes) else charset).lower()
    charset = WINDOWS_1252 if charset in LATIN_1 else charset
    try:
        return body.decode(charset, errors="replace").removeprefix("\ufeff")
    except LookupError:
        return body.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _crawl_day(value: str | None) -> dt.date | None:
    """The day of a WARC-Date (`2024-03-21T08:00:00Z`)."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0].strip() if text else type(exc).__name__
