"""Coder helpers on hand-built parses: statements that only report an event, refusal codes, sourceless events."""

from __future__ import annotations

from types import SimpleNamespace

from helpers import toks

from eventwire.coder import Coder, Draft, _sourceless_ok, drop_reporting
from eventwire.codes import code_table
from eventwire.datafiles import read_tsv
from eventwire.patterns import Match, Pattern
from eventwire.records import Actor, Sentence
from eventwire.roles import Modality, Parse, Roles
from eventwire.settings import Settings

# Russia said it expelled diplomats , an official added
SENT = toks("Russia/russia/PROPN/nsubj/1 said/say/VERB/ROOT it/it/PRON/nsubj/3 expelled/expel/VERB/ccomp/1 "
            "diplomats/diplomat/NOUN/dobj/3")


def draft(code: str, trigger: int) -> Draft:
    pattern = Pattern("t:1", code, (frozenset({"x"}),), "-", "", 0)
    return Draft(Match(pattern, (trigger,)), Sentence(0, 0, 10, "s"), Roles(None, None), Modality(), code)


def test_a_statement_governing_an_event_gives_way_to_it():
    parse = Parse.of(SENT)
    kept = drop_reporting(parse, [draft("010", 1), draft("161", 3)])
    assert [d.code for d in kept] == ["161"]


def test_a_statement_alone_and_a_claim_stay():
    parse = Parse.of(SENT)
    assert [d.code for d in drop_reporting(parse, [draft("010", 1)])] == ["010"]
    assert [d.code for d in drop_reporting(parse, [draft("015", 1), draft("161", 3)])] == ["015", "161"]


def test_parenthetical_reporting_verb_is_dropped():
    # Arnor cut ties with Gondor , an official said
    parse = Parse.of(toks("Arnor/arnor/PROPN/nsubj/1 cut/cut/VERB/ROOT ties/tie/NOUN/dobj/1 ,/,/PUNCT/punct/1 "
                          "official/official/NOUN/nsubj/5 said/say/VERB/parataxis/1"))
    assert [d.code for d in drop_reporting(parse, [draft("161", 1), draft("010", 5)])] == ["161"]


def test_sourceless_events_need_a_party_as_target():
    assert _sourceless_ok(Roles(None, Actor("Kyiv", "UKR", role="seat")))
    assert not _sourceless_ok(Roles(None, Actor("Kharkiv", "UKR", role="place")))
    assert not _sourceless_ok(Roles(None, None))


def test_refusal_table_maps_withheld_acts_to_rejections():
    table = {act: code for _, (act, code) in read_tsv(Settings().data_dir / "codes" / "refusal.tsv", 2)}
    coder = SimpleNamespace(refusal=table, _refusal=lambda code: Coder._refusal(coder, code))
    assert coder._refusal("0841") == "1243"
    assert coder._refusal("085") == "1244"
    assert coder._refusal("0811") == "1241"
    assert coder._refusal("190") == ""
    known = code_table(Settings()).names
    assert all(act in known and code in known for act, code in table.items())
