# The one entry point for set-up, run, test, lint and benchmarks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= .kg
SEEDS ?= seeds
OUT ?= out

.PHONY: run test lint format setup setup-test chromium virtuoso fuseki bench clean
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

## run: set up, build the graph from seeds/ into the store and out/, export claims and actors, validate, draw it
run: $(VENV)/.setup-run
	$(BIN)/kg build --seeds $(SEEDS) --store $(STORE) --out $(OUT)
	$(BIN)/kg export claims --format csv --output $(OUT)/claims.csv --store $(STORE)
	$(BIN)/kg export actors --format csv --output $(OUT)/actors.csv --store $(STORE)
	$(BIN)/kg validate --store $(STORE)
	$(BIN)/kg viz --store $(STORE) --output $(OUT)/graph.html
	@echo "wrote $(OUT)/kg.trig, claims.csv, actors.csv, graph.html; try: $(BIN)/kg query --name conflicting-claims"

## test: set up with the test extras, Debian's chromium (browser tests), Virtuoso and Fuseki (remote stores), lint, test
test: $(VENV)/.setup-test chromium virtuoso fuseki
	$(BIN)/ruff check kg tests
	$(FUSEKI_SKIP) $(BIN)/pytest

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

## virtuoso: Debian's Virtuoso Open Source server (virtuoso-t) for tests/remote/test_virtuoso.py
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin; }

## fuseki: Apache Jena Fuseki (jena-fuseki-main and its dependencies, from Maven Central) into .cache/
FUSEKI_VERSION ?= 5.6.0
FUSEKI_LIB := .cache/fuseki-$(FUSEKI_VERSION)
# Where Maven Central cannot be reached, the Fuseki tests skip and say why; anywhere else they must run.
FUSEKI_SKIP = KG_SKIP_FUSEKI="$${KG_SKIP_FUSEKI:-$$([ -f $(FUSEKI_LIB)/.done ] || echo 'make fuseki could not fetch it from Maven Central')}"
fuseki:
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless maven; }
	@mkdir -p .cache && [ -f $(FUSEKI_LIB)/.done ] || { mvn -q -B -f tests/remote/fuseki/pom.xml -Dfuseki.version=$(FUSEKI_VERSION) \
		dependency:copy-dependencies -DoutputDirectory=$(abspath $(FUSEKI_LIB)) >$(FUSEKI_LIB).log 2>&1 \
		&& touch $(FUSEKI_LIB)/.done \
		|| echo "make fuseki: cannot fetch jena-fuseki-main $(FUSEKI_VERSION) (see $(FUSEKI_LIB).log); the Fuseki tests will skip"; }

clean:
	rm -rf $(VENV) $(STORE) $(OUT) .pytest_cache .ruff_cache
