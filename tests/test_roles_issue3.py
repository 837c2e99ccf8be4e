"""Roles and modality on hand-built parses: conjoined verbs, "is about to", occasions, the doer's own forces."""

from __future__ import annotations

from helpers import toks

from eventwire.records import Actor
from eventwire.roles import ActorIndex, Parse, find_roles, governors, modality, occasion_doer


def index(parse: Parse, spans: list[tuple[int, int, Actor]]) -> ActorIndex:
    return ActorIndex(parse, spans)


# The Palestinian government rejects and condemns the US administration 's decision
REJECTS_AND_CONDEMNS = ("The/the/DET/det/2 Palestinian/palestinian/ADJ/amod/2 government/government/NOUN/nsubj/3 "
                        "rejects/reject/VERB/ROOT and/and/CCONJ/cc/3 condemns/condemn/VERB/conj/3 the/the/DET/det/8 "
                        "US/us/PROPN/compound/8 administration/administration/NOUN/poss/10 's/'s/PART/case/8 "
                        "decision/decision/NOUN/dobj/5")


def test_a_conjunct_is_not_governed_by_the_first_verb():
    parse = Parse.of(toks(REJECTS_AND_CONDEMNS))
    assert governors(parse, 5, 4) == []  # "condemns" hangs off "rejects" only as its conjunct
    assert not modality(parse, 5).negated  # "rejects and condemns": the condemnation is no denial
    assert governors(parse, 10, 2) == [5]


def test_an_object_less_verb_shares_the_object_of_the_next():
    parse = Parse.of(toks(REJECTS_AND_CONDEMNS))
    pse = Actor("Palestinian government", "PSE", "GOV", "PSEGOV", role="government")
    usa = Actor("US administration", "USA", "GOV", "USAGOV", role="administration")
    roles = find_roles(parse, index(parse, [(1, 3, pse), (7, 9, usa)]), 3, (3,), "-")
    assert roles.source is pse and roles.target is usa


def test_the_subject_of_is_about_to_is_the_doer():
    # The KU basketball team is about to restore full diplomatic ties with Libya
    parse = Parse.of(toks("The/the/DET/det/3 KU/ku/PROPN/compound/3 basketball/basketball/NOUN/compound/3 "
                          "team/team/NOUN/nsubj/4 is/be/AUX/ROOT about/about/ADJ/acomp/4 to/to/PART/aux/7 "
                          "restore/restore/VERB/xcomp/5 full/full/ADJ/amod/10 diplomatic/diplomatic/ADJ/amod/10 "
                          "ties/tie/NOUN/dobj/7 with/with/ADP/prep/10 Libya/libya/PROPN/pobj/11"))
    ku, lby = Actor("The KU", "USA", "EDU", "USAEDU"), Actor("Libya", "LBY", code="LBY")
    roles = find_roles(parse, index(parse, [(0, 2, ku), (12, 13, lby)]), 7, (7, 10), "-")
    assert roles.source is ku and roles.target is lby


def test_the_doer_of_a_visit_named_as_an_occasion_is_the_clause_subject():
    # Romendacil spoke during a brief visit to Eriador
    parse = Parse.of(toks("Romendacil/romendacil/PROPN/nsubj/1 spoke/speak/VERB/ROOT during/during/ADP/prep/1 "
                          "a/a/DET/det/5 brief/brief/ADJ/amod/5 visit/visit/NOUN/pobj/2 to/to/ADP/prep/5 "
                          "Eriador/eriador/PROPN/pobj/6"))
    bre, eri = Actor("Romendacil", "BRE", code="BRE"), Actor("Eriador", "ERI", code="ERI")
    assert occasion_doer(parse, index(parse, [(0, 1, bre), (7, 8, eri)]), 5) is bre
    assert occasion_doer(parse, index(parse, [(0, 1, bre), (7, 8, eri)]), 7) is None  # not an occasion


def test_the_doers_own_troops_are_no_target():
    # Sudan withdrew its troops from Chad
    parse = Parse.of(toks("Sudan/sudan/PROPN/nsubj/1 withdrew/withdraw/VERB/ROOT its/its/PRON/poss/3 "
                          "troops/troop/NOUN/dobj/1 from/from/ADP/prep/1 Chad/chad/PROPN/pobj/4"))
    sdn, tcd = Actor("Sudan", "SDN", code="SDN"), Actor("Chad", "TCD", code="TCD")
    troops = Actor("troops", "", "MIL", "MIL", role="agent")
    roles = find_roles(parse, index(parse, [(0, 1, sdn), (3, 4, troops), (5, 6, tcd)]), 1, (1,), "-")
    assert roles.source is sdn and roles.target is tcd
    roles = find_roles(parse, index(parse, [(0, 1, sdn), (3, 4, troops)]), 1, (1,), "-")
    assert roles.target is None  # troops of no named country, withdrawn by Sudan: Sudan's own


def test_an_anti_prefix_makes_the_modifier_the_target():
    # students staged an anti - American protest
    parse = Parse.of(toks("students/student/NOUN/nsubj/1 staged/stage/VERB/ROOT an/an/DET/det/6 anti/anti/ADJ/amod/6 "
                          "-/-/PUNCT/punct/6 American/american/ADJ/amod/6 protest/protest/NOUN/dobj/1"))
    students = Actor("students", "IRN", "EDU", "IRNEDU", role="agent", start=parse.tokens[0].start,
                     end=parse.tokens[0].end)
    usa = Actor("American", "USA", code="USA", role="demonym", start=parse.tokens[5].start, end=parse.tokens[5].end)
    roles = find_roles(parse, index(parse, [(0, 1, students), (5, 6, usa)]), 6, (6,), "-")
    assert roles.source is students and roles.target is usa


def test_the_scene_of_a_purpose_clause_is_a_last_resort_target():
    # Riyadh announced an initiative to halt the fighting in Yemen
    parse = Parse.of(toks("Riyadh/riyadh/PROPN/nsubj/1 announced/announce/VERB/ROOT an/an/DET/det/3 "
                          "initiative/initiative/NOUN/dobj/1 to/to/PART/aux/5 halt/halt/VERB/acl/3 "
                          "the/the/DET/det/7 fighting/fighting/NOUN/dobj/5 in/in/ADP/prep/7 Yemen/yemen/PROPN/pobj/8"))
    t = parse.tokens
    sau = Actor("Riyadh", "SAU", "GOV", "SAUGOV", role="seat", start=t[0].start, end=t[0].end)
    yem = Actor("Yemen", "YEM", code="YEM", start=t[9].start, end=t[9].end)
    roles = find_roles(parse, index(parse, [(0, 1, sau), (9, 10, yem)]), 3, (3,), "-")
    assert roles.source is sau and roles.target is yem
