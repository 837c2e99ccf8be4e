"""Scoring against gold event files (the schema of shared/gold/README.md).

An extracted event matches a gold event when its countries agree (either order when the gold is
undirected), its CAMEO code starts with a gold prefix, and its date agrees (a `YYYY-MM` gold date
matches any day of the month; otherwise within `date_tolerance_days`).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .settings import Settings


def _country(actor: dict | None) -> str | None:
    if not actor:
        return None
    return actor.get("country") or actor.get("code")


def actor_ok(gold: str, actor: dict | None) -> bool:
    if gold == "*":
        return True
    code = (actor or {}).get("code") or ""
    return _country(actor) == gold or code.startswith(gold)


def date_ok(gold: dict, pred: str | None) -> bool:
    want = gold.get("date")
    if not want:
        return True
    if not pred:
        return False
    if len(want) == 7:
        return pred.startswith(want)
    if len(pred) < 10:
        return False
    try:
        gap = abs((dt.date.fromisoformat(pred[:10]) - dt.date.fromisoformat(want)).days)
    except ValueError:
        return False
    return gap <= gold.get("date_tolerance_days", 0)


def matches(gold: dict, ev: dict) -> bool:
    if not any((ev.get("cameo") or "").startswith(p) for p in gold["cameo"]):
        return False
    if not date_ok(gold, ev.get("date")):
        return False
    s, t = ev.get("source"), ev.get("target")
    if actor_ok(gold["source"], s) and actor_ok(gold["target"], t):
        return True
    return not gold.get("directed", True) and actor_ok(gold["source"], t) and actor_ok(gold["target"], s)


def dyadic(ev: dict) -> bool:
    s, t = _country(ev.get("source")), _country(ev.get("target"))
    return bool(s and t and s != t)


@dataclass(slots=True)
class GoldReport:
    required: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    forbidden: int = 0
    merged_ok: int = 0
    merged_n: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    def summary(self) -> str:
        return (f"recall={self.recall:.2f} precision={self.precision:.2f} forbidden={self.forbidden} "
                f"merged={self.merged_ok}/{self.merged_n}")


def score_document(doc: dict, out: list[dict], report: GoldReport) -> None:
    golds = doc["events"]
    missed = []
    for g in golds:
        if g["status"] == "required":
            report.required += 1
            if any(matches(g, e) for e in out):
                report.found += 1
            else:
                missed.append(g["id"])
    bad = []
    for e in out:
        if any(g["status"] == "forbidden" and matches(g, e) for g in golds):
            report.forbidden += 1
            bad.append(e.get("cameo"))
        elif dyadic(e):
            report.predicted += 1
            report.correct += any(g["status"] != "forbidden" and matches(g, e) for g in golds)
    report.lines.append(f"{doc['doc']}: {len(out)} events; missed {missed or '-'}; forbidden hits {bad or '-'}")


def score_merged(gold: dict, events: list[dict], report: GoldReport) -> None:
    for m in gold.get("merged", {}).get("events", []):
        g = {"cameo": m["cameo"], "date": m["date"], "source": m["pair"][0], "target": m["pair"][1],
             "directed": False}
        hits = [e for e in events if matches(g, e)]
        docs = {Path(str(x.get("url") or x.get("doc_id"))).name for h in hits for x in h.get("mentions", [])}
        good = len(hits) == 1 and docs == set(m["docs"])
        report.merged_n += 1
        report.merged_ok += good
        report.lines.append(f"merged {m['id']} {m.get('what', '')}: {len(hits)} record(s), "
                            f"sources {sorted(docs)} {'ok' if good else 'WRONG'}")


def evaluate_gold(gold_path: Path, docs_dir: Path, settings: Settings) -> GoldReport:
    """Code every gold document, score the mentions, then run the folder and score the merge."""
    from .ingest import read_text_article
    from .pipeline import Engine, run

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    engine = Engine(settings)
    report = GoldReport()
    for doc in gold["documents"]:
        path = docs_dir / doc["doc"]
        article = read_text_article(path.read_text(encoding="utf-8"), str(path), settings)
        mentions = engine.code([article])[0]
        score_document(doc, [m.to_json() for m in mentions], report)
    with tempfile.TemporaryDirectory() as tmp:
        db_settings = settings.with_(db_path=str(Path(tmp) / "eval.duckdb"))
        run([str(docs_dir)], db_settings, engine=engine)
        from .store import Store

        with Store(db_settings.db_path, read_only=True) as store:
            events = [e.to_json() for e in store.events()]
    score_merged(gold, events, report)
    return report
