# Every target sets up what it needs: a .venv with the pinned packages and,
# for tests, a Chromium (Debian's, installed with apt when running as root) and
# the pinned page checkers of tests/tools (axe-core, Lighthouse, the Nu HTML
# Checker), which need Node.js and Java (also from apt when running as root).
PYTHON ?= python3
PORT ?= 8000
HOST ?= 127.0.0.1
BASE ?= origin/main
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help build serve test test-quick test-browser audit check diff bench browser tools stress clean import-paddlex

help:
	@echo "make serve   preview both languages at http://$(HOST):$(PORT)/ (PORT=...), rebuilding on edits"
	@echo "make build   write the complete bilingual site into site/ (Chinese at /, English at /en/)"
	@echo "make check   validate data/ without building"
	@echo "make diff    summarise data/ changes against BASE (default origin/main) in Markdown, for reviewers"
	@echo "make test    run every test (fixture sites, the real site, a real Chromium)"
	@echo "make test-quick   every test but the browser's: data, fixture builds, the real build, content (about 3 to 4 minutes)"
	@echo "make test-browser the rest of make test: the browser tests, and the quick tests on a copy with CONTRIBUTING's example"
	@echo "make audit   Lighthouse's scores for the key pages, median of 5 runs (reports, never fails)"
	@echo "make bench   measure build and check times, and the quick tests' verdict under full CPU load"
	@echo "make import-paddlex SRC=<PaddleX checkout or its docs/support_list> [COMMIT=<sha>] [DATE=<YYYY-MM-DD>]"
	@echo "             import PaddleX's model lists into data/models/<section>/paddlex.yml"

$(STAMP): requirements.txt
	@if ! [ -x $(BIN)/python ]; then \
	  $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      rm -rf $(VENV); apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	    else echo "python3 -m venv failed: install python3-venv" >&2; exit 1; fi; }; \
	fi
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

check: $(STAMP)
	@$(BIN)/python tools/check.py

diff: $(STAMP)
	@$(BIN)/python tools/diff.py "$(BASE)"

# COMMIT (and DATE) only where SRC is not a git checkout, such as a saved copy of docs/support_list.
import-paddlex: $(STAMP)
	@test -n "$(SRC)" || { echo "make import-paddlex SRC=<PaddleX checkout or its docs/support_list folder>" >&2; exit 2; }
	@$(BIN)/python tools/import_paddlex.py "$(SRC)" $(if $(COMMIT),--commit "$(COMMIT)") $(if $(DATE),--date "$(DATE)")

# Both languages build at once into .build/; site/ is replaced only when both
# succeeded, and a build that cannot replace it fails (tools/build_site.py).
build: $(STAMP)
	@$(BIN)/python tools/build_site.py

serve: $(STAMP)
	$(BIN)/python tools/preview.py --host $(HOST) --port $(PORT)

browser: $(STAMP)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq chromium fonts-liberation fonts-noto-cjk; \
	else $(BIN)/python -m playwright install chromium; fi

# --ignore-scripts: vnu-jar's install script downloads a Java runtime; Debian's is used.
$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	@if ! command -v npm >/dev/null || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq $$(command -v npm >/dev/null || echo nodejs npm) $$(command -v java >/dev/null || echo default-jre-headless); \
	  else echo "the page checkers need Node.js with npm, and Java: install nodejs, npm and default-jre-headless" >&2; exit 1; fi; \
	fi
	cd $(TOOLS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

tools: $(TOOLS_STAMP)

# Two workers (pytest-xdist): the tests one by one in whichever worker is free, the longest
# first; each worker starts one Chromium if it needs one; the search tests share a worker.
# The real site is built once and shared.
WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest tests -n $(WORKERS) --dist loadgroup
# What test-quick leaves out: tests that drive Chromium or the page checkers
# (marked by the fixtures they use), and the run of the suite on a copy.
SLOW := browser or copy_run

test: $(STAMP) browser tools
	$(PYTEST)

test-quick: $(STAMP)
	$(PYTEST) -m "not ($(SLOW))"

test-browser: $(STAMP) browser tools
	$(PYTEST) -m "$(SLOW)"

audit: $(STAMP) browser tools
	$(BIN)/python tests/audit.py

stress:
	@if command -v stress-ng >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && apt-get install -y -qq stress-ng; \
	else echo "make bench's load check needs stress-ng: install it (Debian: apt-get install stress-ng)" >&2; exit 1; fi

bench: $(STAMP) stress
	$(BIN)/python tests/bench.py

clean:
	rm -rf site .build .pytest_cache
