"""Checks of the actor knowledge base files in src/eventwire/data/actors/en/ (format, codes, dates, coverage)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cache
from itertools import pairwise
from pathlib import Path

import pycountry
import pytest

import eventwire

DATA = Path(eventwire.__file__).parent / "data" / "actors" / "en"

PEOPLE_COLUMNS = ("id", "name", "aliases", "country", "sector", "office", "start", "end")
PEOPLE_FILES = tuple(sorted(path.name for path in DATA.glob("people*.tsv")))  # people.tsv and its companions
COLUMNS = {
    **dict.fromkeys(PEOPLE_FILES, PEOPLE_COLUMNS),
    "orgs.tsv": ("id", "name", "aliases", "code", "country", "sector"),
    "titles.tsv": ("title", "sector", "office", "plural"),
    "seats.tsv": ("name", "aliases", "country", "sector", "note"),
    "capitals.tsv": ("name", "aliases", "country"),
    "countries_extra.tsv": ("name", "country", "kind"),
    "demonyms_extra.tsv": ("demonym", "country"),
}
OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "deputy_head_of_government",
    "other",
}
SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "OPP",
    "REB",
    "SEP",
    "UAF",
    "SPY",
    "CVL",
    "BUS",
    "MED",
    "EDU",
    "REL",
    "LAB",
    "REF",
    "CRM",
    "HLH",
    "HRI",
    "NGO",
    "IGO",
    "AGR",
    "ENV",
    "ELI",
}
G20 = (
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "KOR",
    "TUR",
    "GBR",
    "USA",
    "EUR",
)
ALSO_COVERED = ("UKR", "ISR", "PSE", "PAK", "IRN")
COVERED_OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
FIRST_DAY, LAST_DAY, MAX_GAP = dt.date(2000, 1, 1), dt.date(2026, 11, 1), 120
# Real gaps: (country, office) -> (from, to, why). A coverage gap must lie inside its window.
KNOWN_GAPS = {
    ("EUR", "head_of_state"): (
        dt.date(2000, 1, 1),
        dt.date(2009, 12, 1),
        "the permanent European Council presidency began with the Lisbon Treaty",
    ),
    ("PSE", "foreign_minister"): (
        dt.date(2000, 1, 1),
        dt.date(2003, 4, 30),
        "the Palestinian Authority had no foreign minister before the 2003 cabinet",
    ),
    ("PAK", "foreign_minister"): (
        dt.date(2002, 6, 1),
        dt.date(2002, 11, 23),
        "no full foreign minister between Abdul Sattar and Khurshid Kasuri",
    ),
}


@cache
def read_rows(name: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) for every data line of a file: '#' lines and blank lines are skipped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def records(name: str) -> list[dict[str, str]]:
    return [dict(zip(COLUMNS[name], fields, strict=True)) for _, fields in read_rows(name)]


def day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def region_codes() -> set[str]:
    return {r["country"] for r in records("countries_extra.tsv") if r["kind"] == "region"}


def valid_country(code: str) -> bool:
    return code in {"XKX", "EUR"} or code in region_codes() or pycountry.countries.get(alpha_3=code) is not None


def terms(country: str, office: str) -> list[tuple[dt.date, dt.date]]:
    """Sorted (start, end) of every dated term of an office; an open term ends today."""
    out = [
        (day(r["start"]), day(r["end"]) or LAST_DAY)
        for r in records("people.tsv")
        if r["country"] == country and r["office"] == office and r["start"]
    ]
    return sorted(out)


def coverage_gaps(country: str, office: str) -> list[tuple[dt.date, dt.date]]:
    """Stretches of more than MAX_GAP days between FIRST_DAY and LAST_DAY with no holder of the office."""
    gaps, covered_to = [], FIRST_DAY
    for start, end in terms(country, office) + [(LAST_DAY, LAST_DAY)]:
        if (start - covered_to).days > MAX_GAP:
            gaps.append((covered_to, start))
        covered_to = max(covered_to, end)
    return gaps


def holders(country: str, office: str, on: str) -> set[str]:
    when = dt.date.fromisoformat(on)
    return {
        r["id"]
        for r in records("people.tsv")
        if r["country"] == country
        and r["office"] == office
        and r["start"]
        and day(r["start"]) <= when < (day(r["end"]) or LAST_DAY + dt.timedelta(1))
    }


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_header_states_the_columns(name: str) -> None:
    header = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any(line.lstrip("# ").rstrip() == "\t".join(COLUMNS[name]) for line in header), name


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_row_has_the_stated_columns(name: str) -> None:
    bad = [(n, fields) for n, fields in read_rows(name) if len(fields) != len(COLUMNS[name])]
    assert not bad, f"{name}: {bad[:5]}"
    assert all(f == f.strip() for _, fields in read_rows(name) for f in fields), f"{name}: stray spaces"
    assert read_rows(name), f"{name} is empty"


@pytest.mark.parametrize(
    "name", [*PEOPLE_FILES, "orgs.tsv", "seats.tsv", "capitals.tsv", "countries_extra.tsv", "demonyms_extra.tsv"]
)
def test_every_country_code_is_known(name: str) -> None:
    codes = {r["country"] for r in records(name)} - {""}
    assert not {c for c in codes if not valid_country(c)}


def all_people() -> list[dict[str, str]]:
    """The rows of every people*.tsv file: one knowledge base split over several files."""
    return [r for name in PEOPLE_FILES for r in records(name)]


def test_the_people_files_are_found() -> None:
    assert {"people.tsv", "people_europe.tsv", "people_ministers.tsv", "people_ministers2.tsv"} <= set(PEOPLE_FILES)


def test_people_fields() -> None:
    for r in all_people():
        assert r["id"] == r["id"].lower() and " " not in r["id"], r
        assert r["office"] in OFFICES and r["sector"] in SECTORS, r
        assert r["country"] or r["sector"] == "IGO", r
        # an office term has a start, except a term begun long before 2000 whose start is not recorded (end given)
        assert r["start"] or r["end"] or r["office"] == "other", r
        start, end = day(r["start"]), day(r["end"])
        assert not (start and end) or start <= end, r


def test_a_person_has_one_name_and_one_alias_list() -> None:
    names = defaultdict(set)
    for r in all_people():
        names[r["id"]].add((r["name"], r["aliases"]))
    assert not {pid: forms for pid, forms in names.items() if len(forms) > 1}


def test_no_person_holds_the_same_office_twice_at_once() -> None:
    spans = defaultdict(list)
    for r in all_people():
        if r["office"] != "other" and r["start"]:
            spans[(r["id"], r["country"], r["office"])].append((day(r["start"]), day(r["end"]) or LAST_DAY))
    overlaps = [(key, a, b) for key, got in spans.items() for a, b in pairwise(sorted(got)) if b[0] < a[1]]
    assert not overlaps


def test_no_term_is_listed_twice_across_the_people_files() -> None:
    seen = defaultdict(list)
    for name in PEOPLE_FILES:
        for r in records(name):
            seen[(r["id"], r["country"], r["office"], r["start"], r["end"])].append(name)
    assert not {key: files for key, files in seen.items() if len(files) > 1}


@pytest.mark.parametrize("country", G20 + ALSO_COVERED)
@pytest.mark.parametrize("office", COVERED_OFFICES)
def test_offices_are_held_every_day_since_2000(country: str, office: str) -> None:
    known = KNOWN_GAPS.get((country, office))
    unexplained = [g for g in coverage_gaps(country, office) if not (known and known[0] <= g[0] and g[1] <= known[1])]
    assert not unexplained, f"{country} {office}: no holder {unexplained}"


def test_known_gaps_are_still_gaps() -> None:
    for (country, office), (start, end, _why) in KNOWN_GAPS.items():
        assert any(g[0] <= end and start <= g[1] for g in coverage_gaps(country, office)), (country, office)


def test_coverage_check_finds_a_hole() -> None:
    assert coverage_gaps("NOWHERE", "head_of_state") == [(FIRST_DAY, LAST_DAY)]


@pytest.mark.parametrize(
    ("country", "office", "on", "who"),
    [
        ("RUS", "head_of_state", "2024-01-15", "vladimir_putin"),
        ("RUS", "head_of_government", "2010-01-01", "vladimir_putin"),
        ("RUS", "head_of_state", "2010-01-01", "dmitry_medvedev"),
        ("IND", "head_of_government", "2014-05-26", "narendra_modi"),
        ("IND", "head_of_government", "2014-05-25", "manmohan_singh"),
        ("IND", "foreign_minister", "2019-05-30", "s_jaishankar"),
        ("USA", "head_of_government", "2025-06-01", "donald_trump"),
        ("GBR", "head_of_state", "2023-01-01", "charles_iii"),
        ("AUS", "head_of_state", "2010-01-01", "elizabeth_ii"),
        ("EUR", "foreign_minister", "2025-01-01", "kaja_kallas"),
        ("TUR", "head_of_government", "2020-01-01", "recep_tayyip_erdogan"),
    ],
)
def test_known_office_holders(country: str, office: str, on: str, who: str) -> None:
    assert who in holders(country, office, on)


def test_putin_aliases() -> None:
    putin = next(r for r in records("people.tsv") if r["id"] == "vladimir_putin")
    assert {"Putin", "Vladimir Vladimirovich Putin"} <= set(putin["aliases"].split("|"))


def test_orgs_fields() -> None:
    ids = [r["id"] for r in records("orgs.tsv")]
    assert len(ids) == len(set(ids))
    for r in records("orgs.tsv"):
        code = r["code"]
        assert r["sector"] in SECTORS, r
        assert code.isupper() and code.isalnum() and len(code) % 3 == 0, r
        assert code[:3] in {"IGO", "NGO", "MNC", "IMG"} or valid_country(code[:3]), r


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("united_nations", "IGOUNO"),
        ("nato", "IGOWSTNAT"),
        ("african_union", "IGOAFRAFU"),
        ("european_union", "IGOEUREEC"),
    ],
)
def test_org_codes(name: str, code: str) -> None:
    assert {r["id"]: r["code"] for r in records("orgs.tsv")}[name] == code


def test_titles_fields() -> None:
    titles = [r["title"] for r in records("titles.tsv")]
    assert len(titles) == len(set(titles)) and len(titles) >= 300
    for r in records("titles.tsv"):
        assert r["title"] == r["title"].lower() and r["plural"] == r["plural"].lower(), r
        assert r["sector"] in SECTORS and r["office"] in OFFICES | {""}, r


@pytest.mark.parametrize(
    ("title", "sector", "office"),
    [
        ("external affairs minister", "GOV", "foreign_minister"),
        ("soldier", "MIL", "other"),
        ("police", "COP", ""),
        ("protester", "CVL", "other"),
        ("prime minister", "GOV", "head_of_government"),
    ],
)
def test_title_rows(title: str, sector: str, office: str) -> None:
    row = next(r for r in records("titles.tsv") if r["title"] == title)
    assert (row["sector"], row["office"]) == (sector, office)


def test_seats_fields() -> None:
    for r in records("seats.tsv"):
        assert r["sector"] in SECTORS and r["note"], r
    assert {"Kremlin", "White House", "Pentagon", "Downing Street", "Zhongnanhai", "South Block"} <= {
        r["name"] for r in records("seats.tsv")
    }


def test_capitals_cover_every_un_member() -> None:
    codes = [r["country"] for r in records("capitals.tsv")]
    assert len(codes) == len(set(codes))
    assert len(set(codes) - {"VAT", "PSE", "TWN", "XKX"}) == 193
    by_name = {r["name"]: r["country"] for r in records("capitals.tsv")}
    assert (by_name["New Delhi"], by_name["Kyiv"], by_name["Washington"]) == ("IND", "UKR", "USA")


def test_countries_extra_kinds_and_names() -> None:
    rows = records("countries_extra.tsv")
    assert all(r["kind"] in {"country", "region"} for r in rows)
    assert len({r["name"] for r in rows}) == len(rows)
    names = {r["name"]: r["country"] for r in rows}
    assert (names["U.S."], names["Britain"], names["Kosovo"], names["the West"]) == ("USA", "GBR", "XKX", "WST")
    assert all(not pycountry.countries.get(alpha_3=code) for code in region_codes())


def test_demonyms_cover_the_g20_and_listed_countries() -> None:
    rows = records("demonyms_extra.tsv")
    assert len({r["demonym"] for r in rows}) == len(rows)
    have = {r["country"] for r in rows}
    assert set(G20 + ALSO_COVERED + ("PRK", "SYR", "EGY", "QAT", "ARE", "BLR", "POL", "AFG", "BGD")) <= have
    assert {r["demonym"]: r["country"] for r in rows}["Emirati"] == "ARE"
