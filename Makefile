# Two commands on a fresh machine with nothing but python3:
#   make run   - set everything up and serve the site on SQLite at http://127.0.0.1:8000/
#   make test  - set everything up and run the whole test suite (lint, checks, pytest)

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run serve test install browser-tools migrate load fresh lint format fixtures check-fixtures backup clean

$(INSTALLED): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(INSTALLED)

# axe-core and the Nu HTML Checker for the browser tests, from package-lock.json.
# Without npm the browser checks that need them are skipped (unless REQUIRE_BROWSER=1).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will be skipped"; fi

browser-tools: node_modules/.installed

migrate: install
	$(PY) manage.py migrate --noinput

load: migrate
	$(PY) manage.py load_fixtures --if-empty

# Start again from a clean database: the SQLite file is deleted (edits not written back
# with `make fixtures` are lost), migrated and loaded with the fixtures.
fresh: install
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_fixtures

run: load
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production mode on 127.0.0.1:$(PORT) behind gunicorn, with WhiteNoise serving the collected
# static files. Locally there is no TLS, so the HTTPS redirect is off unless you say so;
# without DJANGO_SECRET_KEY a random one is made for this run.
SERVE_ENV = DJANGO_ENV=production \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SSL_REDIRECT="$${DJANGO_SSL_REDIRECT:-0}" \
	GUNICORN_BIND="$${GUNICORN_BIND:-127.0.0.1:$(PORT)}"

serve: load
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(VENV)/bin/gunicorn --config gunicorn.conf.py

# A timestamped copy of the whole knowledge base as fixture files, with the uploaded images'
# rows and a copy of their files in backups/<stamp>/media/ (see docs/deploy.md for pg_dump
# on PostgreSQL). Restore into an empty, migrated database, the files into MEDIA_ROOT:
#   manage.py migrate && manage.py load_fixtures --directory backups/<stamp>
backup: install
	$(PY) manage.py export_fixtures --output backups/$$(date -u +%Y%m%dT%H%M%SZ)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint browser-tools
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# Write the database back into fixtures/ (after editing in the admin), and check it matches.
fixtures: install
	$(PY) manage.py export_fixtures

check-fixtures: install
	$(PY) manage.py export_fixtures --check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
