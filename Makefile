# Marsad: make demo | make test | make bench
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///marsad.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint typecheck pytest bench gazetteer clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad ingest demo/reports --db $(DB)
	$(BIN)/marsad summary --db $(DB)
	$(BIN)/marsad serve --db $(DB) --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py --data ../shared/data --out src/marsad/data/gazetteer.sqlite

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
