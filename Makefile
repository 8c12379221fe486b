# fieldapp: the two commands people type are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

# Debian packages: WeasyPrint's Pango, CJK fonts, fast CJK subsetting; tests add
# Chromium (browser tests), poppler-utils (pdftotext/pdffonts in PDF tests) and
# nginx (the HTTPS browser test puts the app behind it, as docs/deploy.md does).
DEBS_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
DEBS_TEST := $(DEBS_RUN) chromium poppler-utils nginx

.PHONY: help run test setup setup-test debs debs-test migrate seed translations i18n lint format bench clean bundle

help:
	@echo "make run   - set up, migrate, seed demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test  - set up and run every test (SQLite; PostgreSQL too if TEST_DATABASE_URL is set)"

# --- set-up ---------------------------------------------------------------

debs:
	@.ci/ensure-debs $(DEBS_RUN)

debs-test:
	@.ci/ensure-debs $(DEBS_TEST)

$(BIN)/python:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || .ci/ensure-debs python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.run-installed

translations:
	@$(BIN)/pybabel compile -d fieldapp/translations 2>&1 | grep -v "^compiling" || true

# Re-extract UI text (Chinese msgids) and merge it into the English catalog.
i18n: | $(BIN)/python
	$(BIN)/pybabel extract -F fieldapp/translations/babel.cfg -k _l --no-location \
		--omit-header --sort-output --no-wrap -o fieldapp/translations/messages.pot fieldapp forms templates
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --no-wrap -i fieldapp/translations/messages.pot \
		-d fieldapp/translations -l en

# The pages' ES modules bundled by esbuild (pinned in package.json / package-lock.json)
# into static/dist/, named by content hash; npm comes from Debian when missing. Without
# a bundle the pages load the plain modules, as they also do whenever the bundle is
# older than the sources.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || .ci/ensure-debs npm || true
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: pages will load the unbundled modules"; fi

bundle: node_modules/.installed | $(BIN)/python
	@if [ -x node_modules/.bin/esbuild ]; then $(BIN)/python -m fieldapp.pwa.bundle; fi

setup: debs $(VENV)/.run-installed translations bundle

setup-test: debs-test $(VENV)/.test-installed translations bundle

migrate: setup
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

# --- the two commands -----------------------------------------------------

run: seed
	@echo ""
	@echo "fieldapp is starting on http://$(HOST):$(PORT)"
	@echo "Log in with one of the demo users above (password demo12345), e.g. inspector / demo12345."
	@echo "Press Ctrl+C to stop."
	PUBLIC_BASE_URL="$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)}" \
		$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 120 \
		--access-logfile - wsgi:app

test: setup-test
	$(BIN)/python -m pytest -q
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "--- again on PostgreSQL ($$TEST_DATABASE_URL)"; \
		FIELDAPP_TEST_DB=postgresql $(BIN)/python -m pytest -q; \
	fi

# --- tools ----------------------------------------------------------------

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules static/dist
