"""Interchange formats of merged events: PLOVER JSONL and a GDELT 2.0 event-table TSV.

PLOVER field names follow the PLOVER manual's data-field table (id, date, enddate, actor, recipient,
event, mode, context, quad_code, event_scale, event_loc, event_text, link, coder). GDELT columns are
the 61 columns of the GDELT 2.0 event table, in order; fields eventwire does not produce are empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from . import __version__
from .codes import Plover
from .records import Actor, Event, Place

GDELT_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in GDELT_ACTOR) + tuple(f"Actor2{c}" for c in GDELT_ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in GDELT_GEO) + tuple(f"Actor2Geo_{c}" for c in GDELT_GEO)
    + tuple(f"ActionGeo_{c}" for c in GDELT_GEO) + ("DATEADDED", "SOURCEURL")
)
GEO_TYPE = {"country": 1, "admin": 2, "city": 4, "site": 4}  # GDELT: 1 country, 2/3 US/world state, 4 city


def _entity(a: Actor | None) -> list[dict]:
    if a is None:
        return []
    return [{"code": a.code or a.country, "country": a.country or None, "sector": a.sector or None,
             "name": a.name or None, "text": a.text}]


def _loc(p: Place | None) -> dict | None:
    if p is None:
        return None
    return {"name": p.name, "country_code": p.country or None, "lat": p.lat, "lon": p.lon, "precision": p.precision}


def plover_record(e: Event, plover: Plover) -> dict:
    """One merged event as a PLOVER record."""
    end = e.date.end_date.isoformat() if e.date.end_date else None
    return {
        "id": f"eventwire-{e.id}", "date": e.date.iso(), "enddate": end, "actor": _entity(e.source),
        "recipient": _entity(e.target), "event": [e.plover_event] if e.plover_event else [],
        "mode": [e.plover_mode] if e.plover_mode else [], "context": [c for c in plover.context.split(";") if c],
        "quad_code": e.quad_class, "event_scale": e.goldstein, "event_loc": _loc(e.location),
        "event_text": [m.evidence.sentence for m in e.mentions], "link": sorted({m.url for m in e.mentions}),
        "coder": f"eventwire {__version__}", "cameo": e.cameo, "historical": e.date.historical,
        "num_mentions": e.num_mentions, "num_sources": e.num_sources,
    }


def write_plover(events: Iterable[Event], plover_of, out: IO[str]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(plover_record(e, plover_of(e.cameo)), ensure_ascii=False) + "\n")
        n += 1
    return n


def _fraction(d: dt.date) -> str:
    return f"{d.year + (d.timetuple().tm_yday - 1) / 365.0:.4f}"


def _gdelt_actor(a: Actor | None) -> list[str]:
    if a is None:
        return [""] * len(GDELT_ACTOR)
    return [a.code or a.country, (a.name or a.text).upper(), a.country, "", "", "", "", a.sector, "", ""]


def _gdelt_geo(p: Place | None) -> list[str]:
    if p is None:
        return ["0"] + [""] * (len(GDELT_GEO) - 1)
    return [str(GEO_TYPE.get(p.precision, 4)), p.name, p.country, "", "", _num(p.lat), _num(p.lon), ""]


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}"


def gdelt_row(e: Event, number: int, added: str) -> list[str]:
    d = e.date.date
    day = d.strftime("%Y%m%d") if d else ""
    head = [str(number), day, day[:6], day[:4], _fraction(d) if d else ""]
    event = ["1", e.cameo, e.cameo[:3], e.cameo[:2], str(e.quad_class), f"{e.goldstein:.1f}",
             str(e.num_mentions), str(e.num_sources), str(e.num_articles), ""]
    geo = _gdelt_geo(None) + _gdelt_geo(None) + _gdelt_geo(e.location)
    return head + _gdelt_actor(e.source) + _gdelt_actor(e.target) + event + geo + [added, e.mentions[0].url]


def write_gdelt(events: Iterable[Event], out: IO[str], header: bool = True) -> int:
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    if header:
        w.writerow(GDELT_COLUMNS)
    added = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    n = 0
    for n, e in enumerate(events, 1):
        w.writerow(gdelt_row(e, n, added))
    return n


def write_interchange(events: list[Event], path: Path, fmt: str, plover_of) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_plover(events, plover_of, out) if fmt == "plover" else write_gdelt(events, out)
