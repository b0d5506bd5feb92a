# Two commands for a newcomer: `make serve` (build and serve the site) and `make test`.
# Each creates or updates the virtual environment in .venv from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The map's country boundaries: Natural Earth through the npm package world-atlas, as package.json and
# package-lock.json pin it (hooks/practicekb/source/boundaries.py reads it at build time).
MAPDATA := node_modules/world-atlas/countries-50m.json
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-all build test test-fast check bench bench-against bench-search clean chromium vnu

# The Nu HTML Checker (vnu), which tests/test_validity.py runs over the built pages: the npm
# package vnu-jar (the checker's own release as a jar), run with Java 17 or later.
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

$(MAPDATA): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "The map's boundary data comes with npm: install Node.js and npm (Debian: apt-get install -y npm)" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(MAPDATA)

serve: $(STAMP) $(MAPDATA)  ## serve the default language at http://127.0.0.1:8000, rebuilding on every change (in seconds)
	KB_DEFAULT_LANGUAGE_ONLY=true $(BIN)/properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000

serve-all: $(STAMP) $(MAPDATA)  ## the same with every language (each rebuild builds them all: slower)
	$(BIN)/properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000

build: $(STAMP) $(MAPDATA)  ## build the site into site/, failing on any problem
	$(BIN)/properdocs build --strict -f mkdocs.yml

chromium:  ## Debian's Chromium, which the browser tests drive through Playwright (no browser download)
	@command -v chromium >/dev/null 2>&1 || [ -x "$${CHROMIUM:-}" ] || { \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "make test needs Chromium for the browser tests: install the 'chromium' package, or set CHROMIUM=/path/to/chromium" >&2; exit 1; fi; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; else \
	    echo "make test needs Chromium for the browser tests: run 'apt-get update && apt-get install -y chromium' as root" >&2; exit 1; fi; \
	  echo "Installing Chromium for the browser tests: $$SUDO apt-get install -y chromium"; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium || { \
	    echo "Could not install Chromium: run 'sudo apt-get update && sudo apt-get install -y chromium', or set CHROMIUM=/path/to/chromium" >&2; exit 1; }; \
	}

$(VNU_JAR):
	@command -v java >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  echo "make test needs Java 17+ and npm for the HTML checker: run 'apt-get install -y default-jre-headless npm'" >&2; exit 1; }
	npm install --prefix $(VENV)/vnu --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)

vnu: $(VNU_JAR)  ## the Nu HTML Checker for the validity tests (npm's vnu-jar, into .venv/vnu)

test: $(STAMP) $(MAPDATA) chromium $(VNU_JAR)  ## the whole test suite
	$(BIN)/python -m pytest -n auto --dist loadgroup

test-fast: $(STAMP) $(MAPDATA)  ## the fast inner loop: unit and check tests, no site built, no browser (under 30 s)
	$(BIN)/python -m pytest -m unit -n auto

check: $(STAMP) $(MAPDATA)  ## validate practices and vocabularies, as CI does for a pull request
	$(BIN)/kb check

bench: $(STAMP) $(MAPDATA)  ## build 1,000 and 5,000 synthetic practices in every language beside plain Material; print the figures
	$(BIN)/python -m benchmarks.build_benchmark

# The build against an earlier commit's, paired rounds at 1,000 practices (issue 20 compared with 2eceb54).
BEFORE ?= 2eceb54
bench-against: $(STAMP) $(MAPDATA)  ## this checkout's cold and warm builds against commit $(BEFORE)'s, every language (BEFORE=<commit>)
	$(BIN)/python -m benchmarks.against_commit $(BEFORE)

bench-search: $(STAMP) $(MAPDATA) chromium  ## 5000 synthetic practices in Chromium: search bytes, Explore load and filter times
	$(BIN)/python -m benchmarks.search_benchmark

clean:
	rm -rf site .bench .cache
