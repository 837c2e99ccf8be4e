"""The fast path: which sentences are parsed, and parts of speech without spaCy's attribute ruler."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.nlp import PosRules
from eventwire.settings import Settings

RULES = PosRules(Settings().lang_dir("nlp") / "pos.tsv")


@pytest.mark.parametrize(("tag", "word", "dep", "pos"), [
    ("VBD", "had", "aux", "AUX"), ("VBD", "had", "ROOT", "VERB"), ("VBZ", "is", "ROOT", "AUX"),
    ("IN", "because", "mark", "SCONJ"), ("IN", "after", "prep", "ADP"), ("IN", "after", "mark", "SCONJ"),
    ("DT", "this", "nsubj", "PRON"), ("DT", "this", "det", "DET"), ("NNP", "putin", "nsubj", "PROPN"),
    ("RB", "not", "neg", "PART"), ("MD", "will", "aux", "AUX"), ("ZZZ", "x", "dep", "X"),
])
def test_pos_rules(tag, word, dep, pos):
    assert RULES.lookup(tag, word, dep)[0] == pos


@pytest.mark.slow
def test_pos_rules_agree_with_spacys_attribute_ruler(shared):
    from eventwire.nlp import load_model

    nlp = load_model(Settings().model, ("ner",))
    folders = (shared / "seeds", Path(__file__).resolve().parents[1] / "examples")
    texts = [p.read_text(encoding="utf-8") for d in folders for p in sorted(d.glob("*.txt"))]
    tokens = [t for doc in nlp.pipe(texts) for t in doc if not t.is_space]
    same = sum(RULES.lookup(t.tag_, t.lower_, t.dep_)[0] == t.pos_ for t in tokens)
    assert len(tokens) > 3000 and same / len(tokens) >= 0.995


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "parse"), [
    ("Russian President Vladimir Putin met Narendra Modi.", True),  # trigger and names
    ("He met her in the evening.", True),  # trigger and pronouns
    ("The weather met every expectation this year.", False),  # a trigger, but nobody to act
    ("Vladimir Putin was in Moscow.", False),  # names, no trigger
])
def test_only_sentences_with_a_trigger_and_a_possible_actor_are_parsed(engine, sentence, parse):
    words = [t.text.lower() for t in engine.nlp.splitter.tokenizer(sentence)]
    assert engine.candidate(words) is parse


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "parse"), [
    ("The spokesman said the weather was sunny.", False),  # a reporting verb and one actor: nothing between two parties
    ("Putin told Modi that ties were strong.", True),  # a reporting verb and two actors
    ("Police arrested the man.", True),  # a full trigger needs one actor
])
def test_reporting_verbs_alone_need_two_actors(engine, sentence, parse):
    words = [t.text.lower() for t in engine.nlp.splitter.tokenizer(sentence)]
    assert engine.candidate(words) is parse


def test_a_trigger_counts_only_with_the_other_words_of_its_pattern():
    from eventwire.candidates import Triggers
    from eventwire.patterns import parse_pattern

    class P:  # the fields of a Pattern that Triggers reads
        def __init__(self, text):
            self.items, self.trigger = parse_pattern(text, "test")

    t = Triggers([P("police * alert|readiness"), P("meet|met with"), P("sanction")], {"meet": ["met"]})
    assert t.found("french police went on high alert".split()) == {"police"}
    assert t.found("the police said nothing".split()) == set()
    assert t.found("she met with him".split()) == {"met"} and t.found("they met".split()) == set()
    assert t.found("the eu sanctioned russia".split()) == {"sanctioned"}
