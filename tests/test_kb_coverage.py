"""The knowledge base covers every UN member and observer state: who held the top offices, 2000 to today."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from eventwire.datafiles import read_tsv
from eventwire.settings import Settings

# The 193 UN member states and the two observer states (Holy See, Palestine), ISO 3166-1 alpha-3.
UN_STATES = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI
EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM
MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE VAT PSE
""".split())
ROTATING_HEAD_OF_STATE = {"BIH", "SMR"}  # a collective presidency; captains regent every six months
NO_HEAD_OF_GOVERNMENT = {"CHE", "SMR", "VAT"}  # the Federal Council, the Congress of State, the Curia
FOREIGN_FLOOR = 193  # states with foreign ministers on file; floors only move up
DEFENCE_FLOOR = 158  # states with defence ministers on file (the states below have none to list)
# States with no defence minister to record, and why: no armed forces, defence left to another state by treaty, or the
# armed forces answer to the head of state or government (or a home affairs minister) without a defence ministry.
NO_DEFENCE_MINISTER = {
    "AND": "no armed forces",
    "ATG": "no defence ministry; the defence force answers to the prime minister's office (national security)",
    "BRB": "no defence ministry; the prime minister holds national security, the defence force included",
    "BTN": "no defence ministry; the Royal Bhutan Army is commanded by the king",
    "CRI": "army abolished in 1948; public security ministry only",
    "DMA": "defence force disbanded in 1981; police only",
    "FSM": "no armed forces; defence is a United States responsibility under the Compact of Free Association",
    "GRD": "no army since 1983; police only",
    "GUY": "no defence minister; the president commands the Guyana Defence Force through the Defence Board",
    "ISL": "no armed forces; defence matters fall to the foreign minister",
    "KIR": "no armed forces; police only",
    "KNA": "no defence ministry; national security, defence force included, is held by the prime minister",
    "LCA": "no army; police only",
    "LIE": "no armed forces since 1868",
    "MCO": "no armed forces; France is responsible for Monaco's defence",
    "MHL": "no armed forces; defence is a United States responsibility under the Compact of Free Association",
    "MLT": "no defence ministry; the armed forces answer to the home affairs and security minister",
    "MUS": "no army (the Special Mobile Force is police); the prime minister holds defence and home affairs",
    "NRU": "no armed forces",
    "PAN": "army abolished in 1990; public security ministry only",
    "PLW": "no armed forces; defence is a United States responsibility under the Compact of Free Association",
    "PSE": "no armed forces or defence ministry; the security services answer to the interior ministry",
    "SLB": "no armed forces; police only",
    "SMR": "no defence ministry",
    "SWZ": "the king holds the defence portfolio himself (answered for in parliament by the foreign minister)",
    "TUV": "no armed forces; police only",
    "VAT": "no armed forces (the Swiss Guard and the gendarmerie serve the pope); no defence office in the Curia",
    "VCT": "no army; police only",
    "VUT": "no defence ministry; the Vanuatu Mobile Force is part of the police",
    "WSM": "no armed forces; police only",
}
# Year coverage: the share of (state, year) pairs, 2000 to 2026, in which someone held the office on 1 July.
YEARS = range(2000, 2027)
# The first 1 July after independence (2002-05-20, 2006-06-03, 2011-07-09); earlier years are not counted.
FIRST_YEAR = {"TLS": 2002, "MNE": 2006, "SSD": 2012}
NOT_APPLICABLE = {
    "head_of_state": ROTATING_HEAD_OF_STATE,
    "head_of_government": NO_HEAD_OF_GOVERNMENT,
    "foreign_minister": set(),
    "defence_minister": set(NO_DEFENCE_MINISTER),
}
# Floors (the shares when last raised, rounded down to 3 decimals; first pinned at 0.997, 0.991, 0.725,
# 0.589); they only move up.
YEAR_COVERAGE_FLOORS = {
    "head_of_state": 0.997,
    "head_of_government": 0.997,
    "foreign_minister": 0.877,
    "defence_minister": 0.778,
}


def load_terms() -> dict[tuple[str, str], list[tuple[dt.date, dt.date]]]:
    """(state, office) -> the (start, end) of every dated term in the people files; an open term ends never."""
    out = defaultdict(list)
    for path in sorted(Settings().lang_dir("actors").glob("people*.tsv")):
        for _, (_, _, _, country, _, office, start, end) in read_tsv(path, 8):
            if start:
                out[(country, office)].append((dt.date.fromisoformat(start),
                                               dt.date.fromisoformat(end) if end else dt.date.max))
    return out


@pytest.fixture(scope="module")
def terms() -> dict[tuple[str, str], list[tuple[dt.date, dt.date]]]:
    return load_terms()


def _covered(terms, office: str) -> set[str]:
    return {c for (c, o) in terms if o == office}


def uncovered_years(terms, office: str) -> dict[str, list[int]]:
    """For each state the office applies to: the years (from its first year) with no holder on 1 July."""
    out = {}
    for state in sorted(UN_STATES - NOT_APPLICABLE[office]):
        years = [y for y in YEARS if y >= FIRST_YEAR.get(state, YEARS[0])]
        held = terms.get((state, office), [])
        out[state] = [y for y in years if not any(s <= dt.date(y, 7, 1) <= e for s, e in held)]
    return out


def year_coverage(terms, office: str) -> float:
    """Share of the (state, year) pairs of an office with a holder on 1 July of the year."""
    missing = uncovered_years(terms, office)
    total = sum(len([y for y in YEARS if y >= FIRST_YEAR.get(state, YEARS[0])]) for state in missing)
    return 1 - sum(map(len, missing.values())) / total


def test_every_state_has_heads_of_state_and_government(terms):
    assert UN_STATES - ROTATING_HEAD_OF_STATE <= _covered(terms, "head_of_state")
    assert UN_STATES - NO_HEAD_OF_GOVERNMENT <= _covered(terms, "head_of_government")


def test_ministers_on_file_do_not_shrink(terms):
    assert len(UN_STATES & _covered(terms, "foreign_minister")) >= FOREIGN_FLOOR
    assert len(UN_STATES & _covered(terms, "defence_minister")) >= DEFENCE_FLOOR


@pytest.mark.parametrize("office", sorted(YEAR_COVERAGE_FLOORS))
def test_year_coverage_does_not_shrink(terms, office):
    share = year_coverage(terms, office)
    worst = sorted(uncovered_years(terms, office).items(), key=lambda kv: -len(kv[1]))[:10]
    assert share >= YEAR_COVERAGE_FLOORS[office], (office, round(share, 4), [(c, len(ys)) for c, ys in worst])


def test_year_coverage_counts_gaps():
    one_term = {("FRA", "head_of_state"): [(dt.date(2000, 1, 1), dt.date(2013, 1, 1))]}
    assert uncovered_years(one_term, "head_of_state")["FRA"] == list(range(2013, 2027))
    assert uncovered_years(one_term, "head_of_state")["SSD"] == list(range(2012, 2027))
    assert "BIH" not in uncovered_years(one_term, "head_of_state")
    assert year_coverage({}, "foreign_minister") == 0


def test_states_without_a_defence_ministry_have_no_defence_minister(terms):
    assert set(NO_DEFENCE_MINISTER) <= UN_STATES and all(NO_DEFENCE_MINISTER.values())
    assert not set(NO_DEFENCE_MINISTER) & _covered(terms, "defence_minister")


@pytest.mark.parametrize("year", range(2000, 2026, 5))
def test_someone_heads_nearly_every_state_on_any_day(terms, year):
    """On 1 July of the year, a head of state is on file for nearly all states (a few gaps: interregnums,
    collective presidencies, caretakers whose dates are unknown)."""
    day = dt.date(year, 7, 1)
    states = UN_STATES - ROTATING_HEAD_OF_STATE - ({"SSD", "TLS", "MNE"} if year < 2012 else set())
    headed = {c for c in states if any(s <= day <= e for s, e in terms.get((c, "head_of_state"), []))}
    assert len(headed) / len(states) >= 0.95, sorted(states - headed)


if __name__ == "__main__":  # print the year coverage of each office: python tests/test_kb_coverage.py
    _terms = load_terms()
    for _office in YEAR_COVERAGE_FLOORS:
        print(f"{_office:20} {year_coverage(_terms, _office):.4f}")
