"""A definite event noun with a date of its own refers back to the article's earlier event."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import article

from eventwire.merge import merge

pytestmark = pytest.mark.slow

TALKS = ("Indian Prime Minister Narendra Modi held talks with Russian President Vladimir Putin in Moscow on "
         "Monday, July 8.\n\n")


def _code(engine, text: str):
    return engine.code([article(text, published=dt.date(2024, 7, 10))])[0]


def test_the_meeting_which_took_place_yesterday_dates_the_earlier_talks(engine):
    mentions = _code(engine, TALKS + "The meeting, which took place yesterday, lasted three hours.")
    [ref] = [m for m in mentions if m.refers_to]
    talks = next(m for m in mentions if m.id == ref.refers_to)
    assert talks.date.iso() == "2024-07-08" and ref.date.iso() == "2024-07-08" and ref.stated_date == "2024-07-09"
    assert (ref.cameo, ref.source, ref.target) == (talks.cameo, talks.source, talks.target)
    [event] = [e for e in merge(mentions, engine.settings) if talks in e.mentions]
    assert ref in event.mentions and "date" in event.flags


def test_a_referring_sentence_that_agrees_adds_no_disagreement(engine):
    mentions = _code(engine, TALKS + "The meeting, which took place on Monday, lasted three hours.")
    refs = [m for m in mentions if m.refers_to]
    assert all(not m.stated_date for m in refs)
    assert all("date" not in e.flags for e in merge(mentions, engine.settings))


@pytest.mark.parametrize("second", [
    "The weather was fine yesterday.",  # no event noun
    "A meeting took place yesterday in Delhi.",  # not definite: a new, unknown event
    "The meeting lasted three hours.",  # no date of its own: nothing to add
])
def test_no_referring_report_without_a_definite_event_noun_and_a_date(engine, second):
    assert not [m for m in _code(engine, TALKS + second) if m.refers_to]
