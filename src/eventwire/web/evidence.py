"""The reporting sentence of a mention inside its paragraph of the article, for highlighting.

The pieces are plain text: the template escapes each one and wraps the sentence in `<mark>`
(and its trigger word in `<strong>`), so no article text is ever trusted as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventwire.records import Article, Event, Evidence, Mention

MAX_CONTEXT = 700  # characters of paragraph kept on each side of the sentence


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph cut into before | sentence (lead, trigger, tail) | after.

    `exact` is False when the article text is missing or does not hold the sentence at its offsets
    nor anywhere else: then the passage is the stored sentence alone.
    """

    before: str
    lead: str
    trigger: str
    tail: str
    after: str
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Source:
    """One article that reports an event, with each of its mentions' passages."""

    doc_id: str
    article: Article | None
    url: str
    mentions: tuple[tuple[Mention, Passage], ...]

    @property
    def link(self) -> str | None:
        """The URL when it is safe to link to (http or https only); None for paths and anything else."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else None


def locate(text: str, ev: Evidence) -> tuple[int, int] | None:
    """Where the evidence sentence stands in `text`: at its offsets, else its first occurrence."""
    if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.sentence:
        return ev.start, ev.end
    at = text.find(ev.sentence) if ev.sentence else -1
    return (at, at + len(ev.sentence)) if at >= 0 else None


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) holding text[start:end], cut to MAX_CONTEXT characters each side."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if start - lo > MAX_CONTEXT:
        lo = _word_start(text, start - MAX_CONTEXT, start)
    if hi - end > MAX_CONTEXT:
        hi = _word_end(text, end + MAX_CONTEXT, end)
    return lo, hi


def _word_start(text: str, at: int, limit: int) -> int:
    space = text.find(" ", at, limit)
    return space + 1 if space >= 0 else at


def _word_end(text: str, at: int, limit: int) -> int:
    space = text.rfind(" ", limit, at)
    return space if space >= 0 else at


def passage(text: str | None, ev: Evidence) -> Passage:
    """The mention's sentence inside its paragraph of `text` (the article), trigger split out."""
    span = locate(text, ev) if text else None
    if span is None:
        return Passage("", ev.sentence, "", "", "", exact=False)
    start, end = span
    lo, hi = paragraph_bounds(text, start, end)
    before = ("\u2026 " if lo > 0 and text[lo - 1] != "\n" else "") + text[lo:start]
    after = text[end:hi] + (" \u2026" if hi < len(text) and text[hi] != "\n" else "")
    lead, trigger, tail = _split_trigger(text[start:end], ev, start)
    return Passage(before, lead, trigger, tail, after)


def _split_trigger(sentence: str, ev: Evidence, start: int) -> tuple[str, str, str]:
    """The sentence as (before the trigger, trigger, after it); the trigger is empty when unknown."""
    a, b = ev.trigger_start - start, ev.trigger_end - start
    if ev.trigger_start < 0 or not 0 <= a < b <= len(sentence) or (ev.start != start):
        return sentence, "", ""
    return sentence[:a], sentence[a:b], sentence[b:]


def sources(event: Event, articles: Mapping[str, Article]) -> list[Source]:
    """The event's mentions grouped by article (in order of first mention), each with its passage."""
    groups: dict[str, list[Mention]] = {}
    for m in event.mentions:
        groups.setdefault(m.doc_id, []).append(m)
    return [_source(doc_id, ms, articles.get(doc_id)) for doc_id, ms in groups.items()]


def _source(doc_id: str, mentions: Sequence[Mention], article: Article | None) -> Source:
    text = article.text if article else None
    ordered = sorted(mentions, key=lambda m: m.evidence.start)
    url = (article.url if article and article.url else "") or mentions[0].url
    return Source(doc_id, article, url, tuple((m, passage(text, m.evidence)) for m in ordered))
