"""Near-duplicate articles: syndicated copies, re-posts and light edits of one text.

Each text becomes a set of word shingles (`SHINGLE_WORDS` consecutive words after case folding, Unicode
normalisation and dropping punctuation), summarised by a MinHash signature; a MinHash LSH index finds
earlier texts that may be near-duplicates, and the signatures confirm it: either the estimated Jaccard
resemblance reaches `JACCARD_THRESHOLD`, or the shorter text lies mostly inside the longer one (estimated
containment from `CONTAINMENT_THRESHOLD`: a wire story cut short, or a post that quotes an article whole).
Adding a text costs about the same however many texts came before.

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
paragraphs cut 0.74, a sentence added 0.97, only its first half 0.43 (containment 1.0). Paraphrased
rewrites such as 000 are left to story clustering (`eventwire.stories`), which puts 000 and 001 in one
story without claiming that one copies the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5  # words per shingle
JACCARD_THRESHOLD = 0.5  # estimated Jaccard resemblance from which two texts are near-duplicates
NUM_PERM = 128  # MinHash permutations: the estimate's standard error is about 0.045 at J = 0.5
CONTAINMENT_THRESHOLD = 0.8  # share of the shorter text's shingles found in the longer one
CANDIDATE_THRESHOLD = 0.3  # the LSH index looks this low, so contained texts (J ~ 0.36 at half size) are found
MIN_WORDS = 2 * SHINGLE_WORDS  # shorter texts are never linked: a headline alone is no copy of anything

_WORD = re.compile(r"[^\W_]+")


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


class NearDuplicates:
    """An incremental index of texts; `add` answers which earlier texts the new one nearly copies."""

    def __init__(self, threshold: float = JACCARD_THRESHOLD, containment: float = CONTAINMENT_THRESHOLD,
                 num_perm: int = NUM_PERM, shingle_words: int = SHINGLE_WORDS) -> None:
        if not (0.0 < threshold <= 1.0 and 0.0 < containment <= 1.0):
            raise ValueError(f"thresholds must be in (0, 1], not {threshold} and {containment}")
        self.threshold = threshold
        self.containment = containment
        self.shingle_words = shingle_words
        self._template = MinHash(num_perm=num_perm)
        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=num_perm)
        self._signatures: dict[str, tuple[MinHash, int]] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._order

    def add(self, doc_id: str, text: str) -> list[str]:
        """Index a text; return the ids of earlier texts it nearly duplicates, oldest first.

        Adding an id again indexes nothing and answers as the first time did (re-ingest is a no-op)."""
        if doc_id in self._order:
            return self._earlier(doc_id, self._signatures.get(doc_id))
        self._order[doc_id] = len(self._order)
        signature = self.signature(text)
        if signature is None:
            return []
        found = self._earlier(doc_id, signature)
        self._signatures[doc_id] = signature
        self._lsh.insert(doc_id, signature[0])
        return found

    def signature(self, text: str) -> tuple[MinHash, int] | None:
        """The MinHash of the text's shingles and their number; None for a text too short to compare."""
        if len(words(text)) < MIN_WORDS:
            return None
        found = shingles(text, self.shingle_words)
        signature = self._template.copy()  # an empty signature, sharing the permutations
        signature.update_batch([s.encode("utf-8") for s in found])
        return signature, len(found)

    def _earlier(self, doc_id: str, signature: tuple[MinHash, int] | None) -> list[str]:
        """Indexed texts added before `doc_id` that the signatures confirm as near-duplicates."""
        if signature is None:
            return []
        position = self._order[doc_id]
        hits = [other for other in self._lsh.query(signature[0])
                if self._order[other] < position and self.similar(signature, self._signatures[other])]
        return sorted(hits, key=self._order.__getitem__)

    def similar(self, a: tuple[MinHash, int], b: tuple[MinHash, int]) -> bool:
        """Near-duplicates: resemblance from the threshold, or the shorter text mostly inside the longer."""
        resemblance = a[0].jaccard(b[0])
        if resemblance >= self.threshold:
            return True
        # |A & B| = J (|A| + |B|) / (1 + J); its share of the smaller set is the containment
        shared = resemblance * (a[1] + b[1]) / (1.0 + resemblance)
        return shared / min(a[1], b[1]) >= self.containment


def near_duplicate_groups(docs: Iterable[tuple[str, str]], threshold: float = JACCARD_THRESHOLD,
                          containment: float = CONTAINMENT_THRESHOLD) -> list[set[str]]:
    """Groups of two or more ids whose texts are near-duplicates (linked directly or through others),
    in the order of each group's first text; texts without a near-duplicate are in no group."""
    index = NearDuplicates(threshold, containment)
    parent: dict[str, str] = {}
    for doc_id, text in docs:
        parent.setdefault(doc_id, doc_id)
        for other in index.add(doc_id, text):
            parent[_root(parent, doc_id)] = _root(parent, other)
    groups: dict[str, set[str]] = {}
    for doc_id in parent:
        groups.setdefault(_root(parent, doc_id), set()).add(doc_id)
    return [group for group in groups.values() if len(group) > 1]


def _root(parent: dict[str, str], doc_id: str) -> str:
    while parent[doc_id] != doc_id:
        parent[doc_id] = parent[parent[doc_id]]
        doc_id = parent[doc_id]
    return doc_id
