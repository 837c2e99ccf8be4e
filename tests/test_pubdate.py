"""Publication dates: header, byline, dateline, embedded post, page date, text, none."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from eventwire import pubdate
from eventwire.errors import ResourceError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
TODAY = dt.date(2025, 1, 1)


def _gold() -> list[tuple[str, str]]:
    if not GOLD.exists():
        return []
    return [(doc["doc"], doc["published"]) for doc in json.loads(GOLD.read_text())["documents"]]


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed articles are absent")
    return path.read_text(encoding="utf-8")


def find(text: str, **kw) -> tuple[dt.date | None, str]:
    return pubdate.find_published(text, today=TODAY, **kw)


@pytest.mark.parametrize(("doc", "published"), _gold() or [pytest.param("", "", marks=pytest.mark.skip)])
def test_seed_published_dates_match_gold(doc, published):
    day, _ = find(_seed(doc))
    assert day == dt.date.fromisoformat(published)


@pytest.mark.parametrize(("doc", "expected"), [
    ("001_1bbd31f7771d0d02.txt", (dt.date(2024, 1, 15), "dateline")),  # year from "BRICS in 2024"
    ("002_3183f4c67ce1f9a7.txt", (dt.date(2024, 3, 20), "byline")),  # not the page's July 27
    ("003_029f77a4b5c96316.txt", (dt.date(2024, 3, 20), "post")),
    ("000_51e1b8036cf830dd.txt", (dt.date(2024, 1, 15), "post")),
])
def test_seed_evidence_without_the_header(doc, expected):
    _, body = pubdate.split_header(_seed(doc))
    assert find(body) == expected


def test_header_wins_over_every_other_date():
    raw = " date 2024-02-08 A headline\n\nMOSCOW, Jan 15 (AP) - Talks.\n— Leader (@leader) January 15, 2024"
    assert find(raw) == (dt.date(2024, 2, 8), "header")
    assert find("Text with March 20, 2024 in it.", header=dt.date(2024, 3, 21)) == (dt.date(2024, 3, 21), "header")


def test_split_header_keeps_the_headline_on_the_header_line():
    day, rest = pubdate.split_header(" date 2024-02-08 Putin thanks PM Modi | Image: AP\n\nBody.")
    assert day == dt.date(2024, 2, 8)
    assert rest.startswith("Putin thanks PM Modi")
    assert pubdate.split_header(" date 2024-13-45 Bad\nBody") == (None, " date 2024-13-45 Bad\nBody")
    assert pubdate.split_header("The date 2024-02-08 is in a sentence.")[0] is None


@pytest.mark.parametrize(("text", "expected"), [
    ("WASHINGTON, March 20 (Reuters) - The talks went on. The 2024 election was close.", dt.date(2024, 3, 20)),
    ("MOSCOW, Dec. 27, 2023 /PRNewswire/ -- Russia and India held talks.", dt.date(2023, 12, 27)),
    ("Kolkata, 20 March 2024: Leaders met in the city.", dt.date(2024, 3, 20)),
    ("NEW DELHI, Wednesday, March 20, 2024 — Modi called Putin.", dt.date(2024, 3, 20)),
    ("New Delhi [India], January 15 : Modi spoke. Russia's presidency of BRICS in 2024.", dt.date(2024, 1, 15)),
    ("Headline of the story\n\nST. PETERSBURG, June 7 (AP) — Putin spoke at the 2024 forum.", dt.date(2024, 6, 7)),
])
def test_datelines(text, expected):
    assert find(text) == (expected, "dateline")


def test_dateline_year_is_never_in_the_future():
    text = "MOSCOW, Dec 27 (AP) — Putin met Jaishankar ahead of the 2024 BRICS year."
    assert pubdate.find_published(text, today=dt.date(2024, 1, 10)) == (dt.date(2023, 12, 27), "dateline")


def test_dateline_year_skips_target_years():
    text = "NEW DELHI, March 3 (PTI) - India aims to be developed by 2047. It grew fast in 2023."
    assert find(text) == (dt.date(2023, 3, 3), "dateline")


def test_dateline_without_any_year_is_no_evidence():
    assert find("NEW DELHI, March 3 (PTI) - The leaders met.") == (None, "none")


@pytest.mark.parametrize(("line", "expected"), [
    ("| @indiablooms | 20 Mar 2024, 05:12 pm", dt.date(2024, 3, 20)),
    ("By Jane Doe | Updated: Mar 21, 2024, 17:12 IST", dt.date(2024, 3, 21)),
    ("Published: 20 March 2024", dt.date(2024, 3, 20)),
    ("Posted on March 20, 2024 by admin", dt.date(2024, 3, 20)),
    ("Last Updated: 2024-03-22 10:00", dt.date(2024, 3, 22)),
    ("By Jane Doe, Senior Correspondent, The Hindu | March 20, 2024 05:12 p.m.", dt.date(2024, 3, 20)),
    ("Wednesday, March 20, 2024", dt.date(2024, 3, 20)),
])
def test_bylines(line, expected):
    text = f"Modi calls Putin\n\n{line}\n\nPrime Minister Modi called President Putin on Wednesday."
    assert find(text) == (expected, "byline")


def test_first_byline_date_is_publication_not_update():
    text = "Title here\nPublished: March 20, 2024 | Updated: March 22, 2024\n\nThe leaders met."
    assert find(text) == (dt.date(2024, 3, 20), "byline")


@pytest.mark.parametrize("line", [
    "By March 20, 2024, the government had spent most of the money.",
    "Modi met Putin on March 20, 2024.",
    "— Narendra Modi (@narendramodi) March 20, 2024",
])
def test_sentences_and_post_signatures_are_no_bylines(line):
    assert not pubdate.is_byline(line)


def test_page_date_at_the_top_loses_to_the_article_own_date():
    text = "July 27, 2024 10:42 (IST)\nFollow us:\nHeadline\n\n| @site | 20 Mar 2024, 05:12 pm\n\nBody."
    assert find(text) == (dt.date(2024, 3, 20), "byline")
    post = "July 27, 2024 10:42 (IST)\nHeadline\n\nBody. — Leader (@leader) March 20, 2024"
    assert find(post) == (dt.date(2024, 3, 20), "post")


def test_page_date_at_the_top_is_the_last_resort_before_text():
    text = "July 27, 2024 10:42 (IST)\nHeadline\n\nThe summit on July 3, 2024 ended. Leaders met."
    assert find(text) == (dt.date(2024, 7, 27), "byline")


def test_latest_embedded_post_dates_the_article():
    text = ("Quote one. — A (@a) March 2, 2024\nQuote two. — B (@b) March 20, 2024\n"
            "Old post. — C (@c) January 5, 2023")
    assert find(text) == (dt.date(2024, 3, 20), "post")


def test_text_takes_the_latest_plausible_date():
    text = ("The treaty of May 1, 1975 was recalled. Talks were held on 3 March 2024 in Delhi. "
            "They will meet again on June 4, 2024. Funds last until March 31, 2024. "
            "A 2030 goal: by December 31, 2030. Elections came on 2026-05-01.")
    assert find(text) == (dt.date(2024, 3, 3), "text")


def test_no_date_at_all():
    assert find("Leaders met on Wednesday and agreed to talk again.") == (None, "none")
    assert find("") == (None, "none")
    assert find("The pact of March 3, 1985 still holds.") == (None, "none")  # before 1990


@pytest.mark.parametrize(("span", "expected"), [
    ("20 Mar 2024", (2024, 3, 20)),
    ("March 20, 2024", (2024, 3, 20)),
    ("Sept. 5 2023", (2023, 9, 5)),
    ("15th of January, 2024", (2024, 1, 15)),
    ("2024-03-20", (2024, 3, 20)),
    ("JANUARY 15", (None, 1, 15)),
    ("December 2010", (2010, 12, None)),
])
def test_parse_span(span, expected):
    parsed = pubdate.parse_span(span)
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == expected


def test_lower_case_may_is_no_month():
    assert pubdate.find_dates("They may 5 times try.") == []
    assert pubdate.parse_span("Someday 5") is None


def test_find_dates_keeps_the_full_date_over_its_parts():
    spans = pubdate.find_dates("On 20 March 2024 and Monday, Jan 15 and in December 2010.")
    assert [s.text for s in spans] == ["20 March 2024", "Jan 15", "December 2010"]
    assert spans[0].date() == dt.date(2024, 3, 20) and spans[1].date(2024) == dt.date(2024, 1, 15)


def test_malformed_data_file_names_file_and_line(tmp_path):
    folder = tmp_path / "pubdate"
    shutil.copytree(pubdate.DEFAULT_DIR, folder)
    with (folder / "months.txt").open("a", encoding="utf-8") as handle:
        handle.write("Brumaire\tthirteen\n")
    lines = (folder / "months.txt").read_text().count("\n")
    with pytest.raises(ResourceError, match=rf"months\.txt:{lines}"):
        pubdate.find_published("Text.", data_dir=folder)
