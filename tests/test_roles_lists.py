"""Lists of actors and mutual events on hand-built parses: written lists the parse misses, agents of a list,
coordinated doers of a reciprocal event, and obligations ("must")."""

from __future__ import annotations

from helpers import toks

from eventwire.coder import expand_conjuncts
from eventwire.records import Actor, Token
from eventwire.roles import ActorIndex, Parse, demands, find_roles, modality


def spans(tokens: tuple[Token, ...], *named: tuple[int, str, str]) -> list[tuple[int, int, Actor]]:
    """(token index, code, role) -> one-token actor spans with the token's character offsets."""
    return [(i, i + 1, Actor(tokens[i].text, code, code=code, start=tokens[i].start, end=tokens[i].end, role=role))
            for i, code, role in named]


def test_written_list_joins_members_the_parse_attached_as_apposition():
    # Mordor , the Shire , Fornost and Bree welcomed ...  (parsed with Shire as an apposition)
    tokens = toks("Mordor/mordor/PROPN/nsubj/8 ,/,/PUNCT/punct/0 the/the/DET/det/3 Shire/shire/PROPN/appos/0 "
                  ",/,/PUNCT/punct/3 Fornost/fornost/PROPN/conj/3 and/and/CCONJ/cc/5 Bree/bree/PROPN/conj/5 "
                  "welcomed/welcome/VERB/ROOT")
    named = spans(tokens, (0, "MOR", ""), (5, "FOR", ""), (7, "BRE", ""))
    index = ActorIndex(Parse.of(tokens), named)
    assert [a.code for a in index.conjuncts(named[0][2])] == ["FOR", "BRE"]


def test_commas_without_a_conjunction_are_no_list():
    # In Syria , Turkey attacked ...
    tokens = toks("In/in/ADP/prep/3 Syria/syria/PROPN/pobj/0 ,/,/PUNCT/punct/3 Turkey/turkey/PROPN/nsubj/4 "
                  "attacked/attack/VERB/ROOT")
    named = spans(tokens, (1, "SYR", ""), (3, "TUR", ""))
    assert ActorIndex(Parse.of(tokens), named).conjuncts(named[1][2]) == []


def test_agent_of_a_list_stands_for_each_country():
    # The ambassadors of Arnor , Osgiliath and Gondor presented credentials
    tokens = toks("The/the/DET/det/1 ambassadors/ambassador/NOUN/nsubj/8 of/of/ADP/prep/1 Arnor/arnor/PROPN/pobj/2 "
                  ",/,/PUNCT/punct/3 Osgiliath/osgiliath/PROPN/conj/3 and/and/CCONJ/cc/5 Gondor/gondor/PROPN/conj/5 "
                  "presented/present/VERB/ROOT")
    envoys = Actor("ambassadors", "ARN", "GOV", "ARNGOV", start=tokens[1].start, end=tokens[1].end, role="agent")
    named = [(1, 2, envoys), *spans(tokens, (3, "ARN", ""), (5, "OSG", ""), (7, "GON", ""))]
    index = ActorIndex(Parse.of(tokens), named)
    assert [a.code for a in index.conjuncts(envoys)] == ["OSGGOV", "GONGOV"]


def test_coordinated_doers_of_a_reciprocal_event_go_both_ways():
    # The Philippines and France agree ...
    tokens = toks("Philippines/philippines/PROPN/nsubj/3 and/and/CCONJ/cc/0 France/france/PROPN/conj/0 "
                  "agree/agree/VERB/ROOT")
    named = spans(tokens, (0, "PHL", ""), (2, "FRA", ""))
    parse = Parse.of(tokens)
    index = ActorIndex(parse, named)
    roles = find_roles(parse, index, 3, (3,), "recip")
    assert roles.mutual
    pairs = {(r.source.code, r.target.code) for r in expand_conjuncts(roles, index)}
    assert pairs == {("PHL", "FRA"), ("FRA", "PHL")}


def test_a_one_way_event_keeps_its_direction():
    # Russia attacked Ukraine
    tokens = toks("Russia/russia/PROPN/nsubj/1 attacked/attack/VERB/ROOT Ukraine/ukraine/PROPN/dobj/1")
    named = spans(tokens, (0, "RUS", ""), (2, "UKR", ""))
    parse = Parse.of(tokens)
    index = ActorIndex(parse, named)
    roles = find_roles(parse, index, 1, (1,), "-")
    assert not roles.mutual
    assert [(r.source.code, r.target.code) for r in expand_conjuncts(roles, index)] == [("RUS", "UKR")]


def test_must_makes_a_demand_not_an_event():
    # Russia says Israel must end attacks
    tokens = toks("Russia/russia/PROPN/nsubj/1 says/say/VERB/ROOT Israel/israel/PROPN/nsubj/4 must/must/AUX/aux/4 "
                  "end/end/VERB/ccomp/1 attacks/attack/NOUN/dobj/4")
    parse = Parse.of(tokens)
    assert demands(parse, 1)
    assert modality(parse, 5).hypothetical
    assert not demands(Parse.of(toks("Russia/russia/PROPN/nsubj/1 says/say/VERB/ROOT Israel/israel/PROPN/nsubj/3 "
                                     "ended/end/VERB/ccomp/1")), 1)
