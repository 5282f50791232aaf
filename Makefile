# Every task a person repeats.  `make help` lists them.
export PYTHONPATH := $(CURDIR)/plugins
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONTENT ?= content
OUTPUT ?= output
SETTINGS ?= pelicanconf.py
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed ## Create the virtual environment with the pinned packages

# The programs that read the site's schedules (pyfahrplan, schedule-convert),
# which pin older packages than the site's: a virtual environment of their own.
CONSUMERS_VENV ?= .venv-consumers
$(CONSUMERS_VENV)/.installed: tests/consumers/requirements.lock
	test -x $(CONSUMERS_VENV)/bin/python || $(PYTHON) -m venv $(CONSUMERS_VENV)
	$(CONSUMERS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r tests/consumers/requirements.lock
	touch $@

consumers: $(CONSUMERS_VENV)/.installed ## Install the schedule readers the export tests run (.venv-consumers)

html: install ## Build the preview site (CONTENT=dir OUTPUT=dir to build another folder)
	$(BIN)/python -m sosconf build --settings $(SETTINGS) --content $(CONTENT) --output $(OUTPUT)

publish: install ## Build the production site (publishconf.py, absolute URLs)
	$(BIN)/python -m sosconf build --settings publishconf.py --content $(CONTENT) --output $(OUTPUT)

serve: install ## Preview at http://127.0.0.1:8000, rebuilding on every change and reloading the open page
	$(BIN)/python -m sosconf serve --settings $(SETTINGS) --content $(CONTENT) --output $(OUTPUT) --port $(PORT)

# The browser-side checkers (axe-core, Lighthouse, the Nu HTML checker), pinned
# in package-lock.json.  Without npm the tests that need them say how to
# install it and are skipped (CI makes that a failure).
node_modules: package-lock.json package.json ## Install the pinned Node tools the browser tests use
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else \
		echo "npm not found: the axe, Lighthouse and HTML validator tests will be skipped (install Node.js 18.16+ and npm)"; \
	fi

# pytest-xdist workers; each takes a whole test file, so that a file's shared
# sites are built once and its browser checks share one browser.
TEST_WORKERS ?= 2

test: install consumers node_modules lint ## Run every test (the browser checks need Chromium, Java 17 and Node; see README)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: install ## Check the Python code with ruff (`make format` fixes what it can) and the GitHub workflows with actionlint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/actionlint

format: install ## Format the Python code and fix what ruff can fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install ## Find every mistake in the content without building (CONTENT=dir for another folder)
	$(BIN)/python -m sosconf check --settings $(SETTINGS) --content $(CONTENT)

SCHEDULE ?=
YEAR ?=

import: install ## Import the program from a pretalx/frab schedule (SCHEDULE=file YEAR=YYYY, CONTENT=dir)
	@test -n "$(SCHEDULE)" -a -n "$(YEAR)" || { echo "Give the schedule and the edition: make import SCHEDULE=schedule.json YEAR=2031" >&2; exit 2; }
	$(BIN)/python -m sosconf import --settings $(SETTINGS) --schedule $(SCHEDULE) --year $(YEAR) --content $(CONTENT)$(if $(LANGUAGE), --language $(LANGUAGE))

.PHONY: import

schema: install ## Regenerate schema/*.json and the key tables of docs/content.md from the schema
	$(BIN)/python -m sosconf schema

clean: ## Remove the output, caches and the virtual environment
	rm -rf $(OUTPUT) .cache $(VENV) $(CONSUMERS_VENV) .pytest_cache .hypothesis node_modules test-artifacts

.PHONY: help install consumers html publish serve test lint format check schema clean

translations: install ## Extract the theme's strings and update the zh/en catalogs
	$(BIN)/pybabel extract -F babel.cfg -o themes/sosconf/translations/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel update -i themes/sosconf/translations/messages.pot -d themes/sosconf/translations --no-fuzzy-matching

.PHONY: translations

BENCH_N ?= 1000
BENCH_BLOG_N ?= 5000
BENCH_REPEAT ?= 3

bench: install ## Time the build against plain Pelican: generated site (BENCH_N=1000; "1000 5000" for both) and a Chinese blog (BENCH_BLOG_N=5000, 0 skips it)
	$(BIN)/python -m tools.bench --posts $(BENCH_N) --blog-posts $(BENCH_BLOG_N) --repeat $(BENCH_REPEAT)

.PHONY: bench

RSYNC_TARGET ?=

# Every build rewrites every file, so rsync compares contents (--checksum), not
# dates; --delay-updates puts the new files in place together at the end.
rsync: ## Build for production and upload it (RSYNC_TARGET=user@host:/path)
	@test -n "$(RSYNC_TARGET)" || { echo "Set RSYNC_TARGET=user@host:/path/to/site" >&2; exit 2; }
	$(MAKE) publish
	rsync --recursive --links --compress --checksum --delete --delay-updates $(OUTPUT)/ $(RSYNC_TARGET)/

.PHONY: rsync
