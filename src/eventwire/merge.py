"""Merge: the mentions that report one real event become one `Event` with all its sources.

Mentions are blocked by actors (identity, not surface text) and CAMEO root, so the cost grows about
linearly; within a block, dates that fall within a window set by their precision join one event.
Consultations, agreements and cooperation (settings.reciprocal_roots) are reciprocal: the order of
the two sides does not matter. A mention that refers back to an earlier one of its article ("the
discussion, which took place today") joins the event of that earlier mention whatever its date, so
that a report at odds with itself shows as a date disagreement instead of as a second event.

Near-duplicate articles (`copies`: article id -> its copy group's canonical id, from
`dedup.copy_groups`) still count as mentions and articles, but a copy group counts as one source.

Each block is merged on its own (`block_events`), so the Spark runner merges block by block too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .records import Actor, Event, EventDate, Mention
from .settings import Settings

PLACE_RANK = {"site": 0, "city": 1, "admin": 2, "country": 3}  # the most precise place a report gives


def merge(mentions: Iterable[Mention], settings: Settings, copies: Mapping[str, str] | None = None) -> list[Event]:
    blocks: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if mergeable(m):
            blocks[block_key(m, settings.reciprocal_roots)].append(m)
    events = [e for block in blocks.values() for e in block_events(block, settings, copies)]
    return sorted(events, key=event_order)


def mergeable(m: Mention) -> bool:
    """Counted in merged events: it happened (not negated nor hypothetical) and has a source."""
    return m.happened and m.source is not None


def event_order(e: Event) -> tuple:
    return e.date.date or dt.date.min, e.id


def block_events(block: Sequence[Mention], settings: Settings,
                 copies: Mapping[str, str] | None = None) -> list[Event]:
    """The events of one block (mentions with one `block_key`)."""
    return [make_event(group, copies) for group in with_referrers(by_date(block, settings))]


def with_referrers(groups: list[list[Mention]]) -> list[list[Mention]]:
    """Move each mention that refers back to another into the group of the mention it refers to."""
    home = {m.id: i for i, group in enumerate(groups) for m in group if not m.refers_to}
    out: list[list[Mention]] = [[m for m in g if not m.refers_to or m.refers_to not in home] for g in groups]
    for group in groups:
        for m in group:
            if m.refers_to in home:
                out[home[m.refers_to]].append(m)
    return [g for g in out if g]


def actor_key(a: Actor | None) -> str:
    return a.country or a.code if a is not None else ""


def block_key(m: Mention, reciprocal: Sequence[str]) -> tuple:
    pair = (actor_key(m.source), actor_key(m.target))
    root = m.cameo[:2]
    if root in reciprocal:
        pair = tuple(sorted(pair))
    return pair, root


def by_date(block: Sequence[Mention], settings: Settings) -> list[list[Mention]]:
    """Split a block into runs of mentions whose dates are compatible."""
    dated = sorted(block, key=lambda m: (m.date.date or dt.date.min, m.id))
    groups: list[list[Mention]] = []
    for m in dated:
        if groups and compatible(groups[-1][-1].date, m.date, settings):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def compatible(a: EventDate, b: EventDate, settings: Settings) -> bool:
    if a.date is None or b.date is None:
        return a.date is b.date
    if "year" in (a.precision, b.precision):
        return a.date.year == b.date.year
    if "month" in (a.precision, b.precision):
        return (a.date.year, a.date.month) == (b.date.year, b.date.month)
    return abs((a.date - b.date).days) <= settings.merge_window_days


def make_event(group: list[Mention], copies: Mapping[str, str] | None = None) -> Event:
    code = best_code(group)
    lead = next(m for m in group if m.cameo == code)
    date = best_date(group)
    ids = sorted(m.id for m in group)
    eid = hashlib.sha1("\n".join(ids).encode()).hexdigest()[:16]
    ordered = tuple(sorted(group, key=lambda m: (m.doc_id, m.evidence.start)))
    place = min((m.location for m in ordered if m.location is not None), default=None,
                key=lambda p: PLACE_RANK.get(p.precision, 9))
    return Event(
        id=eid, mentions=ordered, source=lead.source, target=lead.target, cameo=code,
        goldstein=lead.goldstein, quad_class=lead.quad_class, plover_event=lead.plover_event,
        plover_mode=lead.plover_mode, date=date, location=place, negated=False,
        future=all(m.future for m in group), num_sources=count_sources(group, copies or {}),
        num_articles=len({m.doc_id for m in group}), flags=tuple(disagreements(group)),
    )


def specificity(code: str) -> int:
    """`041` is more specific than `040` ("not specified below"), `0311` more than `031`."""
    return len(code) - (1 if len(code) == 3 and code.endswith("0") else 0)


def best_code(group: Sequence[Mention]) -> str:
    """The most specific code among the reports; ties go to the most reported."""
    counts = Counter(m.cameo for m in group)
    return max(counts, key=lambda c: (specificity(c), counts[c], c))


def best_date(group: Sequence[Mention]) -> EventDate:
    """An attached date beats one taken from the document or the publication."""
    rank = {"attached": 0, "document": 1, "publication": 2}
    counts = Counter(m.date for m in group)
    return min(counts, key=lambda d: (rank.get(d.source, 3), -counts[d], d.date or dt.date.min))


def count_sources(group: Sequence[Mention], copies: Mapping[str, str]) -> int:
    """Distinct outlets; the articles of one near-duplicate group count as one source."""
    return len({("copy", copies[m.doc_id]) if m.doc_id in copies else ("outlet", outlet(m)) for m in group})


def outlet(m: Mention) -> str:
    return m.outlet or _host(m.url) or m.doc_id


def _host(url: str) -> str:
    """The host of a URL ("https://www.example.com/a" -> "www.example.com"); "" if it has none."""
    scheme, sep, rest = url.partition("://")
    return rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower() if sep and scheme else ""


def disagreements(group: Sequence[Mention]) -> list[str]:
    flags = []
    if len({m.date.iso() for m in group} | {m.stated_date for m in group if m.stated_date}) > 1:
        flags.append("date")
    if len({m.cameo for m in group}) > 1:
        flags.append("code")
    roles: dict[str, set[str]] = defaultdict(set)
    for m in group:
        for a in (m.source, m.target):
            if a is not None and a.kb_id and a.role:
                roles[a.kb_id].add(a.role.lower())
    if any(len(r) > 1 for r in roles.values()):
        flags.append("role")
    return flags
