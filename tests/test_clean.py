"""Page furniture goes; article sentences, paragraph breaks and embedded posts stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwire import clean, pubdate
from eventwire.errors import ResourceError
from eventwire.settings import Settings

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _cleaned_seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed articles are absent")
    _, body = pubdate.split_header(path.read_text(encoding="utf-8"))
    return clean.clean_text(body)


def test_seed_002_loses_ticker_share_buttons_byline_and_appeal():
    text = _cleaned_seed("002_3183f4c67ce1f9a7.txt")
    for furniture in ("July 27, 2024", "Follow us", "sharing button", "Lady Gaga", "Barack Obama",
                      "cobbler", "Photo Courtesy", "@indiablooms", "05:12 pm", "Support Our Journalism",
                      "We cannot do without you", "IBNS is not driven", "Support objective journalism"):
        assert furniture not in text
    assert "\nNarendra Modi\n" not in f"\n{text}\n"  # the caption above the photo credit
    assert "Indian PM Narendra Modi dialled Russian President Vladimir Putin to congratulate him" in text
    assert text.endswith("by securing nearly 88 per cent of the votes.")


def test_seed_003_loses_views_and_comment_counter():
    text = _cleaned_seed("003_029f77a4b5c96316.txt")
    lines = text.split("\n")
    assert "views" not in lines and "Comments" not in lines and "0 comment" not in lines
    assert lines[0].startswith("Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin")
    assert "— Narendra Modi (@narendramodi) March 20, 2024" in text  # the embedded post stays
    assert "India-Russia Ties" in lines  # a subheading is article text


def test_seed_000_headline_loses_its_image_credit_and_post_stays():
    text = _cleaned_seed("000_51e1b8036cf830dd.txt")
    first = text.split("\n")[0]
    assert first == "Putin thanks PM Modi over phone call for hospitality, extends New Year greetings"
    assert text.endswith("(@narendramodi) January 15, 2024")


def test_seed_004_keeps_paragraph_breaks_and_drops_the_wire_tag():
    text = _cleaned_seed("004_755a4b50b0e55e6f.txt")
    assert text.startswith("Russian President Vladimir Putin held a significant meeting")
    assert text.count("\n\n") == 4 and "\n\n\n" not in text


@pytest.mark.parametrize("name", ["000_51e1b8036cf830dd.txt", "001_1bbd31f7771d0d02.txt",
                                  "002_3183f4c67ce1f9a7.txt", "003_029f77a4b5c96316.txt"])
def test_cleaning_is_idempotent_and_keeps_the_first_paragraph(name):
    text = _cleaned_seed(name)
    assert clean.clean_text(text) == text
    assert len(text) > 1000


@pytest.mark.parametrize("sentence", [
    "Support for the bill grew after the vote in parliament on Tuesday, officials said.",
    "Share prices fell sharply in Moscow after the talks collapsed on Monday.",
    "Follow-up talks are planned in New Delhi next month, the ministry said.",
    "Comments made by the minister angered the opposition in parliament.",
    "Related talks between the two sides broke down, according to reports.",
    "Image rights were discussed at the summit.",
    "Copyright law was the subject of a new bill introduced on Monday.",
    "By March 20, 2024, the government had spent most of the money.",
    "Views differ on the deal: India | Russia | China all claim a win.",
])
def test_article_sentences_stay(sentence):
    text = f"Leaders met in Moscow on Wednesday and agreed to deepen their ties for many years.\n\n{sentence}"
    assert sentence in clean.clean_text(text)


def test_title_repeats_go_but_not_sentences_that_start_with_it():
    title = "Modi dials Putin"
    text = "Modi dials Putin\n\nModi Dials Putin!\n\nModi dials Putin to congratulate him on his win."
    assert clean.clean_text(text, title) == "Modi dials Putin to congratulate him on his win."


def test_caption_above_a_credit_goes_but_a_headline_stays():
    text = "Modi calls Putin over the vote\nNarendra Modi\nPhoto Courtesy: PIB\n\nThe two leaders spoke."
    assert clean.clean_text(text) == "Modi calls Putin over the vote\n\nThe two leaders spoke."
    assert clean.clean_text("Modi calls Putin\nImage: Reuters\n\nBody text.") == "Modi calls Putin\n\nBody text."


def test_appeal_at_the_top_does_not_cut_the_article():
    text = "Support Our Journalism\n\nThe leaders met in Moscow and agreed to deepen their relations for years."
    assert "The leaders met in Moscow" in clean.clean_text(text)


def test_ticker_needs_several_headlines():
    ticker = "Gaga rocks opening | Gandhi stops at a shop | Obama endorses Harris for President"
    assert clean.clean_text(f"{ticker}\n\nBody of the article here.") == "Body of the article here."
    assert clean.clean_text("Sanctions | Trade\n\nBody.") == "Sanctions | Trade\n\nBody."


def test_outlet_named_by_the_page():
    assert clean.find_outlet("(MENAFN) Russian President Vladimir Putin held a meeting.") == "MENAFN"
    assert clean.find_outlet("WASHINGTON, March 20 (Reuters) - Talks.") == "Reuters"
    assert clean.find_outlet("Headline\n\n| @indiablooms | 20 Mar 2024, 05:12 pm\n\nBody.") == "indiablooms"
    assert clean.find_outlet("(a) Russia and India signed a deal.") == ""


def test_bad_rule_file_names_file_and_line(tmp_path):
    (tmp_path / "rules.txt").write_text("# header\nline\t(unclosed\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"rules\.txt:2: bad regex"):
        clean.load_rules(tmp_path)
    (tmp_path / "rules.txt").write_text("sideways\tx\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"rules\.txt:1: expected KIND"):
        clean.load_rules(tmp_path / ".")


def test_rules_come_from_the_settings_data_dir(tmp_path):
    folder = tmp_path / "clean" / "en"
    folder.mkdir(parents=True)
    (folder / "rules.txt").write_text("line\tzzz furniture\n", encoding="utf-8")
    shutil.copytree(pubdate.DEFAULT_DIR, tmp_path / "pubdate" / "en")
    settings = Settings(data_dir=tmp_path)
    assert clean.clean_text("zzz furniture\nFollow us:\n\nBody.", settings=settings) == "Follow us:\n\nBody."
