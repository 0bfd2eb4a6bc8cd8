# The one entry point for set-up, run, test, lint and benchmarks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= .kg
SEEDS ?= seeds
OUT ?= out

.PHONY: run test lint format setup setup-test chromium bench clean
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

## run: set up, build the graph from seeds/ into the store and out/, export claims and actors, validate, draw it
run: $(VENV)/.setup-run
	$(BIN)/kg build --seeds $(SEEDS) --store $(STORE) --out $(OUT)
	$(BIN)/kg export claims --format csv --output $(OUT)/claims.csv --store $(STORE)
	$(BIN)/kg export actors --format csv --output $(OUT)/actors.csv --store $(STORE)
	$(BIN)/kg validate --store $(STORE)
	$(BIN)/kg viz --store $(STORE) --output $(OUT)/graph.html
	@echo "wrote $(OUT)/kg.trig, claims.csv, actors.csv, graph.html; try: $(BIN)/kg query --name conflicting-claims"

## test: set up with the test extras and Debian's chromium (browser tests), lint, run the test suite
test: $(VENV)/.setup-test chromium
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

## chromium: Debian's chromium for the browser tests (Playwright drives it; no browser download)
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

clean:
	rm -rf $(VENV) $(STORE) $(OUT) .pytest_cache .ruff_cache
