"""Coder and actor helpers without spaCy: group actors, dated codes, noun phrases, topics of reactions,
statements by a third party, names given twice."""

from __future__ import annotations

import datetime as dt

from helpers import toks

from eventwire.actors import ActorKB, members, phrase_span, with_phrase
from eventwire.coder import Draft, drop_reporting, drop_topics, expand_conjuncts
from eventwire.errors import ResourceError
from eventwire.patterns import Match, Pattern
from eventwire.records import Actor, Sentence
from eventwire.roles import ActorIndex, Modality, Parse, Roles
from eventwire.settings import Settings


def draft(code: str, trigger: int, source: Actor | None = None, target: Actor | None = None) -> Draft:
    pattern = Pattern("t:1", code, (frozenset({"x"}),), "-", "", 0)
    return Draft(Match(pattern, (trigger,)), Sentence(0, 0, 10, "s"), Roles(source, target), Modality(), code)


def test_a_group_name_stands_for_each_member():
    shire = Actor("The Shire", "FRO", "", "FRO/BIL/SAM", start=0, end=9)
    assert [a.code for a in members(shire)] == ["FRO", "BIL", "SAM"]
    assert [a.country for a in members(shire)] == ["FRO", "BIL", "SAM"]
    assert members(Actor("Gondor", "GON", code="GON")) == [Actor("Gondor", "GON", code="GON")]


def test_group_members_make_one_event_each_but_never_one_with_another():
    parse = Parse.of(toks("Shire/shire/PROPN/nsubj/1 restored/restore/VERB/ROOT ties/tie/NOUN/dobj/1 "
                          "with/with/ADP/prep/2 Lorien/lorien/PROPN/pobj/3"))
    shire = Actor("Shire", "FRO", "", "FRO/SAM", kb_id="SHIRE", start=0, end=5)
    lorien = Actor("Lorien", "ELR", "", "ELR/GAL", kb_id="LORIEN", start=26, end=32)
    index = ActorIndex(parse, [(0, 1, shire), (4, 5, lorien)])
    pairs = {(r.source.code, r.target.code) for r in expand_conjuncts(Roles(shire, lorien), index)}
    assert pairs == {("FRO", "ELR"), ("FRO", "GAL"), ("SAM", "ELR"), ("SAM", "GAL")}
    mutual = {(r.source.code, r.target.code) for r in expand_conjuncts(Roles(shire, lorien, mutual=True), index)}
    assert ("FRO", "SAM") not in mutual and ("ELR", "FRO") in mutual


def test_a_name_and_its_abbreviation_are_one_party():
    parse = Parse.of(toks("Philippines/philippines/PROPN/nsubj/4 and/and/CCONJ/cc/0 Union/union/PROPN/conj/0 "
                          "EU/eu/PROPN/appos/2 agree/agree/VERB/ROOT"))
    phl = Actor("Philippines", "PHL", code="PHL", kb_id="PHL", start=0, end=11)
    eu = Actor("Union", "IGO", "", "IGOEEU", kb_id="EU", start=16, end=21)
    abbr = Actor("EU", "IGO", "", "IGOEEU", kb_id="EU", start=22, end=24)
    index = ActorIndex(parse, [(0, 1, phl), (2, 3, eu), (3, 4, abbr)])
    pairs = {(r.source.text, r.target.text) for r in expand_conjuncts(Roles(phl, eu, mutual=True), index)}
    assert ("Union", "EU") not in pairs and ("EU", "Union") not in pairs
    far = Actor("EU", "IGO", "", "IGOEEU", kb_id="EU", start=90, end=92)  # named again later: still one party
    assert expand_conjuncts(Roles(eu, far), index) and all(r.source is not r.target for r in
                                                          expand_conjuncts(Roles(eu, far), index))


# The government condemned an attack by Osgiliath soldiers
CONDEMNED = toks("government/government/NOUN/nsubj/1 condemned/condemn/VERB/ROOT an/an/DET/det/3 "
                 "attack/attack/NOUN/dobj/1 by/by/ADP/prep/3 soldiers/soldier/NOUN/pobj/4")


def test_an_event_noun_condemned_is_the_topic_not_a_report():
    parse = Parse.of(CONDEMNED)
    kept = drop_topics(parse, [draft("111", 1), draft("190", 3)])
    assert [d.code for d in kept] == ["111"]
    assert [d.code for d in drop_topics(parse, [draft("042", 1), draft("190", 3)])] == ["042", "190"]


def test_a_statement_by_another_party_named_first_is_kept():
    # The US claimed that ISIL attacked Iraq
    parse = Parse.of(toks("US/us/PROPN/nsubj/1 claimed/claim/VERB/ROOT that/that/SCONJ/mark/4 "
                          "ISIL/isil/PROPN/nsubj/4 attacked/attack/VERB/ccomp/1 Iraq/iraq/PROPN/dobj/4"))
    usa, isil, irq = Actor("US", "USA", code="USA"), Actor("ISIL", "IMG", code="IMG"), Actor("Iraq", "IRQ")
    kept = drop_reporting(parse, [draft("010", 1, usa, isil), draft("190", 4, isil, irq)])
    assert [d.code for d in kept] == ["010", "190"]
    own = Actor("US army", "USA", "MIL", "USAMIL")  # the speaker's own side: the statement only reports
    assert [d.code for d in drop_reporting(parse, [draft("010", 1, usa, own), draft("190", 4, own, irq)])] == ["190"]


def test_an_actor_gets_the_span_of_its_noun_phrase():
    # the Iraqi troops attacked
    sent = toks("the/the/DET/det/2 Iraqi/iraqi/ADJ/amod/2 troops/troop/NOUN/nsubj/3 attacked/attack/VERB/ROOT")
    iraqi = Actor("Iraqi", "IRQ", start=sent[1].start, end=sent[1].end)
    assert phrase_span(iraqi, sent) == (sent[0].start, sent[2].end)
    phrased = with_phrase(iraqi, sent)
    assert phrased.phrase_span() == (sent[0].start, sent[2].end) and (phrased.start, phrased.end) == (4, 9)
    assert Actor("x", start=3, end=5).phrase_span() == (3, 5)  # no phrase known: the name's own span
    elsewhere = Actor("Iraq", "IRQ", start=500, end=504)
    assert phrase_span(elsewhere, sent) == (500, 504)


def test_a_user_dictionary_gives_groups_and_dated_codes(tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("# name\tcode\taliases\tdated\nZIMBABWE\tZBW\t\tRHO@..1979-06-05\n"
                    "BENELUX\tBEL/NLD/LUX\n", encoding="utf-8")
    kb = ActorKB(Settings(extra_actors=(path,)), str.split)
    zimbabwe = kb.index[("zimbabwe",)][0]  # the user's entry goes before the built-in country
    assert zimbabwe.key == "ZIMBABWE" and zimbabwe.kind == "org"
    assert kb.code_on(zimbabwe, dt.date(1978, 12, 23)) == "RHO"
    assert kb.code_on(zimbabwe, dt.date(1990, 1, 1)) == "ZBW" and kb.code_on(zimbabwe, None) == "ZBW"
    assert kb.index[("benelux",)][0].code == "BEL/NLD/LUX"


def test_a_malformed_dated_code_names_its_line(tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("ZIMBABWE\tZBW\t\tRHO 1979\n", encoding="utf-8")
    try:
        ActorKB(Settings(extra_actors=(path,)), str.split)
    except ResourceError as exc:
        assert "actors.tsv:1" in str(exc)
    else:
        raise AssertionError("a dated code without @ must be refused")


def test_a_name_that_starts_with_the_is_found_mid_sentence(tmp_path):
    from eventwire.actors import find_hits

    path = tmp_path / "actors.tsv"
    path.write_text("THE SHIRE\tFRO/BIL/SAM\n", encoding="utf-8")
    kb = ActorKB(Settings(extra_actors=(path,)), str.split)
    sent = toks("Mordor/mordor/PROPN ,/,/PUNCT the/the/DET Shire/shire/PROPN and/and/CCONJ Bree/bree/PROPN")
    hits = find_hits(kb, sent)
    assert any((h.start, h.end, h.entry.code) == (2, 4, "FRO/BIL/SAM") for h in hits)
    lower = toks("the/the/DET shire/shire/NOUN")  # a common noun after "the" names nothing
    assert not any(h.entry.code == "FRO/BIL/SAM" for h in find_hits(kb, lower))

