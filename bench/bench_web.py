"""Load check of the web view: a synthetic store of 100,000 events, then 2,000 requests to a dyad page.

    python bench/bench_web.py [--events 100000] [--requests 2000] [--concurrency 16]
                              [--dyad IND-RUS] [--query "since=2020-01-01"] [--db FILE]

The store is built with one bulk insert (`Store.replace_events`); a share of the events (5% by
default) fall between the two countries of `--dyad`, the rest between random pairs, over ten years.
The app is served by uvicorn in a child process on a free loopback port (one worker); the requests
come from this process through httpx, at most `--concurrency` in flight. Prints one summary line
of JSON (requests/s, latency percentiles in ms, errors) and exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import multiprocessing
import random
import socket
import sys
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"
COUNTRIES = ("IND", "RUS", "CHN", "USA", "PAK", "UKR", "FRA", "DEU", "GBR", "JPN", "BRA", "ZAF", "IRN", "ISR",
             "TUR", "SAU", "EGY", "NGA", "KEN", "MEX", "CAN", "AUS", "IDN", "KOR", "PRK", "AFG", "BGD", "LKA",
             "NPL", "EUR")
SECTORS = ("GOV", "MIL", "BUS", "OPP", "")
VERBS = ("met", "called", "criticised", "thanked", "warned", "signed a deal with", "accused", "hosted")


def _events(n: int, dyad: tuple[str, str], share: float, seed: int = 7) -> list:
    """`n` synthetic merged events (one to three mentions each) with real CAMEO codes and values."""
    from eventwire.codes import code_table
    from eventwire.records import Actor, Event, EventDate, Evidence, Mention
    from eventwire.settings import Settings

    rng, table = random.Random(seed), code_table(Settings())
    codes = sorted(c for c in table.names if len(c) == 3)
    start = dt.date(2015, 1, 1)

    def actor(country: str) -> Actor:
        sector = rng.choice(SECTORS)
        return Actor(f"{country} officials", country, sector, country + sector)

    def one(i: int) -> Event:
        a, b = (dyad if rng.random() < 0.5 else dyad[::-1]) if rng.random() < share else rng.sample(COUNTRIES, 2)
        src, tgt, info = actor(a), actor(b), table.info(rng.choice(codes))
        date = EventDate(start + dt.timedelta(days=rng.randrange(3653)), "day", "attached")
        mentions = tuple(
            Mention(f"d{i}-{k}", f"https://news.example/{i}/{k}", src, tgt, info.code, info.goldstein,
                    info.quad_class, info.plover.event, info.plover.mode, date,
                    Evidence(f"{a} officials {rng.choice(VERBS)} {b} officials, report {i}.{k}.", 0, 40))
            for k in range(rng.randint(1, 3)))
        return Event(f"ev{i:07d}", mentions, src, tgt, info.code, info.goldstein, info.quad_class,
                     info.plover.event, info.plover.mode, date, num_sources=len(mentions),
                     num_articles=len(mentions))

    return [one(i) for i in range(n)]


def build_store(path: str, n: int, dyad: tuple[str, str], share: float) -> float:
    """Create the synthetic store at `path`; returns the seconds it took."""
    from eventwire.store import Store

    t0 = time.perf_counter()
    events = _events(n, dyad, share)
    with Store(path) as store:
        store.replace_events(events)
    return time.perf_counter() - t0


def _serve(db: str, port: int) -> None:
    """Child process: the app on the loopback port, without access logs."""
    import uvicorn

    from eventwire.web.app import create_app, loopback_hosts

    uvicorn.run(create_app(db, allowed_hosts=loopback_hosts(HOST)), host=HOST, port=port, log_level="warning",
                access_log=False)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"the app did not answer at {url}")


async def _load(url: str, n: int, concurrency: int) -> tuple[list[float], int, int]:
    """Send `n` GETs, at most `concurrency` at once; returns (latencies in s, errors, bytes of one page)."""
    import httpx

    gate, latencies, errors, size = asyncio.Semaphore(concurrency), [], 0, 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:

        async def one() -> None:
            nonlocal errors, size
            async with gate:
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    ok, size = r.status_code == 200, len(r.content)
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok

        await asyncio.gather(*(one() for _ in range(n)))
    return latencies, errors, size


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def run(args: argparse.Namespace, db: str) -> dict:
    dyad = tuple(args.dyad.upper().split("-"))
    built = build_store(db, args.events, dyad, args.share) if not Path(db).exists() else 0.0
    port = free_port()
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(db, port), daemon=True)
    server.start()
    try:
        url = f"http://{HOST}:{port}/dyad/{args.dyad}" + (f"?{args.query}" if args.query else "")
        wait_until_up(url)
        asyncio.run(_load(url, 20, args.concurrency))  # warm-up, not counted
        t0 = time.perf_counter()
        latencies, errors, size = asyncio.run(_load(url, args.requests, args.concurrency))
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.join(10)
    ms = [x * 1000 for x in latencies]
    return {"events": args.events, "build_s": round(built, 1), "url": url.split(str(port), 1)[1],
            "requests": args.requests, "concurrency": args.concurrency, "page_bytes": size,
            "wall_s": round(wall, 2), "requests_per_s": round(args.requests / wall, 1),
            "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms), 1), "errors": errors}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--dyad", default="IND-RUS")
    p.add_argument("--share", type=float, default=0.05, help="share of the events in --dyad")
    p.add_argument("--query", default="", help="query string of the dyad page, e.g. since=2020-01-01")
    p.add_argument("--db", help="store to use (built when missing); default: a temporary file")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args, args.db or str(Path(tmp) / "bench_web.duckdb"))
    print(json.dumps(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
