"""Which way a clause points: a cheap reading of tense_cues.tsv around a time expression.

News is told in the past tense, so a bare "Wednesday" is the Wednesday before the anchor, unless its
clause speaks of the future ("The trial is set to begin on Wednesday"). The clause is the text between
the nearest boundaries around the expression: a sentence end, a comma or other stop, or a clause word
("said", "that", "and"). An expression with at most one word before it in its clause ("On Monday, he
will speak"; "on Monday and Tuesday") reads the clause next to it as well: the one before after a
clause boundary, the one after at the start of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .starts import trie_pattern
from .vocab import Vocab

WINDOW = 200  # characters looked at on each side of an expression
STOPS = r"[.!?\n,;:()\[\]\"“”–—]|\s-\s"
# a stop that ends a sentence: a line break, or . ! ? before a capital (not "Jan. 15", "p.m. on")
SENTENCE_END = re.compile(r"\n|[.!?](?=[\"”’')]*(?:\s+[A-Z\"“‘(]|\s*$))")


@dataclass(frozen=True, slots=True)
class Cues:
    boundary: re.Pattern[str]  # a stop or a clause word
    future: re.Pattern[str]
    hypothetical: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Mood:
    future: bool
    hypothetical: bool


class Clause:
    """The clause around one expression; its mood is read the first time a handler asks for it."""

    __slots__ = ("_cues", "_end", "_mood", "_start", "_text")

    def __init__(self, text: str, start: int, end: int, cues: Cues) -> None:
        self._text, self._start, self._end, self._cues = text, start, end, cues
        self._mood: Mood | None = None

    def mood(self) -> Mood:
        if self._mood is None:
            self._mood = clause_mood(self._text, self._start, self._end, self._cues)
        return self._mood


def words_regex(phrases: list[str]) -> re.Pattern[str]:
    """Whole phrases, case-insensitive, as a trie ("'ll" also as "’ll"; it follows a word: "they'll")."""
    forms = {p for phrase in phrases for p in (phrase, phrase.replace("'", "’"))}
    return re.compile(rf"\b(?:{trie_pattern(forms)})(?!\w)", re.IGNORECASE)


def build_cues(vocab: Vocab) -> Cues:
    kinds: dict[str, list[str]] = {"future": [], "hypothetical": [], "clause": []}
    for phrase, kind in vocab.tense_cues.items():
        kinds[kind].append(phrase)
    boundary = re.compile(f"{STOPS}|{words_regex(kinds['clause']).pattern}", re.IGNORECASE)
    return Cues(boundary, words_regex(kinds["future"]), words_regex(kinds["hypothetical"]))


def is_sentence_end(text: str, mark: re.Match[str]) -> bool:
    return SENTENCE_END.match(text, mark.start()) is not None


def clause_span(text: str, start: int, end: int, cues: Cues) -> tuple[int, int]:
    """(start, end) of the clause around text[start:end], widened by one clause as the module says."""
    low, high = max(0, start - WINDOW), min(len(text), end + WINDOW)
    before: list[re.Match[str]] = []
    after: list[re.Match[str]] = []
    for mark in cues.boundary.finditer(text, low, high):
        if mark.end() <= start:
            before = [*before[-1:], mark]
        elif mark.start() >= end:
            after.append(mark)
            if len(after) == 2 or is_sentence_end(text, mark):
                break
    first = before[-1].end() if before else low
    last = after[0].start() if after else high
    if len(text[first:start].split()) > 1:
        return first, last
    if before and not is_sentence_end(text, before[-1]):
        return (before[0].end() if len(before) > 1 else low), last
    if after and not is_sentence_end(text, after[0]):
        return first, after[1].start() if len(after) > 1 else high
    return first, last


def clause_mood(text: str, start: int, end: int, cues: Cues) -> Mood:
    first, last = clause_span(text, start, end, cues)
    return Mood(cues.future.search(text, first, last) is not None,
                cues.hypothetical.search(text, first, last) is not None)
