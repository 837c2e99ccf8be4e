"""Coding in N processes: `eventwire run --workers N`.

Each worker process loads the models once (an `Engine`) and codes whole batches of articles; the
calling process reads, stores and merges. Results come back in the order the batches were sent, so
the store ends up the same whatever N is. With one worker, batches are coded in the calling process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping, Sequence
from typing import Any

from .records import Article, Mention
from .settings import Settings

# The worker process's own Engine, built once by `_start_worker`: the one module-level variable of
# eventwire, because a process pool's initializer can hand state to its tasks no other way.
_ENGINE: Any = None


def _start_worker(settings: Settings) -> None:
    global _ENGINE
    from .pipeline import Engine

    _ENGINE = Engine(settings)


def _code_in_worker(articles: Sequence[Article]) -> list[list[Mention]]:
    return _ENGINE.code(articles)


def _check(job: tuple) -> list[bool]:
    from .dedup import check_pairs

    return check_pairs(*job)


def _records(texts: Sequence[str]) -> list:
    from .dedup import copy_record

    return [copy_record(t) for t in texts]


class _Done:
    """A result already computed, with the interface of an `AsyncResult`."""

    def __init__(self, value: list[list[Mention]]) -> None:
        self.value = value

    def get(self) -> list[list[Mention]]:
        return self.value


class Coders:
    """Codes batches of articles in this process (workers=1) or in a pool of worker processes."""

    def __init__(self, settings: Settings, engine: Any = None) -> None:
        self.pool = None
        self.engine = engine
        if settings.workers > 1:
            context = multiprocessing.get_context("spawn")  # no inherited DuckDB or spaCy state
            self.pool = context.Pool(settings.workers, _start_worker, (settings,))
        elif engine is None:
            from .pipeline import Engine

            self.engine = Engine(settings)
        self.depth = 2 * settings.workers  # batches in flight before the oldest is waited for

    def submit(self, articles: Sequence[Article]):
        """Start coding a batch; `.get()` on the result gives one list of mentions per article."""
        if self.pool is None:
            return _Done(self.engine.code(articles))
        return self.pool.apply_async(_code_in_worker, (list(articles),))

    def copy_records(self, texts: Sequence[str], chunk: int = 100) -> list:
        """`dedup.copy_record` of every text, in the worker processes when there are some."""
        if self.pool is None:
            return _records(texts)
        chunks = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]
        return [f for part in self.pool.map(_records, chunks) for f in part]

    def check_pairs(self, pairs: Sequence[tuple[str, str]], profiles: Mapping, chunk: int = 2000) -> list[bool]:
        """`dedup.check_pairs` of every pair, split among the worker processes (each chunk carries the
        profiles it needs)."""
        jobs = []
        for i in range(0, len(pairs), chunk):
            part = list(pairs[i:i + chunk])
            jobs.append((part, {d: profiles[d] for pair in part for d in pair}))
        return [copied for part in self.pool.map(_check, jobs) for copied in part]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def __enter__(self) -> Coders:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and self.pool is not None:
            self.pool.terminate()
        self.close()
