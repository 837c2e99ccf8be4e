"""Copies of one article: syndicated copies, re-posts, light edits, and rewrites in other words.

Near-duplicates. Each text becomes a set of word shingles (`SHINGLE_WORDS` consecutive words after case
folding, Unicode normalisation and dropping punctuation), summarised by a MinHash signature; a MinHash LSH
index finds the texts that may be near-duplicates, and their shingles confirm it: either the Jaccard
resemblance reaches `JACCARD_THRESHOLD`, or the shorter text lies mostly inside the longer one
(containment from `CONTAINMENT_THRESHOLD`: a wire story cut short, or a post that quotes an article whole).

Measured on the seed articles in ../shared/seeds (title and text as ingested, 5-word shingles, exact
Jaccard of the shingle sets; containment = shared shingles / shingles of the shorter text):

    pair     Jaccard  containment
    000-001  0.077    0.17   000 rewrites 001 in other words: the same call of 15 January, same quotations
    002-003  0.163    0.35   independent reports of the call of 20 March, both quoting one long readout
    others   0.000-0.031

The rewrite resembles its source *less* than the two independent articles resemble each other (they share
verbatim quotations; it shares almost none), so no shingle threshold links 000-001 and not 002-003 (with
2-, 3- or 4-word shingles the order is the same, with quotations removed too). Linking 002-003 would be
the worse error, since it merges two sources into one, so the thresholds sit well above both: Jaccard 0.5
and containment 0.8. Copies of 001 measured in tests/test_dedup.py: furniture added 0.99, last three
paragraphs cut 0.74, a sentence added 0.97, only its first half 0.43 (containment 1.0).

Rewrites. A rewrite retells its source sentence by sentence, in the source's order; independent reports
share facts and quotations but each runs its own course. `rewrite_alignment` counts the sentences (at
least `MIN_SENTENCE_WORDS` content words) of the shorter text that retell a sentence of the other: content
words cut to `STEM_LETTERS` letters, weighted by their inverse frequency over the sentences of both texts
(the parties' names, in every sentence, weigh little), cosine from `SENTENCE_SIMILARITY`, aligned in order
by dynamic programming (several sentences may retell one). Sentences that share a run of `VERBATIM_WORDS`
words with the other text are set aside first: a quotation, a readout or a press release carried word for
word by both says they have a common source, not that one rewrote the other (how much they share word for
word is the shingle test's business). A pair is a rewrite when at least `REWRITE_MIN_SENTENCES` of the
shorter text's remaining ("own") sentences, and a share of them from `REWRITE_SHARE`, are retold in order.

    pair                 retold in order / own sentences of the shorter text
    seeds 000-001        6 / 13  (0.46)   a rewrite: copy
    seeds 002-003        0 / 3   (0.00)   6 of 002's 9 sentences carry the readout or a quotation word for word
    other seed pairs     0-1 / 8-14
    test texts (tests/test_dedup_copies.py): a paraphrase 6 / 12; two reports sharing a quotation 0 / 8;
    the paraphrase with its sentences shuffled 2 / 12

On ECB+ topics 1-35 (`stories_eval.read_corpus`; different outlets reporting one event, or two similar
events of one topic), `pair_is_copy` flags 79 of the 9,057 pairs of documents of one topic (0.87%):
37 near-duplicates by shingles (syndicated copies that ECB+ holds) and 42 rewrites; that is 1.8% of the
4,491 pairs that report the same event (mostly short reports retelling one statement in its order) and
none of the 4,566 pairs of two different events. `copy_groups` over the 772 documents takes 1.9 s
(2.5 ms a document, single core), puts 93 of them in 33 groups, none mixing two events, and gives the
same groups for any order of the input.

Known gaps: a rewrite of fewer than `REWRITE_MIN_SENTENCES` sentences, or one that reorders its source or
merges it with other material, is not found; a rewrite whose content words resemble its source's less
than `WORD_CANDIDATE_JACCARD` (or less than `MAX_REWRITE_CANDIDATES` other texts do) is never checked
by `copy_groups`; two reports that retell one press release in its order, in their own words, are taken
for copies of each other.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .stories import STOP, fold

SHINGLE_WORDS = 5  # words per shingle
JACCARD_THRESHOLD = 0.5  # estimated Jaccard resemblance from which two texts are near-duplicates
NUM_PERM = 128  # MinHash permutations: the estimate's standard error is about 0.045 at J = 0.5
CONTAINMENT_THRESHOLD = 0.8  # share of the shorter text's shingles found in the longer one
CANDIDATE_THRESHOLD = 0.3  # the LSH index looks this low, so contained texts (J ~ 0.36 at half size) are found
MIN_WORDS = 2 * SHINGLE_WORDS  # shorter texts are never linked: a headline alone is no copy of anything

# rewrites (see "Rewrites" in the module docstring)
STEM_LETTERS = 6  # content words are compared by their first letters: "develop" and "development" are one
MIN_SENTENCE_WORDS = 4  # a sentence with fewer content words is not counted
VERBATIM_WORDS = 8  # a run of this many words that both texts share word for word is common source material
SENTENCE_SIMILARITY = 0.3  # IDF-weighted cosine of two sentences' content words from which one retells the other
REWRITE_SHARE = 0.4  # share of the shorter text's own sentences that retell the other's, in their order
REWRITE_MIN_SENTENCES = 5  # and at least this many of them: a short brief gives too little evidence
WORD_CANDIDATE_JACCARD = 0.2  # copy_groups checks pairs whose content words have this Jaccard resemblance
WORD_NUM_PERM = 256  # permutations of the content-word MinHash (LSH of 85 bands of 3 rows at 0.2)
MAX_REWRITE_CANDIDATES = 20  # per text, the most alike first: the cost stays linear in the number of texts

_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# a sentence ends at . ! ? or … (closing quotes and brackets kept) before a capital or digit, and at a line break
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n+")


def words(text: str) -> list[str]:
    """The words of `text`, case-folded, with punctuation and symbols dropped (`U.S.` -> `u`, `s`)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of `size`-word runs of the text."""
    tokens = words(text)
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: str, b: str, size: int = SHINGLE_WORDS) -> float:
    """Exact Jaccard resemblance of two texts' shingle sets (for measurements and tests)."""
    sa, sb = shingles(a, size), shingles(b, size)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def _root(parent: dict[str, str], doc_id: str) -> str:
    while parent[doc_id] != doc_id:
        parent[doc_id] = parent[parent[doc_id]]
        doc_id = parent[doc_id]
    return doc_id


# ---------------------------------------------------------------- rewrites


@dataclass(frozen=True, slots=True, eq=False)  # holds numpy arrays
class Retelling:
    """What the rewrite check needs of a text: per sentence, its content stems and its runs of
    `VERBATIM_WORDS` words (to find the sentences two texts share word for word)."""

    stems: tuple[frozenset[str], ...]
    runs: np.ndarray  # the fingerprints of every sentence's runs (`run_marks`), sentence after sentence
    run_sentence: np.ndarray  # for each of `runs`, the index of its sentence
    run_keys: np.ndarray  # `runs` sorted and unique: most pairs of texts share none, which this tells at once


@dataclass(frozen=True, slots=True)
class Alignment:
    """How far the shorter of two texts retells the other: sentences aligned in order, and their share."""

    aligned: int
    sentences: int  # own sentences of the shorter text (those it does not share word for word)

    @property
    def share(self) -> float:
        return self.aligned / self.sentences if self.sentences else 0.0

    @property
    def is_rewrite(self) -> bool:
        return self.aligned >= REWRITE_MIN_SENTENCES and self.share >= REWRITE_SHARE


@dataclass(frozen=True, slots=True, eq=False)  # holds numpy arrays
class CopyProfile:
    """A text as the pairwise copy check sees it: its shingles and its sentences."""

    shingles: np.ndarray  # the `fingerprint`s of its shingles, sorted and unique (uint64)
    retelling: Retelling
    words: int


def content_stems(text: str) -> list[str]:
    """The content words of `text` (stop words dropped, plurals folded), cut to `STEM_LETTERS` letters."""
    return [s for s in map(_stem, _TERM.findall(unicodedata.normalize("NFKC", text))) if s]


@functools.lru_cache(maxsize=1 << 17)
def _stem(term: str) -> str:
    """A term's content stem, or "" for a stop word or a single letter."""
    word = fold(term)
    return word[:STEM_LETTERS] if len(word) > 1 and word not in STOP else ""


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: up to . ! ? … before a capital or digit, or a line break."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, m.end()
        start = m.end()
    yield start, len(text)


def retelling(text: str) -> Retelling:
    """The sentences of `text` with at least `MIN_SENTENCE_WORDS` content words."""
    return _retelling(text)[0]


def _retelling(text: str) -> tuple[Retelling, set[str]]:
    """`retelling(text)`, and the content stems of the whole text (of every sentence, short ones too)."""
    stems, runs, where, every = [], [], [], set()
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        found = content_stems(sentence)
        every.update(found)
        if len(found) >= MIN_SENTENCE_WORDS:
            marks = run_marks(words(sentence), VERBATIM_WORDS)
            runs.append(marks)
            where.append(np.full(len(marks), len(stems), dtype=np.int32))
            stems.append(frozenset(found))
    joined = _joined(runs, np.uint64)
    return Retelling(tuple(stems), joined, _joined(where, np.int32), np.unique(joined)), every


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


def rewrite_alignment(a: Retelling, b: Retelling) -> Alignment:
    """How many of the shorter text's own sentences retell a sentence of the other, in the same order.

    A text's own sentences are those that share no run of `VERBATIM_WORDS` words with the other text: a
    quotation, a readout or a press release that both carry word for word says that they have a common
    source, not that one rewrote the other (and the shingle test already weighs how much they share).
    Symmetric: with as many own sentences on both sides, the better reading counts."""
    own_a, similar = _similarity(a, b)
    if not own_a:
        return Alignment(0, 0)
    return Alignment(_best_alignment(similar), len(own_a))


def _similarity(a: Retelling, b: Retelling) -> tuple[list[frozenset[str]], list[list[bool]]]:
    """The shorter text's own sentences, and which of them are like which own sentences of the other."""
    own_a, own_b = _own_sentences(a, b), _own_sentences(b, a)
    if len(own_a) > len(own_b):
        own_a, own_b = own_b, own_a
    if not own_a:
        return own_a, []
    return own_a, _similar(own_a, own_b, _sentence_weights(own_a + own_b))


def _best_alignment(similar: list[list[bool]]) -> int:
    aligned = _aligned(similar)
    if len(similar) == len(similar[0]):
        aligned = max(aligned, _aligned([list(column) for column in zip(*similar, strict=True)]))
    return aligned


def _retold(a: Retelling, b: Retelling) -> bool:
    """`rewrite_alignment(a, b).is_rewrite`, without the alignment when too few sentences have a like
    sentence at all (an alignment never counts more than that): most pairs end there."""
    own_a, similar = _similarity(a, b)
    if not own_a:
        return False
    needed = max(REWRITE_MIN_SENTENCES, REWRITE_SHARE * len(own_a))
    bound = sum(1 for row in similar if any(row))
    if len(similar) == len(similar[0]):
        bound = max(bound, sum(1 for column in zip(*similar, strict=True) if any(column)))
    if bound < needed:
        return False
    return Alignment(_best_alignment(similar), len(own_a)).is_rewrite


def _own_sentences(a: Retelling, b: Retelling) -> list[frozenset[str]]:
    """The stems of the sentences of `a` that share no verbatim run with `b`."""
    shared = np.intersect1d(a.run_keys, b.run_keys, assume_unique=True)
    if not len(shared):
        return list(a.stems)
    at = np.minimum(np.searchsorted(shared, a.runs), len(shared) - 1)
    copied = set(a.run_sentence[shared[at] == a.runs].tolist())
    return [stems for k, stems in enumerate(a.stems) if k not in copied]


def _sentence_weights(sentences: list[frozenset[str]]) -> dict[str, float]:
    """Each stem's weight: the square of its inverse sentence frequency over both texts (the parties'
    names, in every sentence, weigh little)."""
    df = Counter(t for s in sentences for t in s)
    log_n = math.log(len(sentences) + 1)
    logs = {c: math.log(c) for c in set(df.values())}
    return {t: (log_n - logs[c]) ** 2 for t, c in df.items()}


def _similar(a: list[frozenset[str]], b: list[frozenset[str]], weight: dict[str, float]) -> list[list[bool]]:
    """Which sentences of `a` are like which of `b`: weighted cosine (`_sentence_weights`) from
    `SENTENCE_SIMILARITY`."""
    norm_a = [math.sqrt(sum(weight[t] for t in p)) for p in a]
    norm_b = [math.sqrt(sum(weight[t] for t in q)) for q in b]
    where: dict[str, list[int]] = {}  # stem -> the sentences of `b` that hold it
    for j, q in enumerate(b):
        for t in q:
            where.setdefault(t, []).append(j)
    rows = []
    for p, na in zip(a, norm_a, strict=True):
        shared = [0.0] * len(b)  # weight of the stems p shares with each sentence of b
        for t in p:
            for j in where.get(t, ()):
                shared[j] += weight[t]
        rows.append([s > 0 and s >= SENTENCE_SIMILARITY * na * nb for s, nb in zip(shared, norm_b, strict=True)])
    return rows


def _aligned(similar: list[list[bool]]) -> int:
    """The most rows (sentences of one text) that map, in order (several may map to one), onto a similar
    column (a sentence of the other)."""
    previous = [0] * (len(similar[0]) + 1 if similar else 1)
    for row in similar:
        current = [0]
        for j, alike in enumerate(row):
            current.append(max(current[j], previous[j + 1] + alike))
        previous = current
    return previous[-1]


def copy_profile(text: str) -> CopyProfile:
    """The shingles and sentences of a text, computed once for many comparisons."""
    return _profile(text)[0]


def _profile(text: str) -> tuple[CopyProfile, set[str]]:
    """The profile of `text`, and its content stems."""
    tokens = words(text)
    told, stems = _retelling(text)
    return CopyProfile(run_marks(tokens, SHINGLE_WORDS), told, len(tokens)), stems


def fingerprint(word: str) -> int:
    """A word as a 64-bit number, the same in every process (unlike `hash`): profiles stay small."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


_word_mark = functools.lru_cache(maxsize=1 << 18)(fingerprint)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier of the polynomial hash of word runs


def run_marks(tokens: Sequence[str], size: int) -> np.ndarray:
    """The fingerprints of the `size`-word runs of `tokens` (a polynomial hash of their words'
    `fingerprint`s, modulo 2**64), sorted and unique: a shingle set as numbers."""
    n = len(tokens) - size + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    marks = np.fromiter(map(_word_mark, tokens), dtype=np.uint64, count=len(tokens))
    out = marks[:n].copy()
    for k in range(1, size):
        out *= _MIX
        out += marks[k:k + n]
    return np.unique(out)


def profiles_copy(a: CopyProfile, b: CopyProfile) -> bool:
    """`pair_is_copy` on two profiles."""
    return near_duplicates(a, b) or rewrites(a, b)


def near_duplicates(a: CopyProfile, b: CopyProfile) -> bool:
    """Shingle resemblance from `JACCARD_THRESHOLD`, or the shorter text mostly inside the longer (cheap)."""
    if min(a.words, b.words) < MIN_WORDS:
        return False
    shared = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    union = len(a.shingles) + len(b.shingles) - shared
    return bool(shared) and (shared / union >= JACCARD_THRESHOLD
                             or shared / min(len(a.shingles), len(b.shingles)) >= CONTAINMENT_THRESHOLD)


def rewrites(a: CopyProfile, b: CopyProfile) -> bool:
    """One text retells the other sentence by sentence (`rewrite_alignment`; the costly check)."""
    return min(a.words, b.words) >= MIN_WORDS and _retold(a.retelling, b.retelling)


def pair_is_copy(a_text: str, b_text: str) -> bool:
    """True when one text copies the other: a near-duplicate (shingle resemblance from `JACCARD_THRESHOLD`,
    or the shorter mostly inside the longer) or a rewrite (its sentences retell the other's in order).
    Symmetric; texts under `MIN_WORDS` words copy nothing."""
    return profiles_copy(copy_profile(a_text), copy_profile(b_text))


# ---------------------------------------------------------------- copy groups


PairCheck = Callable[[Sequence[tuple[str, str]], Mapping[str, "CopyProfile"]], list[bool]]  # -> `rewrites` of each


@dataclass(frozen=True, slots=True, eq=False)  # holds numpy arrays
class CopyFeatures:
    """What `copy_groups` needs of one text: its profile and, when it is long enough, the hash values of its
    two MinHash signatures (uint32), of shingles and of content words. Computed on their own
    (`copy_features`), so that many processes can share the work."""

    profile: CopyProfile
    by_shingles: np.ndarray | None
    by_words: np.ndarray | None


# the permutations of datasketch's MinHash: (a * x + b) mod the Mersenne prime 2**61 - 1, cut to 32 bits
_PERMUTATIONS = (MinHash(num_perm=NUM_PERM).permutations, MinHash(num_perm=WORD_NUM_PERM).permutations)
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


def copy_record(text: str) -> tuple[CopyProfile, Signatures]:
    """What `cached_groups` needs of a new text: its profile and its signatures."""
    features = copy_features(text)
    return features.profile, Signatures.of(features)


def copy_features(text: str) -> CopyFeatures:
    profile, stems = _profile(text)
    if profile.words < MIN_WORDS:
        return CopyFeatures(profile, None, None)
    by_words = np.fromiter(map(_word_mark, stems), dtype=np.uint64, count=len(stems))
    return CopyFeatures(profile, _signature(_PERMUTATIONS[0], profile.shingles), _signature(_PERMUTATIONS[1], by_words))


def _signature(permutations: tuple[np.ndarray, np.ndarray], values: np.ndarray) -> np.ndarray:
    """The MinHash hash values (uint32) of a set of 64-bit fingerprints: datasketch's arithmetic on their low
    32 bits, without hashing every item again with SHA-1 as datasketch would."""
    a, b = permutations
    if not len(values):
        return np.full(len(a), _MAX_HASH, dtype=np.uint32)
    permuted = ((values & _MAX_HASH)[:, None] * a + b) % _MERSENNE & _MAX_HASH
    return permuted.min(axis=0).astype(np.uint32)


def copy_groups(docs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Article id -> the smallest id of its copy group, for every article that copies or is copied by
    another (`pair_is_copy`, linked directly or through others); articles in no group are absent.
    The result does not depend on the order of `docs`. An id given twice keeps its first text."""
    texts: dict[str, str] = {}
    for doc_id, text in docs:
        texts.setdefault(doc_id, text)
    return groups_of({doc_id: copy_features(text) for doc_id, text in texts.items()})


def groups_of(features: Mapping[str, CopyFeatures], decide: PairCheck | None = None) -> dict[str, str]:
    """`copy_groups` from each article's `copy_features`: `cached_groups` with no earlier decisions."""
    signatures = {doc_id: Signatures.of(f) for doc_id, f in features.items()}
    return cached_groups(signatures, {}, lambda ids: {doc_id: features[doc_id].profile for doc_id in ids}, decide)[0]


def _link(parent: dict[str, str], a: str, b: str) -> None:
    low, high = sorted((_root(parent, a), _root(parent, b)))
    parent[high] = low


def check_pairs(pairs: Sequence[tuple[str, str]], profiles: Mapping[str, CopyProfile]) -> list[bool]:
    """`rewrites` of each pair (the pairs `cached_groups` sends are never near-duplicates)."""
    return [rewrites(profiles[a], profiles[b]) for a, b in pairs]


def candidate_pairs(signatures: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> set[tuple[str, str]]:
    """Pairs (smaller id, larger id) worth checking: neighbours in the shingle LSH, and each text's
    `MAX_REWRITE_CANDIDATES` nearest neighbours in content words (a pair is checked when either side
    picks the other, so the pairs do not depend on the order of the texts). `signatures`: each text's
    hash values of shingles and of content words.

    The LSH is banded as datasketch's `MinHashLSH` bands it for the same threshold (`_bands`): two texts
    are neighbours when all hash values of some band are equal. It is computed here for all texts at
    once with numpy (the same neighbours as inserting and querying `MinHashLSH`, tested, at a fraction
    of the cost)."""
    ids = sorted(signatures)
    if not ids:
        return set()
    by_shingles = np.stack([signatures[d][0] for d in ids])
    by_words = np.stack([signatures[d][1] for d in ids])
    pairs: set[tuple[str, str]] = set()
    for group in _buckets(by_shingles, CANDIDATE_THRESHOLD):
        members = [ids[k] for k in group]
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    alike: list[set[int]] = [set() for _ in ids]
    for group in _buckets(by_words, WORD_CANDIDATE_JACCARD):
        for k in group:
            alike[k].update(group)
    for k, others in enumerate(alike):
        others.discard(k)
        for other in _nearest_of(by_words, k, sorted(others), ids):
            pairs.add((min(ids[k], other), max(ids[k], other)))
    return pairs


@functools.cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's `MinHashLSH` chooses for `threshold`."""
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return index.b, index.r


def _buckets(values: np.ndarray, threshold: float) -> list[np.ndarray]:
    """Groups (two or more row indices, ascending) of the rows of `values` whose hash values agree on a
    whole band, band after band."""
    bands, rows = _bands(threshold, values.shape[1])
    groups = []
    for band in range(bands):
        block = np.ascontiguousarray(values[:, band * rows:(band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        shared = np.nonzero(counts[inverse] > 1)[0]
        if len(shared):
            order = np.argsort(inverse[shared], kind="stable")
            members, keyed = shared[order], inverse[shared][order]
            groups.extend(np.split(members, np.nonzero(np.diff(keyed))[0] + 1))
    return groups


def _nearest_of(values: np.ndarray, k: int, others: list[int], ids: list[str]) -> list[str]:
    """The ids of the `MAX_REWRITE_CANDIDATES` rows of `others` whose estimated Jaccard resemblance
    to row `k` is highest, from `WORD_CANDIDATE_JACCARD`; ties by id."""
    if not others:
        return []
    resemblance = np.count_nonzero(values[others] == values[k], axis=1) / values.shape[1]
    kept = [(-r, ids[o]) for r, o in zip(resemblance.tolist(), others, strict=True) if r >= WORD_CANDIDATE_JACCARD]
    return [other for _, other in heapq.nsmallest(MAX_REWRITE_CANDIDATES, kept)]


# ---------------------------------------------------------------- copy groups across runs

METHOD = "2"  # version of the signatures and decisions a store keeps: older ones are computed again


@dataclass(frozen=True, slots=True, eq=False)  # holds numpy arrays
class Signatures:
    """What a store keeps of each article for later copy searches: its length in words and the hash values
    of its two MinHash signatures (uint32; None when the text is too short to be linked)."""

    words: int
    by_shingles: np.ndarray | None
    by_words: np.ndarray | None

    @classmethod
    def of(cls, features: CopyFeatures) -> Signatures:
        return cls(features.profile.words, features.by_shingles, features.by_words)


Pair = tuple[str, str]
ProfilesOf = Callable[[Sequence[str]], Mapping[str, CopyProfile]]


def cached_groups(signatures: Mapping[str, Signatures], known: Mapping[Pair, bool], profiles_of: ProfilesOf,
                  decide: PairCheck | None = None) -> tuple[dict[str, str], dict[Pair, bool]]:
    """The copy groups of articles given by their `Signatures`, reusing the decisions of earlier runs.

    Candidate pairs come from two MinHash LSH indexes, of shingles (near-duplicates) and of content words
    (`candidate_pairs`). Every candidate pair not linked yet, directly or through others, is first tested
    for near-duplication (cheap); then those still not linked are tested for a rewrite (`rewrites`): here
    one by one, skipping those linked meanwhile, or all at once by `decide` (`check_pairs` in other
    processes). A group is a connected set of copies, so the groups are the same either way, and the same
    as testing every pair with `profiles_copy`.

    `known` holds earlier decisions (pair -> copy or not); `profiles_of(ids)` gives the `CopyProfile` of
    articles whose pairs are not decided yet (the caller computes them from the stored texts). Returns
    the groups and the decisions taken now, for the caller to keep. A pair's decision depends on its two
    texts only, and the candidate pairs on all signatures, so the groups are those of one batch over
    every article at once: in a second run, only pairs with a new article cost a check."""
    pairs = sorted(candidate_pairs({doc_id: (s.by_shingles, s.by_words) for doc_id, s in signatures.items()
                                    if s.by_shingles is not None and s.by_words is not None}))
    parent = {doc_id: doc_id for doc_id in signatures}
    for a, b in pairs:
        if known.get((a, b)):
            _link(parent, a, b)
    todo = [(a, b) for a, b in pairs if (a, b) not in known and _root(parent, a) != _root(parent, b)]
    profiles = profiles_of(sorted({doc_id for pair in todo for doc_id in pair}))
    taken: dict[Pair, bool] = {}
    for a, b in todo:
        if near_duplicates(profiles[a], profiles[b]):
            taken[(a, b)] = True
            _link(parent, a, b)
    rest = [(a, b) for a, b in todo if (a, b) not in taken and _root(parent, a) != _root(parent, b)]
    if decide is not None:
        taken.update(zip(rest, decide(rest, profiles), strict=True))
    for a, b in rest:
        if decide is None and _root(parent, a) != _root(parent, b):
            taken[(a, b)] = rewrites(profiles[a], profiles[b])
        if taken.get((a, b)):
            _link(parent, a, b)
    groups = Counter(_root(parent, doc_id) for doc_id in parent)
    return ({doc_id: _root(parent, doc_id) for doc_id in sorted(parent) if groups[_root(parent, doc_id)] > 1},
            taken)
