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
	@echo "make demo   - extract figures from the demo corpus (table + out/demo.jsonl)"
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

setup: $(DEV_STAMP)
	$(PY) -m tollwatch.geo.build

demo: setup
	@mkdir -p out
	$(BIN)/tollwatch extract demo/reports.jsonl --format table
	$(BIN)/tollwatch extract demo/reports.jsonl --format jsonl > out/demo.jsonl
	@echo "wrote out/demo.jsonl ($$(wc -l < out/demo.jsonl) records)" >&2

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: setup
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

test: lint
	$(BIN)/mypy
	$(BIN)/pytest

bench: setup $(BENCH_STAMP)
	$(PY) bench/bench.py

clean:
	rm -rf out build .mypy_cache .ruff_cache .pytest_cache
