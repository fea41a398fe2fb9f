# Two commands for a new user (see README.md):
#   make run    set everything up and open the dashboard on the sample data
#   make test   set everything up (venv, pinned requirements, Debian chromium) and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test setup browser bench clean-db

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

run: setup
	@echo "Cakupan: open http://127.0.0.1:$(PORT) in your browser (Ctrl+C stops it)."
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

test: setup browser
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

clean-db:
	rm -rf data/cakupan.duckdb data/cakupan.duckdb.wal data/cakupan.duckdb.versions
