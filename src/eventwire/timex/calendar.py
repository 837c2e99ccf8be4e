"""Calendar arithmetic for normalising time expressions against an anchor date (pure functions)."""

from __future__ import annotations

import datetime as dt

# A month and day without a year take the anchor's year unless that puts them more than this many
# days after the anchor in past tense (then the year before), or before it in future tense (the year after).
YEARLESS_SLACK_DAYS = 45
# "the past decade" (century) is the calendar decade (century) before the anchor's while the anchor is in
# this first share of its own ("in the past decade" written in 2011 is the 2000s); later, ten years back.
BLOCK_START_SHARE = 0.2


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def week_value(day: dt.date) -> str:
    """TIMEX3 ISO week of a day: `2024-W03`."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def shift_days(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def weekday_near(anchor: dt.date, weekday: int, mode: str) -> dt.date:
    """The day with ISO `weekday` (1-7) nearest the anchor in a direction.

    mode: `before` (strictly), `on_or_before`, `after` (strictly), `on_or_after`.
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if mode == "before":
        return anchor - dt.timedelta(days=back or 7)
    if mode == "on_or_before":
        return anchor - dt.timedelta(days=back)
    if mode == "after":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=ahead)


def weekday_mode(offset: int | None, tense: str) -> str:
    """How a weekday is placed: "last Monday" before, "next Monday" after, a bare one by the tense."""
    if offset == -1:
        return "before"
    if offset == 1:
        return "after"
    if offset == 0:
        return "on_or_before" if tense == "past" else "on_or_after"
    return "on_or_before" if tense == "past" else "after"


def month_year(anchor: dt.date, month: int, offset: int | None, tense: str) -> int:
    """The year of a month named without one ("in December", "last May", "next March")."""
    if offset == 0:
        return anchor.year
    if offset == -1 or (offset is None and tense == "past"):
        before = month < anchor.month if offset == -1 else month <= anchor.month
        return anchor.year if before else anchor.year - 1
    after = month > anchor.month if offset == 1 else month >= anchor.month
    return anchor.year if after else anchor.year + 1


def yearless_day(anchor: dt.date, month: int, day: int, tense: str, weekday: int | None = None) -> dt.date | None:
    """A month and day without a year ("January 15", "Monday, Jan 15"), dated near the anchor.

    The anchor's year, unless that is more than YEARLESS_SLACK_DAYS after the anchor in past tense
    (then the year before) or before it in future tense (then the year after). A day name that
    does not fit that year picks the nearest neighbouring year where it fits.
    """
    step = -1 if tense == "past" else 1
    chosen = nearest_valid(anchor.year, month, day, step)
    if chosen is None:
        return None
    slack = dt.timedelta(days=YEARLESS_SLACK_DAYS)
    if (step < 0 and chosen > anchor + slack) or (step > 0 and chosen < anchor - slack):
        chosen = nearest_valid(chosen.year + step, month, day, step)
    if chosen is None or weekday is None or chosen.isoweekday() == weekday:
        return chosen
    around = [safe_date(chosen.year + k, month, day) for k in (-1, 1)]
    matching = [d for d in around if d and d.isoweekday() == weekday]
    return min(matching, key=lambda d: abs(d - chosen)) if matching else chosen


def nearest_valid(year: int, month: int, day: int, step: int) -> dt.date | None:
    """The day in `year`, or for 29 February the nearest leap year in the direction `step`."""
    for k in range(4):
        found = safe_date(year + k * step, month, day)
        if found:
            return found
    return None


def weekend_week(anchor: dt.date, offset: int | None, tense: str) -> str:
    """The ISO week holding the weekend meant by "the weekend", "last weekend", "next weekend"."""
    on_weekend = anchor.isoweekday() >= 6
    latest = weekday_near(anchor, 6, "on_or_before")
    if on_weekend and offset in (0, None):
        saturday = latest
    elif offset == -1:
        saturday = latest - dt.timedelta(days=7) if on_weekend else latest
    elif offset == 1:
        saturday = weekday_near(anchor, 6, "after")
    else:
        saturday = latest if tense == "past" else weekday_near(anchor, 6, "on_or_after")
    return week_value(saturday)


def period_value(anchor: dt.date, code: str, offset: int, tense: str) -> tuple[str, str]:
    """(value, precision) of a calendar period `offset` units from the anchor's ("last week")."""
    if code == "W":
        return week_value(anchor + dt.timedelta(days=7 * offset)), "week"
    if code == "M":
        return month_value(*shift_month(anchor.year, anchor.month, offset)), "month"
    if code == "WE":
        return weekend_week(anchor, offset, tense), "week"
    return f"{anchor.year + offset:04d}", "year"


def distance_value(anchor: dt.date, code: str, amount: int) -> tuple[str, str] | None:
    """(value, precision) of the time `amount` units from the anchor ("two days ago": D, -2)."""
    if code == "D":
        day = shift_days(anchor, amount)
        return (day.isoformat(), "day") if day else None
    if code in ("W", "WE"):
        day = shift_days(anchor, 7 * amount)
        return (week_value(day), "week") if day else None
    if code == "M":
        return month_value(*shift_month(anchor.year, anchor.month, amount)), "month"
    if code == "Y":
        return f"{anchor.year + amount:04d}", "year"
    return anchor.isoformat(), "day"  # hours, minutes, seconds: the anchor's day


def clock(hour: int, minute: int, ampm: str) -> tuple[int, int]:
    """24-hour clock from "5", "pm" (12 am is midnight, 12 pm noon)."""
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return hour, minute
