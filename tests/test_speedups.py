"""The fast paths give the same results as the slow ones they replace.

- `nlp.SentenceSplitter` (the sentencizer's rule on token arrays) against spaCy's own sentencizer;
- `nlp.MatmulOps` (matrix products by numpy's BLAS) against thinc's blis products: the same parses;
- one BLAS thread per process (`settings.blas_threads`);
- `dedup.run_marks` (shingles as polynomial hashes of word fingerprints) against the shingle sets;
- `dedup._signature` (MinHash without SHA-1) estimates Jaccard resemblance as datasketch's does;
- `dedup.groups_of` (near-duplicates first, then rewrites of pairs not yet linked) gives the groups of
  linking every candidate pair that `profiles_copy` accepts;
- `PatternSet.matches` tries a pattern only where all its words occur: same matches as trying all.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from eventwire import dedup
from eventwire.nlp import SentenceSplitter, _dateline_split

TEXTS = [
    'Putin met Modi in Moscow. They discussed trade! "Is it over?" he asked.  Then U.S. officials left.',
    "Mr. Smith arrived at 5 p.m. on Jan. 5... Nobody knew why",
    "Wait!!! (Really?) Yes. A. B. Jones said so.'",
    "   ",
    "No end mark at all",
    "Talks ended.Next day they resumed . . . and failed?!",
]


@pytest.fixture(scope="module")
def blank():
    import spacy

    return spacy.blank("en")


def sentencizer_split(text: str) -> list[tuple[int, int, list[str]]]:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return [(s.start_char, s.end_char, [t.lower_ for t in s]) for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_splitter_gives_the_sentencizers_sentences(blank, text):
    assert SentenceSplitter(blank).split(text) == sentencizer_split(text)


def test_sentence_splitter_on_the_seed_articles(blank, shared):
    splitter = SentenceSplitter(blank)
    for path in sorted((shared / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for _, block in _dateline_split(0, line):
                assert splitter.split(block) == sentencizer_split(block), (path.name, block)


@pytest.mark.slow
def test_numpy_matrix_products_give_the_same_parses(engine, shared):
    from eventwire.nlp import Pipeline

    assert type(engine.nlp.full.get_pipe("tok2vec").model.ops).__name__ == "MatmulOps"
    blis = Pipeline(engine.settings.with_(numpy_matmul=False))
    assert type(blis.full.get_pipe("tok2vec").model.ops).__name__ == "NumpyOps"
    texts = [s for p in sorted((shared / "seeds").glob("*.txt"))
             for s in p.read_text(encoding="utf-8").splitlines() if len(s.split()) > 3]
    fast = [[(t.text, t.tag_, t.dep_, t.head.i) for t in d] for d in engine.nlp.full.pipe(texts)]
    slow = [[(t.text, t.tag_, t.dep_, t.head.i) for t in d] for d in blis.full.pipe(texts)]
    assert len(texts) > 40 and fast == slow


@pytest.mark.slow
def test_one_blas_thread_per_process(engine):
    from threadpoolctl import threadpool_info

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


# -- copies ----------------------------------------------------------------------------------------
def test_run_marks_are_the_shingle_sets():
    a = "the minister met the envoy in the capital on monday and they spoke of trade and the border"
    b = "on monday the minister met the envoy in the capital and they spoke of trade"
    wa, wb = dedup.words(a), dedup.words(b)
    ma, mb = dedup.run_marks(wa, 5), dedup.run_marks(wb, 5)
    sa, sb = dedup.shingles(a), dedup.shingles(b)
    assert len(ma) == len(sa) and len(mb) == len(sb)
    assert len(np.intersect1d(ma, mb)) == len(sa & sb) > 0
    assert len(dedup.run_marks(wa[:4], 5)) == 0
    assert np.array_equal(ma, dedup.run_marks(wa + wa[:0], 5))  # the same in every call (and process)


def test_minhash_signatures_estimate_jaccard():
    rng = random.Random(7)
    pool = [f"w{i}" for i in range(400)]
    for share in (0.1, 0.5, 0.9):
        common = rng.sample(pool, int(200 * share))
        a = set(common) | {f"a{i}" for i in range(200 - len(common))}
        b = set(common) | {f"b{i}" for i in range(200 - len(common))}
        exact = len(a & b) / len(a | b)
        sig = [dedup._signature(dedup._PERMUTATIONS[1], np.array([dedup.fingerprint(w) for w in s], dtype=np.uint64))
               for s in (a, b)]
        assert abs(np.mean(sig[0] == sig[1]) - exact) < 0.1


def paraphrase_family() -> dict[str, str]:
    base = ("The foreign minister of Arland met his counterpart from Borsia in the capital on Monday. "
            "They discussed the disputed border and a new trade agreement between the two countries. "
            "Officials said the talks lasted three hours and ended without a joint statement. "
            "Both sides promised to meet again next month to continue the negotiations. "
            "Protesters gathered outside the ministry demanding an end to the border closures. "
            "Police detained several people after clashes near the main square of the city. ")
    near = base + "Reporting by a staff correspondent."
    cut = base.rsplit(". ", 3)[0] + "."
    other = ("A storm flooded the coastal towns of Cimbria on Tuesday, cutting power to thousands. "
             "Rescue teams evacuated residents as rivers rose above their banks across the region. ")
    return {"a": base, "b": near, "c": cut, "d": other, "e": other + " More rain is expected.", "f": "Too short."}


def test_groups_are_those_of_every_accepted_candidate_pair():
    features = {k: dedup.copy_features(v) for k, v in paraphrase_family().items()}
    parent = {k: k for k in features}
    signatures = {k: (f.by_shingles, f.by_words) for k, f in features.items() if f.by_shingles is not None}
    for a, b in sorted(dedup.candidate_pairs(signatures)):
        if dedup.profiles_copy(features[a].profile, features[b].profile):
            dedup._link(parent, a, b)
    roots = {k: dedup._root(parent, k) for k in features}
    expected = {k: r for k, r in roots.items() if list(roots.values()).count(r) > 1}
    assert dedup.groups_of(features) == expected
    assert expected == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}


def test_check_pairs_tests_rewrites_only():
    features = {k: dedup.copy_features(v) for k, v in paraphrase_family().items()}
    profiles = {k: f.profile for k, f in features.items()}
    assert dedup.near_duplicates(profiles["a"], profiles["b"])
    assert dedup.check_pairs([("a", "b"), ("a", "d")], profiles) == [False, False]  # a copy, but no rewrite


# -- patterns --------------------------------------------------------------------------------------
def _every_match(patterns, tokens):
    """`PatternSet.matches` as it was: every pattern whose first item fits a token is tried there."""
    from eventwire.patterns import QUOTES, Match, gap_weights, match_at, select

    kept = [t.i for t in tokens if t.text not in QUOTES]
    keys = [(tokens[i].lemma, tokens[i].text.lower()) for i in kept]
    weights = gap_weights([tokens[i] for i in kept])
    found = []
    for i, (lemma, lower) in enumerate(keys):
        for p in patterns.by_first.get(lemma, []) + patterns.by_first.get(lower, []):
            hit = match_at(p, keys, i, weights)
            if hit:
                found.append(Match(p, tuple(kept[k] for k in hit)))
    return select(found)


@pytest.mark.slow
def test_patterns_are_tried_only_where_their_words_occur(engine, shared):
    from eventwire.records import Article

    articles = [Article(p.stem, p.read_text(encoding="utf-8")) for p in sorted((shared / "seeds").glob("*.txt"))]
    matched = 0
    for parsed in engine.nlp.process(articles, lambda words: True):
        for sent in parsed.sentences:
            fast = engine.patterns.matches(sent.tokens)
            assert fast == _every_match(engine.patterns, sent.tokens)
            matched += len(fast)
    assert matched > 20
