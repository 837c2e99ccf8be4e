"""Actors: token spans -> `Actor(text, country, sector, code, name, kb_id)`.

Resolution order: titles and demonyms ("Russian President Vladimir Putin", "India's External Affairs
Minister"), governments named by a seat or capital ("the Kremlin", "New Delhi said"), in-document
name chains ("Putin" later on), then the knowledge base (people with offices and dates in office,
organisations, generic agents such as police or troops, given their country from context).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .datafiles import read_tsv
from .errors import ResourceError
from .records import Actor, Token
from .settings import Settings

Tokenize = Callable[[str], list[str]]

CONNECTORS = {"'s", "’s", "'", "’", ",", "the", "of", "'s."}
CALENDAR_WORDS = {w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr,
                                      *calendar.month_abbr) if w}  # "leaders Friday": no name
DETERMINERS = {"the", "a", "an", "this", "that"}
COUNTRYISH = {"country", "demonym", "region", "capital", "seat"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary entry: what a word sequence can name."""

    kind: str  # person, org, seat, capital, country, region, demonym, title
    key: str  # kb id, org id, title text
    country: str = ""
    sector: str = ""
    code: str = ""
    name: str = ""
    office: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """One term in office of a person."""

    office: str
    country: str
    sector: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # token indices, end exclusive
    end: int
    entry: Entry


def _dated_code(spec: str, path: Path, lineno: int) -> tuple[str, dt.date, dt.date]:
    """`HOBGOV@1995-06-01..1999-08-15`, `RHO@..1979-06-05`, `HOBELI@2013-01-20..` -> (code, first, last day)."""
    code, _, span = spec.partition("@")
    first, sep, last = span.partition("..")
    if not code or not sep:
        raise ResourceError(f"{path}:{lineno}: dated code must be CODE@FROM..TO, not {spec!r}")
    return code, _date(first, path, lineno) or dt.date.min, _date(last, path, lineno) or dt.date.max


def _date(text: str, path: Path, lineno: int) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise ResourceError(f"{path}:{lineno}: bad date {text!r}") from exc


def alts(field_: str) -> list[str]:
    return [a.strip() for a in field_.split("|") if a.strip()]


class ActorKB:
    """The actor dictionaries of one language, as a longest-match index over lowercased tokens."""

    def __init__(self, settings: Settings, tokenize: Tokenize) -> None:
        self.tokenize = tokenize
        self.index: dict[tuple[str, ...], list[Entry]] = {}
        self.terms: dict[str, list[Term]] = {}
        self.people: dict[str, Entry] = {}
        self.dated: dict[str, list[tuple[str, dt.date, dt.date]]] = {}  # user entry -> (code, first, last day)
        self.first_words: set[str] = set()  # the first word of every indexed name
        self.max_len = 1
        folder = settings.lang_dir("actors")
        self._load_countries(folder)
        for path in sorted(folder.glob("people*.tsv")):  # people.tsv, then people_<region>.tsv
            self._load_people(path)
        self._load_orgs(folder / "orgs.tsv")
        self._load_titles(folder / "titles.tsv")
        self._load_places(folder)
        for extra in settings.extra_actors:
            self._load_user(Path(extra))

    # -- loading ---------------------------------------------------------------------------
    def add(self, text: str, entry: Entry, fallback: bool = False, override: bool = False) -> None:
        """Index `entry` under `text`; a `fallback` entry never joins a key that has one of its kind, an `override`
        (a user's own entry) goes before the others."""
        key = tuple(w.lower() for w in self.tokenize(text))
        if not key:
            return
        self.first_words.add(key[0])
        bucket = self.index.setdefault(key, [])
        if fallback and any(e.kind == entry.kind for e in bucket):
            return
        if entry not in bucket:
            bucket.insert(0, entry) if override else bucket.append(entry)
        self.max_len = max(self.max_len, len(key))

    def _load_countries(self, folder: Path) -> None:
        import countryinfo
        import pycountry

        for _, (name, code, kind) in read_tsv(folder / "countries_extra.tsv", 3):
            self.add(name, Entry("region" if kind == "region" else "country", code, code, name=name))
        for _, (demonym, code) in read_tsv(folder / "demonyms_extra.tsv", 2):
            self.add(demonym, Entry("demonym", code, code, name=demonym))
            self._add_populace(demonym, code)
        for c in pycountry.countries:
            for name in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
                self.add(name, Entry("country", c.alpha_3, c.alpha_3, name=c.name), fallback=True)
        for info in countryinfo.all_countries():
            self._add_countryinfo(info)

    def _add_countryinfo(self, info) -> None:
        try:
            iso = info.iso().get("alpha3", "")
            demonym, capital = info.demonym(), info.capital()
        except (KeyError, AttributeError, TypeError):
            return
        if not iso:
            return
        if isinstance(demonym, str) and demonym:
            self.add(demonym, Entry("demonym", iso, iso, name=demonym), fallback=True)
            self._add_populace(demonym, iso)
        if isinstance(capital, str) and capital:
            self.add(capital, Entry("capital", iso, iso, "GOV", name=capital), fallback=True)

    def _add_populace(self, demonym: str, country: str) -> None:
        """"Israelis", "Georgians": a country's people, as civilians (CVL)."""
        if demonym.endswith(("an", "i")) and " " not in demonym:
            self.add(demonym + "s", Entry("populace", country, country, "CVL", name=demonym + "s"), fallback=True)

    def _load_people(self, path: Path) -> None:
        for lineno, (pid, name, aliases, country, sector, office, start, end) in read_tsv(path, 8):
            term = Term(office, country, sector, _date(start, path, lineno) or dt.date.min, _date(end, path, lineno))
            terms = self.terms.setdefault(pid, [])
            if term not in terms:  # a term listed in two files counts once
                terms.append(term)
            entry = self.people.setdefault(pid, Entry("person", pid, country, sector, name=name))
            for text in [name, *alts(aliases)]:
                self.add(text, entry)

    def _load_orgs(self, path: Path) -> None:
        for _, (oid, name, aliases, code, country, sector) in read_tsv(path, 6):
            entry = Entry("org", oid, country, sector, code=code, name=name)
            for text in [name, *alts(aliases)]:
                self.add(text, entry)

    def _load_titles(self, path: Path) -> None:
        for _, (title, sector, office, plural) in read_tsv(path, 4):
            entry = Entry("title", title, sector=sector, office=office, name=title)
            for text in [title, *alts(plural)]:
                self.add(text, entry)

    def _load_places(self, folder: Path) -> None:
        for _, (name, aliases, country, sector, _note) in read_tsv(folder / "seats.tsv", 5):
            for text in [name, *alts(aliases)]:
                self.add(text, Entry("seat", name, country, sector or "GOV", name=name))
        for _, (name, aliases, country) in read_tsv(folder / "capitals.tsv", 3):
            for text in [name, *alts(aliases)]:
                self.add(text, Entry("capital", name, country, "GOV", name=name))

    def _load_user(self, path: Path) -> None:
        """A user dictionary: `name<TAB>code<TAB>aliases<TAB>dated codes` where code is CAMEO (`ARNGOV`, `IGOUNO`),
        or several codes joined by `/` for a name that stands for several actors at once (`BEL/NLD/LUX`: the
        Benelux); the optional dated codes (`RHO@..1979-06-05|ZWEGOV@1980-04-18..`) hold between their dates."""
        if not path.exists():
            raise ResourceError(f"{path}: actor dictionary not found")
        for lineno, (name, code, aliases, dated) in read_tsv(path, 4):
            if not all(code.split(GROUP)):
                raise ResourceError(f"{path}:{lineno}: empty code in {code!r}")
            if dated:
                self.dated[name] = [_dated_code(spec, path, lineno) for spec in alts(dated)]
            entry = Entry("org", name, code[:3], code[3:6] if GROUP not in code else "", code=code, name=name)
            for text in [name, *alts(aliases)]:
                self.add(text, entry, override=True)  # a user's entry beats the built-in one of the same name

    # -- lookups ---------------------------------------------------------------------------
    def longest(self, words: Sequence[str], i: int) -> tuple[int, list[Entry]]:
        if words[i] not in self.first_words:
            return 0, []
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            entries = self.index.get(tuple(words[i:i + n]))
            if entries:
                return n, entries
        return 0, []

    def code_on(self, entry: Entry, day: dt.date | None) -> str:
        """The code of a user entry on `day`: its first dated code that holds then, else its own."""
        return next((code for code, first, last in self.dated.get(entry.key, ()) if day and first <= day <= last),
                    entry.code)

    def term_at(self, pid: str, day: dt.date | None) -> Term | None:
        terms = self.terms.get(pid, [])
        if day:
            live = [t for t in terms if t.start <= day and (t.end is None or day <= t.end)]
            if live:
                return live[0]
        return max(terms, key=lambda t: t.start) if terms else None  # the latest term (the first of equals)

    def holder(self, office: str, country: str, day: dt.date | None) -> str:
        """The kb id of the person holding `office` in `country` on `day`, if known."""
        if not day:
            return ""
        for pid, terms in self.terms.items():
            if any(t.office == office and t.country == country and t.start <= day
                   and (t.end is None or day <= t.end) for t in terms):
                return pid
        return ""


GROUP = "/"  # joins the codes of a name that stands for several actors


def members(actor: Actor) -> list[Actor]:
    """The actors a group name stands for ("the Benelux": Belgium, the Netherlands, Luxembourg), else the actor."""
    if GROUP not in actor.code:
        return [actor]
    return [replace(actor, code=c, country=c[:3], sector=c[3:6]) for c in actor.code.split(GROUP)]


def find_hits(kb: ActorKB, tokens: Sequence[Token]) -> list[Hit]:
    """Longest dictionary matches, left to right, plus unknown PERSON/ORG entities."""
    words = [t.text.lower() for t in tokens]
    hits, i = [], 0
    while i < len(tokens):
        n, entries = kb.longest(words, i)
        if n and _plausible(tokens, i, n, entries):
            hits.append(Hit(i, i + n, _pick(entries)))
            i += n
        elif (kind := _entity_kind(tokens, i)) and words[i] not in DETERMINERS:
            j = i + 1
            while j < len(tokens) and _entity_kind(tokens, j) == kind and not _starts_entity(tokens, j) \
                    and not kb.longest(words, j)[0]:
                j += 1
            hits.append(Hit(i, j, Entry("unknown", kind, name=" ".join(words[i:j]))))
            i = j
        else:
            i += 1
    return hits


def _entity_kind(tokens: Sequence[Token], i: int) -> str:
    """The kind of a name not in the dictionaries: spaCy's entity label when NER ran, otherwise a run of
    capitalised proper nouns (PROPN), whose kind the resolver works out from context."""
    t = tokens[i]
    if not t.text[:1].isupper() or t.text.lower().rstrip(".") in CALENDAR_WORDS:
        return ""
    if t.ent:
        return t.ent if t.ent in ("PERSON", "ORG", "NORP", "GPE", "LOC") else ""
    return "PROPN" if t.pos == "PROPN" else ""


def _starts_entity(tokens: Sequence[Token], j: int) -> bool:
    return tokens[j].text in {",", "and"}


def _plausible(tokens: Sequence[Token], i: int, n: int, entries: list[Entry]) -> bool:
    """Names of people, places and organisations must be capitalised in running text."""
    if all(e.kind == "title" for e in entries):
        return True
    first = tokens[i + 1].text if n > 1 and tokens[i].text == "the" else tokens[i].text  # "the Shire", "the Hague"
    return first[:1].isupper() or first[:1].isdigit() or not first[:1].isalpha()


NAMED_OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
KIND_ORDER = ("person", "org", "seat", "country", "region", "capital", "populace", "demonym", "title")


def _pick(entries: list[Entry]) -> Entry:
    return min(entries, key=lambda e: KIND_ORDER.index(e.kind) if e.kind in KIND_ORDER else 99)


@dataclass(slots=True)
class Chunk:
    """Adjacent hits that name one actor: [country|demonym] ['s] [title] [,] [person]."""

    start: int
    end: int
    hits: list[Hit] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [h.entry.kind for h in self.hits]


FOLLOWS = {
    "country": {"title", "person", "unknown", "org"},
    "demonym": {"title", "person", "unknown", "org"},
    "region": {"title"},
    "title": {"person", "unknown", "title"},
    "seat": set(),
    "capital": set(),
    "org": {"title"},
    "person": set(),
    "unknown": set(),
    "populace": set(),
}


def chunk_hits(hits: Sequence[Hit], tokens: Sequence[Token]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for hit in hits:
        last = chunks[-1] if chunks else None
        if last and _joins(last, hit, tokens):
            last.hits.append(hit)
            last.end = hit.end
        else:
            chunks.append(Chunk(hit.start, hit.end, [hit]))
    return chunks


def _qualifier(t: Token) -> bool:
    """A capitalised adjective inside an actor's name: "Syrian Kurdish leader", "Palestinian Christian"."""
    return t.pos == "ADJ" and t.text[:1].isupper()


def _joins(chunk: Chunk, hit: Hit, tokens: Sequence[Token]) -> bool:
    between = tokens[chunk.end:hit.start]
    gap = [t.text.lower() for t in between if not _qualifier(t)]  # "Palestinian Christian leaders"
    if len(between) > 2 or any(g not in CONNECTORS for g in gap):
        return False
    prev = chunk.hits[-1].entry.kind
    kind = hit.entry.kind
    if prev == "title" and kind in COUNTRYISH and gap == ["of"]:
        return True  # "President of Russia"
    if "," in gap and not (prev in {"title", "country", "demonym"} and kind in {"person", "unknown"}):
        return False
    return kind in FOLLOWS.get(prev, set())


def resolve_chunk(kb: ActorKB, chunk: Chunk, tokens: Sequence[Token], day: dt.date | None,
                  article_text: str) -> Actor | None:
    """The actor a chunk names, or None when it names no country or organisation."""
    start, end = tokens[chunk.start].start, tokens[chunk.end - 1].end
    text = article_text[start:end]
    by_kind = {h.entry.kind: h.entry for h in chunk.hits}
    title = by_kind.get("title")
    role = title.name if title else ""
    if "person" in by_kind:
        return _person(kb, by_kind["person"], text, start, end, day, role)
    if "org" in by_kind:
        org = by_kind["org"]
        code = kb.code_on(org, day)
        if code != org.code:
            org = replace(org, country=code[:3], sector=code[3:6], code=code)
        country = org.country or _country(by_kind)
        return Actor(text, country, org.sector, org.code or (country + org.sector), org.name, org.key,
                     start, end, role)
    country = _country(by_kind)
    if not country:
        return None
    if set(by_kind) <= {"demonym"}:  # "Russian oil": the country, but only ever as a target (see roles)
        return Actor(text, country, "", country, "", "", start, end, "demonym")
    place = by_kind.get("seat") or by_kind.get("capital") or by_kind.get("populace") or Entry("x", "")
    sector = title.sector if title else place.sector
    name, kb_id = _office_holder(kb, title, country, day) if title else ("", "")
    if not role and ("seat" in by_kind or "capital" in by_kind):
        role = "seat"  # "the Kremlin", "New Delhi": a government named by its seat (also a place)
    return Actor(text, country, sector, country + sector, name, kb_id, start, end, role)


def _country(by_kind: dict[str, Entry]) -> str:
    for kind in ("country", "demonym", "seat", "capital", "region", "populace"):
        if kind in by_kind:
            return by_kind[kind].country
    return ""


def _person(kb: ActorKB, entry: Entry, text: str, start: int, end: int, day, role: str) -> Actor:
    term = kb.term_at(entry.key, day)
    country = term.country if term else entry.country
    sector = term.sector if term else entry.sector
    return Actor(text, country, sector, country + sector, entry.name, entry.key, start, end, role)


def _office_holder(kb: ActorKB, title: Entry, country: str, day) -> tuple[str, str]:
    pid = kb.holder(title.office, country, day) if title.office in NAMED_OFFICES else ""
    return (kb.people[pid].name, pid) if pid else ("", "")



# -- the noun phrase of an actor ---------------------------------------------------------------
PHRASE_UP = {"compound", "amod", "poss", "nmod", "nummod", "case"}
PHRASE_OUT = {"relcl", "acl", "advcl", "appos", "conj", "cc", "punct", "parataxis", "ccomp", "xcomp"}
# prepositions whose phrase tells when, where or about what the event happened, even where the parse hangs it on
# the actor's noun ("ports following the operation", "Morales on Monday", "the position ... against that of X")
ADVERBIAL_PREPS = {"following", "after", "before", "during", "since", "amid", "despite", "at", "on", "over",
                   "against", "with"}


def phrase_span(actor: Actor, tokens: Sequence[Token], stops: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The character span of the noun phrase an actor stands in, with its article, modifiers, attached
    phrases ("the presidents of Iraq", "Haiti's interim government") and a short name in brackets after it,
    without clauses, appositions, coordinated actors or phrases of time, place or topic (`ADVERBIAL_PREPS`).
    `tokens` is the parsed sentence; an actor outside it keeps its own span. The phrase does not climb through
    "of" to a token of `stops` (an event's trigger: "the withdrawal of Syrian forces" is the event, "Syrian forces"
    its party)."""
    inside = [t.i for t in tokens if actor.start <= t.start < actor.end]
    if not inside:
        return actor.start, actor.end
    head = next((i for i in inside if tokens[i].head not in inside or tokens[i].head == i), inside[0])
    span = _phrase_tokens(tokens, _phrase_top(tokens, head, stops))
    cut = next((k for k in range(inside[-1] + 1, span[-1] + 1)
                if tokens[k].text == "," and not _in_apposition(tokens, k + 1, span)), None)
    span = [i for i in span if cut is None or i < cut]
    end = _abbreviation_end(tokens, span[-1])
    return min(tokens[span[0]].start, actor.start), max(tokens[end].end, actor.end)


def _named_apposition(tokens: Sequence[Token], head: int, k: int) -> bool:
    """"the Sudanese Foreign Minister, Ibrahim Ghandour": the name after a title is part of its phrase."""
    return tokens[k].dep == "appos" and k > head and tokens[k].pos == "PROPN" and tokens[head].pos == "NOUN"


def _in_apposition(tokens: Sequence[Token], k: int, span: Sequence[int]) -> bool:
    """Does token `k` (of `span`) belong to an apposition the span takes in?"""
    for _ in range(4):
        if k not in span or tokens[k].dep == "appos":
            return k in span
        k = tokens[k].head
    return False


def _abbreviation_end(tokens: Sequence[Token], last: int) -> int:
    """"the Lesotho Defence Force (LDF)": a short name in brackets right after a phrase belongs to it."""
    k = last + 1
    if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")" and tokens[k + 1].text.isupper():
        return k + 2
    return last


def with_phrase(actor: Actor, tokens: Sequence[Token], stops: frozenset[int] = frozenset()) -> Actor:
    """`actor` with the span of its noun phrase in the parsed sentence `tokens` (not taking in `stops`)."""
    start, end = phrase_span(actor, tokens, stops)
    if (start, end) == (actor.phrase_start, actor.phrase_end):
        return actor
    return replace(actor, phrase_start=start, phrase_end=end)


def _phrase_top(tokens: Sequence[Token], i: int, stops: frozenset[int] = frozenset()) -> int:
    """Up from the actor's head through modifiers ("U.S." in "U.S. military chief") and "of" ("leaders of X"),
    but not through "of" to a token of `stops`."""
    for _ in range(6):
        t = tokens[i]
        up = tokens[t.head]
        if t.dep == "pobj" and up.text.lower() == "of" and up.head in stops:
            return i
        if t.dep in PHRASE_UP and t.head != i and up.pos in {"NOUN", "PROPN"}:
            i = t.head
        elif t.dep == "pobj" and up.text.lower() == "of" and tokens[up.head].pos in {"NOUN", "PROPN", "NUM"} \
                and up.head != up.i:
            i = up.head
        else:
            return i
    return i


def _phrase_tokens(tokens: Sequence[Token], head: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for t in tokens:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    out, stack = [], [head]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(k for k in kids.get(j, ()) if (tokens[k].dep not in PHRASE_OUT or _named_apposition(tokens, j, k))
                     and not (tokens[k].dep == "prep" and tokens[k].text.lower() in ADVERBIAL_PREPS))
    return sorted(out)
