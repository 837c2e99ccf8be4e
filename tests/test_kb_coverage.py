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
FOREIGN_FLOOR = 177  # states with foreign ministers on file; floors only move up
DEFENCE_FLOOR = 122  # many small states have no defence ministry


@pytest.fixture(scope="module")
def terms() -> dict[tuple[str, str], list[tuple[dt.date, dt.date]]]:
    out = defaultdict(list)
    for path in sorted(Settings().lang_dir("actors").glob("people*.tsv")):
        for _, (_, _, _, country, _, office, start, end) in read_tsv(path, 8):
            if start:
                out[(country, office)].append((dt.date.fromisoformat(start),
                                               dt.date.fromisoformat(end) if end else dt.date.max))
    return out


def _covered(terms, office: str) -> set[str]:
    return {c for (c, o) in terms if o == office}


def test_every_state_has_heads_of_state_and_government(terms):
    assert UN_STATES - ROTATING_HEAD_OF_STATE <= _covered(terms, "head_of_state")
    assert UN_STATES - NO_HEAD_OF_GOVERNMENT <= _covered(terms, "head_of_government")


def test_ministers_on_file_do_not_shrink(terms):
    assert len(UN_STATES & _covered(terms, "foreign_minister")) >= FOREIGN_FLOOR
    assert len(UN_STATES & _covered(terms, "defence_minister")) >= DEFENCE_FLOOR


@pytest.mark.parametrize("year", range(2000, 2026, 5))
def test_someone_heads_nearly_every_state_on_any_day(terms, year):
    """On 1 July of the year, a head of state is on file for nearly all states (a few gaps: interregnums,
    collective presidencies, caretakers whose dates are unknown)."""
    day = dt.date(year, 7, 1)
    states = UN_STATES - ROTATING_HEAD_OF_STATE - ({"SSD", "TLS", "MNE"} if year < 2012 else set())
    headed = {c for c in states if any(s <= day <= e for s, e in terms.get((c, "head_of_state"), []))}
    assert len(headed) / len(states) >= 0.95, sorted(states - headed)
