"""Copies and rewrites: `pair_is_copy`, `rewrite_alignment` and `copy_groups`.

A rewrite retells its source sentence by sentence in other words; independent reports of one event
share facts and quotations but not the run of their sentences."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from pathlib import Path

import pytest

from eventwire.dedup import (
    REWRITE_MIN_SENTENCES,
    copy_groups,
    copy_profile,
    pair_is_copy,
    profiles_copy,
    retelling,
    rewrite_alignment,
)
from eventwire.ingest import read_text_article
from eventwire.settings import Settings
from eventwire.stories_eval import read_corpus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
ECB = SHARED / "data" / "ecbplus_dev"
ECB_COPY_SHARE_CEILING = 0.012  # measured 0.0087 of same-topic pairs (79 of 9057); only moves down

ORIGINAL = """Kenya and Ethiopia sign deal to build cross-border power line
Kenya and Ethiopia signed an agreement on Thursday to build a 1,000-kilometre high-voltage line that will carry \
electricity from Ethiopian dams to Nairobi, the two governments said.
The deal was signed in Addis Ababa by Kenya's energy minister, Ruth Wanjiku, and her Ethiopian counterpart, \
Dawit Bekele, after two days of talks.
Under the agreement, Ethiopia will sell up to 400 megawatts to Kenya at a fixed price for the first ten years.
The African Development Bank has pledged $1.2 billion towards the cost of the line, which is expected to be \
finished in 2027.
"This line will lower the cost of power for millions of households and factories," Wanjiku told reporters after \
the ceremony.
Kenya currently imports about a tenth of its electricity from Uganda and relies on geothermal plants in the Rift \
Valley for most of the rest.
Ethiopia has been expanding its hydropower capacity and hopes to earn foreign currency by exporting surplus \
electricity to its neighbours.
The two countries also agreed to set up a joint committee to oversee construction and settle any disputes over \
tariffs.
Critics in Kenya have warned that relying on a single foreign supplier could leave the country exposed if \
relations sour.
Bekele said the line would be protected by a treaty guaranteeing supply even in times of drought.
Work on the first section, from the Ethiopian town of Wolayta to the border, is due to start in March."""

REWRITE = """Ethiopia to supply Kenya with power under new transmission line agreement
On Thursday the governments of Ethiopia and Kenya agreed to construct a high-voltage transmission line of about \
1,000 km, bringing power generated at Ethiopia's dams to the Kenyan capital.
Energy ministers Ruth Wanjiku of Kenya and Dawit Bekele of Ethiopia put their signatures on the accord in Addis \
Ababa following two days of negotiations.
Ethiopia is set to provide Kenya with as much as 400 MW, at a price that will stay fixed during the first decade \
of the arrangement.
Funding of $1.2 billion for the project has been promised by the African Development Bank, and completion is \
planned for 2027.
Speaking after the signing, Wanjiku said the new link would cut electricity costs for millions of homes and \
businesses.
At present Kenya buys roughly ten percent of its power from Uganda, with Rift Valley geothermal stations \
providing the bulk of its supply.
Ethiopia, meanwhile, has been adding hydroelectric capacity and wants to bring in hard currency by selling its \
excess power across its borders.
A joint committee will also be formed by the two nations to supervise the building work and resolve tariff \
disagreements.
Some Kenyan critics have cautioned that depending on one foreign supplier might leave the country vulnerable \
should ties deteriorate.
According to Bekele, a treaty will safeguard deliveries even during droughts.
Construction of the initial stretch, running from Wolayta in Ethiopia to the frontier, should begin in March."""

QUOTE = ('"This line will lower the cost of power for millions of households and factories, and it will bind our two '
         'economies together for a generation,"')

REPORT_A = f"""Kenya to buy Ethiopian hydropower in landmark deal
Kenya will import up to 400 megawatts of electricity from Ethiopia under a deal signed in Addis Ababa on Thursday, \
in what officials called the largest power trade agreement in East Africa.
The power will travel along a new 1,000 km line from Ethiopian dams to Nairobi.
{QUOTE} Kenyan energy minister Ruth Wanjiku said.
Manufacturers in Nairobi have long complained that power cuts and high tariffs make their goods uncompetitive.
The Kenya Association of Manufacturers welcomed the deal but asked the government to publish the price it will pay.
Analysts said the agreement could also help Ethiopia, which is short of dollars, pay for its dam programme.
Opposition lawmakers in Nairobi said parliament should have been consulted before the deal was signed.
The line is expected to be completed in 2027."""

REPORT_B = f"""Ethiopia, Kenya seal electricity export pact
Ethiopia's energy minister Dawit Bekele said on Thursday that his country would begin exporting electricity to \
Kenya once a new transmission line is complete.
The line will stretch for about 1,000 km and cost an estimated $1.5 billion, much of it lent by the African \
Development Bank.
Ethiopia's giant dams on the Omo and Blue Nile rivers produce more electricity than the country can use during \
the rainy season.
{QUOTE} said Kenya's energy minister, Ruth Wanjiku, at the signing ceremony in Addis Ababa.
Bekele said Ethiopia was also in talks with Sudan and Djibouti about similar links.
Ethiopia already exports small amounts of power to Djibouti through an older line.
Environmental groups have questioned the impact of new dams on communities downstream.
The World Bank has previously financed power links between Ethiopia and its neighbours."""


def seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    article = read_text_article(path.read_text(encoding="utf-8"), str(path), Settings())
    return f"{article.title}\n{article.text}"


def test_a_rewrite_in_other_words_is_a_copy():
    alignment = rewrite_alignment(retelling(ORIGINAL), retelling(REWRITE))
    assert (alignment.aligned, alignment.sentences) == (6, 12)  # 6 of its 12 sentences, in order
    assert alignment.aligned >= REWRITE_MIN_SENTENCES and alignment.is_rewrite
    assert pair_is_copy(ORIGINAL, REWRITE) and pair_is_copy(REWRITE, ORIGINAL)


def test_independent_reports_sharing_a_quotation_are_not_copies():
    assert not pair_is_copy(REPORT_A, REPORT_B)
    assert not pair_is_copy(ORIGINAL, REPORT_A) and not pair_is_copy(REWRITE, REPORT_B)
    # the quotation is set aside on both sides: it is shared word for word
    alignment = rewrite_alignment(retelling(REPORT_A), retelling(REPORT_B))
    assert alignment.sentences == 8 and alignment.aligned == 0


def test_a_rewrite_shuffled_out_of_order_is_not_a_rewrite():
    first, *lines = REWRITE.splitlines()
    shuffled = "\n".join([first, *lines[::-2], *lines[-2::-2]])
    assert rewrite_alignment(retelling(ORIGINAL), retelling(shuffled)).aligned == 2
    assert not pair_is_copy(ORIGINAL, shuffled)


def test_exact_copies_furniture_and_cuts_are_copies():
    assert pair_is_copy(ORIGINAL, ORIGINAL)
    assert pair_is_copy(ORIGINAL, "Share this article\n" + ORIGINAL + "\nRead more: the latest headlines")
    assert pair_is_copy(ORIGINAL, "\n".join(ORIGINAL.splitlines()[:5]))
    assert not pair_is_copy(ORIGINAL, "Kenya and Ethiopia sign deal")  # a headline alone copies nothing


def test_profiles_decide_as_texts_do():
    texts = (ORIGINAL, REWRITE, REPORT_A, REPORT_B)
    for a, b in itertools.combinations(texts, 2):
        assert profiles_copy(copy_profile(a), copy_profile(b)) == pair_is_copy(a, b)


def test_copy_groups_are_components_named_by_their_smallest_id():
    docs = [("k2", REWRITE), ("k1", ORIGINAL), ("r1", REPORT_A), ("r2", REPORT_B),
            ("k3", "Share this\n" + ORIGINAL.upper() + "\nRead more"), ("k1", REPORT_A)]
    assert copy_groups(docs) == {"k1": "k1", "k2": "k1", "k3": "k1"}  # an id given twice keeps its first text
    assert copy_groups([("r1", REPORT_A), ("r2", REPORT_B)]) == {}
    assert copy_groups([]) == {}


def test_copy_groups_do_not_depend_on_the_order_of_the_input():
    docs = [("a", ORIGINAL), ("b", REWRITE), ("c", REPORT_A), ("d", REPORT_B), ("e", ORIGINAL + "\nUpdated."),
            ("f", "\n".join(REPORT_B.splitlines()[:6])), ("g", "A short line.")]
    expected = copy_groups(docs)
    assert expected == {"a": "a", "b": "a", "e": "a", "d": "d", "f": "d"}
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(docs)
        assert copy_groups(docs) == expected


def test_deciding_all_pairs_at_once_gives_the_same_groups():
    from eventwire.dedup import check_pairs, copy_features, groups_of

    docs = {"a": ORIGINAL, "b": REWRITE, "c": REPORT_A, "d": REPORT_B, "e": ORIGINAL + "\nUpdated.",
            "f": "\n".join(REPORT_B.splitlines()[:6])}
    features = {k: copy_features(v) for k, v in docs.items()}
    asked = []

    def decide(pairs, found):
        asked.extend(pairs)
        return check_pairs(pairs, found)

    assert groups_of(features, decide) == groups_of(features) == copy_groups(docs.items()) != {}
    assert asked and all(a < b for a, b in asked)


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the project")
def test_seed_rewrite_is_grouped_and_independent_reports_are_not():
    """000 rewrites 001 in other words; 002 and 003 are independent reports quoting one readout."""
    texts = {p: seed(p) for p in ("000", "001", "002", "003", "004")}
    rewrite = rewrite_alignment(retelling(texts["000"]), retelling(texts["001"]))
    assert (rewrite.aligned, rewrite.sentences) == (6, 13)
    independent = rewrite_alignment(retelling(texts["002"]), retelling(texts["003"]))
    assert (independent.aligned, independent.sentences) == (0, 3)
    assert pair_is_copy(texts["000"], texts["001"]) and not pair_is_copy(texts["002"], texts["003"])
    assert copy_groups(reversed(list(texts.items()))) == {"000": "000", "001": "000"}


@pytest.mark.skipif(not ECB.exists(), reason="../shared/data/ecbplus_dev is not beside the project")
def test_few_reports_of_one_ecbplus_event_are_copies():
    """Different outlets reporting one event are mostly not copies; the two events of a topic never are."""
    topics = defaultdict(list)
    for doc in read_corpus(ECB):
        topics[doc.topic].append((doc, copy_profile(doc.text)))
    flagged = total = 0
    for members in topics.values():
        for (a, pa), (b, pb) in itertools.combinations(members, 2):
            copy = profiles_copy(pa, pb)
            assert not (copy and a.half != b.half), (a.name, b.name)
            flagged += copy
            total += 1
    assert total == 9057 and flagged / total <= ECB_COPY_SHARE_CEILING
