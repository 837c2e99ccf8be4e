"""Copy groups across runs: signatures and pair decisions kept in the store, the same groups as one batch."""

from __future__ import annotations

import numpy as np
import pytest
from test_dedup_copies import ORIGINAL, REPORT_A, REPORT_B, REWRITE

from eventwire import dedup
from eventwire.dedup import METHOD, Signatures, cached_groups, copy_features, copy_groups
from eventwire.records import Article
from eventwire.store import Store

DOCS = {"a": ORIGINAL, "b": REWRITE, "c": REPORT_A, "d": REPORT_B, "e": ORIGINAL + "\nUpdated.",
        "f": "\n".join(REPORT_B.splitlines()[:6]), "g": "A short line."}


def profiles_from(docs: dict[str, str], asked: list[str] | None = None):
    def profiles_of(ids):
        if asked is not None:
            asked.extend(ids)
        return {i: copy_features(docs[i]).profile for i in ids}
    return profiles_of


def test_cached_groups_equal_batch_groups_in_one_or_two_steps():
    expected = copy_groups(DOCS.items())
    signatures = {k: Signatures.of(copy_features(v)) for k, v in DOCS.items()}
    groups, decided = cached_groups(signatures, {}, profiles_from(DOCS))
    assert groups == expected != {}
    assert decided and all(a < b for a, b in decided)
    # the first four now, the rest later with the decisions of the first step
    first = {k: signatures[k] for k in "abcd"}
    _, known = cached_groups(first, {}, profiles_from(DOCS))
    asked: list[str] = []
    later, more = cached_groups(signatures, known, profiles_from(DOCS, asked))
    assert later == expected
    assert not (set(more) & set(known))  # decided pairs are not checked again
    assert all(any(i in pair for i in "efg") for pair in more)  # only pairs with a new article


def test_a_rerun_checks_nothing():
    signatures = {k: Signatures.of(copy_features(v)) for k, v in DOCS.items()}
    groups, decided = cached_groups(signatures, {}, profiles_from(DOCS))

    def refuse(ids):
        assert not ids, f"profiles asked for {ids}"
        return {}

    assert cached_groups(signatures, decided, refuse) == (groups, {})


def test_signatures_round_trip_through_the_store(tmp_path):
    signatures = {k: Signatures.of(copy_features(v)) for k, v in DOCS.items()}
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.add_batch([Article(k, v) for k, v in DOCS.items()], [])
        assert [i for i, _ in store.copy_texts(unsigned=METHOD)] == sorted(DOCS)
        store.add_copy_signatures(METHOD, signatures)
        store.add_copy_signatures(METHOD, signatures)  # again: nothing added twice
        assert store.copy_texts(unsigned=METHOD) == []
        back = store.copy_signatures(METHOD)
        assert back.keys() == signatures.keys()
        assert np.array_equal(back["a"].by_words, signatures["a"].by_words) and back["g"].by_shingles is None
        assert np.array_equal(back["a"].by_shingles, signatures["a"].by_shingles)
        store.add_copy_checks(METHOD, {("a", "b"): True, ("c", "d"): False})
        store.add_copy_checks(METHOD, {("a", "b"): True})
        assert store.copy_checks(METHOD) == {("a", "b"): True, ("c", "d"): False}
        store.add_copy_checks("other", {("a", "c"): False})  # another method: the old rows go
        assert store.copy_checks(METHOD) == {} and store.copy_checks("other") == {("a", "c"): False}
        assert [i for i, _ in store.copy_texts(["b", "a", "zz"])] == ["a", "b"]


@pytest.mark.slow
def test_runs_keep_signatures_and_decisions(shared, tmp_path, engine, monkeypatch):
    from eventwire.pipeline import run
    from eventwire.settings import Settings

    db = str(tmp_path / "r.duckdb")
    seeds = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
    run(seeds[:3], Settings(db_path=db), engine=engine)
    run(seeds[3:], Settings(db_path=db), engine=engine)
    with Store(db, read_only=True) as store:
        assert len(store.copy_signatures(METHOD)) == 5
        decided = store.copy_checks(METHOD)
        copies = store.copies()
    once = str(tmp_path / "once.duckdb")
    run(seeds, Settings(db_path=once), engine=engine)
    with Store(once, read_only=True) as store:
        assert store.copies() == copies != {}  # two runs give the groups of one
    assert decided

    calls = []
    real = dedup.copy_features
    monkeypatch.setattr(dedup, "copy_features", lambda text: calls.append(text) or real(text))
    run(seeds, Settings(db_path=db), engine=engine)  # nothing new: no features, no checks
    assert calls == []
    with Store(db, read_only=True) as store:
        assert store.copies() == copies and store.copy_checks(METHOD) == decided


def test_banded_lsh_gives_the_pairs_of_datasketchs_index():
    import random

    rng = random.Random(3)
    sentences = [s for text in DOCS.values() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4]
    assert len(sentences) >= 9
    texts = {f"t{i:02d}": ". ".join(rng.sample(sentences, rng.randint(3, 9))) for i in range(60)}
    texts |= {f"c{i:02d}": texts[f"t{i:02d}"] + " Updated." for i in range(0, 60, 7)}  # near copies
    found = {k: copy_features(v) for k, v in texts.items()}
    signatures = {k: (f.by_shingles, f.by_words) for k, f in found.items() if f.by_shingles is not None}
    pairs = dedup.candidate_pairs(signatures)
    assert pairs == candidate_pairs_by_datasketch(signatures)
    assert len(pairs) > 60 and {("c00", "t00"), ("c07", "t07")} <= pairs


def candidate_pairs_by_datasketch(signatures) -> set[tuple[str, str]]:
    """`dedup.candidate_pairs` with datasketch's `MinHashLSH` indexes, inserted and queried text by text."""
    import heapq

    from datasketch import LeanMinHash, MinHash, MinHashLSH

    def lean(values):
        return LeanMinHash(seed=1, hashvalues=values.astype(np.uint64), scheme=MinHash(num_perm=len(values)).scheme)

    minhashes = {k: (lean(a), lean(b)) for k, (a, b) in signatures.items()}
    near = MinHashLSH(threshold=dedup.CANDIDATE_THRESHOLD, num_perm=dedup.NUM_PERM)
    alike = MinHashLSH(threshold=dedup.WORD_CANDIDATE_JACCARD, num_perm=dedup.WORD_NUM_PERM)
    for doc_id, (by_shingles, by_words) in minhashes.items():
        near.insert(doc_id, by_shingles)
        alike.insert(doc_id, by_words)
    pairs: set[tuple[str, str]] = set()
    for doc_id, (by_shingles, by_words) in minhashes.items():
        scored = [(-by_words.jaccard(minhashes[o][1]), o) for o in alike.query(by_words) if o != doc_id]
        kept = [(r, o) for r, o in scored if -r >= dedup.WORD_CANDIDATE_JACCARD]
        nearest = [o for _, o in heapq.nsmallest(dedup.MAX_REWRITE_CANDIDATES, kept)]
        others = set(near.query(by_shingles)) | set(nearest)
        pairs.update((min(doc_id, o), max(doc_id, o)) for o in others if o != doc_id)
    return pairs
