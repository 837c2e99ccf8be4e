"""Turning the parts a rule matched into a TIMEX3 type and value, against an anchor date.

One function per handler named in rules.tsv. Each reads the rule's captures (`Groups`) and returns a
`Norm`, or None when the match is no usable expression (a 30 February, a consumed name).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import calendar as cal
from .vocab import Vocab, key

Groups = dict[str, str | None]
DIGITS = re.compile(r"[0-9]+")
TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class Context:
    anchor: dt.date | None
    tense: str  # past or future
    vocab: Vocab


@dataclass(frozen=True, slots=True)
class Norm:
    type: str
    value: str
    precision: str
    explicit: bool = False
    end_value: str = ""


def number(v: Vocab, text: str | None, default: str = "1") -> str:
    """The count a number phrase gives as text ("4", "0.5", "X"); `default` when there is none."""
    if not text:
        return default
    word = key(text)
    if word in v.numbers:
        return v.numbers[word]
    parts = re.split(r"[-\s]+", word)
    if all(p in v.numbers for p in parts):
        return str(sum(int(v.numbers[p]) for p in parts))
    return word.replace(",", "")


def amount(count: str, multiplier: int) -> str:
    if count == "X":
        return "X"
    total = float(count) * multiplier
    return str(int(total)) if total == int(total) else f"{total:g}"


def duration_value(v: Vocab, count: str, unit_text: str) -> str:
    """TIMEX3 duration: P4D, P3W, P10Y, PT2H, PXY."""
    unit = v.units[key(unit_text)]
    size = amount(count, unit.multiplier)
    if unit.code in TIME_UNITS:
        return f"PT{size}{TIME_UNITS[unit.code]}"
    return f"P{size}{unit.code}"


def day_number(v: Vocab, text: str) -> int:
    found = DIGITS.match(text)
    return int(found.group()) if found else v.ordinals[key(text)]


def month_number(v: Vocab, g: Groups) -> int | None:
    if g.get("month"):
        return v.months[key(g["month"] or "")]
    return int(g["nmonth"] or 0) if g.get("nmonth") else None


def modifier(v: Vocab, g: Groups) -> int | None:
    return v.modifiers[key(g["mod"] or "")] if g.get("mod") else None


def time_suffix(v: Vocab, g: Groups, part: str = "") -> str:
    """T17:12 for a clock time, TEV for a part of day, "" for neither."""
    if g.get("hour"):
        hour, minute = cal.clock(int(g["hour"] or 0), int(g.get("minute") or 0), (g.get("ampm") or "").lower())
        return f"T{hour:02d}:{minute:02d}"
    if g.get("pod"):
        part = v.parts[key(g["pod"] or "")]
    return f"T{part}" if part else ""


def day_norm(day: dt.date | None, suffix: str, explicit: bool) -> Norm | None:
    if day is None:
        return None
    return Norm("TIME" if suffix else "DATE", day.isoformat() + suffix, "day", explicit)


def unresolved(kind: str = "DATE", explicit: bool = False) -> Norm:
    """A relative expression without an anchor: found, but with no value."""
    return Norm(kind, "", "", explicit)


def norm_date(g: Groups, ctx: Context) -> Norm | None:
    """Calendar dates: day, month and year (some left out), a decade, a holiday."""
    v = ctx.vocab
    if g.get("decade"):
        return Norm("DATE", (g["decade"] or "")[:3], "", True)
    year = int(g["year"] or 0) if g.get("year") else None
    month = month_number(v, g)
    day = day_number(v, g["day"] or "") if g.get("day") else None
    if g.get("holiday"):
        month, day = v.holidays[key(g["holiday"] or "")]
    if month and day:
        return month_day_norm(g, ctx, year, month, day)
    if month:
        return month_norm(g, ctx, year, month)
    return Norm("DATE", f"{year:04d}", "year", True)


def month_day_norm(g: Groups, ctx: Context, year: int | None, month: int, day: int) -> Norm | None:
    weekday = ctx.vocab.weekdays[key(g["weekday"] or "")] if g.get("weekday") else None
    if year is not None:
        found = cal.safe_date(year, month, day)
    elif ctx.anchor is None:
        return unresolved(explicit=True)
    else:
        found = cal.yearless_day(ctx.anchor, month, day, ctx.tense, weekday)
    return day_norm(found, time_suffix(ctx.vocab, g), explicit=True)


def month_norm(g: Groups, ctx: Context, year: int | None, month: int) -> Norm:
    if year is None:
        if ctx.anchor is None:
            return unresolved(explicit=True)
        year = cal.month_year(ctx.anchor, month, modifier(ctx.vocab, g), ctx.tense)
    return Norm("DATE", cal.month_value(year, month), "month", True)


def norm_range(g: Groups, ctx: Context) -> Norm | None:
    """"from 2010 to 2015", "from January to March", "25 to 28 December": first and last value."""
    if not g.get("month"):
        first, last = g["year"] or "", g["year2"] or ""
        return Norm("DATE", first, "year", True, last) if first <= last else None
    if not g.get("day"):
        return month_range(g, ctx)
    return day_range(g, ctx)


def month_range(g: Groups, ctx: Context) -> Norm | None:
    v = ctx.vocab
    first, last = v.months[key(g["month"] or "")], v.months[key(g["month2"] or "")]
    wraps = last < first
    if g.get("year"):
        end_year = int(g["year"] or 0)
        start_year = end_year - 1 if wraps else end_year
    elif ctx.anchor is None:
        return unresolved(explicit=True)
    else:
        start_year = cal.month_year(ctx.anchor, first, None, ctx.tense)
        end_year = start_year + 1 if wraps else start_year
    return Norm("DATE", cal.month_value(start_year, first), "month", True, cal.month_value(end_year, last))


def day_range(g: Groups, ctx: Context) -> Norm | None:
    v = ctx.vocab
    m1 = v.months[key(g["month"] or "")]
    m2 = v.months[key(g["month2"] or "")] if g.get("month2") else m1
    d1, d2 = day_number(v, g["day"] or ""), day_number(v, g["day2"] or "")
    if not g.get("month2") and d2 <= d1:
        return None  # "30-7 Oct." is a score, not a range
    wraps = (m2, d2) < (m1, d1)
    if g.get("year"):
        end_year = int(g["year"] or 0)
        start = cal.safe_date(end_year - 1 if wraps else end_year, m1, d1)
    elif ctx.anchor is None:
        return unresolved(explicit=True)
    else:
        start = cal.yearless_day(ctx.anchor, m1, d1, ctx.tense)
        end_year = start.year + 1 if start and wraps else (start.year if start else 0)
    end = cal.safe_date(end_year, m2, d2) if start else None
    if start is None or end is None:
        return None
    return Norm("DATE", start.isoformat(), "day", True, end.isoformat())


def norm_weekday(g: Groups, ctx: Context) -> Norm | None:
    """"on Wednesday evening", "last Monday", "early Friday"."""
    suffix = time_suffix(ctx.vocab, g)
    if ctx.anchor is None:
        return unresolved("TIME" if suffix else "DATE")
    weekday = ctx.vocab.weekdays[key(g["weekday"] or "")]
    mode = cal.weekday_mode(modifier(ctx.vocab, g), ctx.tense)
    return day_norm(cal.weekday_near(ctx.anchor, weekday, mode), suffix, explicit=False)


def norm_deictic(g: Groups, ctx: Context) -> Norm | None:
    """"today", "yesterday morning", "tonight", "the day after tomorrow"."""
    offset, part = ctx.vocab.reldays[key(g["relday"] or "")]
    suffix = time_suffix(ctx.vocab, g, part)
    if ctx.anchor is None:
        return unresolved("TIME" if suffix else "DATE")
    return day_norm(cal.shift_days(ctx.anchor, offset), suffix, explicit=False)


def norm_period(g: Groups, ctx: Context) -> Norm | None:
    """"last week", "earlier this month", "the coming year", "over the weekend"."""
    if ctx.anchor is None:
        return unresolved()
    unit = ctx.vocab.units[key(g["unit"] or "")]
    offset = modifier(ctx.vocab, g)
    if unit.code == "WE":
        return Norm("DATE", cal.weekend_week(ctx.anchor, offset, ctx.tense), "week")
    value, precision = cal.period_value(ctx.anchor, unit.code, offset or 0, ctx.tense)
    return Norm("DATE", value, precision)


def distance(g: Groups, ctx: Context, sign: int) -> Norm | None:
    """"two days ago" (sign -1), "three weeks from now" (sign 1)."""
    count = number(ctx.vocab, g.get("num"), default="X")
    if count == "X":
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "")
    if ctx.anchor is None:
        return unresolved()
    unit = ctx.vocab.units[key(g["unit"] or "")]
    steps = round(float(count) * unit.multiplier) * sign
    found = cal.distance_value(ctx.anchor, unit.code, steps)
    return Norm("DATE", found[0], found[1]) if found else None


def norm_in_units(g: Groups, ctx: Context) -> Norm | None:
    """"in three weeks": a date in future tense, a duration otherwise ("done in three weeks")."""
    if ctx.tense == "future" and number(ctx.vocab, g.get("num")) != "X":
        return distance(g, ctx, 1)
    return norm_duration(g, ctx)


def norm_season(g: Groups, ctx: Context) -> Norm | None:
    """"summer 2023", "the winter of 1991", "last summer": YEAR-SU (no single calendar day)."""
    code = ctx.vocab.seasons[key(g["season"] or "")]
    if g.get("year"):
        return Norm("DATE", f"{g['year']}-{code}", "", True)
    if ctx.anchor is None:
        return unresolved()
    return Norm("DATE", f"{season_year(ctx.anchor, code, modifier(ctx.vocab, g) or 0):04d}-{code}", "")


def season_year(anchor: dt.date, code: str, offset: int) -> int:
    """The year (of its first month) of this (0), last (-1) or next (1) season of a kind."""
    start = SEASON_START[code]
    current = anchor.year - 1 if code == "WI" and anchor.month < 3 else anchor.year
    begun = (current, start) <= (anchor.year, anchor.month)
    ended = cal.shift_month(current, start, 3) <= (anchor.year, anchor.month)
    if offset < 0:
        return current if ended else current - 1
    if offset > 0:
        return current + 1 if begun else current
    return current


def norm_duration(g: Groups, ctx: Context) -> Norm | None:
    """"four-day", "three weeks", "the past decade" (P10Y), "decades-long" (PXY)."""
    unit = ctx.vocab.units[key(g["unit"] or "")]
    count = number(ctx.vocab, g.get("num"), default="X" if unit.plural else "1")
    if count == "1" and unit.plural:
        return None  # "a decades-long feud": leave "decades-long" to a later rule
    return Norm("DURATION", duration_value(ctx.vocab, count, g["unit"] or ""), "")


def norm_set(g: Groups, ctx: Context) -> Norm | None:
    """"every Monday", "each year", "twice a year", "on Mondays", "annually"."""
    v = ctx.vocab
    if g.get("setword"):
        return Norm("SET", v.sets[key(g["setword"] or "")][1], "")
    if g.get("weekday"):
        name = key(g["weekday"] or "")
        day = v.weekdays.get(name) or v.weekdays[name[:-1]]
        return Norm("SET", f"XXXX-WXX-{day}", "")
    if g.get("pod"):
        return Norm("SET", f"XXXX-XX-XXT{v.parts[key(g['pod'] or '')]}", "")
    count = "1" if g.get("freq") or not g.get("quant") else number(v, g.get("num"))
    return Norm("SET", duration_value(v, count, g["unit"] or ""), "")


def norm_vague(g: Groups, ctx: Context) -> Norm | None:
    return Norm("DATE", ctx.vocab.vague[key(g["vague"] or "")], "")


def norm_clock(g: Groups, ctx: Context) -> Norm | None:
    """A clock time alone ("at 5 pm"): on the anchor's day."""
    if ctx.anchor is None:
        return unresolved("TIME")
    return day_norm(ctx.anchor, time_suffix(ctx.vocab, g), explicit=False)


def norm_skip(g: Groups, ctx: Context) -> Norm | None:
    return None


HANDLERS: dict[str, Callable[[Groups, Context], Norm | None]] = {
    "skip": norm_skip,
    "date": norm_date,
    "range": norm_range,
    "weekday": norm_weekday,
    "deictic": norm_deictic,
    "period": norm_period,
    "ago": lambda g, ctx: distance(g, ctx, -1),
    "later": lambda g, ctx: distance(g, ctx, 1),
    "in_units": norm_in_units,
    "season": norm_season,
    "duration": norm_duration,
    "set": norm_set,
    "vague": norm_vague,
    "clock": norm_clock,
}
