# Kezdesu — `make demo` to run the demo, `make test` to run the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := cd src && ../$(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test workers in parallel (pytest-xdist), one per core; each has its own test database and Redis database.
TEST_WORKERS ?= auto
LINTED := src tools $(wildcard benchmarks)

.PHONY: bench demo test install browser migrate reference demo-data serve lint typecheck messages lock clean makemessages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	command -v $(PYTHON) >/dev/null || (echo "Python 3.11 is needed" && exit 1)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Debian's Chromium for the browser tests (Playwright never downloads a browser), and poppler's pdftotext,
# with which the tests read the PDFs they make.
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || (echo "Could not install chromium; browser tests will be skipped" >&2)
	@command -v pdftotext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
	  || (echo "Could not install poppler-utils (pdftotext)" >&2)

# GNU gettext's msgfmt when present, else the same catalogues compiled in pure Python.
messages: install
	if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv -v 0; \
	else $(PY) tools/compile_catalogues.py; fi

migrate: install messages
	$(MANAGE) migrate --no-input -v 0

reference: migrate
	$(MANAGE) load_reference

demo-data: reference
	$(MANAGE) load_demo

demo: demo-data
	$(MANAGE) collectstatic --no-input -v 0
	$(MANAGE) demo_accounts
	$(MANAGE) runserver $(HOST):$(PORT)

test: install messages browser
	$(PY) -m pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy src/kezdesu

lock: install
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --no-emit-index-url --no-emit-find-links requirements-dev.in -o requirements-dev.txt

makemessages: install
	$(MANAGE) makemessages -l kk -l ru -l en --no-obsolete --ignore=tests --add-location=file

bench: install
	$(PY) benchmarks/obligations.py
	$(PY) benchmarks/schedule.py
	$(PY) benchmarks/followup.py
	$(PY) benchmarks/reports_quarterly.py
	$(PY) benchmarks/reports_evaluation.py
	$(PY) benchmarks/oversight.py
	$(PY) benchmarks/live.py  # needs PostgreSQL, Redis and wrk (apt-get install wrk)

clean:
	rm -rf $(VENV) var
