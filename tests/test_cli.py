"""The command-line contract, end to end through `eventwire.cli.main`."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from eventwire.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
CONTRACT = {"date", "date_precision", "historical", "negated", "future", "source", "target", "cameo",
            "goldstein", "quad_class", "plover", "location", "evidence", "doc_id", "url"}


def lines(capsys) -> list[dict]:
    return [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]


def test_code_prints_contract_records(shared, capsys):
    assert main(["code", str(shared / "seeds" / "004_755a4b50b0e55e6f.txt")]) == 0
    out = lines(capsys)
    assert out and all(CONTRACT <= set(r) for r in out)
    r = out[0]
    assert set(r["source"]) == {"text", "country", "sector", "code", "name"}
    assert set(r["plover"]) == {"event", "mode"} and set(r["evidence"]) >= {"sentence", "start", "end"}


def test_code_jsonl_carries_doc_ids(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": "Indian Prime Minister Narendra Modi met Russian President "
                               "Vladimir Putin in Moscow on Monday.", "published": "2024-07-10"}) + "\n"
                   + "{broken\n"
                   + json.dumps({"id": "n2", "text": "Chinese President Xi Jinping congratulated French "
                                 "President Emmanuel Macron on Tuesday."}) + "\n")
    assert main(["code", "--jsonl", str(src)]) == 0
    captured = capsys.readouterr()
    out = [json.loads(x) for x in captured.out.splitlines()]
    assert {r["doc_id"] for r in out} == {"n1", "n2"}
    assert "in.jsonl:2" in captured.err
    meet = next(r for r in out if r["doc_id"] == "n1")
    assert meet["date"] == "2024-07-08" and {meet["source"]["country"], meet["target"]["country"]} == {"IND", "RUS"}


def test_run_is_idempotent_and_reports_bad_input(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "examples", docs, ignore=shutil.ignore_patterns("*.md"))
    (docs / "empty.txt").write_text("")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (docs / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (docs / "broken.jsonl").write_text('{"id": "x", "text": "Kenya condemned Uganda on Monday."}\n{oops\n')
    with gzip.open(docs / "zipped.txt.gz", "wt") as f:
        f.write(" date 2024-05-02\n\nIndia and Pakistan held talks in Islamabad on Wednesday.\n")
    db = str(tmp_path / "t.duckdb")
    assert main(["run", str(docs), "--db", db]) == 0
    first = capsys.readouterr().out
    for name in ("empty.txt", "binary.txt", "latin1.txt", "broken.jsonl:2"):
        assert name in first, first
    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    events = lines(capsys)
    assert events and all(e["num_mentions"] == len(e["mentions"]) for e in events)
    assert main(["run", str(docs), "--db", db]) == 0
    second = capsys.readouterr().out
    assert "articles stored: 0" in second
    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    assert lines(capsys) == events


def test_events_filters_and_formats(shared, tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    main(["run", str(shared / "seeds"), "--db", db])
    capsys.readouterr()
    main(["events", "--db", db, "--dyad", "RUS-IND", "--since", "2024-03-01", "--format", "jsonl"])
    out = lines(capsys)
    assert out and all(e["date"] >= "2024-03" for e in out)
    assert all({e["source"]["country"], e["target"]["country"]} == {"IND", "RUS"} for e in out)
    main(["events", "--db", db, "--format", "csv"])
    assert capsys.readouterr().out.startswith("id,date,source,target,cameo")
    main(["export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "e.parquet")])
    assert (tmp_path / "e.parquet").stat().st_size > 0


def test_dates_prints_timex3_values(tmp_path, capsys):
    src = tmp_path / "t.txt"
    src.write_text("Putin met Modi on Wednesday evening; the war began in February 2022.")
    assert main(["dates", "--anchor", "2023-12-28", str(src)]) == 0
    out = lines(capsys)
    assert [(r["text"], r["value"][:10]) for r in out] == [("Wednesday evening", "2023-12-27"),
                                                          ("February 2022", "2022-02")]
    assert all(src.read_text()[r["start"]:r["end"]] == r["text"] for r in out)


def test_export_plover_and_gdelt(shared, tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    main(["run", str(shared / "seeds"), "--db", db])
    main(["events", "--db", db, "--format", "jsonl"])
    events = lines(capsys)
    main(["export", "--db", db, "--format", "plover", "--out", str(tmp_path / "p.jsonl")])
    plover = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert len(plover) == len(events)
    call = next(p for p in plover if p["mode"] == ["phone"])
    assert call["event"] == ["CONSULT"] and call["actor"][0]["country"] in {"IND", "RUS"} and call["event_text"]
    main(["export", "--db", db, "--format", "gdelt", "--out", str(tmp_path / "g.tsv")])
    rows = [r.split("\t") for r in (tmp_path / "g.tsv").read_text().splitlines()]
    assert len(rows) == len(events) + 1 and {len(r) for r in rows} == {61}
    head = rows[0]
    first = dict(zip(head, rows[1], strict=True))
    assert first["EventRootCode"] == first["EventCode"][:2] and first["SQLDATE"][:4] == events[0]["date"][:4]


def test_timeline_lists_a_dyads_events_with_sources(shared, tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    main(["run", str(shared / "seeds"), "--db", db])
    capsys.readouterr()
    assert main(["timeline", "--dyad", "RUS-IND", "--db", db]) == 0
    out = capsys.readouterr().out
    dates = [ln.split()[0] for ln in out.splitlines() if ln[:1].isdigit()]
    assert dates == sorted(dates) and "2024-01-15" in dates and "2024-03-20" in dates
    assert "000_51e1b8036cf830dd.txt" in out and "001_1bbd31f7771d0d02.txt" in out


def test_cluster_groups_reports_of_one_event(shared, tmp_path, capsys):
    gold = {d["doc"]: d["published"] for d in json.loads((shared / "gold" / "seeds.json").read_text())["documents"]}
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": name[:3], "text": (shared / "seeds" / name).read_text(),
                                       "published": day}) + "\n" for name, day in sorted(gold.items())))
    assert main(["cluster", "--jsonl", str(src)]) == 0
    story = {r["id"]: r["story"] for r in lines(capsys)}
    assert story["000"] == story["001"] and story["002"] == story["003"]
    assert len({story["000"], story["002"], story["004"]}) == 3
