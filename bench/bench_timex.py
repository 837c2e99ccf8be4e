"""Speed of the time-expression recogniser: CPU milliseconds per expression found.

    python bench/bench_timex.py

Runs `TimexRecognizer.find` over every MEANTIME and ECB+ article text in ../shared/data (best of 9 runs,
CPU time, so a busy machine affects it little).
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from eventwire.settings import Settings
from eventwire.timex import TimexRecognizer
from eventwire.timex_eval import detokenize

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def texts(folder: Path, pattern: str):
    for path in sorted(folder.rglob(pattern)):
        root = ET.parse(path).getroot()
        toks = [(t.get("t_id") or t.get("id") or "", t.get("sentence", ""), t.text or "") for t in root.iter("token")]
        yield detokenize(toks)[0]


def main() -> None:
    docs = list(texts(SHARED / "meantime_apple" / "intra-doc_annotation", "*.xml"))
    docs += list(texts(SHARED / "ecbplus_dev", "*.xml"))
    rec = TimexRecognizer(Settings())
    anchor = dt.date(2010, 6, 8)
    best, n = float("inf"), 0
    for _ in range(9):
        t0, n = time.process_time(), 0
        for d in docs:
            n += len(rec.find(d, anchor))
        best = min(best, time.process_time() - t0)
    chars = sum(map(len, docs))
    print(f"timex: {len(docs)} docs, {chars} chars, {n} expressions, {best * 1000 / n:.4f} ms/expression (CPU)")


if __name__ == "__main__":
    main()
