"""A large WARC file streams through `eventwire run` in bounded memory.

    python bench/bench_warc.py [--size-mb 1024] [--pages 2000]

Writes a WARC file of about `--size-mb` MB in a temporary folder: `--pages` HTML news pages (the
news-like benchmark corpus of run_bench.py, in page furniture), request records, and image responses
that fill the rest, as in a real crawl. Then times `eventwire run FILE` into a new store and prints
its wall time, CPU time and peak RSS, with the file size.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from run_bench import child, corpus
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FURNITURE = "<nav>" + " ".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(40)) + "</nav>"


def page(doc: dict) -> bytes:
    title, _, body = doc["text"].partition("\n")
    paras = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>{FURNITURE}"
            f"<article><h1>{escape(title)}</h1>{paras}</article><footer>{FURNITURE}</footer></body></html>").encode()


def write_warc(path: Path, size_mb: int, pages: int) -> None:
    docs = corpus(pages)
    image = max(1, (size_mb * 2**20 - pages * 12_000) // max(1, pages // 2))
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for i, doc in enumerate(docs):
            url = f"https://news.example/{i}.html"
            _record(writer, url, "text/html; charset=utf-8", page(doc))
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            if i % 2 == 0:
                _record(writer, f"https://news.example/{i}.jpg", "image/jpeg", os.urandom(image))


def _record(writer: WARCWriter, url: str, content_type: str, body: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--pages", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc"
        t = time.perf_counter()
        write_warc(path, args.size_mb, args.pages)
        size = path.stat().st_size
        print(f"wrote {path.name}: {size / 2**20:.0f} MB, {args.pages} HTML pages in {time.perf_counter() - t:.0f} s")
        ew = str(Path(sys.executable).parent / "eventwire")
        r = child([ew, "run", str(path), "--db", str(Path(tmp) / "w.duckdb")])
        print("eventwire run on a WARC:", json.dumps({"file_mb": round(size / 2**20), "pages": args.pages,
                                                     "wall_s": round(r["wall_s"], 1), "cpu_s": round(r["cpu_s"], 1),
                                                     "peak_rss_mb": r["peak_rss_mb"]}))


if __name__ == "__main__":
    main()
