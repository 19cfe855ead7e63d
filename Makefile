# tollwatch: `make demo` and `make test` are all a newcomer needs.
# Every target depends on `setup`, which is quick when nothing changed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
# Stamps record that the venv holds this pyproject.toml's dependencies; they are
# rebuilt (pip re-run) whenever pyproject.toml changes.
DEV_STAMP   := $(VENV)/.stamp-dev
BENCH_STAMP := $(VENV)/.stamp-bench

.PHONY: help setup demo test lint format bench clean

help:
	@echo "make demo   - ingest the demo corpus into out/demo.db, show its incidents, export to out/"
	@echo "make test   - lint, type-check and run the tests"
	@echo "make lint | format | bench | setup | clean"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

$(BENCH_STAMP): pyproject.toml $(DEV_STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	@touch $@

# The dashboard's map library (Leaflet), from npm into a git-ignored folder; skipped
# (the map falls back to a plain SVG plot) when npm is missing or offline.
LEAFLET := src/tollwatch/serve/static/vendor/node_modules/leaflet/dist/leaflet.js

$(LEAFLET):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix src/tollwatch/serve/static/vendor leaflet@1 \
		|| echo "warning: npm could not install leaflet; the map uses its SVG fallback" >&2; \
	else echo "warning: npm not found; the map uses its SVG fallback" >&2; fi

# Byte-compiling the package at install time, as pip does for a regular install, spares
# each run compiling it again (an editable install is not compiled, and with
# PYTHONDONTWRITEBYTECODE set nothing is ever cached): about 0.1 s per start-up.
setup: $(DEV_STAMP) $(LEAFLET)
	$(PY) -m tollwatch.geo.build
	@$(PY) -m compileall -q src/tollwatch

demo: setup
	@mkdir -p out
	rm -f out/demo.db out/demo.db-wal out/demo.db-shm
	$(BIN)/tollwatch ingest demo/ --db out/demo.db
	$(BIN)/tollwatch incidents --db out/demo.db
	$(BIN)/tollwatch export --format acled --db out/demo.db --output out/acled.csv
	$(BIN)/tollwatch export --format ucdp --db out/demo.db --output out/ucdp.csv
	$(BIN)/tollwatch export --format geojson --db out/demo.db --output out/incidents.geojson
	$(BIN)/tollwatch export --format jsonl --db out/demo.db --output out/incidents.jsonl
	$(BIN)/tollwatch export --format parquet --db out/demo.db --output out/incidents.parquet

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: setup
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# Every check runs even when an earlier one fails, so one run shows all problems;
# the target fails if any of them did (pytest's "no tests collected", exit 5, included).
test: setup
	@status=0; \
	echo "== ruff check"; $(BIN)/ruff check --output-format concise src tests || status=1; \
	echo "== ruff format --check"; $(BIN)/ruff format --check src tests || status=1; \
	echo "== mypy"; $(BIN)/mypy || status=1; \
	echo "== pytest"; $(BIN)/pytest || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: some checks failed (see above)" >&2; fi; \
	exit $$status

bench: setup $(BENCH_STAMP)
	$(PY) bench/bench.py
	$(PY) bench/serve_bench.py
	$(PY) bench/gazetteer_coverage.py

clean:
	rm -rf out build .mypy_cache .ruff_cache .pytest_cache
