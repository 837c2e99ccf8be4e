"""Checking the web view's query and path parameters.

Every parameter arrives as text and is parsed here; anything the view cannot use raises `BadParam`
with a message meant for the person who typed the URL (the app answers it with a 400). An empty
value (`since=` from a blank form field) means the parameter is absent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from starlette.datastructures import QueryParams

MAX_LIMIT = 1000  # rows per JSON page
MAX_TABLE_LIMIT = 500  # rows per HTML page
MAX_DOWNLOAD = 1_000_000  # rows per CSV or Parquet download
MAX_OFFSET = 10_000_000
MAX_TEXT = 200  # characters of a free-text search
MAX_ID = 128  # characters of an event id

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
_CODE3 = re.compile(r"[A-Za-z]{3}")
_ROOT = re.compile(r"[0-9]{1,2}")
_INT = re.compile(r"[0-9]{1,9}")
FILTER_NAMES = ("since", "until", "root", "plover", "q")
PAGE_NAMES = ("limit", "offset")


class BadParam(ValueError):
    """A parameter the web view cannot use; the message says which one and what it accepts."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What an event query keeps: a dyad (either direction), a date range, a CAMEO root, a PLOVER
    event type and a text that the evidence of one of the event's mentions must contain."""

    dyad: tuple[str, str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    root: str | None = None
    plover: str | None = None
    q: str | None = None

    def query(self) -> dict[str, str]:
        """The filters other than the dyad as query parameters (for links that keep them)."""
        values = {"since": self.since, "until": self.until, "root": self.root, "plover": self.plover, "q": self.q}
        return {k: str(v) for k, v in values.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Page:
    limit: int | None  # None: no limit (downloads only)
    offset: int = 0


def _show(text: str) -> str:
    """A user's value quoted for an error message, cut short."""
    return repr(text if len(text) <= 40 else text[:40] + "...")


def check_names(params: QueryParams, allowed: Collection[str]) -> None:
    """Refuse parameters this endpoint does not take (a typo like `sinse` would otherwise be ignored)
    and parameters given twice."""
    unknown = sorted(set(params.keys()) - set(allowed))
    if unknown:
        takes = ", ".join(allowed) if allowed else "no parameters"
        names = ", ".join(_show(k) for k in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise BadParam(f"unknown parameter {names}; this address takes {takes}")
    repeated = sorted({k for k in params.keys() if len(params.getlist(k)) > 1})
    if repeated:
        raise BadParam(f"parameter {', '.join(repeated)} given more than once")


def blank(text: str | None) -> bool:
    return text is None or not text.strip()


def parse_date(text: str | None, name: str, end: bool = False) -> dt.date | None:
    """`2024-03-05`, `2024-03` or `2024`; a month or year means its first day, or its last if `end`."""
    if blank(text):
        return None
    text = text.strip()
    try:
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
        if _MONTH.fullmatch(text):
            year, month = int(text[:4]), int(text[5:])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if _YEAR.fullmatch(text):
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    except ValueError:
        raise BadParam(f"{name}: {_show(text)} is not a calendar date") from None
    raise BadParam(f"{name} must be a date like 2024-03-05 (or 2024-03, or 2024), got {_show(text)}")


def parse_dyad(text: str) -> tuple[str, str]:
    """`IND-RUS` (any case) -> ("IND", "RUS"): two three-letter country or bloc codes."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(_CODE3.fullmatch(p) for p in parts):
        raise BadParam(f"a dyad is two three-letter country codes joined by '-', like IND-RUS; got {_show(text)}")
    return parts[0].upper(), parts[1].upper()


def parse_code3(text: str | None, name: str) -> str | None:
    """A three-letter country or sector code (`IND`, `GOV`), upper-cased."""
    if blank(text):
        return None
    if not _CODE3.fullmatch(text.strip()):
        raise BadParam(f"{name} must be a three-letter code like {'GOV' if name == 'sector' else 'IND'}, "
                       f"got {_show(text)}")
    return text.strip().upper()


def parse_root(text: str | None) -> str | None:
    """A CAMEO root from 01 to 20 (`4` means `04`)."""
    if blank(text):
        return None
    if not _ROOT.fullmatch(text.strip()) or not 1 <= int(text) <= 20:
        raise BadParam(f"root must be a CAMEO root from 01 to 20, got {_show(text)}")
    return f"{int(text):02d}"


def parse_plover(text: str | None, known: Collection[str]) -> str | None:
    """A PLOVER event type among `known` (any case)."""
    if blank(text):
        return None
    value = text.strip().upper()
    if value not in known:
        raise BadParam(f"plover must be one of {', '.join(sorted(known))}; got {_show(text)}")
    return value


def parse_text(text: str | None, name: str) -> str | None:
    """A free-text search of at most MAX_TEXT characters, without control characters."""
    if blank(text):
        return None
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise BadParam(f"{name} is limited to {MAX_TEXT} characters, got {len(text)}")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise BadParam(f"{name} must not contain control characters")
    return text


def parse_int(text: str | None, name: str, default: int | None, maximum: int) -> int | None:
    """A whole number from 0 to `maximum`; `default` when absent."""
    if blank(text):
        return default
    if not _INT.fullmatch(text.strip()) or int(text) > maximum:
        raise BadParam(f"{name} must be a whole number from 0 to {maximum}, got {_show(text)}")
    return int(text)


def parse_event_id(text: str) -> str:
    if not text or len(text) > MAX_ID:
        raise BadParam(f"an event id has 1 to {MAX_ID} characters, got {len(text)}")
    return text


def parse_filters(values: Mapping[str, str | None], plovers: Collection[str]) -> Filters:
    """Filters from raw values keyed by FILTER_NAMES (and `dyad`, when present)."""
    dyad = values.get("dyad")
    f = Filters(
        dyad=None if blank(dyad) else parse_dyad(dyad),
        since=parse_date(values.get("since"), "since"),
        until=parse_date(values.get("until"), "until", end=True),
        root=parse_root(values.get("root")),
        plover=parse_plover(values.get("plover"), plovers),
        q=parse_text(values.get("q"), "q"),
    )
    if f.since and f.until and f.since > f.until:
        raise BadParam(f"since ({f.since}) is after until ({f.until})")
    return f


def parse_page(limit: str | None, offset: str | None, default: int | None, maximum: int) -> Page:
    return Page(parse_int(limit, "limit", default, maximum), parse_int(offset, "offset", 0, MAX_OFFSET) or 0)
