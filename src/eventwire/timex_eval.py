"""Scoring the time-expression recogniser on MEANTIME (NewsReader, CC BY 4.0) NAF-style XML files.

Each file holds the tokens of one Wikinews article and its TIMEX3 annotations, whose values are
normalised against the document creation time (the TIMEX3 with functionInDocument CREATION_TIME).
MEANTIME annotates time expressions in the title and the first five sentences only, so only those
(`SCORED_SENTENCES`) are joined back into text; `find` runs on that text anchored at the creation
time, and every gold expression is matched to a found one whose span overlaps it; the value must
then be equal. The creation time itself (the dateline) is left out of the counts.

`meantime_report` gives the printable lines of `eventwire eval --timex DIR`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .records import Timex
from .settings import Settings

REPORT_TYPES = ("DATE", "TIME", "DURATION", "SET")

NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "'", "''", "n't", "'re", "'ve",
                             "'ll", "'d", "'m"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "``", "£", "€"})
SCORED_SENTENCES = 6  # sentence 0 is the title


class Finder(Protocol):
    def find(self, text: str, anchor: dt.date | None, tense: str = "past") -> list[Timex]: ...


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    creation_time: bool


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    created: dt.date | None
    timexes: tuple[GoldTimex, ...]


def detokenize(tokens: Iterable[tuple[str, str, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from (t_id, sentence, word) tokens, a line per sentence; and each token's character span."""
    parts: list[str] = []
    spans, length, sentence, previous = {}, 0, None, ""
    for t_id, sent, word in tokens:
        if parts:
            gap = "\n" if sent != sentence else ("" if word in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER
                                                   else " ")
            parts.append(gap)
            length += len(gap)
        spans[t_id] = (length, length + len(word))
        parts.append(word)
        length, sentence, previous = length + len(word), sent, word
    return "".join(parts), spans


def read_doc(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id", ""), t.get("sentence", ""), t.text or "") for t in root.iter("token")
              if int(t.get("sentence") or 0) < SCORED_SENTENCES]
    text, spans = detokenize(tokens)
    gold, created = [], None
    for node in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in node.findall("token_anchor") if a.get("t_id") in spans]
        is_dct = node.get("functionInDocument") == "CREATION_TIME"
        if is_dct:
            created = parse_day(node.get("value", ""))
        if ids:
            first, last = spans[ids[0]], spans[ids[-1]]
            gold.append(GoldTimex(first[0], last[1], node.get("type", ""), node.get("value", ""), is_dct))
    return GoldDoc(path.stem, text, created, tuple(sorted(gold, key=lambda g: g.start)))


def parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_corpus(folder: Path) -> list[GoldDoc]:
    """Every MEANTIME file under `folder`, once per document (the corpus ships two copies of each)."""
    docs: dict[str, GoldDoc] = {}
    for path in sorted(folder.rglob("*.xml")):
        doc = read_doc(path)
        docs.setdefault(doc.name, doc)
    return list(docs.values())


def overlapping(gold: GoldTimex, found: list[Timex]) -> Timex | None:
    return next((t for t in found if t.start < gold.end and gold.start < t.end), None)


def score_doc(doc: GoldDoc, found: list[Timex], counts: dict[str, dict[str, int]], with_dct: bool) -> None:
    for gold in doc.timexes:
        if gold.creation_time and not with_dct:
            continue
        row = counts.setdefault(gold.type, {"gold": 0, "matched": 0, "correct": 0})
        row["gold"] += 1
        match = overlapping(gold, found)
        if match is not None:
            row["matched"] += 1
            row["correct"] += match.value == gold.value


def evaluate_meantime(folder: Path, recognizer: Finder, tense: str = "past",
                      with_creation_time: bool = False) -> dict:
    """Per gold type: gold count, span-matched count, value-correct count, `accuracy` (correct among
    matched) and `recall` (correct among gold); plus `precision` of found spans over gold spans."""
    counts: dict[str, dict[str, int]] = {}
    found_total = found_matching = 0
    docs = read_corpus(folder)
    for doc in docs:
        found = recognizer.find(doc.text, doc.created, tense)
        score_doc(doc, found, counts, with_creation_time)
        found_total += len(found)
        found_matching += sum(any(g.start < t.end and t.start < g.end for g in doc.timexes) for t in found)
    by_type = {kind: {**row, "accuracy": ratio(row["correct"], row["matched"]),
                      "recall": ratio(row["correct"], row["gold"])} for kind, row in sorted(counts.items())}
    return {"documents": len(docs), "found": found_total,
            "precision": ratio(found_matching, found_total), "by_type": by_type}


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def meantime_report(folder: Path, settings: Settings) -> list[str]:
    """Printable lines: per TIMEX3 type the gold count, the span-matched and value-correct counts, the
    accuracy among matched and the share of all gold; then `timex DATE accuracy=0.xx (n/N)`, the
    value-correct share of all gold DATEs (rounded down, so it never reads above what was measured)."""
    from .timex import TimexRecognizer

    report = evaluate_meantime(folder, TimexRecognizer(settings))
    lines = [f"MEANTIME {folder}: {report['documents']} documents, {report['found']} expressions found, "
             f"{report['precision']:.4f} of them on a gold span",
             f"{'type':<9}{'gold':>6}{'matched':>9}{'correct':>9}{'acc(matched)':>14}{'share(gold)':>13}"]
    empty = {"gold": 0, "matched": 0, "correct": 0, "accuracy": 0.0, "recall": 0.0}
    for kind in REPORT_TYPES:
        row = report["by_type"].get(kind, empty)
        lines.append(f"{kind:<9}{row['gold']:>6}{row['matched']:>9}{row['correct']:>9}"
                     f"{row['accuracy']:>14.4f}{row['recall']:>13.4f}")
    dates = report["by_type"].get("DATE", empty)
    hundredths = dates["correct"] * 100 // dates["gold"] if dates["gold"] else 0
    lines.append(f"timex DATE accuracy={hundredths // 100}.{hundredths % 100:02d} ({dates['correct']}/{dates['gold']})")
    return lines
