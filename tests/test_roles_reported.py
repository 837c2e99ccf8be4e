"""Targets of statements from the clause they report, doers of passives from the clause that tells how, and
target choices on hand-built parses (own troops sent abroad, a demonym on the object, the place of a noun)."""

from __future__ import annotations

from dataclasses import replace

from helpers import toks

from eventwire.patterns import Pattern, gap_weights, match_at, parse_pattern
from eventwire.records import Actor, Token
from eventwire.roles import ActorIndex, Parse, clause_doer, find_roles, reported_target


def named(tokens: tuple[Token, ...], i: int, country: str, sector: str = "", role: str = "") -> tuple[int, int, Actor]:
    t = tokens[i]
    return i, i + 1, Actor(t.text, country, sector, country + sector, start=t.start, end=t.end, role=role)


def index_of(tokens: tuple[Token, ...], *actors: tuple[int, int, Actor]) -> tuple[Parse, ActorIndex]:
    parse = Parse.of(tokens)
    return parse, ActorIndex(parse, list(actors))


def test_statement_target_is_the_object_when_the_speaker_is_the_subject():
    tokens = toks("Obama/obama/PROPN/nsubj/1 said/say/VERB/ROOT he/he/PRON/nsubj/5 would/would/AUX/aux/5 "
                  "not/not/PART/neg/5 provide/provide/VERB/ccomp/1 support/support/NOUN/dobj/5 to/to/ADP/prep/5 "
                  "Israel/israel/PROPN/pobj/7")
    speaker = named(tokens, 0, "USA", "GOV")
    parse, index = index_of(tokens, speaker, named(tokens, 8, "ISR"))
    assert reported_target(parse, index, 1, speaker[2]).country == "ISR"


def test_statement_target_is_the_subject_of_the_reported_clause():
    tokens = toks("Russia/russia/PROPN/nsubj/1 said/say/VERB/ROOT Iraq/iraq/PROPN/nsubj/4 had/have/AUX/aux/4 "
                  "attacked/attack/VERB/ccomp/1 Kuwait/kuwait/PROPN/dobj/4")
    speaker = named(tokens, 0, "RUS")
    parse, index = index_of(tokens, speaker, named(tokens, 2, "IRQ"), named(tokens, 5, "KWT"))
    assert reported_target(parse, index, 1, speaker[2]).country == "IRQ"


def parenthetical(subject: str) -> tuple[Parse, ActorIndex, Actor]:
    # <subject> is ready to help Afghanistan , the minister said   (the minister is Colombian)
    tokens = toks(f"{subject}/x/PROPN/nsubj/1 is/be/AUX/ccomp/9 ready/ready/ADJ/acomp/1 to/to/PART/aux/4 "
                  "help/help/VERB/xcomp/2 Afghanistan/afghanistan/PROPN/dobj/4 ,/,/PUNCT/punct/9 the/the/DET/det/8 "
                  "minister/minister/NOUN/nsubj/9 said/say/VERB/ROOT")
    speaker = named(tokens, 8, "COL", "GOV", "agent")
    country = "COL" if subject == "Colombia" else "IRQ"
    parse, index = index_of(tokens, named(tokens, 0, country), named(tokens, 5, "AFG"), speaker)
    return parse, index, speaker[2]


def test_a_clause_before_its_speaker_names_no_target():
    # "Iraq is ready to help Afghanistan, the (Colombian) minister said": the speaker vouches for what Iraq does;
    # the act is the event, and the statement is addressed to no one
    for subject in ("Colombia", "Iraq"):
        parse, index, speaker = parenthetical(subject)
        assert reported_target(parse, index, 9, speaker) is None
        assert find_roles(parse, index, 9, [9], "-").target is None


def test_a_direct_quotation_gives_no_target():
    tokens = toks('"/"/PUNCT/punct/8 Russia/russia/PROPN/nsubj/3 will/will/AUX/aux/3 help/help/VERB/ccomp/8 '
                  'Iraq/iraq/PROPN/dobj/3 ,/,/PUNCT/punct/8 "/"/PUNCT/punct/8 Putin/putin/PROPN/nsubj/8 '
                  "said/say/VERB/ROOT")
    speaker = named(tokens, 7, "RUS", "GOV")
    parse, index = index_of(tokens, named(tokens, 1, "RUS"), named(tokens, 4, "IRQ"), speaker)
    assert reported_target(parse, index, 8, speaker[2]) is None


def test_doer_of_a_passive_from_the_clause_that_tells_how():
    tokens = toks("Two/two/NUM/nummod/1 people/people/NOUN/nsubjpass/3 were/be/AUX/auxpass/3 killed/kill/VERB/ROOT "
                  "when/when/SCONJ/advmod/6 ISIL/isil/PROPN/nsubj/6 attacked/attack/VERB/advcl/3 the/the/DET/det/8 "
                  "embassy/embassy/NOUN/dobj/6")
    parse, index = index_of(tokens, named(tokens, 1, "IRQ", "CVL", "agent"), named(tokens, 5, "IMG"))
    assert clause_doer(parse, index, 3).country == "IMG"


def test_no_doer_from_a_clause_without_an_act_on_someone():
    tokens = toks("Five/five/NUM/nummod/1 protesters/protester/NOUN/nsubjpass/3 were/be/AUX/auxpass/3 "
                  "arrested/arrest/VERB/ROOT after/after/SCONJ/mark/6 students/student/NOUN/nsubj/6 "
                  "clashed/clash/VERB/advcl/3 with/with/ADP/prep/6 police/police/NOUN/pobj/7")
    parse, index = index_of(tokens, named(tokens, 1, "IRQ", "OPP", "agent"), named(tokens, 5, "IRQ", "EDU", "agent"))
    assert clause_doer(parse, index, 3) is None


def test_of_two_subjects_the_one_next_to_the_verb():
    tokens = toks("Old/old/ADJ/amod/1 foes/foe/NOUN/nsubj/5 Gondor/gondor/PROPN/nsubj/5 and/and/CCONJ/cc/2 "
                  "Osgiliath/osgiliath/PROPN/conj/2 renewed/renew/VERB/ROOT ties/tie/NOUN/dobj/5")
    parse, index = index_of(tokens, named(tokens, 2, "GON"), named(tokens, 4, "OSG"))
    roles = find_roles(parse, index, 5, (5, 6), "recip")
    assert (roles.source.country, roles.target.country, roles.mutual) == ("GON", "OSG", True)


def test_place_of_the_event_noun_is_the_target_of_a_domestic_act():
    tokens = toks("Haftar/haftar/PROPN/nsubj/1 declared/declare/VERB/ROOT a/a/DET/det/3 "
                  "ceasefire/ceasefire/NOUN/dobj/1 in/in/ADP/prep/3 Tripoli/tripoli/PROPN/pobj/4")
    parse, index = index_of(tokens, named(tokens, 0, "LBY", "MIL"), named(tokens, 5, "LBY", role="place"))
    assert find_roles(parse, index, 1, (1, 3), "-").target.text == "Tripoli"


def test_own_troops_sent_abroad_make_the_destination_the_target():
    tokens = toks("Britain/britain/PROPN/nsubj/1 sent/send/VERB/ROOT troops/troop/NOUN/dobj/1 to/to/ADP/prep/1 "
                  "Mali/mali/PROPN/pobj/3")
    parse, index = index_of(tokens, named(tokens, 0, "GBR"), named(tokens, 2, "GBR", "MIL", "agent"),
                            named(tokens, 4, "MLI"))
    assert find_roles(parse, index, 1, (1, 2), "-").target.country == "MLI"


def test_demonym_on_the_object_beats_an_actor_beyond_it():
    tokens = toks("Hamas/hamas/PROPN/nsubj/1 attacked/attack/VERB/ROOT an/an/DET/det/4 Israeli/israeli/ADJ/amod/4 "
                  "village/village/NOUN/dobj/1 near/near/ADP/prep/4 Gaza/gaza/PROPN/pobj/5")
    parse, index = index_of(tokens, named(tokens, 0, "PSE", "REB"), named(tokens, 3, "ISR", role="demonym"),
                            named(tokens, 6, "PSE"))
    assert find_roles(parse, index, 1, (1,), "-").target.country == "ISR"


def test_a_hyphenated_word_counts_once_in_a_gap():
    tokens = list(toks("agreed/agree to an eight - day ceasefire"))
    tokens[4] = replace(tokens[4], start=tokens[3].end, end=tokens[3].end + 1)  # "eight-day" written as one word
    tokens[5] = replace(tokens[5], start=tokens[4].end, end=tokens[4].end + 3)
    items, trigger = parse_pattern("agree * ceasefire", "test")
    pattern = Pattern("t:1", "0356", items, "-", "", trigger)
    keys = [(t.lemma, t.text.lower()) for t in tokens]
    assert gap_weights(tokens) == [1, 1, 0, 1, 0, 0, 1]  # an article counts for nothing either
    assert match_at(pattern, keys, 0, gap_weights(tokens)) == (0, 6)
    assert match_at(pattern, keys, 0) is None  # counted token by token, the gap is five long
    spaced = list(toks("agreed/agree to an eight - day ceasefire"))  # "eight - day": three words
    assert gap_weights(spaced) == [1, 1, 0, 1, 1, 1, 1]


def test_a_reduced_relative_makes_its_noun_the_victim():
    # Palestinian civilians killed by Israeli strikes were buried
    tokens = toks("Palestinian/palestinian/ADJ/amod/1 civilians/civilian/NOUN/nsubjpass/7 killed/kill/VERB/acl/1 "
                  "by/by/ADP/agent/2 Israeli/israeli/ADJ/amod/5 strikes/strike/NOUN/pobj/3 were/be/AUX/auxpass/7 "
                  "buried/bury/VERB/ROOT")
    tokens = tuple(replace(t, tag="VBN") if t.i == 2 else t for t in tokens)
    parse, index = index_of(tokens, (0, 2, Actor("Palestinian civilians", "PSE", "CVL", "PSECVL", start=0,
                                                 end=tokens[1].end, role="agent")),
                            named(tokens, 4, "ISR", role="demonym"))
    roles = find_roles(parse, index, 2, (2,), "-")
    assert (roles.source.country, roles.target.code) == ("ISR", "PSECVL")


def test_of_after_an_adjective_names_what_is_spoken_of():
    # The Dutch government was sceptical of Hungary 's proposal
    tokens = toks("Dutch/dutch/ADJ/amod/1 government/government/NOUN/nsubj/2 was/be/AUX/ROOT "
                  "sceptical/sceptical/ADJ/acomp/2 of/of/ADP/prep/3 Hungary/hungary/PROPN/poss/7 's/'s/PART/case/5 "
                  "proposal/proposal/NOUN/pobj/4")
    parse, index = index_of(tokens, (0, 2, Actor("Dutch government", "NLD", "GOV", "NLDGOV", start=0,
                                                 end=tokens[1].end)), named(tokens, 5, "HUN"))
    roles = find_roles(parse, index, 3, (3, 4), "-")
    assert (roles.source.country, roles.target.country) == ("NLD", "HUN")


def test_participle_on_an_object_takes_the_subject_of_the_objects_verb():
    # Amnesty issued a statement calling on Belarus to free the prisoners
    tokens = toks("Amnesty/amnesty/PROPN/nsubj/1 issued/issue/VERB/ROOT a/a/DET/det/3 statement/statement/NOUN/dobj/1 "
                  "calling/call/VERB/acl/3 on/on/ADP/prep/4 Belarus/belarus/PROPN/pobj/5 to/to/PART/aux/8 "
                  "free/free/VERB/xcomp/4 the/the/DET/det/10 prisoners/prisoner/NOUN/dobj/8")
    tokens = tokens[:4] + (replace(tokens[4], tag="VBG"),) + tokens[5:]
    parse, index = index_of(tokens, named(tokens, 0, "", "NGO"), named(tokens, 6, "BLR"))
    roles = find_roles(parse, index, 4, (4, 5), "-")
    assert (roles.source.text, roles.target.text) == ("Amnesty", "Belarus")
    noun = tokens[:4] + (replace(tokens[4], tag="NN"),) + tokens[5:]  # not a participle: no issuer carried over
    parse, index = index_of(noun, named(noun, 0, "", "NGO"), named(noun, 6, "BLR"))
    assert find_roles(parse, index, 4, (4, 5), "-").source is None


def test_a_passive_with_no_actor_as_subject_keeps_the_object_as_target():
    # The painting was returned by Germany to Poland   /   Poland was attacked by Germany
    tokens = toks("The/the/DET/det/1 painting/painting/NOUN/nsubjpass/3 was/be/AUX/auxpass/3 "
                  "returned/return/VERB/ROOT/3 by/by/ADP/agent/3 Germany/germany/PROPN/pobj/4 to/to/ADP/prep/3 "
                  "Poland/poland/PROPN/pobj/6")
    parse, index = index_of(tokens, named(tokens, 5, "DEU"), named(tokens, 7, "POL"))
    roles = find_roles(parse, index, 3, (2, 3, 4), "-")
    assert (roles.source.country, roles.target.country) == ("DEU", "POL")
    tokens = toks("Poland/poland/PROPN/nsubjpass/2 was/be/AUX/auxpass/2 attacked/attack/VERB/ROOT/2 "
                  "by/by/ADP/agent/2 Germany/germany/PROPN/pobj/3")
    parse, index = index_of(tokens, named(tokens, 0, "POL"), named(tokens, 4, "DEU"))
    roles = find_roles(parse, index, 2, (2,), "-")
    assert (roles.source.country, roles.target.country) == ("DEU", "POL")
