"""The records that stages exchange: frozen dataclasses with character offsets.

Nothing here holds a spaCy object, so every record serialises cleanly (JSON, Arrow,
DuckDB, Spark). `to_json` methods give the public JSON contract documented in the README.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after ingest. `id` is a hash of its text, so a re-ingest is a no-op."""

    id: str
    text: str
    url: str = ""
    outlet: str = ""
    title: str = ""
    published: dt.date | None = None
    published_source: str = ""  # header, dateline, post, text, metadata, input, feed, crawl, none
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression found in text, normalised against an anchor date.

    `value` follows TIMEX3 (`2024-01-15`, `2024-01`, `2024`, `2024-W03`, `P3D`, `PRESENT_REF`).
    `precision` is one of day, week, month, year (or "" for durations and sets).
    `explicit` is True when the text names the calendar date itself (not relative to the anchor).
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    precision: str = "day"
    explicit: bool = False
    end_value: str = ""  # last day of a range ("from 25 to 28 December")

    def day(self) -> dt.date | None:
        """The first calendar day the value denotes, if it denotes one."""
        return value_to_date(self.value)


def value_to_date(value: str) -> dt.date | None:
    """First day of a TIMEX3 calendar value (`2024`, `2024-03`, `2024-03-20`, `2024-W11`)."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7 and value[4] == "-" and value[5] != "W":
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 8 and value[5] == "W":
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence; offsets are into the article text."""

    i: int  # index within the sentence
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index within the sentence (the root points to itself)
    start: int
    end: int
    ent: str = ""  # spaCy entity label, with B-/I- stripped


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article; `tokens` is empty when the sentence was not parsed."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    parsed: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor. `country` is an ISO3/CAMEO country or bloc code (`IND`, `EUR`);
    `code` is the full CAMEO actor code (`INDGOV`, `IGOUNO`)."""

    text: str
    country: str = ""
    sector: str = ""
    code: str = ""
    name: str = ""
    kb_id: str = ""
    start: int = -1
    end: int = -1
    role: str = ""  # the office as written ("Prime Minister"), for role disagreement flags
    phrase_start: int = -1  # the whole noun phrase the actor stands in ("the Iraqi troops"), -1 when unknown
    phrase_end: int = -1

    def to_json(self) -> dict:
        return {"text": self.text, "country": self.country or None, "sector": self.sector or None,
                "code": self.code or None, "name": self.name or None}

    def phrase_span(self) -> tuple[int, int]:
        """The character span of the actor's noun phrase, else of its name."""
        return (self.phrase_start, self.phrase_end) if self.phrase_start >= 0 else (self.start, self.end)

    def same_entity(self, other: Actor) -> bool:
        if self.kb_id and other.kb_id:
            return self.kb_id == other.kb_id
        return (self.country, self.sector) == (other.country, other.sector)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str = "city"  # country, admin, city, site

    def to_json(self) -> dict:
        return {"name": self.name, "country": self.country or None, "lat": self.lat, "lon": self.lon,
                "precision": self.precision}


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, and how that was decided."""

    date: dt.date | None
    precision: str = "day"  # day, week, month, year
    source: str = "publication"  # attached, sentence, narrative, publication, document
    text: str = ""  # the time expression, when one dated the event
    historical: bool = False
    end_date: dt.date | None = None

    def iso(self) -> str | None:
        if self.date is None:
            return None
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def from_publication(self) -> bool:
        return self.source == "publication"


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int  # character offsets of the sentence in the article text
    end: int
    trigger: str = ""
    trigger_start: int = -1
    trigger_end: int = -1


def mention_id(doc_id: str, sentence_start: int, cameo: str, source: Actor | None, target: Actor | None) -> str:
    """The id of a mention: article, sentence, code and actors (so one sentence can report several events)."""
    return f"{doc_id}:{sentence_start}:{cameo}:{source.code if source else ''}:{target.code if target else ''}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of an event in one sentence of one article."""

    doc_id: str
    url: str
    source: Actor | None
    target: Actor | None
    cameo: str
    goldstein: float
    quad_class: int
    plover_event: str
    plover_mode: str
    date: EventDate
    evidence: Evidence
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    reported: bool = False
    location: Place | None = None
    outlet: str = ""
    pattern: str = ""  # id of the pattern that coded it
    title: str = ""
    refers_to: str = ""  # id of an earlier mention of the article that this one refers back to
    stated_date: str = ""  # the date this report itself gives, where it differs from `date` (ISO)

    @property
    def id(self) -> str:
        return mention_id(self.doc_id, self.evidence.start, self.cameo, self.source, self.target)

    @property
    def happened(self) -> bool:
        """Counted in merged events and time series: not negated nor hypothetical."""
        return not (self.negated or self.hypothetical)

    def to_json(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "date": self.date.iso(),
            "end_date": self.date.end_date.isoformat() if self.date.end_date else None,
            "date_precision": self.date.precision if self.date.date else None,
            "date_source": self.date.source,
            "date_from_publication": self.date.from_publication,
            "historical": self.date.historical,
            "negated": self.negated,
            "future": self.future,
            "hypothetical": self.hypothetical,
            "reported": self.reported,
            "stated_date": self.stated_date or None,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": {"event": self.plover_event or None, "mode": self.plover_mode or None},
            "location": self.location.to_json() if self.location else None,
            "evidence": {"sentence": self.evidence.sentence, "start": self.evidence.start,
                         "end": self.evidence.end, "trigger": self.evidence.trigger},
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One real event: the merge of every mention that reports it."""

    id: str
    mentions: tuple[Mention, ...]
    source: Actor | None
    target: Actor | None
    cameo: str
    goldstein: float
    quad_class: int
    plover_event: str
    plover_mode: str
    date: EventDate
    location: Place | None = None
    negated: bool = False
    future: bool = False
    num_sources: int = 1
    num_articles: int = 1
    flags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    def to_json(self) -> dict:
        first = self.mentions[0]
        return {
            "id": self.id,
            "date": self.date.iso(),
            "end_date": self.date.end_date.isoformat() if self.date.end_date else None,
            "date_precision": self.date.precision if self.date.date else None,
            "historical": self.date.historical,
            "negated": self.negated,
            "future": self.future,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": {"event": self.plover_event or None, "mode": self.plover_mode or None},
            "location": self.location.to_json() if self.location else None,
            "evidence": {"sentence": first.evidence.sentence, "start": first.evidence.start,
                         "end": first.evidence.end},
            "num_mentions": self.num_mentions,
            "num_sources": self.num_sources,
            "num_articles": self.num_articles,
            "flags": list(self.flags),
            "mentions": [m.to_json() for m in self.mentions],
        }
