"""Builders of hand-made records for unit tests."""

from __future__ import annotations

import datetime as dt

from eventwire.records import Actor, EventDate, Evidence, Mention, Token


def toks(spec: str) -> tuple[Token, ...]:
    """'word/lemma/pos/dep/head ...' -> tokens; lemma, pos, dep, head default to word, X, dep, self."""
    out, pos = [], 0
    for i, item in enumerate(spec.split()):
        parts = item.split("/") + [""] * 4
        word = parts[0]
        head = int(parts[4]) if parts[4] else i
        out.append(Token(i, word, (parts[1] or word).lower(), parts[2] or "X", "", parts[3] or "dep", head,
                         pos, pos + len(word)))
        pos += len(word) + 1
    return tuple(out)


def actor(country: str, sector: str = "GOV", kb_id: str = "", role: str = "") -> Actor:
    return Actor(country, country, sector, country + sector, kb_id, kb_id, role=role)


def mention(doc: str, src: str, tgt: str | None, code: str, day: str, start: int = 0, source: str = "attached",
            precision: str = "day", negated: bool = False, role: str = "", kb_id: str = "") -> Mention:
    date = EventDate(dt.date.fromisoformat(day), precision, source)
    return Mention(doc, f"{doc}.txt", actor(src, kb_id=kb_id, role=role), actor(tgt) if tgt else None, code,
                   1.0, 1, "CONSULT", "", date, Evidence("s", start, start + 1), negated=negated)


def article(text: str, published: dt.date | None = None, doc_id: str = "doc"):
    """An ingested-like article with this text."""
    from eventwire.records import Article

    return Article(id=doc_id, text=text, url=f"{doc_id}.txt", published=published)


def read_all(*paths, settings=None) -> list:
    """Everything `ingest.iter_articles` yields for these paths: articles and rejections."""
    from eventwire import ingest
    from eventwire.settings import Settings

    return list(ingest.iter_articles([str(p) for p in paths], settings or Settings()))


def articles(items) -> list:
    from eventwire.records import Article

    return [i for i in items if isinstance(i, Article)]


def rejections(items) -> dict[str, str]:
    from eventwire.errors import Rejected

    return {r.path: r.reason for r in items if isinstance(r, Rejected)}
