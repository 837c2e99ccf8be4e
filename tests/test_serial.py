"""Round trips of records through plain dicts (and JSON text) must be exact."""

from __future__ import annotations

import datetime as dt
import json

from test_store import make_article, make_event, make_mention

from eventwire.records import EventDate
from eventwire.serial import (
    article_from_dict,
    article_to_dict,
    event_from_dict,
    event_to_dict,
    mention_from_dict,
    mention_to_dict,
)


def _via_json(d: dict) -> dict:
    return json.loads(json.dumps(d))


def test_mention_round_trip_keeps_every_field():
    m = make_mention(1, 12, hypothetical=True, reported=True,
                     date=EventDate(dt.date(2023, 12, 1), "month", "sentence", "in December 2023", True,
                                    dt.date(2023, 12, 31)))
    d = mention_to_dict(m)
    assert mention_from_dict(d) == m
    assert mention_from_dict(_via_json(d)) == m
    assert d["date"]["date"] == "2023-12-01" and d["date"]["end_date"] == "2023-12-31"
    assert d["source"]["kb_id"] == "Q1058" and d["source"]["role"] == "Prime Minister"  # not in to_json
    assert d["evidence"]["trigger_start"] == 17 and d["pattern"] == "036.meet.1"


def test_mention_round_trip_with_missing_parts():
    m = make_mention(3, src=None, tgt=None, day=None, location=None, plover_event="", plover_mode="")
    d = _via_json(mention_to_dict(m))
    assert d["source"] is None and d["location"] is None and d["date"]["date"] is None
    assert mention_from_dict(d) == m


def test_event_round_trip():
    e = make_event("ev1", flags=("date", "code"), negated=True, future=True, num_sources=3)
    d = event_to_dict(e)
    assert d["flags"] == ["date", "code"] and len(d["mentions"]) == 2
    back = event_from_dict(_via_json(d))
    assert back == e
    assert isinstance(back.flags, tuple) and isinstance(back.mentions, tuple)
    assert back.mentions[1].evidence.start == 10


def test_event_round_trip_without_location_or_flags():
    e = make_event("ev2", day=None, location=None)
    assert event_from_dict(_via_json(event_to_dict(e))) == e


def test_article_round_trip():
    for a in (make_article(1), make_article(2, published=None)):
        d = article_to_dict(a)
        assert article_from_dict(_via_json(d)) == a
    assert article_to_dict(make_article(1))["published"] == "2024-03-05"
    assert article_to_dict(make_article(2, published=None))["published"] is None
