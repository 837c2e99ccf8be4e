"""`TimexRecognizer`: find English time expressions in text and normalise them against an anchor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..records import Timex, value_to_date
from ..settings import Settings
from .clause import Clause
from .grammar import Grammar, Rule, build_grammar
from .normalise import HANDLERS, TENSED, Context, Norm
from .starts import DIGIT
from .vocab import Vocab, load_vocab

TENSES = ("past", "future")


@lru_cache(maxsize=4)
def load_resources(folder: Path) -> tuple[Vocab, Grammar]:
    """Vocabulary and compiled grammar of one language folder (data/dates/en), read once per process."""
    vocab = load_vocab(folder)
    return vocab, build_grammar(vocab, folder / "rules.tsv", HANDLERS)


class TimexRecognizer:
    """Finds time expressions (TIMEX3 DATE, TIME, DURATION, SET) and normalises their values.

    The rules and vocabulary come from `settings.lang_dir("dates")`; see rules.tsv there.
    """

    def __init__(self, settings: Settings) -> None:
        self._vocab, self._grammar = load_resources(settings.lang_dir("dates"))

    def find(self, text: str, anchor: dt.date | None, tense: str = "past") -> list[Timex]:
        """Non-overlapping expressions of `text`, sorted by start.

        `anchor` is the publication date that relative expressions ("on Wednesday", "last week") are
        resolved against; without one they keep an empty value. `tense` (past or future) decides
        which way a bare weekday or month points, unless its clause says otherwise ("The trial is set
        to begin on Wednesday" points forward; see tense_cues.tsv).
        """
        return [to_timex(text, span, norm) for span, norm in self._scan(text, self.context(anchor, tense))]

    def context(self, anchor: dt.date | None, tense: str = "past") -> Context:
        """The starting context of a scan: anchor, default tense, vocabulary and tense cues."""
        if tense not in TENSES:
            raise ValueError(f"tense must be one of {TENSES}, got {tense!r}")
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        return Context(anchor, tense, self._vocab, self._grammar.cues)

    def _scan(self, text: str, ctx: Context) -> Iterator[tuple[tuple[int, int], Norm]]:
        """Spans and normalisations, left to right; each match resumes the scan after its end."""
        trigger, branches = self._grammar.trigger, self._grammar.branches
        lowered, pos = lower_same_length(text), 0
        while (cand := trigger.search(lowered, pos)) is not None:
            word = cand.group()
            branch = branches.get(DIGIT if word[0].isdigit() else word)
            hit = branch.pattern.match(text, cand.start()) if branch else None
            if hit is None:
                pos = cand.end()
                continue
            end, norm = first_accepted(branch.rules[(hit.lastindex or 1) - 1:], text, hit.start(), ctx)
            if norm is not None:
                yield (hit.start(), end), norm
                ctx = advance(ctx, norm)
            pos = max(end, cand.end())


def advance(ctx: Context, norm: Norm) -> Context:
    """The context after an expression: one that names a calendar day, week, month or year becomes the
    story's time (for "the next day", "two days later")."""
    day = value_to_date(norm.value) if norm.precision else None
    return replace(ctx, reference=(day, norm.precision)) if day else ctx


def in_clause(ctx: Context, text: str, start: int, end: int) -> Context:
    """The context for an expression whose handler reads the tense: with its clause, whose tense cues
    are read when the handler asks (normalise.tense_of)."""
    if ctx.cues is None:
        return ctx
    return Context(ctx.anchor, ctx.tense, ctx.vocab, ctx.cues, Clause(text, start, end, ctx.cues), ctx.reference)


def first_accepted(rules: tuple[Rule, ...], text: str, start: int, ctx: Context) -> tuple[int, Norm | None]:
    """(end, normalisation) of the first rule that matches at `start` and whose handler accepts it.

    A skip rule accepts with no normalisation; (-1, None) when no rule accepts.
    """
    for rule in rules:
        match = rule.regex.match(text, start)
        if match is None:
            continue
        local = in_clause(ctx, text, start, match.end()) if rule.handler in TENSED else ctx
        norm = HANDLERS[rule.handler](match.groupdict(), local)
        if norm is not None or rule.handler == "skip":
            return match.end(), norm
    return -1, None


def lower_same_length(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters lower-case to two; those stay as is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def to_timex(text: str, span: tuple[int, int], norm: Norm) -> Timex:
    """A Timex from a span and its normalisation; precision is "" whenever the value names no day."""
    start, end = span
    precision = norm.precision if norm.value and value_to_date(norm.value) else ""
    return Timex(start, end, text[start:end], norm.type, norm.value, precision, norm.explicit, norm.end_value)


def timex_to_json(t: Timex) -> dict:
    """The public JSON form of a time expression (for `eventwire dates`)."""
    out = {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
    if t.end_value:
        out["end_value"] = t.end_value
    return out
