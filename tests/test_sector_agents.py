"""A generic agent whose country cannot be told keeps its sector, with no country and no CAMEO code
(a CAMEO actor code starts with a country or an organisation)."""

from __future__ import annotations

import pytest

from eventwire.records import Article

pytestmark = pytest.mark.slow


def agents(engine, text: str) -> list:
    mentions = engine.code([Article("sector", text)])[0]
    return [a for m in mentions for a in (m.source, m.target) if a is not None and a.sector]


def test_an_agent_with_no_country_keeps_its_sector_but_no_code(engine):
    found = agents(engine, "Government officials accused the opposition of fraud.")
    assert {a.sector for a in found} == {"GOV", "OPP"}
    assert all(a.code == "" and a.country == "" for a in found)


def test_an_agent_with_a_country_has_its_code(engine):
    found = agents(engine, "Kenyan government officials accused the opposition of fraud.")
    assert "KENGOV" in {a.code for a in found} and all(a.code == a.country + a.sector for a in found)
