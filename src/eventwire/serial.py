"""Full-fidelity conversion of records to plain dicts (JSON-safe) and back.

Unlike the `to_json` methods, which give the public and deliberately lossy view of a record,
these functions keep every field, so that `x_from_dict(x_to_dict(r)) == r` for every record.
Dates become ISO strings (`2024-03-05`) and tuples become lists; `None` stays `None`.
The store keeps mentions and events in this form (JSON text in its `record` columns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from eventwire.records import Actor, Article, Event, EventDate, Evidence, Mention, Place


def _flat(record: Any) -> dict:
    """The fields of a record whose values are all plain scalars."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def actor_to_dict(actor: Actor | None) -> dict | None:
    return _flat(actor) if actor is not None else None


def actor_from_dict(d: dict | None) -> Actor | None:
    return Actor(**d) if d is not None else None


def place_to_dict(place: Place | None) -> dict | None:
    return _flat(place) if place is not None else None


def place_from_dict(d: dict | None) -> Place | None:
    return Place(**d) if d is not None else None


def date_to_dict(date: EventDate) -> dict:
    return _flat(date) | {"date": _iso(date.date), "end_date": _iso(date.end_date)}


def date_from_dict(d: dict) -> EventDate:
    return EventDate(**(d | {"date": _day(d.get("date")), "end_date": _day(d.get("end_date"))}))


def evidence_to_dict(evidence: Evidence) -> dict:
    return _flat(evidence)


def evidence_from_dict(d: dict) -> Evidence:
    return Evidence(**d)


def mention_to_dict(m: Mention) -> dict:
    return _flat(m) | {
        "source": actor_to_dict(m.source),
        "target": actor_to_dict(m.target),
        "date": date_to_dict(m.date),
        "evidence": evidence_to_dict(m.evidence),
        "location": place_to_dict(m.location),
    }


def mention_from_dict(d: dict) -> Mention:
    return Mention(**(d | {
        "source": actor_from_dict(d.get("source")),
        "target": actor_from_dict(d.get("target")),
        "date": date_from_dict(d["date"]),
        "evidence": evidence_from_dict(d["evidence"]),
        "location": place_from_dict(d.get("location")),
    }))


def event_to_dict(e: Event) -> dict:
    return _flat(e) | {
        "mentions": [mention_to_dict(m) for m in e.mentions],
        "source": actor_to_dict(e.source),
        "target": actor_to_dict(e.target),
        "date": date_to_dict(e.date),
        "location": place_to_dict(e.location),
        "flags": list(e.flags),
    }


def event_from_dict(d: dict) -> Event:
    return Event(**(d | {
        "mentions": tuple(mention_from_dict(m) for m in d["mentions"]),
        "source": actor_from_dict(d.get("source")),
        "target": actor_from_dict(d.get("target")),
        "date": date_from_dict(d["date"]),
        "location": place_from_dict(d.get("location")),
        "flags": tuple(d.get("flags", ())),
    }))


def article_to_dict(a: Article) -> dict:
    return _flat(a) | {"published": _iso(a.published)}


def article_from_dict(d: dict) -> Article:
    return Article(**(d | {"published": _day(d.get("published"))}))
