"""Cold start to the first chart: a fresh `streamlit run` on 127.0.0.1 and a fresh Debian chromium (Playwright),
timed from starting the server to the home page's first chart drawn, and what that time consists of.

    python -m bench.cold_start --db bench/out/some.duckdb

Parts, each measured, not derived:
  server_ready_s     `streamlit run` started → /_stcore/health answers (Python, Streamlit and its server)
  browser_launch_s   chromium started (Playwright)
  first_chart_s      the address opened in a new browser context → the first Plotly chart drawn, on a server that
                     has not run a page yet: the browser loads Streamlit's JavaScript, opens the websocket, the server
                     runs the home script for the first time and the browser draws its charts
  again_first_chart_s the same in a second new context: the server's imports and caches are warm, so this is
                     mostly the browser's own part (JavaScript, websocket, drawing)
and, in a fresh Python process (what the first script run pays inside first_chart_s):
  app_import_s       importing the dashboard's modules (pandas, Plotly, DuckDB, Babel and cakupan)
  db_open_s          opening the database and creating the shared SQL (the first query, `data_version`)
  home_queries_s     the home page's queries, uncached, once
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]
FIRST_CHART = "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg') !== null"

# Run in a fresh interpreter: what the server's first script run imports and opens, timed step by step.
IMPORT_PROBE = r"""
import datetime, json, re, sys, time
def revived(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else value
calls = [(name, {key: revived(value) for key, value in params.items()}) for name, params in json.loads(sys.argv[1])]
started = time.perf_counter()
from cakupan import charts, i18n, kpi, takeaways, ui
from cakupan.data import db
imported = time.perf_counter()
db.run("data_version")
opened = time.perf_counter()
for name, params in calls:
    db.run(name, **params)
queried = time.perf_counter()
print(json.dumps({"app_import_s": imported - started, "db_open_s": opened - imported,
                  "home_queries_s": queried - opened}))
"""


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.05)
    raise RuntimeError(f"streamlit did not become healthy at {url}")


def probe_imports(database: Path, home_queries: list) -> dict:
    """The first script run's own parts, in a fresh Python process over the same database."""
    finished = subprocess.run([sys.executable, "-c", IMPORT_PROBE, json.dumps(home_queries, default=lambda value: value.isoformat())],
                              cwd=ROOT, env=os.environ | {"CAKUPAN_DB": str(database)}, capture_output=True,
                              text=True, timeout=300, check=True)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def time_first_chart(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(FIRST_CHART, timeout=300_000)
        return time.perf_counter() - started
    finally:
        context.close()


def measure(database: Path, home_queries: list | None = None) -> dict:
    """Every part above; {"skipped": reason} when there is no chromium to drive."""
    if not Path(CHROMIUM).exists():
        return {"skipped": f"no chromium at {CHROMIUM}"}
    from playwright.sync_api import sync_playwright
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=os.environ | {"CAKUPAN_DB": str(database)}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(url, server)
        result = {"server_ready_s": time.perf_counter() - started}
        with sync_playwright() as playwright:
            launched = time.perf_counter()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            result["browser_launch_s"] = time.perf_counter() - launched
            result["first_chart_s"] = time_first_chart(browser, url)
            result["again_first_chart_s"] = time_first_chart(browser, url)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    result |= probe_imports(database, home_queries or [])
    result["cold_start_s"] = result["server_ready_s"] + result["first_chart_s"]
    return result


def describe(result: dict) -> str:
    """One line: the total and its parts."""
    if "skipped" in result:
        return f"cold start not measured: {result['skipped']}"
    return (f"cold start to first chart {result['cold_start_s']:.1f} s = server ready {result['server_ready_s']:.1f} s"
            f" + first page {result['first_chart_s']:.1f} s (of which, in a fresh process: app imports"
            f" {result['app_import_s']:.1f} s, database open {result['db_open_s']:.2f} s, home queries"
            f" {result['home_queries_s']:.2f} s; the rest is the script, the websocket and drawing); a second fresh"
            f" browser on the running server: {result['again_first_chart_s']:.1f} s; chromium launch"
            f" {result['browser_launch_s']:.1f} s (not counted)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="database file to serve (not modified)")
    args = parser.parse_args(argv)
    result = measure(args.db.resolve())
    print(json.dumps(result, indent=1))
    print(describe(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
