"""The publication date of an article, found in its raw text (before page furniture is removed).

Evidence, strongest first: a ` date YYYY-MM-DD` header line ("header"); a byline
("| @indiablooms | 20 Mar 2024, 05:12 pm", "Published: March 20, 2024") ("byline"); a dateline
("New Delhi [India], January 15 :") ("dateline"); the latest embedded dated post
("— Narendra Modi (@narendramodi) March 20, 2024") ("post"); a lone date line at the very top of
the page, which is the page's own date and so only a last resort among the article's own dates
("byline"); the latest plausible date in the text ("text"); else `(None, "none")`.

Candidate spans are found with regexes built from the month and day names in
data/pubdate/<lang>/ and parsed with that month table; no parser ever runs over the whole text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import ResourceError
from eventwire.settings import DATA_DIR

DEFAULT_DIR = DATA_DIR / "pubdate" / "en"
MIN_YEAR = 1990  # no publication date before this
MAX_BYLINE_CHARS = 160  # a byline is a short line
MAX_LONE_CHARS = 60  # and a line with nothing but a date, shorter still
MAX_BYLINE_WORDS = 10  # words a byline may hold besides its date, time, handles and cue words
MAX_BYLINE_LOWER = 3  # of which in lower case (a sentence has more: "By March 20, 2024, the state had ...")
DATELINE_LINES = 8  # a dateline opens one of the first lines of the article
FUTURE_WINDOW = 80  # characters before a date searched for a future cue in the same sentence

_HEADER = re.compile(r"\A\ufeff?[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)[ \t]*")
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_BARE_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d{2}(?![\d/-])")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?", re.I)
_ZONE = re.compile(r"\(?\b[A-Z]{2,5}\b\)?")
_HANDLE = re.compile(r"@\w+")
_DIGIT = re.compile(r"\d")
_POST_BEFORE = re.compile(r"\(@\w{1,30}\)\s*$")
_SEPARATORS = re.compile(r"[\s,|/•·:;–—\-]+")
_SENTENCE_END = re.compile(r"[.!?]\s")
_ENDS_SENTENCE = re.compile(r"[a-z]{3,}[.!?][\"”’']?\s*$")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date written in the text; `year` or `day` is None when the text leaves it out."""

    start: int
    end: int
    text: str
    month: int
    day: int | None = None
    year: int | None = None

    @property
    def full(self) -> bool:
        return self.day is not None and self.year is not None

    def date(self, year: int | None = None) -> dt.date | None:
        """The calendar day, taking `year` when the text gives none; None if not a valid day."""
        y = self.year or year
        if y is None or self.day is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class _Vocab:
    months: tuple[tuple[str, int], ...]
    weekdays: re.Pattern[str]
    byline: re.Pattern[str]
    deadline: re.Pattern[str]
    future: re.Pattern[str]
    forms: tuple[re.Pattern[str], ...]  # date forms, most complete first
    dateline: re.Pattern[str]
    quick: re.Pattern[str]  # a text without a match holds no date


# ---------------------------------------------------------------- public API


def split_header(raw_text: str) -> tuple[dt.date | None, str]:
    """Split a leading ` date YYYY-MM-DD` header off the text: (header date, the rest).

    The rest of the header line (often the headline) stays in the text."""
    m = _HEADER.match(raw_text)
    if not m:
        return None, raw_text
    try:
        return dt.date.fromisoformat(m.group(1)), raw_text[m.end():]
    except ValueError:
        return None, raw_text


def find_published(raw_text: str, header: dt.date | None = None, *,
                   today: dt.date | None = None, data_dir: Path = DEFAULT_DIR) -> tuple[dt.date | None, str]:
    """The publication date of the article in `raw_text` and where it came from (see module doc)."""
    in_text, body = split_header(raw_text)
    if header or in_text:
        return header or in_text, "header"
    vocab = _vocab(data_dir)
    ctx = _Context(body, _lines(body), tuple(_find(body, vocab)), today or dt.date.today(), vocab)
    for source, finder in _FINDERS:
        found = finder(ctx)
        if found is not None:
            return found, source
    return None, "none"


def find_dates(text: str, *, data_dir: Path = DEFAULT_DIR) -> list[DateSpan]:
    """Every date written in `text` (full, month-day, day-month, month-year), in text order."""
    return _find(text, _vocab(data_dir))


def parse_span(span: str, *, data_dir: Path = DEFAULT_DIR) -> DateSpan | None:
    """Parse one date span ("20 Mar 2024", "January 15", "2024-03-20"); None if it is no date."""
    return _parse(span, _vocab(data_dir))


def is_lone_date(line: str, *, data_dir: Path = DEFAULT_DIR) -> bool:
    """A line that holds only a full date, maybe with a day name, a time and a zone."""
    return _lone(line.strip(), _vocab(data_dir))


def is_byline(line: str, *, data_dir: Path = DEFAULT_DIR) -> bool:
    """A short line with a full date and a byline's marks (a cue word, a `|`, an @handle)."""
    return _byline(line.strip(), _vocab(data_dir))


def is_date_line(line: str, *, data_dir: Path = DEFAULT_DIR) -> bool:
    """A byline or a lone date line: furniture for the text, evidence for the date."""
    vocab = _vocab(data_dir)
    return _lone(line.strip(), vocab) or _byline(line.strip(), vocab)


# ---------------------------------------------------------------- the evidence, in order


@dataclass(frozen=True, slots=True)
class _Context:
    body: str
    lines: tuple[str, ...]
    dates: tuple[DateSpan, ...]
    today: dt.date
    vocab: _Vocab

    def plausible(self, day: dt.date | None) -> bool:
        return day is not None and day.year >= MIN_YEAR and day <= self.today


def _top_line_is_date(ctx: _Context) -> bool:
    return bool(ctx.lines) and _lone(ctx.lines[0], ctx.vocab)


def _byline_date(ctx: _Context) -> dt.date | None:
    """The earliest date of the bylines (a later one is an update), top page date left out."""
    start = 1 if _top_line_is_date(ctx) else 0
    days = [d for line in ctx.lines[start:] if _byline(line, ctx.vocab) or _lone(line, ctx.vocab)
            for d in _full_days(line, ctx.vocab)]
    days = [d for d in days if ctx.plausible(d)]
    return min(days) if days else None


def _dateline_date(ctx: _Context) -> dt.date | None:
    for line in ctx.lines[:DATELINE_LINES]:
        m = ctx.vocab.dateline.match(line)
        span = _parse(m.group("date"), ctx.vocab) if m else None
        if span is None or span.day is None:
            continue
        day = span.date(span.year or _likely_year(span, ctx))
        if ctx.plausible(day):
            return day
    return None


def _post_date(ctx: _Context) -> dt.date | None:
    """The latest date that signs an embedded post: `(@handle) March 20, 2024`."""
    days = [s.date() for s in ctx.dates
            if s.full and _POST_BEFORE.search(ctx.body[max(0, s.start - 40):s.start])]
    days = [d for d in days if ctx.plausible(d)]
    return max(days) if days else None


def _top_date(ctx: _Context) -> dt.date | None:
    """The page's own date line at the very top: used only when the article has no date of its own."""
    if not _top_line_is_date(ctx):
        return None
    days = [d for d in _full_days(ctx.lines[0], ctx.vocab) if ctx.plausible(d)]
    return days[0] if days else None


def _text_date(ctx: _Context) -> dt.date | None:
    """The latest plausible full date in the text that is no deadline and no future plan."""
    days = [s.date() for s in ctx.dates if s.full and not _is_ahead(ctx, s.start)]
    days = [d for d in days if ctx.plausible(d)]
    return max(days) if days else None


_FINDERS = (("byline", _byline_date), ("dateline", _dateline_date), ("post", _post_date),
            ("byline", _top_date), ("text", _text_date))


def _likely_year(span: DateSpan, ctx: _Context) -> int | None:
    """The year of a dateline that gives none: the latest year the text names, not in the future."""
    years = [int(m.group()) for m in _BARE_YEAR.finditer(ctx.body) if not _is_ahead(ctx, m.start())]
    years = [y for y in years if MIN_YEAR <= y <= ctx.today.year]
    if not years:
        return None
    year = max(years)
    day = span.date(year)
    return year - 1 if day is not None and day > ctx.today else year


def _is_ahead(ctx: _Context, start: int) -> bool:
    """True when a deadline cue stands right before `start` or a future cue earlier in its sentence."""
    before = ctx.body[max(0, start - FUTURE_WINDOW):start]
    if ctx.vocab.deadline.search(before):
        return True
    ends = list(_SENTENCE_END.finditer(before))
    sentence = before[ends[-1].end():] if ends else before
    return bool(ctx.vocab.future.search(sentence))


# ---------------------------------------------------------------- helpers


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _full_days(line: str, vocab: _Vocab) -> list[dt.date]:
    return [d for s in _find(line, vocab) if s.full and (d := s.date()) is not None]


def _lone(line: str, vocab: _Vocab) -> bool:
    if len(line) > MAX_LONE_CHARS or not _DIGIT.search(line):
        return False
    dates = [d for d in _find(line, vocab) if d.full]
    if len(dates) != 1:
        return False
    rest = _remove_spans(line, dates)
    for pattern in (_TIME, vocab.weekdays, _ZONE):
        rest = pattern.sub(" ", rest)
    return not _SEPARATORS.sub("", rest)


def _byline(line: str, vocab: _Vocab) -> bool:
    if len(line) > MAX_BYLINE_CHARS or not _DIGIT.search(line):
        return False
    dates = [d for d in _find(line, vocab) if d.full]
    if not dates or any(_POST_BEFORE.search(line[:d.start]) for d in dates):
        return False
    if not ("|" in line or _HANDLE.search(line) or vocab.byline.match(line)):
        return False
    rest = _remove_spans(line, dates)
    for pattern in (_TIME, _HANDLE, vocab.byline, vocab.weekdays, _ZONE):
        rest = pattern.sub(" ", rest)
    words = _SEPARATORS.sub(" ", rest).split()
    lower = [w for w in words if w[0].islower()]
    if _ENDS_SENTENCE.search(rest):
        return False
    return len(words) <= MAX_BYLINE_WORDS and len(lower) <= MAX_BYLINE_LOWER


def _find(text: str, vocab: _Vocab) -> list[DateSpan]:
    if not vocab.quick.search(text):
        return []
    spans: list[DateSpan] = []
    for form in vocab.forms:
        spans.extend(_span(m, vocab) for m in form.finditer(text))
    return _non_overlapping(spans)


def _parse(text: str, vocab: _Vocab) -> DateSpan | None:
    text = text.strip().rstrip(",")
    for form in vocab.forms:
        m = form.fullmatch(text)
        if m:
            return _span(m, vocab)
    return None


def _span(m: re.Match[str], vocab: _Vocab) -> DateSpan:
    groups = m.groupdict()
    month = groups["m"]
    number = int(month) if month.isdigit() else _month_number(month, vocab)
    day = int(groups["d"]) if groups.get("d") else None
    year = int(groups["y"]) if groups.get("y") else None
    return DateSpan(m.start(), m.end(), m.group(), number, day, year)


def _month_number(name: str, vocab: _Vocab) -> int:
    key = name.rstrip(".").casefold()
    return next(number for written, number in vocab.months if written.casefold() == key)


def _non_overlapping(spans: list[DateSpan]) -> list[DateSpan]:
    """Keep the longest of overlapping spans (a full date over the month-day inside it)."""
    kept: list[DateSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _remove_spans(line: str, spans: list[DateSpan]) -> str:
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        line = line[:span.start] + " " + line[span.end:]
    return line


# ---------------------------------------------------------------- data loading


@functools.cache
def _vocab(data_dir: Path) -> _Vocab:
    months = tuple((name, int(number)) for name, number in _rows(data_dir / "months.txt", 2, _check_month))
    weekdays = [row[0] for row in _rows(data_dir / "weekdays.txt", 1)]
    cues: dict[str, list[str]] = {"byline": [], "deadline": [], "future": []}
    for kind, phrase in _rows(data_dir / "cues.txt", 2, lambda r: r[0] in cues):
        cues[kind].append(phrase)
    month_re = _month_alternation([name for name, _ in months])
    return _Vocab(
        months=months,
        weekdays=re.compile(r"\b(?:" + _words(weekdays) + r")\b\.?", re.I),
        byline=re.compile(r"^\W*(?:" + _words(cues["byline"]) + r")\b\s*:?", re.I),
        deadline=re.compile(r"\b(?:" + _words(cues["deadline"]) + r")\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I),
        future=re.compile(r"\b(?:" + _words(cues["future"]) + r")\b", re.I),
        forms=_forms(month_re),
        dateline=_dateline(month_re, weekdays),
        quick=re.compile(rf"\b(?:{month_re})\b|\d-\d"),
    )


def _forms(month: str) -> tuple[re.Pattern[str], ...]:
    m = rf"(?P<m>{month})\b\.?"
    sources = (
        rf"(?<![\d-]){_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
        rf"\b{m}\s+{_DAY},?\s+{_YEAR}",
        rf"\b{_DAY}\s+(?:of\s+)?{m},?\s+{_YEAR}",
        rf"\b{m},?\s+{_YEAR}",
        rf"\b{m}\s+{_DAY}",
        rf"\b{_DAY}\s+(?:of\s+)?{m}",
    )
    return tuple(re.compile(source) for source in sources)


def _dateline(month: str, weekdays: list[str]) -> re.Pattern[str]:
    """`PLACE [Country] (Agency), [Weekday,] DATE [(Agency)|/Wire/] :|-|—` at the start of a line."""
    place = r"[A-Z][\w.'’&-]*(?:[ /-]+[A-Z0-9][\w.'’&-]*){0,4}"
    tag = r"(?:\s*\[[^\]\n]{2,30}\]|\s*\([^)\n]{2,25}\))*"
    weekday = r"(?:(?:" + _words(weekdays) + r")\.?,?\s+)?"
    m = rf"(?:{month})\b\.?"
    d = r"\d{1,2}(?:st|nd|rd|th)?"
    date = rf"(?P<date>(?:{m}\s+{d}|{d}\s+{m})(?:,?\s+(?:19|20)\d{{2}})?)"
    agency = r"(?:\s*\([^)\n]{2,25}\)|\s*/[^/\n]{2,25}/)?"
    return re.compile(rf"^{place}{tag}\s*,\s*{weekday}{date}{agency}\s*(?::|-{{1,2}}|–|—)(?=\s|$)")


def _month_alternation(names: list[str]) -> str:
    variants = {v for name in names for v in (name, name.upper())}
    return "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))


def _words(phrases: list[str]) -> str:
    escaped = (r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return "|".join(sorted(escaped, key=len, reverse=True))


def _check_month(row: list[str]) -> bool:
    return row[1].isdigit() and 1 <= int(row[1]) <= 12


def _rows(path: Path, width: int, check=None) -> list[list[str]]:
    """Rows of a tab-separated data file; `#` lines and blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc.strerror}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = [cell.strip() for cell in line.split("\t")]
        if len(row) != width or not all(row) or (check and not check(row)):
            raise ResourceError(f"{path}:{number}: expected {width} tab-separated fields: {line!r}")
        rows.append(row)
    return rows
