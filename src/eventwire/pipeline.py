"""The whole flow, as library functions the CLI (and later Spark and the web app) call.

ingest -> clean -> nlp -> actors -> events -> dates -> places -> store -> merge
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from .actors import ActorKB
from .coder import Coder
from .codes import code_table
from .datafiles import read_tsv
from .errors import Rejected
from .ingest import iter_articles
from .merge import merge
from .nlp import Pipeline
from .patterns import PatternSet
from .records import Article, Mention
from .settings import Settings
from .store import Store

Progress = Callable[[int], None]  # called with the number of articles just handled


class Engine:
    """Every model and resource, loaded once; codes articles into mentions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = Pipeline(settings)
        codes = code_table(settings)
        self.patterns = PatternSet(settings, tuple(codes.names))
        self.kb = ActorKB(settings, self._tokenize)
        self.coder = Coder(settings, self.kb, self.patterns, codes, self.timexer, self.gazetteer)
        self.stems = trigger_stems(self.patterns.trigger_words(), self._irregular())

    def _tokenize(self, text: str) -> list[str]:
        return [t.text for t in self.nlp.splitter.tokenizer(text)]

    def _irregular(self) -> dict[str, list[str]]:
        path = self.settings.lang_dir("lexicon") / "irregular.tsv"
        return {lemma: forms.split("|") for _, (lemma, forms) in read_tsv(path, 2)}

    @cached_property
    def timexer(self):
        from .timex import TimexRecognizer

        return TimexRecognizer(self.settings)

    @cached_property
    def gazetteer(self):
        from .places import Gazetteer

        return Gazetteer(self.settings)

    def candidate(self, words: Sequence[str]) -> bool:
        """Can this sentence hold an event? (a trigger word, in any inflection)"""
        return not self.stems.isdisjoint(words)

    def code(self, articles: Sequence[Article]) -> list[list[Mention]]:
        parsed = self.nlp.process(articles, self.candidate)
        return [self.coder.code(p) for p in parsed]


def trigger_stems(words: Iterable[str], irregular: dict[str, list[str]]) -> frozenset[str]:
    """Every surface form a trigger word can take: `congratulated` for congratulate, `dialled` for dial."""
    out = set()
    for w in words:
        out.update(inflections(w))
        out.update(irregular.get(w, []))
    return frozenset(out)


def inflections(w: str) -> set[str]:
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwyx" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # dialled, planned, stopping
    return forms


@dataclass(slots=True)
class RunSummary:
    read: int = 0
    stored: int = 0
    already: int = 0
    mentions: int = 0
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def run(paths: Iterable[str], settings: Settings, engine: Engine | None = None,
        progress: Progress | None = None) -> RunSummary:
    """Ingest, code and store new articles, then re-merge the store's events."""
    summary = RunSummary()
    engine = engine or Engine(settings)
    with Store(settings.db_path) as store:
        for batch in batched(iter_articles(paths, settings), settings.batch_size):
            _run_batch(batch, engine, store, summary)
            if progress:
                progress(len(batch))
        events = merge(store.mentions(), settings)
        store.replace_events(events)
        summary.events = len(events)
    return summary


def _run_batch(batch: list, engine: Engine, store: Store, summary: RunSummary) -> None:
    articles = [a for a in batch if isinstance(a, Article)]
    for r in batch:
        if isinstance(r, Rejected):
            summary.skipped.append((r.path, r.reason))
    summary.read += len(articles)
    known = store.known_article_ids(a.id for a in articles)
    fresh = list({a.id: a for a in articles if a.id not in known}.values())
    summary.already += len(articles) - len(fresh)
    if not fresh:
        return
    mentions = [m for ms in engine.code(fresh) for m in ms]
    added, n_mentions = store.add_batch(fresh, mentions)
    summary.stored += added
    summary.mentions += n_mentions
