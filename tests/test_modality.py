"""Modality through the real coder: negated, future (coded as intent), hypothetical, reported."""

from __future__ import annotations

import pytest

from eventwire.ingest import read_text_article

pytestmark = pytest.mark.slow

CASES = [
    # sentence, code, negated, future, hypothetical
    ("India condemned Russia.", "111", False, False, False),
    ("India did not condemn Russia.", "111", True, False, False),
    ("India declined to condemn Russia on Monday.", "111", True, False, False),
    ("Russia will attack Ukraine.", "138", False, True, False),
    ("If Russia attacked Ukraine, NATO would respond.", "190", False, False, True),
    ("Macron plans to visit China next month.", "036", False, True, False),
]


@pytest.mark.parametrize("sentence,code,negated,future,hypothetical", CASES)
def test_modality(engine, sentence, code, negated, future, hypothetical):
    art = read_text_article(f" date 2024-05-01\n\n{sentence}", "t", engine.settings)
    found = {m.cameo: m for m in engine.code([art])[0]}
    assert code in found, found
    m = found[code]
    assert (m.negated, m.future, m.hypothetical) == (negated, future, hypothetical)
    assert m.happened == (not negated and not hypothetical)


def test_a_date_range_gives_date_and_end_date(engine):
    art = read_text_article(" date 2024-07-15\n\nIndian Prime Minister Narendra Modi visited Russia from 8 to 9 July.",
                            "t", engine.settings)
    [visit] = [m for m in engine.code([art])[0] if m.cameo == "042"]
    record = visit.to_json()
    assert (record["date"], record["end_date"]) == ("2024-07-08", "2024-07-09")
