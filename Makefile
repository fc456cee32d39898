# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# The screening engine's and the EDIFACT reader's hottest modules are compiled with mypyc
# (docs/matching.md). COMPILE=0 skips that and runs everything, the tests included, on the
# pure-Python sources.
COMPILE ?= 1
ifeq ($(COMPILE),0)
export WAYSTATION_PURE_PYTHON := 1
endif

.PHONY: demo test lint typecheck unit install browser clean bench catalog screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Compiling takes ~30 s a group and is skipped for a group whose recorded build matches its sources.
install: $(STAMP)
ifneq ($(COMPILE),0)
	$(BIN)/python tools/compile.py
endif

demo: install
	$(BIN)/waystation demo

lint: install
	$(BIN)/ruff check waystation tests bench
	$(BIN)/ruff format --check waystation tests bench

typecheck: install
	$(BIN)/mypy

# The browser tests drive Debian's Chromium (Playwright never downloads one): install it when we can.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "make: the browser tests need Debian's Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2; \
	  fi; \
	fi

unit: install browser
	WAYSTATION_EXPECT_COMPILED=$(COMPILE) $(BIN)/pytest -n auto -q

test: lint typecheck unit

# The web pages' message catalog: extract marked texts, update each language, compile (docs/web.md).
LOCALE := waystation/web/locale
catalog: install
	$(BIN)/pybabel extract -F waystation/web/babel.cfg -k N_ --no-location --sort-output \
		--project waystation --copyright-holder "waystation contributors" -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE)

# Screenshots of the main pages (docs/web.md), taken with Debian's Chromium on a demo store.
screenshots: install
	$(BIN)/python -m tests.web.screenshots docs/screenshots

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build waystation/*/_compiled.json waystation/_compiled.json
	find . -maxdepth 1 -name '*__mypyc.*' -delete
	find waystation -name '*.so' -delete
