"""Read articles from files and folders: plain text, HTML, JSONL, Parquet, WARC/ARC, RSS/Atom feeds,
and any of them gzipped (except Parquet, which compresses itself).

`iter_articles` yields an `Article` per article and an `errors.Rejected` (yielded, not raised)
per bad input, so the caller reports it and the batch goes on. The `read_*` functions raise
`Rejected` and can be used on their own (for standard input, say).

Every text goes through `clean.clean_text`; the publication date comes from the raw text
(`pubdate.find_published`) unless a header, the page's metadata or the input gives it.

WARC, feed and Parquet readers live in `formats_warc`, `formats_feed` and `formats_parquet`; they are
imported when a file of theirs comes (warcio, feedparser and pyarrow cost time to import).
JSONL, Parquet and WARC files are streamed, so the size limit applies to each line, row or record,
not to the file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import trafilatura
from lxml import etree

from eventwire import clean, pubdate
from eventwire.errors import Rejected
from eventwire.records import Article
from eventwire.settings import Settings

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
PARQUET_SUFFIXES = {".parquet"}
FEED_SUFFIXES = {".rss", ".atom"}
XML_SUFFIXES = {".xml"}  # read as a feed when the root element is rss, feed or RDF
FIELDS = ("id", "text", "published", "title", "url", "outlet")  # the fields of a JSONL line or Parquet row
SNIFF_BYTES = 8192  # bytes looked at for NUL bytes before a file is read as text
MAX_TITLE_WORDS = 30  # a longer first line is article text, not a headline
SIDE_FILES = {"readme", "license", "licence", "copying", "changelog", "notice", "authors"}  # skipped in folders
MAX_CONTROL_SHARE = 0.1  # undecodable bytes with more control characters than this: a binary file

_LOOKS_HTML = re.compile(r"\A\s*<(?:!doctype\s+html|html|head|body|\?xml|article|div|p|meta|title)\b", re.I)
# an XML prolog (declaration, comments, doctype) and then an <rss>, <feed> or <rdf:RDF> root element
_FEED_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
                        rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>/]", re.S | re.I)
_TITLE_END = (".", ",", ";", ":")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def iter_articles(paths: Iterable[str | Path], settings: Settings) -> Iterator[Article | Rejected]:
    """Every article in the files and folders given (folders recursively, sorted, hidden files skipped)."""
    for path in paths:
        for file in walk(str(path)):
            if isinstance(file, Rejected):
                yield file
            else:
                yield from _read_file(file, settings)


def article_id(title: str, text: str) -> str:
    """A content hash of the normalised title and text: the same article always has the same id."""
    normal = unicodedata.normalize("NFC", f"{title}\n{text}").casefold()
    return hashlib.sha1(" ".join(normal.split()).encode("utf-8")).hexdigest()[:16]


def read_string(raw: str, path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Articles from a string of unknown format (standard input): JSONL, HTML or plain text."""
    if not raw.strip():
        yield Rejected(path, "empty file")
    elif _looks_jsonl(raw):
        yield from _jsonl_lines(enumerate(raw.splitlines(), 1), path, settings)
    elif _looks_feed(raw.encode("utf-8")):
        yield from _feed_reader().read_feed(raw.encode("utf-8"), path, settings)
    else:
        yield _guard(lambda: _read_document(raw, path, settings))


def read_text_article(raw: str, path: str, settings: Settings) -> Article:
    """A plain-text article: optional ` date YYYY-MM-DD` header, optional headline line, body."""
    if not raw.strip():
        raise Rejected(path, "empty file")
    header, body = pubdate.split_header(raw)
    title, text = _split_title(clean.clean_text(body, settings=settings))
    text = clean.drop_title_lines(text, title)
    if not text:
        raise Rejected(path, "no article text once page furniture is removed")
    published, source = _published(raw, header, settings)
    return Article(id=article_id(title, text), text=text, url=path, title=title,
                   outlet=clean.find_outlet(body, settings=settings), published=published,
                   published_source=source, lang=settings.lang)


def read_html(raw: str, path: str, settings: Settings, *, fetched: dt.date | None = None) -> Article:
    """An HTML page: text, title, date and URL from trafilatura.

    `fetched`, the day the page was crawled when known, is the day that dates written without a year
    are read against (a 2015 crawl's "March 3" is in 2015); it is never the publication date itself."""
    doc = _extract_html(raw)
    if doc is None or not (doc.text or "").strip():
        raise Rejected(path, "no article text in the HTML (malformed or empty page)")
    title = (doc.title or "").strip()
    body = "\n\n".join(line.strip() for line in doc.text.splitlines() if line.strip())
    text = clean.clean_text(body, title, settings=settings)
    if not text:
        raise Rejected(path, "no article text in the HTML once page furniture is removed")
    published, source = _html_date(doc.date, body, settings, fetched)
    return Article(id=article_id(title, text), text=text, url=doc.url or path, title=title,
                   outlet=(doc.sitename or "").strip(), published=published, published_source=source,
                   lang=settings.lang)


def read_jsonl_line(line: str, path: str, lineno: int, settings: Settings) -> Article:
    """One JSONL record `{"id", "text", "published"?, "title"?, "url"?, "outlet"?}`; its id is kept.

    The field names are eventwire's unless `settings.input_fields` renames them."""
    where = f"{path}:{lineno}"
    return read_record(_json_object(line, where), where, path, settings)


def read_record(record: dict[str, Any], where: str, path: str, settings: Settings) -> Article:
    """An article from one input record (a JSONL line, a Parquet row), under the names of
    `settings.input_fields`. `published` may be a date, a datetime or a `YYYY-MM-DD...` string."""
    names = field_names(settings)
    raw = _text_field(record, names["text"], where)
    title = _optional_field(record, names["title"], where)
    text = clean.clean_text(raw, title, settings=settings)
    if not text:
        raise Rejected(where, f'no article text in "{names["text"]}"')
    given = _input_date(record.get(names["published"]), names["published"], where)
    published, source = (given, "input") if given else _published(raw, None, settings)
    doc_id = record.get(names["id"])
    return Article(id=str(doc_id) if doc_id not in (None, "") else article_id(title, text), text=text,
                   url=_optional_field(record, names["url"], where) or path, title=title,
                   outlet=_optional_field(record, names["outlet"], where), published=published,
                   published_source=source, lang=settings.lang)


def field_names(settings: Settings) -> dict[str, str]:
    """Each eventwire input field and the name it has in the input (`settings.input_fields`)."""
    names = {name: name for name in FIELDS}
    for field, name in settings.input_fields:
        if field not in names:
            raise ValueError(f"unknown eventwire field {field!r} in input_fields; known: {', '.join(FIELDS)}")
        names[field] = name
    return names


def parse_fields(spec: str) -> tuple[tuple[str, str], ...]:
    """`text=body,id=uuid` (the CLI's `--fields`) as `Settings.input_fields` pairs; ValueError if malformed."""
    pairs: dict[str, str] = {}
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        field, equals, name = (s.strip() for s in part.partition("="))
        if not equals or not field or not name:
            raise ValueError(f"--fields: {part!r} is not FIELD=NAME (e.g. text=body)")
        if field not in FIELDS:
            raise ValueError(f"--fields: unknown eventwire field {field!r}; known: {', '.join(FIELDS)}")
        if field in pairs:
            raise ValueError(f"--fields: {field!r} is given twice")
        pairs[field] = name
    return tuple(pairs.items())


# ---------------------------------------------------------------- files and folders


def walk(path: str) -> Iterator[str | Rejected]:
    """The files under `path` in sorted path order, hidden ones skipped; a missing path is rejected."""
    if os.path.isfile(path):
        yield path
    elif os.path.isdir(path):
        yield from _walk_folder(path)
    elif os.path.lexists(path):
        yield Rejected(path, "not a regular file")
    else:
        yield Rejected(path, "no such file or directory")


def _walk_folder(folder: str) -> Iterator[str | Rejected]:
    try:
        entries = sorted((e for e in os.scandir(folder) if not _skipped(e.name)), key=lambda e: e.name)
    except OSError as exc:
        yield Rejected(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_folder(entry.path)
        elif entry.is_file():
            yield entry.path


def _skipped(name: str) -> bool:
    """Hidden files and a folder's side files (README.md, LICENSE) are no articles."""
    return name.startswith(".") or name.split(".")[0].lower() in SIDE_FILES


def _read_file(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    try:
        size, suffix = os.stat(path).st_size, format_suffix(path)
        streamed = _streamed_reader(suffix)
        if size == 0:
            yield Rejected(path, "empty file")
        elif streamed is not None:
            yield from streamed(path, settings)
        elif size > settings.max_file_bytes:
            yield Rejected(path, f"file too large: {size} bytes > limit of {settings.max_file_bytes}")
        else:
            yield from _read_whole_file(path, suffix, settings)
    except OSError as exc:
        yield Rejected(path, f"cannot read: {exc.strerror or exc}")


def _streamed_reader(suffix: str) -> Callable[[str, Settings], Iterator[Article | Rejected]] | None:
    """The reader of a format read piece by piece (the size limit holds per piece), imported on use."""
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl_file
    if suffix in WARC_SUFFIXES:
        from eventwire.formats_warc import read_warc

        return read_warc
    if suffix in PARQUET_SUFFIXES:
        from eventwire.formats_parquet import read_parquet

        return read_parquet
    return None


def _read_whole_file(path: str, suffix: str, settings: Settings) -> Iterator[Article | Rejected]:
    """A file read at once (under the size limit): a feed, an HTML page or a text article."""
    try:
        data = _read_bytes(path, settings)
    except Rejected as rejected:
        yield rejected
        return
    if suffix in FEED_SUFFIXES or (suffix in XML_SUFFIXES and _looks_feed(data)):
        yield from _feed_reader().read_feed(data, path, settings)
    else:
        yield _guard(lambda: _read_document(_decode(data, path), path, settings, suffix))


def _looks_feed(data: bytes) -> bool:
    """An RSS, Atom or RDF document, by its root element."""
    return bool(_FEED_ROOT.match(data[:SNIFF_BYTES]))


def _feed_reader() -> Any:
    """The feed module, imported on first use (feedparser is slow to import)."""
    from eventwire import formats_feed

    return formats_feed


def format_suffix(path: str) -> str:
    """The extension that tells the format, under a `.gz` one."""
    name = path.lower().removesuffix(".gz")
    return os.path.splitext(name)[1]


def _open(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _read_bytes(path: str, settings: Settings) -> bytes:
    """The file's bytes (decompressed), refused past the size limit."""
    limit = settings.max_file_bytes
    try:
        with _open(path) as handle:
            data = handle.read(limit + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise Rejected(path, f"corrupt gzip file: {exc}") from exc
    if len(data) > limit:
        raise Rejected(path, f"file too large: more than {limit} bytes once decompressed")
    if not data.strip():
        raise Rejected(path, "empty file")
    return data


def _decode(data: bytes, path: str) -> str:
    """UTF-8 text; a file with NUL bytes or mostly control bytes is binary."""
    if b"\x00" in data[:SNIFF_BYTES] or _mostly_control(data[:SNIFF_BYTES]):
        raise Rejected(path, "binary file")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise Rejected(path, f"invalid UTF-8 at byte {exc.start}") from exc


def _mostly_control(sample: bytes) -> bool:
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE


def _read_document(raw: str, path: str, settings: Settings, suffix: str = "") -> Article:
    if suffix in HTML_SUFFIXES or _LOOKS_HTML.match(raw):
        return read_html(raw, path, settings)
    return read_text_article(raw, path, settings)


def _guard(read: Callable[[], Article]) -> Article | Rejected:
    """The article that `read()` returns, or the rejection it raises."""
    try:
        return read()
    except Rejected as rejected:
        return rejected


# ---------------------------------------------------------------- JSONL


def _read_jsonl_file(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Line by line, so a large file is never held whole: a JSONL corpus may pass the size limit,
    each of its lines may not."""
    try:
        with _open(path) as handle:
            head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(handle, "peek") else b""
            if b"\x00" in head:
                yield Rejected(path, "binary file")
                return
            yield from _jsonl_lines(_decoded_lines(handle, path, settings), path, settings)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield Rejected(path, f"corrupt gzip file: {exc}")


def _decoded_lines(handle: IO[bytes], path: str, settings: Settings) -> Iterator[tuple[int, str | Rejected]]:
    for lineno, data in enumerate(handle, 1):
        if len(data) > settings.max_file_bytes:
            yield lineno, Rejected(f"{path}:{lineno}", f"line too large: {len(data)} bytes")
            continue
        try:
            yield lineno, data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            yield lineno, Rejected(f"{path}:{lineno}", f"invalid UTF-8 at byte {exc.start} of the line")


def _jsonl_lines(lines: Iterable[tuple[int, str | Rejected]], path: str,
                 settings: Settings) -> Iterator[Article | Rejected]:
    seen = False
    for lineno, line in lines:
        if isinstance(line, Rejected):
            seen = True
            yield line
        elif line.strip():
            seen = True
            yield _guard(lambda line=line, lineno=lineno: read_jsonl_line(line, path, lineno, settings))
    if not seen:
        yield Rejected(path, "empty file")


def _looks_jsonl(raw: str) -> bool:
    lines = [line for line in raw.splitlines() if line.strip()]
    return bool(lines) and all(line.lstrip().startswith("{") for line in lines[:5])


def _json_object(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise Rejected(where, f"broken JSON line: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise Rejected(where, "a JSONL line must hold an object")
    return record


def _text_field(record: dict[str, Any], name: str, where: str) -> str:
    value = record.get(name)
    if not isinstance(value, str) or not value.strip():
        raise Rejected(where, f'"{name}" must be a non-empty string')
    return value


def _optional_field(record: dict[str, Any], name: str, where: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Rejected(where, f'"{name}" must be a string')
    return value.strip()


def _input_date(value: Any, name: str, where: str) -> dt.date | None:
    """A date, a datetime (its own calendar day) or a string starting `YYYY-MM-DD`."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise Rejected(where, f'"{name}" must be YYYY-MM-DD, not {value!r}') from exc


# ---------------------------------------------------------------- text and HTML pieces


def _split_title(text: str) -> tuple[str, str]:
    """A headline-like first line becomes the title: short, not ending like a sentence."""
    first, _, rest = text.partition("\n")
    words = first.split()
    if not rest.strip() or not words or len(words) > MAX_TITLE_WORDS or first.rstrip().endswith(_TITLE_END):
        return "", text
    return first.strip(), rest.strip()


def _published(raw: str, header: dt.date | None, settings: Settings,
               today: dt.date | None = None) -> tuple[dt.date | None, str]:
    return pubdate.find_published(raw, header, today=today, data_dir=settings.lang_dir("pubdate"))


def _extract_html(raw: str) -> Any:
    try:
        return trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False,
                                           date_extraction_params=_date_params())
    except (ValueError, etree.LxmlError):
        return None


def _date_params() -> dict[str, Any]:
    """htmldate: the page's own date markup only; its guesses from the text ("Copyright 2024") are
    worse than pubdate's, which then gets the text. A new dict each call: trafilatura writes to it."""
    return {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def _html_date(value: str | None, body: str, settings: Settings,
               fetched: dt.date | None = None) -> tuple[dt.date | None, str]:
    if value:
        try:
            return dt.date.fromisoformat(value[:10]), "metadata"
        except ValueError:
            pass
    return _published(body, None, settings, fetched)
