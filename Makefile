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

.PHONY: help build serve test check diff bench browser tools clean import-paddlex

help:
	@echo "make serve   preview both languages at http://$(HOST):$(PORT)/ (PORT=...), rebuilding on edits"
	@echo "make build   write the complete bilingual site into site/ (Chinese at /, English at /en/)"
	@echo "make check   validate data/ without building"
	@echo "make diff    summarise data/ changes against BASE (default origin/main) in Markdown, for reviewers"
	@echo "make test    run every test (fixture sites, the real site, a real Chromium)"
	@echo "make bench   measure build and check times"
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

test: $(STAMP) browser tools
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python tests/bench.py

clean:
	rm -rf site .build .pytest_cache
