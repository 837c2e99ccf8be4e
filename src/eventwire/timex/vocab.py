"""Loading the English date vocabulary from data/dates/<lang>/*.tsv into plain lookup tables.

Every file starts with `#` header lines that state its format; blank lines and `#` lines are
skipped, and a malformed row raises `ResourceError` naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import data_lines
from ..errors import ResourceError

PART_CODES = frozenset({"MO", "MI", "AF", "EV", "NI", "DT"})
UNIT_CODES = frozenset({"D", "W", "M", "Y", "WE", "H", "MIN", "S"})
REF_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
VAGUE_VALUE = re.compile(r"(?:PAST_REF|PRESENT_REF|FUTURE_REF|XXXX-XX-XX|PX[DWMY])")
TRIGGER_CLASSES = frozenset({"prep", "conj", "det", "edge", "name"})
CUE_KINDS = frozenset({"future", "hypothetical", "clause"})
STORY_UNITS = frozenset({"D", "W", "M", "Y"})


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of a word: its text, its kind (name/abbr, sg/pl ...) and case rule."""

    text: str
    kind: str = ""
    cased: bool = False  # True: match only Capitalised or UPPER


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    multiplier: int
    plural: bool
    calendar: bool


@dataclass(frozen=True, slots=True)
class Vocab:
    """The vocabulary of one language. Keys of the dicts are `key()`-normalised phrases."""

    month_forms: tuple[Form, ...]
    months: dict[str, int]
    weekday_forms: tuple[Form, ...]
    weekdays: dict[str, int]
    parts: dict[str, str]
    reldays: dict[str, tuple[int, str]]
    modifiers: dict[str, int]
    triggers: dict[str, str]
    numbers: dict[str, str]  # phrase -> "4", "0.5" or "X"
    number_kinds: dict[str, str]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    seasons: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    sets: dict[str, tuple[str, str]]  # phrase -> (kind, value)
    vague: dict[str, str]
    story: dict[str, tuple[str, int, str]]  # phrase -> (unit code, offset, part of day or "")
    quarters: dict[str, int]
    tense_cues: dict[str, str]  # phrase -> future | hypothetical | clause
    not_dates: tuple[str, ...]
    count_words: tuple[str, ...]
    rules: tuple[tuple[int, list[str]], ...]  # (line, fields) of rules.tsv


def key(text: str) -> str:
    """The lookup form of a phrase: lower case, single spaces, straight apostrophes."""
    return " ".join(text.replace("’", "'").lower().split())


def rows(path: Path, ncols: tuple[int, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated data file; the number of fields must be in `ncols`."""
    for lineno, line, fields in data_lines(path):
        if len(fields) not in ncols:
            raise ResourceError(f"{path}:{lineno}: expected {' or '.join(map(str, ncols))} "
                                f"tab-separated columns, got {len(fields)}: {line!r}")
        yield lineno, fields


def bad(path: Path, lineno: int, why: str) -> ResourceError:
    return ResourceError(f"{path}:{lineno}: {why}")


def as_int(path: Path, lineno: int, text: str, low: int, high: int) -> int:
    if not text.lstrip("-").isdigit() or not low <= int(text) <= high:
        raise bad(path, lineno, f"expected a whole number from {low} to {high}, got {text!r}")
    return int(text)


def load_calendar_words(path: Path, high: int) -> tuple[tuple[Form, ...], dict[str, int]]:
    """months.tsv / weekdays.tsv: NUMBER, FORM, KIND (name|abbr), CASE (i|c)."""
    forms, numbers = [], {}
    for lineno, (num, text, kind, case) in rows(path, (4,)):
        if kind not in ("name", "abbr") or case not in ("i", "c"):
            raise bad(path, lineno, f"KIND must be name or abbr and CASE i or c, got {kind!r}, {case!r}")
        numbers[key(text)] = as_int(path, lineno, num, 1, high)
        forms.append(Form(text, kind, case == "c"))
    return tuple(forms), numbers


def load_coded(path: Path, codes: frozenset[str]) -> dict[str, str]:
    """PHRASE<TAB>CODE files whose code must be one of `codes`."""
    out = {}
    for lineno, (phrase, code) in rows(path, (2,)):
        if code not in codes:
            raise bad(path, lineno, f"unknown code {code!r}; expected one of {sorted(codes)}")
        out[key(phrase)] = code
    return out


def load_reldays(path: Path) -> dict[str, tuple[int, str]]:
    out = {}
    for lineno, (phrase, offset, part) in rows(path, (3,)):
        if part != "-" and part not in PART_CODES:
            raise bad(path, lineno, f"unknown part of day {part!r}")
        out[key(phrase)] = (as_int(path, lineno, offset, -31, 31), "" if part == "-" else part)
    return out


def load_story(path: Path) -> dict[str, tuple[str, int, str]]:
    """story.tsv: PHRASE, UNIT (D W M Y), OFFSET, PART (a part-of-day code or -)."""
    out = {}
    for lineno, (phrase, unit, offset, part) in rows(path, (4,)):
        if unit not in STORY_UNITS or (part != "-" and part not in PART_CODES):
            raise bad(path, lineno, f"UNIT must be one of {sorted(STORY_UNITS)} and PART a part-of-day code or -, "
                                    f"got {unit!r}, {part!r}")
        out[key(phrase)] = (unit, as_int(path, lineno, offset, -9, 9), "" if part == "-" else part)
    return out


def load_vague(path: Path) -> dict[str, str]:
    out = {}
    for lineno, (phrase, value) in rows(path, (2,)):
        if not VAGUE_VALUE.fullmatch(value):
            raise bad(path, lineno, f"VALUE must be PAST_REF, PRESENT_REF, FUTURE_REF, XXXX-XX-XX or PX[DWMY], "
                                    f"got {value!r}")
        out[key(phrase)] = value
    return out


def load_offsets(path: Path) -> dict[str, int]:
    return {key(p): as_int(path, n, off, -1, 1) for n, (p, off) in rows(path, (2,))}


def load_numbers(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    values, kinds = {}, {}
    for lineno, (phrase, value, kind) in rows(path, (3,)):
        if kind not in ("unit", "teen", "ten", "article", "vague"):
            raise bad(path, lineno, f"unknown number kind {kind!r}")
        if value != "X" and not value.replace(".", "", 1).isdigit():
            raise bad(path, lineno, f"VALUE must be a number or X, got {value!r}")
        values[key(phrase)], kinds[key(phrase)] = value, kind
    return values, kinds


def load_units(path: Path) -> dict[str, Unit]:
    out = {}
    for lineno, (form, code, mult, number, kind) in rows(path, (5,)):
        if code not in UNIT_CODES or number not in ("sg", "pl") or kind not in ("calendar", "span"):
            raise bad(path, lineno, f"bad unit row: code {code!r}, number {number!r}, kind {kind!r}")
        out[key(form)] = Unit(code, as_int(path, lineno, mult, 1, 1000), number == "pl", kind == "calendar")
    return out


def load_holidays(path: Path) -> dict[str, tuple[int, int]]:
    return {key(p): (as_int(path, n, m, 1, 12), as_int(path, n, d, 1, 31)) for n, (p, m, d) in rows(path, (3,))}


def load_sets(path: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for lineno, (phrase, kind, value) in rows(path, (3,)):
        if kind not in ("fixed", "every", "times"):
            raise bad(path, lineno, f"unknown set kind {kind!r}")
        if kind == "times":
            as_int(path, lineno, value, 1, 100)
        out[key(phrase)] = (kind, value)
    return out


def load_list(path: Path) -> tuple[str, ...]:
    return tuple(fields[0] for _, fields in rows(path, (1,)))


def load_vocab(folder: Path) -> Vocab:
    """Read every vocabulary file of one language folder (data/dates/en)."""
    month_forms, months = load_calendar_words(folder / "months.tsv", 12)
    weekday_forms, weekdays = load_calendar_words(folder / "weekdays.tsv", 7)
    numbers, number_kinds = load_numbers(folder / "numbers.tsv")
    return Vocab(
        month_forms=month_forms, months=months, weekday_forms=weekday_forms, weekdays=weekdays,
        parts=load_coded(folder / "parts_of_day.tsv", PART_CODES),
        reldays=load_reldays(folder / "relative_days.tsv"),
        modifiers=load_offsets(folder / "modifiers.tsv"),
        triggers=load_coded(folder / "triggers.tsv", TRIGGER_CLASSES),
        numbers=numbers, number_kinds=number_kinds,
        ordinals={key(w): as_int(folder / "ordinals.tsv", n, d, 1, 31)
                  for n, (w, d) in rows(folder / "ordinals.tsv", (2,))},
        units=load_units(folder / "units.tsv"),
        seasons=load_coded(folder / "seasons.tsv", frozenset({"SP", "SU", "FA", "WI"})),
        holidays=load_holidays(folder / "holidays.tsv"),
        sets=load_sets(folder / "sets.tsv"),
        vague=load_vague(folder / "vague.tsv"),
        story=load_story(folder / "story.tsv"),
        quarters={key(p): as_int(folder / "quarters.tsv", n, q, 1, 4)
                  for n, (p, q) in rows(folder / "quarters.tsv", (2,))},
        tense_cues=load_coded(folder / "tense_cues.tsv", CUE_KINDS),
        not_dates=load_list(folder / "not_dates.tsv"),
        count_words=load_list(folder / "count_words.tsv"),
        rules=tuple(rows(folder / "rules.tsv", (4,))),
    )
