"""The offline gazetteer: name look-ups, place expressions in sentences, and the landmark data."""

from __future__ import annotations

import pycountry
import pytest

from eventwire import places
from eventwire.errors import ResourceError
from eventwire.places import Gazetteer
from eventwire.settings import Settings

LANDMARKS = Settings().lang_dir("places") / "landmarks.tsv"
ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(Settings())


def landmark_rows() -> list[list[str]]:
    lines = LANDMARKS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


# lookup


def test_kremlin_is_a_site_in_moscow(gazetteer):
    place = gazetteer.lookup("the Kremlin")
    assert place is not None
    assert (place.country, place.precision) == ("RUS", "site")
    assert "Moscow" in place.name
    assert place.lat == pytest.approx(55.75, abs=0.05) and place.lon == pytest.approx(37.62, abs=0.05)


def test_paris_is_the_french_capital_without_context(gazetteer):
    place = gazetteer.lookup("Paris")
    assert place is not None and (place.country, place.precision) == ("FRA", "city")


def test_paris_in_an_american_story_is_paris_texas(gazetteer):
    place = gazetteer.lookup("Paris", countries={"USA"})
    assert place is not None and place.country == "USA"
    assert place.lat == pytest.approx(33.66, abs=0.1)


def test_context_with_several_candidates_falls_back_to_population(gazetteer):
    assert gazetteer.lookup("Paris", countries={"USA", "FRA"}).country == "FRA"
    assert gazetteer.lookup("Hyderabad").country == "IND"
    assert gazetteer.lookup("Hyderabad", countries={"PAK"}).country == "PAK"


def test_context_naming_no_candidate_is_ignored(gazetteer):
    assert gazetteer.lookup("Paris", countries={"JPN"}).country == "FRA"


def test_country_names_and_aliases_resolve_to_country_precision(gazetteer):
    for name, code in [("Russia", "RUS"), ("the United States", "USA"), ("U.S.", "USA"), ("Britain", "GBR")]:
        place = gazetteer.lookup(name)
        assert place is not None and (place.country, place.precision) == (code, "country"), name
        assert place.lat is not None and place.lon is not None


def test_a_country_beats_a_foreign_city_of_the_same_name(gazetteer):
    assert gazetteer.lookup("Lebanon").country == "LBN"
    assert gazetteer.lookup("Georgia").country == "GEO"
    georgia = gazetteer.lookup("Georgia", countries={"USA"})
    assert (georgia.country, georgia.precision) == ("USA", "admin")


def test_a_city_inside_a_same_named_area_beats_the_area(gazetteer):
    assert gazetteer.lookup("Singapore").precision == "city"
    new_york = gazetteer.lookup("New York")
    assert (new_york.country, new_york.precision) == ("USA", "city")


def test_washington_is_the_us_capital(gazetteer):
    place = gazetteer.lookup("Washington")
    assert place.country == "USA" and place.lat == pytest.approx(38.9, abs=0.1)


def test_exact_spelling_beats_an_accent_insensitive_match(gazetteer):
    bali = gazetteer.lookup("Bali")  # not Bāli in West Bengal
    assert (bali.country, bali.precision) == ("IDN", "admin")


def test_accents_and_case_are_ignored_when_nothing_matches_exactly(gazetteer):
    assert gazetteer.lookup("Elysée Palace").country == "FRA"
    assert gazetteer.lookup("zurich").country == "CHE"


def test_older_names_come_from_alternate_names(gazetteer):
    assert gazetteer.lookup("Kiev").name == "Kyiv"
    assert gazetteer.lookup("Peking").country == "CHN"


def test_a_qualifier_after_a_comma_narrows_the_name(gazetteer):
    assert gazetteer.lookup("Paris, Texas").country == "USA"
    woodside = gazetteer.lookup("Woodside, California")
    assert woodside.country == "USA" and woodside.lon == pytest.approx(-122.25, abs=0.1)
    texas = gazetteer.lookup("Nowhereville, Texas")
    assert (texas.name, texas.precision) == ("Texas", "admin")


def test_unknown_names_give_none(gazetteer):
    assert gazetteer.lookup("Xyzzyville") is None
    assert gazetteer.lookup("") is None


# locate


def test_at_the_kremlin(gazetteer):
    place = gazetteer.locate("Putin met Chinese President Xi Jinping at the Kremlin on Tuesday.")
    assert place is not None and (place.country, place.precision) == ("RUS", "site")


def test_in_new_delhi(gazetteer):
    place = gazetteer.locate("Indian Prime Minister Narendra Modi held talks in New Delhi on Monday.")
    assert place is not None and (place.name, place.country, place.precision) == ("New Delhi", "IND", "city")


def test_at_the_white_house(gazetteer):
    place = gazetteer.locate("Biden welcomed Indian Prime Minister Narendra Modi to the White House.")
    assert place is not None and (place.country, place.precision) == ("USA", "site")
    assert "Washington" in place.name


def test_a_site_beats_a_city_beats_a_country(gazetteer):
    sentence = "In China, Blinken met Xi in Beijing at the Great Hall of the People on Monday."
    place = gazetteer.locate(sentence)
    assert place.name.startswith("Great Hall of the People") and place.precision == "site"
    assert gazetteer.locate("In China, Blinken met Xi in Beijing.").name == "Beijing"


def test_visit_to_a_country(gazetteer):
    place = gazetteer.locate("It was Xi's first visit to Russia since 2019.")
    assert place is not None and (place.country, place.precision) == ("RUS", "country")


def test_town_with_its_state(gazetteer):
    place = gazetteer.locate("The two leaders met in Woodside, California, on Wednesday.")
    assert place is not None and place.country == "USA" and place.lat == pytest.approx(37.43, abs=0.05)


def test_sentence_without_a_place(gazetteer):
    assert gazetteer.locate("The two leaders spoke by phone and agreed to stay in touch.") is None


def test_origin_is_not_the_location(gazetteer):
    assert gazetteer.locate("Putin flew back from Moscow.") is None
    assert gazetteer.locate("Putin flew from Moscow to Beijing.").name == "Beijing"


def test_to_counts_only_after_a_motion_word(gazetteer):
    assert gazetteer.locate("Biden spoke to Xi about Taiwan.") is None
    assert gazetteer.locate("Biden said to Russia that talks must resume.") is None


def test_months_and_titles_are_not_places(gazetteer):
    assert gazetteer.locate("The talks took place in March.") is None
    assert gazetteer.locate("The talks took place in March in Beijing.").country == "CHN"


def test_article_countries_reach_locate(gazetteer):
    assert gazetteer.locate("They met in Paris on Friday.", countries={"USA"}).country == "USA"
    assert gazetteer.locate("They met in Paris on Friday.").country == "FRA"


# data


def test_landmarks_file_has_valid_rows():
    rows = landmark_rows()
    assert len(rows) >= 40
    for row in rows:
        assert len(row) == 7, row
        name, _aliases, _city, country, lat, lon, kind = row
        assert country in ISO3, name
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, name
        assert kind in places.LANDMARK_PRECISION, name


def test_every_landmark_resolves_to_its_own_country(gazetteer):
    for name, _aliases, _city, country, *_rest in landmark_rows():
        place = gazetteer.lookup(name)
        assert place is not None and place.country == country, name


def test_malformed_landmark_row_names_file_and_line(tmp_path):
    path = tmp_path / "landmarks.tsv"
    path.write_text("# header\nKremlin\t-\tMoscow\tRUS\tfifty\t37.6\tseat\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"landmarks\.tsv:2"):
        list(places._landmarks(path, ISO3))
    path.write_text("Kremlin\t-\tMoscow\tRUS\t55.7\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"landmarks\.tsv:1"):
        list(places._landmarks(path, ISO3))
    path.write_text("Kremlin\t-\tMoscow\tXXX\t55.7\t37.6\tseat\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="XXX"):
        list(places._landmarks(path, ISO3))


def test_landmark_names_with_lowercase_words(gazetteer):
    place = gazetteer.locate("Ministers met at NATO headquarters in Brussels on Thursday.")
    assert place is not None and (place.country, place.precision) == ("BEL", "site")
    assert place.name.startswith("NATO headquarters")
    assert gazetteer.locate("Talks were held at 10 Downing Street.").country == "GBR"


def test_a_qualifier_of_one_or_two_words(gazetteer):
    for sentence in ["They met in Woodside, California Governor Gavin Newsom said.",
                     "They met in Woodside, California on Wednesday."]:
        place = gazetteer.locate(sentence)
        assert place is not None and place.lon == pytest.approx(-122.25, abs=0.1), sentence
