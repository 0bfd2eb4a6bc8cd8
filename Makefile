# The one entry point for set-up, run, test, lint and benchmarks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= .kg
SEEDS ?= seeds
OUT ?= out

.PHONY: run test lint format setup setup-test clean

## run: set up, build the graph from seeds/ into the store and out/, export claims and actors, validate
run: $(VENV)/.setup-run
	$(BIN)/kg build --seeds $(SEEDS) --store $(STORE) --out $(OUT)
	$(BIN)/kg export claims --format csv --output $(OUT)/claims.csv --store $(STORE)
	$(BIN)/kg export actors --format csv --output $(OUT)/actors.csv --store $(STORE)
	$(BIN)/kg validate --store $(STORE)
	@echo "wrote $(OUT)/kg.trig, $(OUT)/claims.csv, $(OUT)/actors.csv; try: $(BIN)/kg query --name conflicting-claims"

## test: set up with the test extras, lint, run the test suite
test: $(VENV)/.setup-test
	$(BIN)/ruff check kg tests
	$(BIN)/pytest

lint: $(VENV)/.setup-test
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests

format: $(VENV)/.setup-test
	$(BIN)/ruff format kg tests
	$(BIN)/ruff check --fix kg tests

setup: $(VENV)/.setup-run
setup-test: $(VENV)/.setup-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.setup-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.setup-run

clean:
	rm -rf $(VENV) $(STORE) $(OUT) .pytest_cache .ruff_cache
