"""Time and memory of `eventwire.merge.merge` on synthetic mentions (target: 1M mentions, < 60 s, < 4 GB).

    python bench/bench_merge.py [--n 1000000] [--seed 7] [--profile 30]

The mentions look like a real corpus: about 200 countries, sources and targets drawn with skewed (Zipf)
frequencies so that a few dyads hold most reports, CAMEO codes from a handful of frequent roots, event
days spread over three years (some known only to the month or the year), one to several mentions per
real event from different articles and outlets, and a few negated or hypothetical ones. Every mention
gets its own `Mention`, `Actor`s, `EventDate` and `Evidence`, as the pipeline makes them. `outlet` is
empty unless `--with-outlet` (plain text and JSONL without an outlet leave it empty; merge then takes
the outlet from the URL).

Generation and merge are measured apart: wall seconds, and peak resident memory (getrusage) after each
step; the merge's own share is the growth of the peak during the merge. `--profile N` runs the merge
under cProfile instead and prints its N most costly functions (cumulative), which makes it slower.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import pstats
import random
import resource
import sys
import time

from eventwire.merge import merge
from eventwire.records import Actor, EventDate, Evidence, Mention
from eventwire.settings import Settings

COUNTRIES = 200
SECTORS = ("GOV", "MIL", "COP", "OPP", "BUS", "CVL", "MED", "JUD")
ROOTS = {"01": 6, "02": 5, "03": 6, "04": 12, "05": 6, "06": 2, "07": 2, "08": 2, "09": 2, "10": 3,
         "11": 6, "12": 3, "13": 3, "14": 4, "15": 1, "16": 2, "17": 4, "18": 4, "19": 5, "20": 1}
PLOVER = {"01": "CONSULT", "02": "REQUEST", "03": "COOPERATE", "04": "CONSULT", "05": "COOPERATE",
          "06": "COOPERATE", "07": "AID", "08": "YIELD", "09": "CONSULT", "10": "DEMAND", "11": "ACCUSE",
          "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "REJECT", "17": "COERCE",
          "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}
QUAD = {root: 1 if root <= "05" else 2 if root <= "08" else 3 if root <= "16" else 4 for root in ROOTS}
START = dt.date(2021, 1, 1)
DAYS = 3 * 365
OUTLETS = 400
SENTENCES = [f"Sentence {i} of a report on talks, attacks, protests and statements between two sides."
             for i in range(1000)]


def country_codes(n: int) -> list[str]:
    """n three-letter codes: the real ISO codes first (pycountry), then made-up ones."""
    try:
        import pycountry

        codes = sorted(c.alpha_3 for c in pycountry.countries)
    except ImportError:
        codes = []
    return (codes + [f"X{i:02d}" for i in range(n)])[:n]


class Generator:
    """Mentions event by event; every random choice comes from one seeded `random.Random`."""

    def __init__(self, seed: int, with_outlet: bool = False) -> None:
        self.rng = random.Random(seed)
        self.with_outlet = with_outlet
        self.countries = country_codes(COUNTRIES)
        self.country_weights = [1.0 / (rank + 1) ** 1.1 for rank in range(COUNTRIES)]
        self.roots, self.root_weights = list(ROOTS), list(ROOTS.values())
        self.doc = 0

    def country(self) -> str:
        return self.rng.choices(self.countries, self.country_weights)[0]

    def actor(self, country: str, sector: str) -> Actor:
        return Actor(text=f"{country} {sector.lower()}", country=country, sector=sector, code=country + sector,
                     name="", kb_id="")

    def code(self, root: str) -> str:
        draw = self.rng.random()
        if draw < 0.5:
            return root + "0"
        if draw < 0.9:
            return root + str(self.rng.randint(1, 6))
        return root + str(self.rng.randint(1, 6)) + str(self.rng.randint(1, 3))

    def date(self, day: dt.date) -> EventDate:
        draw = self.rng.random()
        if draw < 0.85:
            shifted = day + dt.timedelta(days=self.rng.choice((0, 0, 0, 1, -1)))
            return EventDate(shifted, "day", self.rng.choice(("attached", "attached", "sentence", "publication")))
        if draw < 0.97:
            return EventDate(day.replace(day=1), "month", "attached", text=day.strftime("%B %Y"))
        return EventDate(day.replace(month=1, day=1), "year", "attached", text=str(day.year))

    def event(self) -> list[Mention]:
        """The mentions of one real event: 1 to ~8 articles, each reporting it once or twice."""
        src, tgt = self.country(), self.country()
        sectors = self.rng.choice(SECTORS), self.rng.choice(SECTORS)
        root = self.rng.choices(self.roots, self.root_weights)[0]
        day = START + dt.timedelta(days=self.rng.randrange(DAYS))
        reports = min(1 + int(self.rng.expovariate(0.6)), 12)
        out = []
        for _ in range(reports):
            self.doc += 1
            for _ in range(self.rng.choice((1, 1, 1, 2))):
                out.append(self.mention(f"doc{self.doc:07d}", src, tgt, sectors, root, day))
        return out

    def mention(self, doc: str, src: str, tgt: str, sectors: tuple[str, str], root: str, day: dt.date) -> Mention:
        start = self.rng.randrange(5000)
        code = self.code(root)
        site = f"outlet{self.rng.randrange(OUTLETS)}"
        flip = root in ("03", "04") and self.rng.random() < 0.3
        source, target = (self.actor(tgt, sectors[1]), self.actor(src, sectors[0])) if flip else (
            self.actor(src, sectors[0]), self.actor(tgt, sectors[1]))
        return Mention(
            doc_id=doc, url=f"https://{site}.example/{doc}", source=source, outlet=site if self.with_outlet else "",
            target=target if self.rng.random() > 0.1 else None, cameo=code, goldstein=0.0,
            quad_class=QUAD[root], plover_event=PLOVER[root], plover_mode="", date=self.date(day),
            evidence=Evidence(SENTENCES[start % len(SENTENCES)], start, start + 90, "said", start + 5, start + 9),
            negated=self.rng.random() < 0.04, hypothetical=self.rng.random() < 0.02,
        )


def generate(n: int, seed: int, with_outlet: bool = False) -> list[Mention]:
    gen = Generator(seed, with_outlet)
    out: list[Mention] = []
    while len(out) < n:
        out.extend(gen.event())
    del out[n:]
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def profile_merge(mentions: list[Mention], settings: Settings, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    merge(mentions, settings)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="mentions to generate")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="profile the merge; print N functions")
    ap.add_argument("--with-outlet", action="store_true",
                    help="fill Mention.outlet (as HTML ingest does); by default it is empty and merge parses URLs")
    args = ap.parse_args()
    base = peak_rss_mb()
    t0 = time.perf_counter()
    mentions = generate(args.n, args.seed, args.with_outlet)
    gen_s = time.perf_counter() - t0
    gc.collect()
    after_gen = peak_rss_mb()
    if args.profile:
        print(profile_merge(mentions, Settings(), args.profile))
        return
    t1 = time.perf_counter()
    events = merge(mentions, Settings())
    merge_s = time.perf_counter() - t1
    peak = peak_rss_mb()
    print(json.dumps({
        "mentions": len(mentions), "events": len(events),
        "mentions_counted": sum(e.num_mentions for e in events),
        "generate_s": round(gen_s, 1), "merge_s": round(merge_s, 1),
        "rss_start_mb": round(base), "peak_rss_after_generate_mb": round(after_gen),
        "peak_rss_after_merge_mb": round(peak), "merge_peak_growth_mb": round(peak - after_gen),
    }))


if __name__ == "__main__":
    main()
