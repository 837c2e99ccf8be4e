"""`eventwire spark IN... OUT` then `eventwire events --parquet OUT` print what `run` then `events` print."""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from conftest import ROOT

from eventwire.cli import main

pytestmark = pytest.mark.slow


@pytest.mark.skipif(importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
                    reason="needs PySpark and Java")
def test_spark_command_prints_the_events_of_run(shared, tmp_path, capsys):
    inputs = [str(shared / "seeds"), str(ROOT / "examples")]
    assert main(["run", *inputs, "--db", str(tmp_path / "r.duckdb")]) == 0
    assert main(["spark", *inputs, str(tmp_path / "out")]) == 0
    assert "articles stored: 13" in capsys.readouterr().out
    for fmt in ("jsonl", "table"):
        main(["events", "--db", str(tmp_path / "r.duckdb"), "--format", fmt])
        by_run = capsys.readouterr().out
        main(["events", "--parquet", str(tmp_path / "out"), "--format", fmt, "--dyad", "IND-RUS"])
        by_spark_dyad = capsys.readouterr().out
        main(["events", "--parquet", str(tmp_path / "out"), "--format", fmt])
        assert capsys.readouterr().out == by_run and by_run.count("\n") > 20
        main(["events", "--db", str(tmp_path / "r.duckdb"), "--format", fmt, "--dyad", "IND-RUS"])
        assert capsys.readouterr().out == by_spark_dyad
    assert main(["spark", *inputs, str(tmp_path / "out")]) == 2  # an existing output is not overwritten
    assert "already holds" in capsys.readouterr().err
