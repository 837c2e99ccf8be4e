PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-warc lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire run examples --db eventwire.duckdb
	$(BIN)/eventwire events --db eventwire.duckdb --format table

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py --n 5000 --naive-n 1000 --workers 2 --increment 500
	$(BIN)/python bench/bench_spark.py --n 1000
	$(BIN)/python bench/bench_merge.py

bench-warc: $(STAMP)
	cd bench && ../$(BIN)/python bench_warc.py --size-mb 1024 --pages 2000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) build eventwire.duckdb
