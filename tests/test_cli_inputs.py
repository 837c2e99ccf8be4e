"""Command-line options for inputs: --fields, --feeds, --workers."""

from __future__ import annotations

import json

import pytest

from eventwire.cli import main

pytestmark = pytest.mark.slow

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Desk</title>
<item><title>Putin meets Modi</title><link>https://wire.example/a</link>
<pubDate>Tue, 09 Jul 2024 08:00:00 +0000</pubDate>
<description>Russian President Vladimir Putin met Indian Prime Minister Narendra Modi in Moscow on Monday.
The two leaders discussed trade.</description></item></channel></rss>"""


def test_code_reads_renamed_jsonl_fields(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"uuid": "x1", "body": "Russian President Vladimir Putin met Indian Prime Minister "
                               "Narendra Modi in Moscow on Monday.", "day": "2024-07-09"}) + "\n")
    assert main(["code", "--jsonl", str(src), "--fields", "text=body,id=uuid,published=day"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["doc_id"] for r in rows} == {"x1"}
    assert any(r["date"] == "2024-07-08" and r["cameo"].startswith("04") for r in rows)


def test_unknown_field_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["code", "--jsonl", str(tmp_path / "x.jsonl"), "--fields", "txt=body"])
    assert exc.value.code == 2
    assert "unknown eventwire field 'txt'" in capsys.readouterr().err


def test_run_fetches_a_feed_list_into_the_store(tmp_path, capsys):
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS)
    urls = tmp_path / "feeds.txt"
    urls.write_text(f"# my feeds\n{feed.as_uri()}\n")
    db = str(tmp_path / "f.duckdb")
    assert main(["run", "--feeds", str(urls), "--db", db]) == 0
    assert "articles stored: 1" in capsys.readouterr().out
    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(e["date"] == "2024-07-08" and {e["source"]["country"], e["target"]["country"]} == {"RUS", "IND"}
               for e in events)


def test_run_without_inputs_says_what_it_needs(capsys):
    assert main(["run", "--db", "unused.duckdb"]) == 2
    assert "--feeds" in capsys.readouterr().err


def test_workers_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        main(["run", "x", "--workers", "0"])
    assert "positive" in capsys.readouterr().err
