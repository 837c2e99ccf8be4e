"""The seed gold, end to end. Floors are pinned: they only move up."""

from __future__ import annotations

import pytest

from eventwire.evaluate import evaluate_gold
from eventwire.settings import Settings

pytestmark = pytest.mark.slow

RECALL_FLOOR = 1.0  # all 15 required events
PRECISION_FLOOR = 0.85
MERGED_FLOOR = 8


@pytest.fixture(scope="module")
def report(shared, tmp_path_factory):
    settings = Settings(db_path=str(tmp_path_factory.mktemp("seeds") / "s.duckdb"))
    return evaluate_gold(shared / "gold" / "seeds.json", shared / "seeds", settings)


def test_every_required_event_is_found(report):
    assert report.required == 15
    assert report.recall >= RECALL_FLOOR, "\n".join(report.lines)


def test_precision_floor(report):
    assert report.precision >= PRECISION_FLOOR, "\n".join(report.lines)


def test_no_forbidden_event(report):
    assert report.forbidden == 0, "\n".join(report.lines)


def test_merged_events_are_exactly_right(report):
    assert report.merged_n == 8
    assert report.merged_ok >= MERGED_FLOOR, "\n".join(report.lines)
