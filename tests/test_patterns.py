import pytest
from helpers import toks

from eventwire.errors import ResourceError
from eventwire.patterns import PatternSet, parse_pattern
from eventwire.settings import Settings


@pytest.fixture
def pset(tmp_path):
    folder = tmp_path / "patterns" / "en"
    folder.mkdir(parents=True)
    (folder / "04.tsv").write_text(
        "# test patterns\n"
        "040\tmeet\t-\tX met Y.\n"
        "041\tphone|telephone call|conversation\t-\tX had a phone call with Y.\n"
        "036\textend * invitation\t-\tX extended an invitation to Y.\n"
    )
    return PatternSet(Settings(data_dir=tmp_path))


def test_lemma_and_alternatives(pset):
    tokens = toks("Modi/modi had/have a telephone conversation with Putin")
    [m] = pset.matches(tokens)
    assert m.pattern.code == "041" and tokens[m.trigger].text == "telephone"


def test_gap_matches_up_to_four_tokens(pset):
    found = pset.matches(toks("Putin extended/extend a very warm invitation to Modi"))
    assert [m.pattern.code for m in found] == ["036"]
    assert pset.matches(toks("Putin extended/extend one two three four five invitation")) == []


def test_most_specific_wins_and_no_overlap(pset):
    codes = [m.pattern.code for m in pset.matches(toks("They met/meet after the phone call"))]
    assert codes == ["040", "041"]


def test_bad_pattern_raises(tmp_path):
    with pytest.raises(ResourceError):
        parse_pattern("* meet", "f:1")
    folder = tmp_path / "patterns" / "en"
    folder.mkdir(parents=True)
    (folder / "04.tsv").write_text("040\tmeet\tsideways\tX met Y.\n")
    with pytest.raises(ResourceError, match="04.tsv:1"):
        PatternSet(Settings(data_dir=tmp_path))


def test_hyphenated_alternative_matches_the_three_tokens_of_the_parse():
    from eventwire.patterns import Pattern, hyphen_variants, match_at, parse_pattern

    items, trigger = parse_pattern("agree * ceasefire|cease-fire", "test")
    variants = hyphen_variants(items, trigger)
    assert [len(v) for v, _ in variants] == [3, 5]
    spaced = toks("agreed/agree to a cease - fire")
    keys = [(t.lemma, t.text.lower()) for t in spaced]
    found = [match_at(Pattern("t:1", "0356", v, "-", "", at), keys, 0) for v, at in variants]
    assert found == [None, (0, 3, 4, 5)]
    noun, at = hyphen_variants(*parse_pattern("cease-fire with", "test"))[0]
    assert at == 2  # the head of the compound, "fire", is the trigger
