"""The whole flow, as library functions the CLI (and later Spark and the web app) call.

ingest -> clean -> nlp -> actors -> events -> dates -> places -> store -> merge
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, islice
from typing import Any

from .actors import ActorKB
from .candidates import Triggers
from .coder import Coder
from .codes import code_table
from .datafiles import read_tsv, word_set
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
        self.triggers = Triggers(self.patterns.patterns, self._irregular())
        self.anchors = word_set(settings.lang_dir("nlp") / "anchors.tsv")
        self.weak = word_set(settings.lang_dir("nlp") / "weak_triggers.tsv") & self.triggers.words
        self.event_nouns = frozenset(f for noun in word_set(settings.lang_dir("lexicon") / "event_nouns.tsv")
                                     for f in (noun, noun + "s"))
        self.date_words = _date_words(settings.lang_dir("dates"))

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
        """Can this sentence hold an event? The words of a whole pattern (see `candidates`) and something that can be
        an actor: a name from the knowledge base or a pronoun (data/nlp/<lang>/anchors.tsv); two of them
        when the only triggers are reporting verbs (weak_triggers.tsv). Or an event noun that may refer back
        to an earlier event, with a date word."""
        triggers = self.triggers.found(words)
        if not triggers:
            return self.refers_back(words)
        return self.actor_words(words, 1 if triggers - self.weak else 2) or self.refers_back(words)

    def refers_back(self, words: Sequence[str]) -> bool:
        """"The discussion, which took place today": an event noun and a date word may date an earlier event."""
        return not self.event_nouns.isdisjoint(words) and not self.date_words.isdisjoint(words)

    def actor_words(self, words: Sequence[str], needed: int) -> bool:
        """Are there at least `needed` pronouns or knowledge-base names among the words?"""
        found, i = 0, 0
        while i < len(words) and found < needed:
            n = 1 if words[i] in self.anchors else self.kb.longest(words, i)[0]
            found += n > 0
            i += max(n, 1)
        return found >= needed

    def code(self, articles: Sequence[Article]) -> list[list[Mention]]:
        parsed = self.nlp.process(articles, self.candidate)
        return [self.coder.code(p) for p in parsed]


def _date_words(dates_dir) -> frozenset[str]:
    """Month and day names, and one-word relative days ("today", "yesterday")."""
    from .stories import calendar_words

    relative = {w for w in word_set(dates_dir / "relative_days.tsv") if " " not in w}
    return calendar_words(dates_dir) | relative


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
        progress: Progress | None = None, more: Iterable[Article | Rejected] = ()) -> RunSummary:
    """Ingest, code (in `settings.workers` processes) and store new articles, then re-merge the store's
    events. `more` adds articles from elsewhere (fetched feeds). Batches are stored in the order they
    were read, so the result does not depend on the workers."""
    from .workers import Coders

    summary = RunSummary()
    with Coders(settings, engine) as coders, Store(settings.db_path) as store:
        inflight: deque[tuple[list[Article], Any]] = deque()
        pending: set[str] = set()  # ids of articles sent for coding and not stored yet
        for batch in batched(chain(iter_articles(paths, settings), more), settings.batch_size):
            fresh = _fresh(batch, store, pending, summary)
            if fresh:
                inflight.append((fresh, coders.submit(fresh)))
                pending.update(a.id for a in fresh)
            while len(inflight) > coders.depth:
                _store(*inflight.popleft(), store, pending, summary)
            if progress:
                progress(len(batch))
        while inflight:
            _store(*inflight.popleft(), store, pending, summary)
        summary.events = remerge(store, settings, coders)
    return summary


def remerge(store: Store, settings: Settings, coders=None) -> int:
    """Find the copy groups among all stored articles (`copy_groups`), merge all stored mentions again and
    replace the stored events; returns the number of events. Same result however the articles came in."""
    copies = copy_groups(store, coders)
    store.replace_copies(copies)
    events = merge(store.mentions(), settings, copies)
    store.replace_events(events)
    return len(events)


def copy_groups(store: Store, coders=None) -> dict[str, str]:
    """The copy groups of the stored articles (`dedup.cached_groups`). Each article's signatures are
    computed once and kept in the store, and so are the decisions on pairs, so a later run checks only
    the candidate pairs with a new article (the candidate search itself reads every stored signature).
    With `coders` (a `workers.Coders`), the texts' profiles are computed, and the pairs checked, in its
    processes."""
    from .dedup import METHOD, cached_groups, copy_record

    def records_of(docs: list[tuple[str, str]]) -> dict:
        texts = [text for _, text in docs]
        found = coders.copy_records(texts) if coders is not None else [copy_record(t) for t in texts]
        return {doc_id: record for (doc_id, _), record in zip(docs, found, strict=True)}

    new = records_of(store.copy_texts(unsigned=METHOD))
    store.add_copy_signatures(METHOD, {doc_id: signatures for doc_id, (_, signatures) in new.items()})
    profiles = {doc_id: profile for doc_id, (profile, _) in new.items()}
    del new

    def profiles_of(ids: Sequence[str]) -> dict:
        stored = records_of(store.copy_texts([doc_id for doc_id in ids if doc_id not in profiles]))
        return {doc_id: profiles[doc_id] for doc_id in ids if doc_id in profiles} | \
            {doc_id: profile for doc_id, (profile, _) in stored.items()}

    decide = coders.check_pairs if coders is not None and coders.pool is not None else None
    copies, decided = cached_groups(store.copy_signatures(METHOD), store.copy_checks(METHOD), profiles_of, decide)
    store.add_copy_checks(METHOD, decided)
    return copies


def _fresh(batch: list, store: Store, pending: set[str], summary: RunSummary) -> list[Article]:
    """The articles of a batch not stored yet nor on their way; rejections are noted in the summary."""
    articles = [a for a in batch if isinstance(a, Article)]
    for r in batch:
        if isinstance(r, Rejected):
            summary.skipped.append((r.path, r.reason))
    summary.read += len(articles)
    known = store.known_article_ids(a.id for a in articles) | pending
    fresh = _first_of_each([a for a in articles if a.id not in known])
    summary.already += len(articles) - len(fresh)
    return fresh


def _first_of_each(articles: list[Article]) -> list[Article]:
    """One article per id, the first one read (as the store keeps the first)."""
    seen: set[str] = set()
    return [a for a in articles if not (a.id in seen or seen.add(a.id))]


def _store(articles: list[Article], coded: Any, store: Store, pending: set[str], summary: RunSummary) -> None:
    mentions = [m for ms in coded.get() for m in ms]
    added, n_mentions = store.add_batch(articles, mentions)
    pending.difference_update(a.id for a in articles)
    summary.stored += added
    summary.mentions += n_mentions
