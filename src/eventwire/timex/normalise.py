"""Turning the parts a rule matched into a TIMEX3 type and value, against an anchor date.

One function per handler named in rules.tsv. Each reads the rule's captures (`Groups`) and returns a
`Norm`, or None when the match is no usable expression (a 30 February, a consumed name).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..records import value_to_date
from . import calendar as cal
from .clause import Clause, Cues
from .vocab import REF_VALUES, Vocab, key

Groups = dict[str, str | None]
DIGITS = re.compile(r"[0-9]+")
TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
OPEN_VALUES = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}
# the story's time must be at least this precise for a unit counted from it ("that day" needs a day)
STORY_PRECISION = {"D": {"day"}, "W": {"day", "week"}, "M": {"day", "month"}, "Y": {"day", "week", "month", "year"}}
# handlers that read the tense (from the clause when tense_cues.tsv says so, see recognizer.first_accepted)
TENSED = frozenset({"weekday", "date", "range", "period", "day_of_month", "quarter", "indefinite", "story",
                    "story_count"})


@dataclass(frozen=True, slots=True)
class Context:
    anchor: dt.date | None
    tense: str  # past or future
    vocab: Vocab
    cues: Cues | None = None  # None: the tense is always the caller's
    clause: Clause | None = None  # the clause of the expression at hand (for the handlers in TENSED)
    reference: tuple[dt.date, str] | None = None  # the story's time: first day and precision of the
    # latest expression so far that names a calendar day, week, month or year


@dataclass(frozen=True, slots=True)
class Norm:
    type: str
    value: str
    precision: str
    explicit: bool = False
    end_value: str = ""


def tense_of(ctx: Context) -> str:
    """The tense a handler reads: future when the expression's clause has a future cue, else the caller's."""
    if ctx.clause is not None and ctx.clause.mood().future:
        return "future"
    return ctx.tense


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
    if g.get("decade2"):
        return Norm("DATE", short_decade(int((g["decade2"] or "0")[0]), ctx.anchor), "", True)
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


def short_decade(digit: int, anchor: dt.date | None) -> str:
    """"the '90s": the latest such decade that ended by the year after the anchor (1900s without one)."""
    start = 2000 + 10 * digit
    if anchor is None or start + 10 > anchor.year + 1:
        start -= 100
    return f"{start // 10:03d}"


def month_day_norm(g: Groups, ctx: Context, year: int | None, month: int, day: int) -> Norm | None:
    weekday = ctx.vocab.weekdays[key(g["weekday"] or "")] if g.get("weekday") else None
    if year is not None:
        found = cal.safe_date(year, month, day)
    elif ctx.anchor is None:
        return unresolved(explicit=True)
    else:
        found = cal.yearless_day(ctx.anchor, month, day, tense_of(ctx), weekday)
    return day_norm(found, time_suffix(ctx.vocab, g), explicit=True)


def month_norm(g: Groups, ctx: Context, year: int | None, month: int) -> Norm:
    if year is None:
        if ctx.anchor is None:
            return unresolved(explicit=True)
        year = cal.month_year(ctx.anchor, month, modifier(ctx.vocab, g), tense_of(ctx))
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
        start_year = cal.month_year(ctx.anchor, first, None, tense_of(ctx))
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
        start = cal.yearless_day(ctx.anchor, m1, d1, tense_of(ctx))
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
    mode = cal.weekday_mode(modifier(ctx.vocab, g), tense_of(ctx))
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
        return Norm("DATE", cal.weekend_week(ctx.anchor, offset, tense_of(ctx)), "week")
    value, precision = cal.period_value(ctx.anchor, unit.code, offset or 0, ctx.tense)  # no weekend here
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
    if tense_of(ctx) == "future" and number(ctx.vocab, g.get("num")) != "X":
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
    value = ctx.vocab.vague[key(g["vague"] or "")]
    return Norm("DURATION" if value[0] == "P" and value not in REF_VALUES else "DATE", value, "")


def norm_unknown(g: Groups, ctx: Context) -> Norm | None:
    """"later" on its own: a date the text leaves open."""
    return Norm("DATE", "XXXX-XX-XX", "")


def norm_indefinite(g: Groups, ctx: Context) -> Norm | None:
    """"a day when": after the anchor in a future or hypothetical clause, before it otherwise."""
    ahead = tense_of(ctx) == "future" or (ctx.clause is not None and ctx.clause.mood().hypothetical)
    return Norm("DATE", "FUTURE_REF" if ahead else "PAST_REF", "")


def norm_anchor_day(g: Groups, ctx: Context) -> Norm | None:
    """"now" closing a span ("for more than a week now"): the anchor's day."""
    if ctx.anchor is None:
        return unresolved()
    return day_norm(ctx.anchor, "", explicit=False)


def norm_day_of_month(g: Groups, ctx: Context) -> Norm | None:
    """"on the 15th": that day of the anchor's month, or of the month before (past) or after (future)."""
    if ctx.anchor is None:
        return unresolved()
    day, step = day_number(ctx.vocab, g["day"] or ""), -1 if tense_of(ctx) == "past" else 1
    year, month = ctx.anchor.year, ctx.anchor.month
    if (day > ctx.anchor.day) if step < 0 else (day < ctx.anchor.day):
        year, month = cal.shift_month(year, month, step)
    for _ in range(3):  # a 31st: the nearest month that has one
        found = cal.safe_date(year, month, day)
        if found:
            return day_norm(found, "", explicit=False)
        year, month = cal.shift_month(year, month, step)
    return None


def norm_quarter(g: Groups, ctx: Context) -> Norm | None:
    """"the fourth quarter of 2006" 2006-Q4, "Q1 2024", "the last quarter", "the first fiscal quarter"
    (FY2024-Q1: with a fiscal word)."""
    fiscal = "FY" if g.get("fiscal") or g.get("fiscal2") else ""
    if g.get("year"):
        return Norm("DATE", f"{fiscal}{g['year']}-Q{quarter_number(ctx.vocab, g)}", "", True)
    if ctx.anchor is None:
        return unresolved()
    year, quarter = quarter_near(ctx, g)
    return Norm("DATE", f"{fiscal}{year:04d}-Q{quarter}", "")


def quarter_near(ctx: Context, g: Groups) -> tuple[int, int]:
    """(year, quarter) of a quarter named without a year: by modifier ("the last quarter": the one before
    the anchor's), else by number, dated like a month by the tense."""
    anchor = ctx.anchor or dt.date.min
    current = (anchor.month - 1) // 3 + 1
    if g.get("prev") or g.get("mod"):
        offset = -1 if g.get("prev") else modifier(ctx.vocab, g) or 0
        year, index = divmod(anchor.year * 4 + current - 1 + offset, 4)
        return year, index + 1
    quarter, tense = quarter_number(ctx.vocab, g), tense_of(ctx)
    if tense == "past" and quarter > current:
        return anchor.year - 1, quarter
    if tense == "future" and quarter < current:
        return anchor.year + 1, quarter
    return anchor.year, quarter


def quarter_number(v: Vocab, g: Groups) -> int:
    return v.quarters[key(g["quarter"] or "")]


def norm_fiscal(g: Groups, ctx: Context) -> Norm | None:
    """"fiscal 2011", "FY2011", "FY11", "the financial year" (the anchor's year), "last fiscal year"."""
    if g.get("year"):
        return Norm("DATE", f"FY{g['year']}", "", True)
    if g.get("yy"):
        short = int(g["yy"] or 0)
        return Norm("DATE", f"FY{(1900 if short >= 50 else 2000) + short}", "", True)
    if ctx.anchor is None:
        return unresolved()
    return Norm("DATE", f"FY{ctx.anchor.year + (modifier(ctx.vocab, g) or 0):04d}", "")


def norm_block(g: Groups, ctx: Context) -> Norm | None:
    """Decades and centuries: "this decade" 202, "next century" 21, "the past decade" (see rules.tsv)."""
    if ctx.anchor is None:
        return unresolved()
    size = ctx.vocab.units[key(g["unit"] or "")].multiplier
    digits = 3 if size == 10 else 2
    if g.get("mod"):
        block = ctx.anchor.year // size + (modifier(ctx.vocab, g) or 0)
        return Norm("DATE", f"{block:0{digits}d}", "")
    if ctx.anchor.year % size < size * cal.BLOCK_START_SHARE:
        return Norm("DATE", f"{ctx.anchor.year // size - 1:0{digits}d}", "")
    return Norm("DURATION", f"P{size}Y", "")


def norm_story(g: Groups, ctx: Context) -> Norm | None:
    """"the next day", "later that day", "that year": from the story's time (story.tsv)."""
    unit, offset, part = ctx.vocab.story[key(g["story"] or "")]
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    found = from_story(ctx, unit, offset)
    if found is None:
        return Norm(kind, OPEN_VALUES[unit] + suffix, "")
    return Norm(kind, found[0] + suffix, found[1])


def from_story(ctx: Context, code: str, amount: int) -> tuple[str, str] | None:
    """(value, precision) `amount` units of `code` from the story's time; None when there is no story's
    time precise enough, or when the result falls after the anchor in a past-tense clause ("This
    morning, 41 years later": the count is from some earlier time)."""
    ref = ctx.reference
    if ref is None or ref[1] not in STORY_PRECISION.get(code, STORY_PRECISION["D"]):
        return None
    found = cal.distance_value(ref[0], code, amount)
    day = value_to_date(found[0]) if found else None
    if found is None or day is None or (ctx.anchor and day > ctx.anchor and tense_of(ctx) == "past"):
        return None
    return found


def norm_story_count(g: Groups, ctx: Context) -> Norm | None:
    """"two days later", "a year earlier": counted from the story's time."""
    count = number(ctx.vocab, g.get("num"), default="X")
    unit = ctx.vocab.units[key(g["unit"] or "")]
    code = unit.code if unit.code in OPEN_VALUES else "D"
    sign = -1 if (g.get("way") or "").lower() == "earlier" else 1
    found = None if count == "X" else from_story(ctx, unit.code, round(float(count) * unit.multiplier) * sign)
    if found is None:
        return Norm("DATE", OPEN_VALUES[code], "")
    return Norm("DATE", found[0], found[1])


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
    "unknown": norm_unknown,
    "indefinite": norm_indefinite,
    "anchor_day": norm_anchor_day,
    "day_of_month": norm_day_of_month,
    "quarter": norm_quarter,
    "fiscal": norm_fiscal,
    "block": norm_block,
    "story": norm_story,
    "story_count": norm_story_count,
}
