"""Many viewers at once: N real browser sessions (tabs of one Debian chromium, via Playwright) against a running
`streamlit run` on 127.0.0.1, each opening pages and moving filters for a bounded time, each checking the
numbers it sees against the database. Reports errors, wrong numbers and page times (p50, p95).

    python -m bench.load --sessions 50 --seconds 30             # starts its own server on a free port
    python -m bench.load --url http://127.0.0.1:8501 --db data/cakupan.duckdb

Only 127.0.0.1 is ever contacted. tests/e2e/test_many_viewers.py runs a small version in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np

from cakupan import i18n
from cakupan.data import db

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]
STEP_TIMEOUT_MS = 300_000  # generous: 50 browser sessions and the server share 2 cores; slower is an error
LANG = "id"


@dataclasses.dataclass(frozen=True)
class Expected:
    """What a viewer must see, read from the database the server uses (never from the page)."""
    national_active: str                  # home KPI "Peserta aktif", national scope: "40,2 juta"
    association_active: dict[str, str]    # the same KPI with one association as the scope
    association_labels: dict[str, str]    # association code -> its name in the home scope list
    segment_labels: list[str]             # legend of the growth chart broken down by segment
    nav: dict[str, str]                   # page -> menu label
    titles: dict[str, str]                # page -> its title (h1)


def expected_from_database(database: Path) -> Expected:
    os.environ["CAKUPAN_DB"] = str(database)
    try:
        national = db.run("national_monthly")["active_participants"].iloc[-1]
        associations = db.run("associations")
        codes = list(associations["association_code"])[:11]
        active = {code: i18n.format_card_number(db.run("associations_total_monthly", associations=[code])
                                                ["active_participants"].iloc[-1], LANG) for code in codes}
        return Expected(
            national_active=i18n.format_card_number(national, LANG), association_active=active,
            association_labels={code: f"{code} — {name}" for code, name in
                                zip(associations["association_code"], associations["name"]) if code in active},
            segment_labels=list(db.run("segments")[f"label_{LANG}"]),
            nav={page: i18n.translate(f"nav.{page}", LANG) for page in ("growth", "formal_informal")},
            titles={page: i18n.translate(f"{page}.title", LANG) for page in ("growth", "formal_informal")})
    finally:
        db.close_all()


@dataclasses.dataclass
class Results:
    step_seconds: dict[str, list[float]] = dataclasses.field(default_factory=dict)
    errors: list[str] = dataclasses.field(default_factory=list)
    checks_passed: int = 0
    cycles: int = 0

    def record(self, step: str, seconds: float) -> None:
        self.step_seconds.setdefault(step, []).append(seconds)

    def summary(self) -> dict:
        every = [s for seconds in self.step_seconds.values() for s in seconds]
        return {
            "cycles": self.cycles, "checks_passed": self.checks_passed, "errors": self.errors,
            "steps": {step: {"count": len(s), "p50_s": float(np.percentile(s, 50)), "p95_s": float(np.percentile(s, 95))}
                      for step, s in self.step_seconds.items()},
            "all_steps": {"count": len(every), "p50_s": float(np.percentile(every, 50)) if every else None,
                          "p95_s": float(np.percentile(every, 95)) if every else None},
        }


# --- one viewer -----------------------------------------------------------------------------------------------

async def settled(page, charts: int) -> None:
    """Wait until the page shows `charts` drawn charts and no script is running."""
    await page.wait_for_function(
        """n => document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot').length >= n
               && !document.querySelector('[data-testid="stStatusWidget"]')""",
        arg=charts, timeout=STEP_TIMEOUT_MS)


async def first_metric_shows(page, expected: str) -> str:
    """Wait until the first KPI value reads `expected`; a wrong number fails with what was seen instead."""
    try:
        await page.wait_for_function(
            """want => { const v = document.querySelector('[data-testid="stMetricValue"]');
                         return v && v.innerText.trim() === want
                                && !document.querySelector('[data-testid="stStatusWidget"]'); }""",
            arg=expected, timeout=STEP_TIMEOUT_MS)
    except Exception as error:
        seen = await page.locator('[data-testid="stMetricValue"]').first.inner_text()
        raise AssertionError(f"wrong number: home KPI shows {seen!r}, database says {expected!r}") from error
    return expected


async def no_error_on_page(page) -> None:
    for test_id in ("stException", "stAlertContentError"):
        if await page.locator(f'[data-testid="{test_id}"]').count():
            raise AssertionError(f"{test_id} on {page.url}: {await page.locator(f'[data-testid={test_id}]').first.inner_text()}")


async def timed(results: Results, step: str, action) -> None:
    started = time.perf_counter()
    await action
    results.record(step, time.perf_counter() - started)


@dataclasses.dataclass(frozen=True)
class Pacing:
    """How people arrive and read: start within `ramp_s` of each other, pause `think_s` between steps."""
    ramp_s: float = 0.0
    think_s: float = 0.0


async def viewer(context, url: str, expected: Expected, index: int, deadline: float, results: Results,
                 pacing: Pacing = Pacing()) -> None:
    """One person: home (check the national KPI), one association as scope (check its KPI), growth broken
    down by segment (check the legend), formal vs informal; again from a fresh page load until the deadline."""
    rng = random.Random(index)
    await asyncio.sleep(rng.uniform(0, pacing.ramp_s))
    page = await context.new_page()  # its own tab, websocket and Streamlit session
    codes = list(expected.association_active)

    async def step(name: str, action) -> None:
        await timed(results, name, action)
        await asyncio.sleep(rng.uniform(0.5, 1.5) * pacing.think_s)

    try:
        while True:
            code = codes[(index + results.cycles) % len(codes)]
            await step("home", _open_home(page, url, expected))
            results.checks_passed += 1
            await step("home: choose an association", _choose_scope(page, expected, code))
            results.checks_passed += 1
            await step("growth", _open_menu_page(page, expected, "growth", 3))
            await step("growth: by segment", _break_down_by_segment(page, expected))
            results.checks_passed += 1
            await step("formal vs informal", _open_menu_page(page, expected, "formal_informal", 3))
            await no_error_on_page(page)
            results.cycles += 1
            if time.monotonic() >= deadline:
                break
    except Exception as error:  # any failure is reported, with the session it happened in
        results.errors.append(f"session {index}: {type(error).__name__}: {str(error).splitlines()[0][:300]}")
    finally:
        await page.close()


async def _open_home(page, url: str, expected: Expected) -> None:
    await page.goto(f"{url}/?lang={LANG}", timeout=STEP_TIMEOUT_MS)
    await settled(page, 1)
    await first_metric_shows(page, expected.national_active)
    await no_error_on_page(page)


async def _choose_scope(page, expected: Expected, code: str) -> None:
    await page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    await page.get_by_role("option", name=expected.association_labels[code], exact=True).click()
    await first_metric_shows(page, expected.association_active[code])
    await no_error_on_page(page)


async def _open_menu_page(page, expected: Expected, name: str, charts: int) -> None:
    """Follow the sidebar link (same session, like a person) and wait for that page's title and charts."""
    await page.get_by_role("link", name=expected.nav[name], exact=True).click()
    await page.wait_for_function(
        """title => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === title)""",
        arg=expected.titles[name], timeout=STEP_TIMEOUT_MS)
    await settled(page, charts)
    await no_error_on_page(page)


async def _break_down_by_segment(page, expected: Expected) -> None:
    await page.get_by_role("radio", name=i18n.translate("growth.breakdown_segment", LANG), exact=True).click()
    first_label = expected.segment_labels[0]
    await page.wait_for_function(
        """label => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .legendtext')]
                   .some(t => t.textContent === label)
                   && !document.querySelector('[data-testid="stStatusWidget"]')""",
        arg=first_label, timeout=STEP_TIMEOUT_MS)
    await no_error_on_page(page)


# --- many viewers ---------------------------------------------------------------------------------------------

async def run_viewers(url: str, expected: Expected, sessions: int, seconds: float, pacing: Pacing = Pacing()) -> dict:
    """`sessions` viewers at once for about `seconds` (each finishes the round it is in); their summary."""
    if urllib.parse.urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"the load test only runs against 127.0.0.1, not {url}")
    from playwright.async_api import async_playwright
    results = Results()
    started = time.monotonic()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # One browser profile, a tab per viewer: every tab is its own Streamlit session, and the tabs share
        # the HTTP cache, as phones that opened the link before do: the ~5 MB of JavaScript is fetched once,
        # not re-compressed by the server for every viewer (which measured the client machine, not Cakupan).
        context = await browser.new_context(viewport={"width": 1280, "height": 1600}, locale="id-ID")
        context.set_default_timeout(STEP_TIMEOUT_MS)
        try:
            # one untimed view first: the server imports pandas/plotly on its first script run, before any event
            warm_up = Results()
            await viewer(context, url, expected, 0, 0, warm_up)
            results.errors.extend(f"warm-up {error}" for error in warm_up.errors)
            started = time.monotonic()
            await asyncio.gather(*(viewer(context, url, expected, index, started + seconds, results, pacing)
                                   for index in range(sessions)))
        finally:
            await browser.close()
    return ({"sessions": sessions, "seconds": round(time.monotonic() - started, 1)} | dataclasses.asdict(pacing)
            | results.summary())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(database: Path):
    """`streamlit run dashboard.py` on a free 127.0.0.1 port over `database`, stopped with its process group."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(database.with_suffix(".log"), "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=os.environ | {"CAKUPAN_DB": str(database)}, start_new_session=True,
        stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
            time.sleep(0.3)
        yield url
    finally:
        log.close()
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def print_report(summary: dict) -> None:
    print(f"{'step':<32}{'count':>7}{'p50 s':>9}{'p95 s':>9}")
    for step, numbers in summary["steps"].items():
        print(f"{step:<32}{numbers['count']:>7}{numbers['p50_s']:>9.2f}{numbers['p95_s']:>9.2f}")
    every = summary["all_steps"]
    for error in summary["errors"]:
        print(f"ERROR {error}")
    p95 = f"{every['p95_s']:.2f} s" if every["p95_s"] is not None else "—"
    print(f"LOAD {summary['sessions']} sessions (arriving within {summary['ramp_s']:g} s, reading"
          f" {summary['think_s']:g} s between steps), {summary['seconds']} s: {summary['cycles']} rounds, "
          f"{summary['checks_passed']} number checks passed, {len(summary['errors'])} errors; page p95 {p95}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--ramp", type=float, default=10, help="viewers arrive within this many seconds (default 10)")
    parser.add_argument("--think", type=float, default=2, help="seconds a viewer reads between steps (default 2)")
    parser.add_argument("--url", help="a dashboard already running on 127.0.0.1 (default: start one)")
    parser.add_argument("--db", type=Path, help="the database that server uses (default: built from sample_data)")
    args = parser.parse_args(argv)
    if args.url and not args.db:
        parser.error("--url needs --db: the numbers are checked against the server's database")
    with tempfile.TemporaryDirectory(prefix="cakupan-load-") as scratch:
        database = args.db or Path(scratch) / "cakupan.duckdb"
        if not database.exists():
            db.build_database(database)
        expected = expected_from_database(database)
        with (contextlib.nullcontext(args.url) if args.url else served(database)) as url:
            summary = asyncio.run(run_viewers(url, expected, args.sessions, args.seconds, Pacing(args.ramp, args.think)))
    print_report(summary)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load-latest.json").write_text(json.dumps(summary, indent=1))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
