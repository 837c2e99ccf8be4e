"""ConfliBERT's CAMEO sets (Parolin et al. 2022, Multi-CoPED) as evaluations of eventwire on real news.

The folder (`../shared/data/conflibert_cameo/`, read at run time, never copied) holds two sets:

- `cameo_class/*.tsv`: `sentence TAB class`, the class a PentaClass group of CAMEO roots:
  0 make a statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
  conflict (SOURCE.txt). Which roots make each class is written nowhere in the folder; the labels
  follow the Phoenix (PETRARCH) convention, `PENTA_ROOTS`: 0 = 01-02 (statements and appeals),
  1 = 03-05, 2 = 06-08, 3 = 09-13 and 16 (reduce relations), 4 = 14-15 and 17-20. The data bear
  it out: sentences where eventwire codes an appeal (02) are labelled 0 in 56 of 64 cases, and
  where it codes 16, labelled 3 in 59 of 61. Every sentence holds an event: there is no "no event"
  class. eventwire's prediction is the class of one mention of the sentence, picked by
  `rule` ("first": the earliest trigger; "goldstein": the largest |Goldstein|), among the mentions
  that happened (negated and hypothetical ones only when there is no other). A sentence with an event
  trigger but no mention (no actor resolved: "five soldiers were killed") takes the class of its first
  trigger's code, with its modality (intent, refusal, demand; a plain statement only when it holds no
  other trigger): the event type is known even when its actors are not.
  A sentence with no trigger at all gets `NO_EVENT_CLASS` (0, make a statement:
  the neutral class, and the most frequent in the test split); accuracy is also given over the coded
  sentences alone.
- `cameo_ner/*.txt`: one `token tag` per line, a blank line between sentences; BIO tags for the
  source (S), target (T) and reciprocal actors (R). Sentences are rebuilt from the tokens (spaces
  where the text would have them), coded, and the character span of each mention's source and
  target is mapped back to tokens. Scores for S and T: token-level, span-level exact match (the
  same first and last token), exact match up to a leading article (`exact_noart`: the gold spans
  include "The" in "The European Union", eventwire's actor spans do not) and span-level overlap (a
  predicted span sharing a token with a gold span of its role, each gold span matched once).
  Reciprocal (R) tokens belong to both roles at once, so they are left out of the S and T scores
  and counted in the role-blind `actor` score (gold S, T or R tokens against predicted S or T
  tokens). Predictions come from the event the
  class rule picks (`main`: its mention and the other mentions of the same trigger, one per coordinated
  actor, "urged Yemen, Algeria and Malaysia") and, for comparison, from every mention that happened (`all`).
  The gold marks whole noun phrases ("The presidents of Iraq", "Haiti's interim government", "a military
  base in Borno"), and so does the coder: each actor carries the span of the noun phrase it stands in
  (`Actor.phrase_start`/`phrase_end`, from `actors.phrase_span` at coding time), and the headline scores
  (`S_token`, `T_token`, `S_exact`, ...) use it. The `name_` scores (`S_name_token`, ...) compare the gold with
  the actor's name alone ("Iraq", "Haiti"), the same actor choice under a narrower span. Every score counts the
  gold spans of every sentence, predicted or not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..actors import phrase_span
from ..coder import CONVERSE_MARK
from ..records import Actor, Article, Mention, Token
from ..settings import Settings

if TYPE_CHECKING:
    from ..pipeline import Engine

CLASS_DIR = "cameo_class"
NER_DIR = "cameo_ner"
PENTA_NAMES = ("statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
PENTA_ROOTS = ({1, 2}, {3, 4, 5}, {6, 7, 8}, {9, 10, 11, 12, 13, 16}, {14, 15, 17, 18, 19, 20})
NO_EVENT_CLASS = 0
RULES = ("first", "goldstein")
ROLES = ("S", "T")
ARTICLES = {"the", "a", "an"}
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "%", ")", "]", "}", "'s", "’s", "'", "n't", "'re", "'ve", "'ll",
                   "'d", "'m", "''"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
APOSTROPHES = {"'", "’"}
PLAIN_STATEMENTS = {"01", "010"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}  # the data splits "Moscow’s" into Moscow ’ s


# -- coding --------------------------------------------------------------------------------------
def load_engine(settings: Settings, engine: Engine | None = None) -> Engine:
    """`engine`, or a new one built from `settings`."""
    if engine is not None:
        return engine
    from ..pipeline import Engine

    return Engine(settings)


@dataclass(frozen=True, slots=True)
class Coded:
    """One text as eventwire coded it: its mentions and, for the class fallback, the code of its first event
    trigger (a statement only when it holds nothing else), known even when no actor resolves."""

    mentions: tuple[Mention, ...]
    trigger_code: str = ""
    sentences: tuple[tuple[Token, ...], ...] = ()  # the parsed sentences, for the noun phrase of an actor


def code_texts(texts: Sequence[str], prefix: str, settings: Settings, engine: Engine) -> list[Coded]:
    """Each text coded as an article of its own (no publication date)."""
    articles = [Article(f"{prefix}:{i}", text) for i, text in enumerate(texts)]
    out: list[Coded] = []
    for i in range(0, len(articles), settings.batch_size):
        for parsed in engine.nlp.process(articles[i:i + settings.batch_size], engine.candidate):
            out.append(Coded(tuple(engine.coder.code(parsed)), _trigger_code(parsed, engine),
                             tuple(s.tokens for s in parsed.sentences if s.parsed)))
    return out


def _trigger_code(parsed, engine: Engine) -> str:
    codes = [c for s in parsed.sentences if s.parsed for c in engine.coder.trigger_codes(s)]
    return next((c for c in codes if c not in PLAIN_STATEMENTS), codes[0] if codes else "")


def _start(m: Mention) -> int:
    return m.evidence.trigger_start if m.evidence.trigger_start >= 0 else m.evidence.start


def main_mention(mentions: Sequence[Mention], rule: str = "first") -> Mention | None:
    """The mention that stands for the sentence's event under `rule` (see the module doc)."""
    pool = [m for m in mentions if m.happened] or list(mentions)
    if not pool:
        return None
    if rule == "goldstein":
        return max(pool, key=lambda m: (abs(m.goldstein), -_start(m)))
    if rule == "first":
        return min(pool, key=_start)
    raise ValueError(f"unknown rule {rule!r}: expected one of {RULES}")


# -- the PentaClass set --------------------------------------------------------------------------
def penta_class(cameo: str) -> int:
    """CAMEO code -> PentaClass, by its root (`PENTA_ROOTS`)."""
    root = int(cameo[:2])
    return next(cls for cls, roots in enumerate(PENTA_ROOTS) if root in roots)


def read_class_file(path: Path) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text, label = line.rsplit("\t", 1)
            rows.append((text.strip(), int(label)))
    return rows


def predict_class(mentions: Sequence[Mention], rule: str = "first", trigger_code: str = "") -> int | None:
    """The PentaClass of the sentence's main mention, else of its first trigger (`trigger_code`); None when
    eventwire found no event trigger at all."""
    m = main_mention(mentions, rule)
    if m is not None:
        return penta_class(m.cameo)
    return penta_class(trigger_code) if trigger_code else None


@dataclass(slots=True)
class ClassTally:
    n: int = 0
    correct: int = 0
    coded: int = 0
    coded_correct: int = 0
    confusion: list[list[int]] = field(default_factory=lambda: [[0] * 5 for _ in range(5)])

    def add(self, gold: int, predicted: int | None) -> None:
        guess = NO_EVENT_CLASS if predicted is None else predicted
        self.n += 1
        self.correct += guess == gold
        self.coded += predicted is not None
        self.coded_correct += predicted is not None and predicted == gold
        self.confusion[gold][guess] += 1

    def scores(self) -> dict:
        majority = max(sum(row) for row in self.confusion)
        return {"n": self.n, "correct": self.correct, "accuracy": _ratio(self.correct, self.n),
                "coded": self.coded, "coded_share": _ratio(self.coded, self.n),
                "coded_accuracy": _ratio(self.coded_correct, self.coded),
                "majority_baseline": _ratio(majority, self.n), "confusion": self.confusion}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _files(folder: Path, pattern: str, files: Sequence[str] | None) -> list[Path]:
    found = sorted(folder.glob(pattern))
    return [p for p in found if files is None or p.stem in files]


def evaluate_cameo_class(folder: Path, settings: Settings, engine: Engine | None = None, rule: str = "first",
                         files: Sequence[str] | None = None) -> dict:
    """Accuracy of eventwire's PentaClass per file (`files`: stems such as "test"; default all) and in total."""
    total, per_file, engine = ClassTally(), {}, load_engine(settings, engine)
    for path in _files(Path(folder) / CLASS_DIR, "*.tsv", files):
        rows = read_class_file(path)
        coded = code_texts([text for text, _ in rows], f"class-{path.stem}", settings, engine)
        tally = ClassTally()
        for (_, gold), got in zip(rows, coded, strict=True):
            predicted = predict_class(got.mentions, rule, got.trigger_code)
            tally.add(gold, predicted)
            total.add(gold, predicted)
        per_file[path.stem] = tally.scores()
    return {"rule": rule, **total.scores(), "files": per_file}


def class_summary_line(result: dict) -> str:
    files = " ".join(f"{name}={r['accuracy']:.2f}/{r['n']}" for name, r in result["files"].items())
    return (f"conflibert-class rule={result['rule']} n={result['n']} accuracy={result['accuracy']:.2f} ({files}) "
            f"coded={result['coded_share']:.2f} accuracy-when-coded={result['coded_accuracy']:.2f} "
            f"majority-baseline={result['majority_baseline']:.2f}")


# -- the source/target set -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    role: str  # S, T or R
    start: int  # token indices, end exclusive
    end: int

    def tokens(self) -> range:
        return range(self.start, self.end)


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    def spans(self) -> list[Span]:
        return bio_spans(self.tags)


def read_ner_file(path: Path) -> list[TaggedSentence]:
    out, words, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                out.append(TaggedSentence(tuple(words), tuple(tags)))
            words, tags = [], []
            continue
        word, tag = line.rsplit(" ", 1)
        words.append(word)
        tags.append(tag)
    return out


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """`B-S I-S O B-T` -> [Span(S, 0, 2), Span(T, 3, 4)]; an I- tag that continues nothing opens a span."""
    spans: list[Span] = []
    for i, tag in enumerate(tags):
        if tag == "O" or "-" not in tag:
            continue
        kind, role = tag.split("-", 1)
        last = spans[-1] if spans else None
        if kind == "I" and last and last.role == role and last.end == i:
            spans[-1] = Span(role, last.start, i + 1)
        else:
            spans.append(Span(role, i, i + 1))
    return spans


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text, with each token's character offsets in it."""
    parts, offsets, pos = [], [], 0
    for i, tok in enumerate(tokens):
        if i and _spaced(tokens[i - 1], tok, tokens[i + 1] if i + 1 < len(tokens) else "") \
                and not _in_number(tokens, i):
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def _in_number(tokens: Sequence[str], i: int) -> bool:
    """Is token `i` the point or thousands comma of a number, or the digits after one ("352 . 5" is 352.5,
    "20 , 000" is 20,000)?"""
    def mark(k: int) -> bool:
        if not 0 < k < len(tokens) - 1 or not tokens[k - 1].isdigit() or not tokens[k + 1].isdigit():
            return False
        return tokens[k] == "." or (tokens[k] == "," and len(tokens[k + 1]) == 3)
    return mark(i) or mark(i - 1)


def _spaced(prev: str, tok: str, nxt: str) -> bool:
    """Is there a space between `prev` and `tok`?"""
    if tok in APOSTROPHES and nxt.lower() in CLITICS:
        return False
    if prev in APOSTROPHES and tok.lower() in CLITICS:
        return False
    return tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER


def actor_span(actor: Actor | None, role: str, offsets: Sequence[tuple[int, int]]) -> Span | None:
    """The tokens an actor's character span covers, or None (no actor, or no offsets in this sentence)."""
    if actor is None or actor.start < 0:
        return None
    inside = [i for i, (s, e) in enumerate(offsets) if s < actor.end and actor.start < e]
    return Span(role, inside[0], inside[-1] + 1) if inside else None


def predicted_spans(mentions: Sequence[Mention], offsets: Sequence[tuple[int, int]],
                    phrases: bool = False) -> list[Span]:
    """The token spans of the mentions' actors: the name, or (`phrases`) the whole noun phrase the coder gave it."""
    spans = []
    for m in mentions:
        for role, actor in (("S", m.source), ("T", m.target)):
            if actor is not None and phrases:
                start, end = actor.phrase_span()
                actor = Actor(actor.text, start=start, end=end)
            span = actor_span(actor, role, offsets)
            if span and span not in spans:
                spans.append(span)
    return spans


def event_mentions(mentions: Sequence[Mention], picked: Mention | None) -> list[Mention]:
    """The picked mention and the others of its trigger: one event with coordinated actors ("X urged Y and Z")
    is one mention per actor pair. The event told from the other side ("Y met X" beside "X met Y", the coder's
    converse mentions) is left out: the gold gives each sentence's event one direction."""
    if picked is None:
        return []
    return [m for m in mentions if _start(m) == _start(picked) and m.happened == picked.happened
            and not m.pattern.endswith(CONVERSE_MARK)]


def actor_phrase(actor: Actor, sentences: Sequence[Sequence[Token]]) -> tuple[int, int]:
    """The character span of the noun phrase an actor stands in (`actors.phrase_span`), found in whichever of
    the parsed `sentences` holds it."""
    tokens = next((s for s in sentences if any(actor.start <= t.start < actor.end for t in s)), None)
    return phrase_span(actor, tokens) if tokens is not None else (actor.start, actor.end)


@dataclass(slots=True)
class PRF:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def scores(self) -> dict:
        p, r = _ratio(self.tp, self.predicted), _ratio(self.tp, self.gold)
        return {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r), "tp": self.tp,
                "predicted": self.predicted, "gold": self.gold}


@dataclass(slots=True)
class NerTally:
    """Token, exact-span and overlap-span counts per role, and the role-blind actor tokens."""

    tallies: dict[str, PRF] = field(default_factory=dict)

    def prf(self, key: str) -> PRF:
        return self.tallies.setdefault(key, PRF())

    def add(self, gold: Sequence[Span], predicted: Sequence[Span], words: Sequence[str],
            names: Sequence[Span] | None = None) -> None:
        """Score `predicted` (the actors' noun phrases) under the plain keys and, when given, `names` (the actors'
        names alone) under `name_` keys."""
        self._add_all("", gold, predicted, words)
        if names is not None:
            self._add_all("name_", gold, names, words)

    def _add_all(self, prefix: str, gold: Sequence[Span], predicted: Sequence[Span], words: Sequence[str]) -> None:
        reciprocal = {i for s in gold if s.role == "R" for i in s.tokens()}
        for role in ROLES:
            want = [s for s in gold if s.role == role]
            got = [s for s in predicted if s.role == role and reciprocal.isdisjoint(s.tokens())]
            self._add_role(f"{role}_{prefix}", want, got)
            bare_want, bare_got = _bare(want, words), _bare(got, words)
            self.prf(f"{role}_{prefix}exact_noart").add(sum(1 for s in bare_got if s in bare_want), len(got),
                                                        len(want))
        gold_tokens = {i for s in gold for i in s.tokens()}
        got_tokens = {i for s in predicted for i in s.tokens()}
        self.prf(f"actor_{prefix}token").add(len(gold_tokens & got_tokens), len(got_tokens), len(gold_tokens))

    def _add_role(self, key: str, want: list[Span], got: list[Span]) -> None:
        want_tokens = {i for s in want for i in s.tokens()}
        got_tokens = {i for s in got for i in s.tokens()}
        self.prf(f"{key}token").add(len(want_tokens & got_tokens), len(got_tokens), len(want_tokens))
        self.prf(f"{key}exact").add(sum(1 for s in got if s in want), len(got), len(want))
        self.prf(f"{key}overlap").add(_overlaps(want, got), len(got), len(want))

    def scores(self) -> dict:
        return {key: prf.scores() for key, prf in sorted(self.tallies.items())}


def _bare(spans: Sequence[Span], words: Sequence[str]) -> list[Span]:
    """Spans without a leading article ("The European Union" -> "European Union")."""
    return [Span(s.role, s.start + 1, s.end) if s.end - s.start > 1 and words[s.start].lower() in ARTICLES else s
            for s in spans]


def _overlaps(want: list[Span], got: list[Span]) -> int:
    free, hits = list(want), 0
    for span in got:
        match = next((w for w in free if set(w.tokens()) & set(span.tokens())), None)
        if match is not None:
            free.remove(match)
            hits += 1
    return hits


def _ner_rows(folder: Path, files: Sequence[str] | None) -> Iterator[tuple[str, list[TaggedSentence]]]:
    for path in _files(Path(folder) / NER_DIR, "*.txt", files):
        yield path.stem, read_ner_file(path)


def evaluate_cameo_ner(folder: Path, settings: Settings, engine: Engine | None = None, rule: str = "first",
                       files: Sequence[str] | None = None) -> dict:
    """Source and target attribution F1 (token, exact span, overlapping span) per role; see the module doc."""
    main, every, per_file, n = NerTally(), NerTally(), {}, 0
    engine = load_engine(settings, engine)
    for name, sentences in _ner_rows(folder, files):
        built = [detokenize(s.tokens) for s in sentences]
        coded = code_texts([text for text, _ in built], f"ner-{name}", settings, engine)
        mine = NerTally()
        for sentence, (_, offsets), got in zip(sentences, built, coded, strict=True):
            mentions = got.mentions
            event = event_mentions(mentions, main_mention(mentions, rule))
            phrases, names = predicted_spans(event, offsets, phrases=True), predicted_spans(event, offsets)
            gold, words = sentence.spans(), sentence.tokens
            main.add(gold, phrases, words, names)
            mine.add(gold, phrases, words, names)
            every.add(gold, predicted_spans([m for m in mentions if m.happened], offsets, phrases=True), words)
        per_file[name] = {"n": len(sentences), **mine.scores()}
        n += len(sentences)
    return {"rule": rule, "n": n, "main": main.scores(), "all": every.scores(), "files": per_file}


def ner_summary_line(result: dict) -> str:
    main = result["main"]
    keys = ("S_token", "T_token", "S_exact", "T_exact", "S_exact_noart", "T_exact_noart", "S_overlap", "T_overlap",
            "actor_token", "S_name_token", "T_name_token", "S_name_exact", "T_name_exact")
    parts = [f"{key}={main[key]['f1']:.2f}" for key in keys]
    return f"conflibert-ner rule={result['rule']} n={result['n']} F1 " + " ".join(parts)
