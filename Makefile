# rasid: the two commands a fresh machine needs are `make demo` and `make test`.
# Everything they need is installed from here: Python packages into .venv,
# front-end libraries from npm (pinned by package-lock.json), Chromium from Debian.

PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install web browser demo test bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

install: $(PY)
	$(PY) -m pip install -q -e '.[test]'

# Leaflet and the country outlines, from npm, copied into the package.
web: install
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) scripts/build_web.py

# Debian's Chromium for the end-to-end browser tests.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

# Analyse the example articles into the SQLite store and serve the dashboard.
demo: web
	$(PY) scripts/demo.py --shared $(SHARED)

# The whole test suite (what CI runs).
test: web browser
	$(PY) -m pytest

bench: install
	$(PY) benchmarks/throughput.py --shared $(SHARED)

clean:
	rm -rf $(VENV) node_modules src/rasid/web/static/vendor artifacts .pytest_cache
