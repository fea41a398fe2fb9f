# Two commands for a new user (see README.md):
#   make run    set everything up and open the dashboard on the sample data
#   make test   set everything up (venv, pinned requirements, Debian chromium and nginx) and run every test
# and for a team: make serve   N dashboard processes (default 2) behind nginx on 127.0.0.1:SERVE_PORT
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
N ?= 2
SERVE_PORT ?= 8500

.PHONY: run serve test setup browser nginx bench clean-db

$(VENV)/installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/installed

# Debian's chromium for the browser tests (never a browser downloaded by Playwright).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx for `make serve` and the deployment tests (it runs as the user, from deploy/nginx.conf.template).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx >/dev/null; }

run: setup
	@echo "Cakupan: open http://127.0.0.1:$(PORT) in your browser (Ctrl+C stops it)."
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

serve: setup nginx
	$(PY) -m cakupan serve --processes $(N) --port $(SERVE_PORT)

test: setup browser nginx
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

clean-db:
	rm -rf data/cakupan.duckdb data/cakupan.duckdb.wal data/cakupan.duckdb.versions
