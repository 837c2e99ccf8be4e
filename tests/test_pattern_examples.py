"""Every pattern's example sentence codes to its own code through the real coder."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest import read_text_article

pytestmark = pytest.mark.slow


def test_every_example_codes_to_its_own_code(engine):
    patterns = engine.patterns.patterns
    articles = [read_text_article(f" date 2024-05-01\n\n{p.example}", p.id, engine.settings) for p in patterns]
    coded = engine.code(articles)
    wrong = []
    for p, mentions in zip(patterns, coded, strict=True):
        codes = {m.cameo for m in mentions if m.target is not None}
        if p.code not in codes:
            wrong.append(f"{p.id} {p.code} got {sorted(codes) or '-'}: {p.example}")
    share = 1 - len(wrong) / len(patterns)
    assert not wrong, f"{len(wrong)} of {len(patterns)} examples miscoded ({share:.1%} ok):\n" + "\n".join(wrong[:60])


def test_published_is_the_header_date(engine):
    art = read_text_article(" date 2024-05-01\n\nFrance condemned the attack.", "x", engine.settings)
    assert art.published == dt.date(2024, 5, 1)
