"""The public evaluation sets of ../shared/data, read at test time (never copied into the project).

The helpers are tested on hand-made input; the evaluations run the real coder over every record of
each set (about 40 s in all) and hold pinned floors: what was measured, rounded down to two
decimals. Floors only move up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import mention

from eventwire.datafiles import read_tsv
from eventwire.evals import conflibert, petrarch
from eventwire.evals.conflibert import Span
from eventwire.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PETRARCH = DATA / "petrarch2_unittest"
CONFLIBERT = DATA / "conflibert_cameo"

# PETRARCH unit-test records (fictional actors). The event codes of that file are WEIS-derived test
# codes, so the exact and root levels are low by construction; the dyad level is the one to watch.
PETRARCH_FOUND = 17  # exact codings found (recall 0.06, precision 0.08: a count is the only non-vacuous floor)
PETRARCH_ROOT_RECALL = 0.31
PETRARCH_ROOT_PRECISION = 0.37
PETRARCH_DYAD_RECALL = 0.80
PETRARCH_DYAD_PRECISION = 0.94

# ConfliBERT PentaClass accuracy, rule "first"; a sentence with no mention takes the class of its first trigger,
# one with no trigger at all counts as class 0.
CLASS_ACCURACY = {"test": 0.77, "train": 0.90}
CLASS_TOTAL = 0.88
CLASS_CODED_SHARE = 0.95

# ConfliBERT source/target F1 from the main mention (rule "first"): the plain keys score each actor's noun phrase
# (as the coder gives it), the `name_` keys its name alone.
NER_F1 = {"S_token": 0.86, "T_token": 0.63, "S_exact": 0.82, "T_exact": 0.54, "S_exact_noart": 0.83,
          "T_exact_noart": 0.56, "S_overlap": 0.89, "T_overlap": 0.74, "actor_token": 0.76,
          "S_name_token": 0.69, "T_name_token": 0.45, "S_name_exact": 0.46, "T_name_exact": 0.30,
          "S_name_exact_noart": 0.65, "T_name_exact_noart": 0.38, "S_name_overlap": 0.88, "T_name_overlap": 0.73,
          "actor_name_token": 0.60}


def need(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not beside the project")
    return folder


# -- PETRARCH: the converter and the reader ------------------------------------------------------
@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[str, str]]:
    out = petrarch.petrarch_actors(need(PETRARCH), tmp_path_factory.mktemp("petr") / "actors.tsv")
    return {name: (code, aliases) for _, (name, code, aliases, _) in read_tsv(out, 4)}


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> dict[str, str]:
    out = petrarch.petrarch_actors(need(PETRARCH), tmp_path_factory.mktemp("petr") / "actors.tsv")
    return {name: when for _, (name, _, _, when) in read_tsv(out, 4) if when}


def test_converted_dictionary_has_countries_aliases_and_people(converted):
    assert converted["GONDOR"] == ("GON", "MINAS TIRITH|ANORIEN")
    assert converted["ARNOR"][0] == "ARN"
    assert converted["FRODO"][0] == "HOB"
    assert converted["UNITED STATES"] == ("USA", "USA|U.S.")


def test_converted_dictionary_resolves_code_blocks(converted):
    assert converted["ZIMBABWE"][0] == "ZBW"  # the undated block wins over [RHO <790606]
    assert converted["GOLLUM"][0].startswith("HOB")  # only dated blocks: the latest
    assert converted["PRINCE OF DOL AMROTH"][0] == "DOL"  # the null block is skipped
    assert converted["LORIEN"][0] == "ELR/GAL"  # [ELR/GAL]: a name for two actors at once
    assert "BOROMIR" not in converted and "ISILDUR" not in converted  # null-coded only


def test_converted_dictionary_keeps_dated_codes(dated):
    assert dated["ZIMBABWE"] == "RHO@..1979-06-05"  # [RHO <790606]: before that day
    assert dated["SAM GAMGEE"].split("|")[1] == "ORCHOB@2010-01-09..2010-01-12"
    assert dated["GOLLUM"].endswith("HOBREB@1999-08-17..")  # [HOBREB > 990816]: after that day


def test_restrictions_read_as_spans():
    assert petrarch._restriction("< 950601") == "..1995-05-31"
    assert petrarch._restriction(">20130119") == "2013-01-20.."
    assert petrarch._restriction("19950601 - 19990815") == "1995-06-01..1999-08-15"
    assert petrarch._restriction("sometime") is None


def test_records_are_read_with_their_exclusions():
    from eventwire.codes import code_table

    records, counts = petrarch.read_records(need(PETRARCH) / petrarch.RECORDS_FILE, code_table(Settings()).names)
    assert counts["file: records"] == 284 and counts["file: codings"] == 385
    assert counts["records: marked sentence=false"] == 5
    assert counts["records: error-handling test"] == 7
    assert len(records) == 269
    demo = next(r for r in records if r.id == "DEMO-00")
    assert demo.codings == (petrarch.Coding("ARN", "GON", "064"),)
    assert sum(r.noevents for r in records) == 19


def test_country_part():
    assert petrarch.country_part("ARNGOV") == "ARN"
    assert petrarch.country_part("---GOV") == petrarch.NULL
    assert petrarch.country_part('"INJURY TOLL"') == petrarch.NULL
    assert petrarch.country_part("") == petrarch.NULL


# -- ConfliBERT: the helpers ---------------------------------------------------------------------
def test_penta_classes_follow_the_phoenix_grouping():
    got = [conflibert.penta_class(f"{root:02d}0") for root in range(1, 21)]
    assert got == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4]


def test_bio_spans_and_detokenize():
    tags = ["B-S", "I-S", "O", "B-T", "I-T", "O", "I-R"]
    assert conflibert.bio_spans(tags) == [Span("S", 0, 2), Span("T", 3, 5), Span("R", 6, 7)]
    words = ["The", "U.S.", "(", "US", ")", "said", "Russia", "'s", "army", "and", "Moscow", "’", "s", "envoy", "."]
    text, offsets = conflibert.detokenize(words)
    assert text == "The U.S. (US) said Russia's army and Moscow’s envoy."
    assert [text[s:e] for s, e in offsets] == words


def test_ner_scores_exact_overlap_and_reciprocal():
    words = ["The", "United", "States", "urged", "Iran", "and", "Iraq"]
    gold = [Span("S", 0, 3), Span("T", 4, 5), Span("R", 6, 7)]
    tally = conflibert.NerTally()
    tally.add(gold, [Span("S", 1, 3), Span("T", 6, 7)], words)  # the T guess lies on a reciprocal actor
    scores = tally.scores()
    assert scores["S_exact"]["tp"] == 0 and scores["S_exact_noart"]["tp"] == 1 and scores["S_overlap"]["tp"] == 1
    assert scores["S_token"]["tp"] == 2 and scores["S_token"]["gold"] == 3
    assert scores["T_token"]["predicted"] == 0 and scores["T_token"]["gold"] == 1
    assert scores["actor_token"]["tp"] == 3 and scores["actor_token"]["gold"] == 5


def test_names_count_every_gold_span_even_with_no_prediction():
    words = ["Iraq", "urged", "Iran"]
    tally = conflibert.NerTally()
    tally.add([Span("S", 0, 1), Span("T", 2, 3)], [], words, names=[])
    scores = tally.scores()
    assert scores["S_token"]["gold"] == 1 and scores["S_name_token"]["gold"] == 1
    assert scores["T_name_token"]["predicted"] == 0


def test_detokenize_glues_the_parts_of_a_number():
    text, _ = conflibert.detokenize(["Germany", "gave", "352", ".", "5", "million", "to", "20", ",", "000", "people",
                                     "."])
    assert text == "Germany gave 352.5 million to 20,000 people."


def test_main_mention_rules():
    said = mention("d", "USA", "RUS", "010", "2024-01-02", start=0)
    attack = mention("d", "USA", "RUS", "190", "2024-01-02", start=50)
    negated = mention("d", "USA", "RUS", "040", "2024-01-02", start=0, negated=True)
    assert conflibert.main_mention([attack, said]) is said
    assert conflibert.main_mention([negated, attack]) is attack
    assert conflibert.main_mention([negated]) is negated
    assert conflibert.main_mention([]) is None
    assert conflibert.predict_class([attack, said]) == 0
    assert conflibert.predict_class([], trigger_code="0841") == 2  # no actor resolved: the trigger's class
    assert conflibert.predict_class([], trigger_code="") is None
    assert conflibert.predict_class([said], trigger_code="190") == 0  # a mention beats the trigger fallback


def test_event_mentions_are_the_pairs_of_one_trigger():
    first = mention("d", "USA", "IRN", "020", "2024-01-02", start=5)
    second = mention("d", "USA", "IRQ", "020", "2024-01-02", start=5)
    other = mention("d", "USA", "RUS", "190", "2024-01-02", start=40)
    assert conflibert.event_mentions([first, second, other], first) == [first, second]
    assert conflibert.event_mentions([first], None) == []


def test_actor_phrase_is_the_whole_noun_phrase():
    from helpers import toks

    from eventwire.records import Actor

    # The presidents of Iraq , who met , urged Syria
    sent = toks("The/the/DET/det/1 presidents/president/NOUN/nsubj/7 of/of/ADP/prep/1 Iraq/iraq/PROPN/pobj/2 "
                ",/,/PUNCT/punct/1 who/who/PRON/nsubj/6 met/meet/VERB/relcl/1 urged/urge/VERB/ROOT "
                "Syria/syria/PROPN/dobj/7")
    iraq = Actor("Iraq", "IRQ", start=sent[3].start, end=sent[3].end)
    start, end = conflibert.actor_phrase(iraq, [sent])
    assert (start, end) == (sent[0].start, sent[3].end)  # "The presidents of Iraq", not the relative clause
    syria = Actor("Syria", "SYR", start=sent[8].start, end=sent[8].end)
    assert conflibert.actor_phrase(syria, [sent]) == (sent[8].start, sent[8].end)


# -- the evaluations, end to end -----------------------------------------------------------------
@pytest.fixture(scope="module")
def petrarch_result() -> dict:
    return petrarch.evaluate_petrarch(need(PETRARCH), Settings())


@pytest.fixture(scope="module")
def class_result(engine) -> dict:
    return conflibert.evaluate_cameo_class(need(CONFLIBERT), Settings(), engine)


@pytest.fixture(scope="module")
def ner_result(engine) -> dict:
    return conflibert.evaluate_cameo_ner(need(CONFLIBERT), Settings(), engine)


@pytest.mark.slow
def test_petrarch_floors(petrarch_result):
    r, line = petrarch_result, petrarch.summary_line(petrarch_result)
    assert r["records"] == 269 and r["expected"] == 269 and r["dyad_expected"] == 341, line
    assert r["found"] >= PETRARCH_FOUND and r["correct"] >= PETRARCH_FOUND, line
    assert r["root_recall"] >= PETRARCH_ROOT_RECALL, line
    assert r["root_precision"] >= PETRARCH_ROOT_PRECISION, line
    assert r["dyad_recall"] >= PETRARCH_DYAD_RECALL, line
    assert r["dyad_precision"] >= PETRARCH_DYAD_PRECISION, line


@pytest.mark.slow
def test_cameo_class_floors(class_result):
    line = conflibert.class_summary_line(class_result)
    assert {name: f["n"] for name, f in class_result["files"].items()} == {"test": 172, "train": 1348}, line
    for name, floor in CLASS_ACCURACY.items():
        assert class_result["files"][name]["accuracy"] >= floor, line
    assert class_result["accuracy"] >= CLASS_TOTAL, line
    assert class_result["coded_share"] >= CLASS_CODED_SHARE, line


@pytest.mark.slow
def test_cameo_ner_floors(ner_result):
    line = conflibert.ner_summary_line(ner_result)
    assert ner_result["n"] == 1324, line
    for key, floor in NER_F1.items():
        assert ner_result["main"][key]["f1"] >= floor, f"{key}: {line}"
