"""Roles and modality on hand-built parses: passives without an agent, reported clauses, refusals, deep targets."""

from __future__ import annotations

from helpers import toks

from eventwire.records import Actor
from eventwire.roles import ActorIndex, Parse, find_roles, modality


def index(parse: Parse, spans: list[tuple[int, int, Actor]]) -> ActorIndex:
    return ActorIndex(parse, spans)


def test_passive_without_agent_has_no_source():
    # The Philippines was criticized over its dispute with Eriador .
    parse = Parse.of(toks("Philippines/philippines/PROPN/nsubjpass/2 was/be/AUX/auxpass/2 "
                          "criticized/criticize/VERB/ROOT over/over/ADP/prep/2 dispute/dispute/NOUN/pobj/3 "
                          "with/with/ADP/prep/4 "
                          "Eriador/eriador/PROPN/pobj/5"))
    phl, eri = Actor("Philippines", "PHL", code="PHL"), Actor("Eriador", "ERI", code="ERI")
    roles = find_roles(parse, index(parse, [(0, 1, phl), (6, 7, eri)]), 2, (2,), "-")
    assert roles.source is None and roles.target is phl


def test_passive_takes_the_demonym_on_the_means_as_doer():
    # Soldiers were killed in an Israeli strike
    parse = Parse.of(toks("Soldiers/soldier/NOUN/nsubjpass/2 were/be/AUX/auxpass/2 killed/kill/VERB/ROOT "
                          "in/in/ADP/prep/2 an/an/DET/det/6 Israeli/israeli/ADJ/amod/6 strike/strike/NOUN/pobj/3"))
    troops = Actor("Soldiers", "SYR", "MIL", "SYRMIL", role="agent")
    isr = Actor("Israeli", "ISR", code="ISR", role="demonym")
    roles = find_roles(parse, index(parse, [(0, 1, troops), (5, 6, isr)]), 2, (2,), "-")
    assert roles.source is isr and roles.target is troops


def test_they_in_a_reported_clause_is_the_speaker():
    # Rebels said they will release the hostages to Colombia
    parse = Parse.of(toks("Rebels/rebel/NOUN/nsubj/1 said/say/VERB/ROOT they/they/PRON/nsubj/4 will/will/AUX/aux/4 "
                          "release/release/VERB/ccomp/1 hostages/hostage/NOUN/dobj/4 to/to/ADP/prep/4 "
                          "Colombia/colombia/PROPN/pobj/6"))
    rebels, col = Actor("Rebels", "COL", "REB", "COLREB"), Actor("Colombia", "COL", code="COL")
    roles = find_roles(parse, index(parse, [(0, 1, rebels), (7, 8, col)]), 4, (4,), "-")
    assert roles.source is rebels and not roles.plural_subject


def test_target_found_deep_in_the_object():
    # Boko Haram attacked a base in Borno
    parse = Parse.of(toks("Haram/haram/PROPN/nsubj/1 attacked/attack/VERB/ROOT a/a/DET/det/3 base/base/NOUN/dobj/1 "
                          "in/in/ADP/prep/3 Borno/borno/PROPN/pobj/4"))
    bh = Actor("Boko Haram", "NGA", "REB", "NGAREB")
    borno = Actor("Borno", "NGA", code="NGA", role="place")
    ngr = Actor("Nigeria", "NER", code="NER", role="place")
    roles = find_roles(parse, index(parse, [(0, 1, bh), (5, 6, ngr)]), 1, (1,), "-")
    assert roles.target is ngr
    roles = find_roles(parse, index(parse, [(0, 1, bh), (5, 6, borno)]), 1, (1,), "-")
    assert roles.target is None  # a place of the doer's own country is where, not whom


def test_not_is_a_refusal_but_a_denial_is_not():
    will_not = Parse.of(toks("Israel/israel/PROPN/nsubj/3 will/will/AUX/aux/3 not/not/PART/neg/3 "
                             "release/release/VERB/ROOT prisoners/prisoner/NOUN/dobj/3"))
    mod = modality(will_not, 3)
    assert mod.negated and mod.refused
    denied = Parse.of(toks("Israel/israel/PROPN/nsubj/1 denied/deny/VERB/ROOT releasing/release/VERB/xcomp/1 "
                           "prisoners/prisoner/NOUN/dobj/2"))
    mod = modality(denied, 2)
    assert mod.negated and not mod.refused
