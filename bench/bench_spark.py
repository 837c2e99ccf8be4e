"""Throughput of the Spark runner (`eventwire spark`) on a JSONL corpus, in local mode.

    python bench/bench_spark.py [--n 1000] [--master local[2]]

The corpus is `run_bench.corpus(n)` (the `news` corpus) written as one JSONL file. The session is
started first and timed apart; the wall time is that of `run_spark` alone (read, dedupe, code, merge,
write Parquet), so it includes loading the models once in each Python worker. Per core is the wall
rate over the session's cores. The CPU time is that of the driver and of the local Spark process tree
(the JVM and its Python workers, from /proc, Linux only) during `run_spark`: it does not depend on
what else the machine runs, so its rate compares with `run_bench.py`'s articles per CPU-second.
Prints one summary line.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from run_bench import corpus

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by a process and its live descendants (0 where /proc is missing)."""
    if not os.path.isdir("/proc"):
        return 0.0
    stats = {int(p): s for p in os.listdir("/proc") if p.isdigit() and (s := _stat(p)) is not None}
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, (ppid, _) in stats.items() if ppid in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(stats[pid][1] for pid in tree if pid in stats)


def bench_spark(n: int, master: str) -> dict:
    from eventwire.settings import Settings
    from eventwire.spark import run_spark, spark_session

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in corpus(n)), encoding="utf-8")
        t0 = time.perf_counter()
        spark = spark_session(master, {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})
        spark.sparkContext.setLogLevel("ERROR")
        session_s = time.perf_counter() - t0
        cores = spark.sparkContext.defaultParallelism
        jvm = spark.sparkContext._gateway.proc.pid
        cpu0, driver0, t1 = tree_cpu(jvm), time.process_time(), time.perf_counter()
        summary = run_spark([str(path)], Path(tmp) / "out", Settings(), spark=spark)
        wall = time.perf_counter() - t1
        cpu = tree_cpu(jvm) - cpu0 + time.process_time() - driver0
        spark.stop()
    rate = summary.stored / wall
    return {"master": master, "cores": cores, "articles": summary.stored, "mentions": summary.mentions,
            "events": summary.events, "session_s": round(session_s, 1), "wall_s": round(wall, 1),
            "articles_per_s": round(rate, 1), "articles_per_s_per_core": round(rate / cores, 1),
            "cpu_s": round(cpu, 1), "articles_per_cpu_s": round(summary.stored / cpu, 1) if cpu else None,
            "load_avg_1m": round(os.getloadavg()[0], 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    print("eventwire spark:", json.dumps(bench_spark(args.n, args.master)))


if __name__ == "__main__":
    main()
