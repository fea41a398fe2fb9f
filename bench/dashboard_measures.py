"""Measures of the dashboard itself at one data size: ingest, the named queries the pages run, page scripts,
the what-if recompute, and peak memory. Run in a child process per size (`bench.child`), so memory is per size.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from typing import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench import cold_start as bench_cold_start
from bench import datasets
from bench.report import GOAL_SEEK
from bench.timing import measure, peak_memory_bytes
from cakupan import i18n, kpi, ui
from cakupan.data import db
from cakupan.planner import engine, goal_seek, scopes
from cakupan.presenter import deck_inputs, slides

ROOT = datasets.ROOT
GOAL_SEEK_CHANCE = 0.8   # the what-if panel's default chance
GOAL_SEEK_SCOPES = 5     # national, all associations and the first associations: the slowest one is reported
MAIN_SCRIPT = "dashboard.py"


# --- ingest -----------------------------------------------------------------------------------------------
# How a whole data set gets into a database file: (folder with the generated files, database path) -> None.
# The validated ingest (cakupan/ingest.py, written on another branch) goes here as one more entry, e.g.
#     "validated ingest": lambda folder, path: ingest.load_file(path, datasets.enrollment_file(folder), ...),
# and every size and format is then measured with it too.
INGEST_METHODS: dict[str, Callable[[Path, Path], None]] = {
    "build_database": lambda folder, path: db.build_database(path, folder),
}


def measure_ingest(size: str, runs: int) -> dict:
    """Seconds to build a database from the whole data set, per method and file format."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="cakupan-bench-") as scratch:
        target = Path(scratch) / "ingest.duckdb"
        for method, load in INGEST_METHODS.items():
            for fmt in datasets.FORMATS:
                folder = datasets.dataset(size, fmt)
                timing = measure(lambda: load(folder, target), runs=runs, warmups=1,
                                 before_each=lambda: target.unlink(missing_ok=True))
                results[f"{method} ({fmt})"] = timing.as_dict()
    return results


# --- pages and their queries ---------------------------------------------------------------------------------

def page_files() -> dict[str, str]:
    """Page name -> script, for every page in the menu that exists (new pages are measured without edits here)."""
    return {("home" if path == MAIN_SCRIPT else Path(path).stem.split("_", 1)[1]): path
            for path, _, _ in ui.NAV_PAGES if (ROOT / path).exists()}


# Interactions beyond the defaults whose queries are timed as well: (page script, widget kind, key, value).
INTERACTIONS = (
    ("dashboard.py", "selectbox", "home_scope", "all"),
    ("pages/1_growth.py", "multiselect", "filter_provinces", ["31"]),
    ("pages/2_formal_informal.py", "segmented_control", "split_scope", "associations"),
)


_server_state: dict = {}


def open_page(script: str) -> AppTest:
    """A new session on `script`, run once (AppTest resolves pages relative to the main script).

    A fresh AppTest scans every installed package for Streamlit components (~0.2 s), which a real server
    does once at start, not per session: sessions here share the first one's scan so it is not timed.
    """
    app = AppTest.from_file(str(ROOT / MAIN_SCRIPT), default_timeout=600)
    app._bidi_component_manager = _server_state.get("components")
    if script != MAIN_SCRIPT:
        app.switch_page(script)
    app.run()
    _server_state["components"] = app._bidi_component_manager
    if app.exception:
        raise RuntimeError(f"{script}: {[e.message for e in app.exception]}")
    return app


def interact(app: AppTest, kind: str, key: str, value) -> None:
    getattr(app, kind)(key=key).set_value(value).run()
    if app.exception:
        raise RuntimeError(f"{kind} {key}={value}: {[e.message for e in app.exception]}")


@contextlib.contextmanager
def recorded_queries() -> list:
    """Every (name, params) that reaches db.run while the block runs."""
    calls, original = [], db.run

    def recording_run(name, **params):
        calls.append((name, params))
        return original(name, **params)

    db.run = recording_run
    try:
        yield calls
    finally:
        db.run = original


def page_queries() -> dict[str, list[tuple[str, dict]]]:
    """The named queries each page runs at its defaults (keyed by page) and in each interaction above."""
    st.cache_data.clear()  # every query must reach the database to be seen
    runs = {}
    for page, script in page_files().items():
        with recorded_queries() as calls:
            open_page(script)
        runs[page] = calls
    for script, kind, key, value in INTERACTIONS:
        if (ROOT / script).exists():
            app = open_page(script)
            with recorded_queries() as calls:
                interact(app, kind, key, value)
            runs[f"{script} {key}={value}"] = calls
    return runs


def query_label(name: str, params: dict, all_codes: dict[str, int]) -> str:
    """A short readable label: the query name and, per list parameter, `all` or how many codes."""
    parts = []
    for key, value in params.items():
        if isinstance(value, list):
            parts.append(f"{key}={'all' if len(value) == all_codes.get(key) else len(value)}")
        elif key == "breakdown":
            parts.append(value)
    return f"{name}({', '.join(parts)})" if parts else name


def measure_queries(runs: int, calls_by_run: dict | None = None) -> tuple[dict, dict]:
    """p50/p95 of every page query straight from the database (no Streamlit cache), and per page the sum of
    the medians of its queries at the defaults: the data work of a first view, comparable with pandas."""
    all_codes = {"associations": len(db.run("associations")), "segments": len(db.run("segments")),
                 "provinces": len(db.run("provinces"))}
    timings, page_data = {}, {}
    for run_label, calls in (calls_by_run or page_queries()).items():
        labels = []
        for name, params in calls:
            label = query_label(name, params, all_codes)
            if label not in timings:
                timings[label] = measure(lambda: db.run(name, **params), runs=runs).as_dict()
            labels.append(label)
        if run_label in page_files():
            page_data[run_label] = sum(timings[label]["p50_s"] for label in set(labels))
    return timings, page_data


def measure_pages(runs: int) -> dict:
    """Script time of each page in a new session: `cold` with empty caches (the first viewer after a load),
    `warm` once the caches are filled (every later viewer), and `rerun` of an open session (a widget moved
    back and forth between cached answers)."""
    results = {}
    for page, script in page_files().items():
        cold = measure(lambda: open_page(script), runs=runs, warmups=1, before_each=st.cache_data.clear)
        warm = measure(lambda: open_page(script), runs=runs, warmups=1)
        session = open_page(script)
        rerun = measure(session.run, runs=runs, warmups=1)
        results[page] = {"cold": cold.as_dict(), "warm": warm.as_dict(), "rerun": rerun.as_dict()}
    return results


# --- what-if ---------------------------------------------------------------------------------------------

def measure_what_if(runs: int) -> dict:
    """Recomputing every scope's numbers from its monthly series, as the planner pages do on each change.

    Two parts: `kpi.summarize` per scope (the home page's numbers), and the projection engine over every scope
    at once — trend, bootstrap bands (2,000 paths), probability and month reached — as the target-gap page
    recomputes it when the method, window or target date changes.
    """
    targets = db.run("targets")
    codes = list(db.run("associations")["association_code"])
    series = {"national": db.run("national_monthly"), "all": db.run("associations_total_monthly", associations=codes)}
    by_association = db.run("growth", breakdown="association", from_month=dt.date(1900, 1, 1),
                            to_month=dt.date(2999, 1, 1), associations=codes,
                            segments=list(db.run("segments")["segment"]),
                            provinces=list(db.run("provinces")["province_code"]))
    formal = db.run("formal_share_by_association", month=by_association["snapshot_month"].max().date(),
                    associations=codes, segments=list(db.run("segments")["segment"]),
                    provinces=list(db.run("provinces")["province_code"]))
    formal_share = dict(zip(formal["association_code"], formal["formal_share_pct"]))
    for code, rows in by_association.groupby("group_key", sort=True):
        series[code] = rows.assign(formal_share_pct=formal_share.get(code))

    def scope_targets() -> dict:
        return {scope: kpi.target_for_scope(targets, scope, codes, monthly["snapshot_month"].iloc[-1].date())
                for scope, monthly in series.items()}

    # Targets depend on the data, not on the levers: a page resolves them once per data version (timed apart).
    resolved = scope_targets()

    def recompute_all_scopes() -> None:
        for scope, monthly in series.items():
            kpi.summarize(monthly, resolved[scope])

    # the projection engine's inputs (series and targets per scope) also change only with the data
    scope_monthly = db.run("scope_monthly_active")
    inputs = scopes.scope_inputs(scope_monthly, targets)

    def project_table() -> None:
        engine.project_scopes(inputs, engine.DEFAULT_METHOD, engine.DEFAULT_WINDOW_MONTHS, fan=False)

    def project_fan() -> None:
        engine.project_scopes(inputs[:1], engine.DEFAULT_METHOD, engine.DEFAULT_WINDOW_MONTHS)

    # goal seek for one scope, as the what-if page's panel and `solve` run it: the slowest of the first scopes
    seeks = [measure(lambda item=item: goal_seek.seek(item, "recruits", GOAL_SEEK_CHANCE), runs=runs).as_dict()
             for item in inputs[:GOAL_SEEK_SCOPES]]

    return {"projection table, all scopes (band at the target month)": measure(project_table, runs=runs).as_dict()
            | {"scopes": len(inputs)},
            "projection fan, the scope on screen": measure(project_fan, runs=runs).as_dict() | {"scopes": 1},
            GOAL_SEEK: max(seeks, key=lambda timing: timing["p50_s"]) | {"scopes": 1, "of_scopes": len(seeks)},
            "kpi.summarize, all scopes (a page computes one)": measure(recompute_all_scopes, runs=runs).as_dict()
            | {"scopes": len(series)},
            "targets of all scopes (once per data version)": measure(scope_targets, runs=runs).as_dict()
            | {"scopes": len(series)},
            "projection inputs of all scopes (once per data version)": measure(
                lambda: scopes.scope_inputs(scope_monthly, targets), runs=runs).as_dict() | {"scopes": len(inputs)}}


# --- presenter slides ------------------------------------------------------------------------------------------

def measure_presenter_slides(runs: int, lang: str = "id") -> dict:
    """Each slide the first time it is shown after a data change (the presenter keeps it afterwards): the deck's
    common numbers and the slide itself, from query results the page has cached (not timed)."""
    inputs = deck_inputs.gather_inputs(db.run)
    t = i18n.translator(lang)
    keys = slides.build_slides(inputs, t).keys
    return {key: measure(lambda: slides.build_slides(inputs, t)[index], runs=runs).as_dict()
            for index, key in enumerate(keys)}


# --- one size, end to end ------------------------------------------------------------------------------------

def measure_size(size: str, runs: int, ingest_runs: int, cold_start: bool = False) -> dict:
    """Every dashboard measure at one size; the database built from the CSV set is then used by the rest.
    `cold_start`: also a fresh server and browser to the first chart (bench.cold_start)."""
    results = {"size": size, "ingest": measure_ingest(size, ingest_runs)}
    with tempfile.TemporaryDirectory(prefix="cakupan-bench-") as scratch:
        database = Path(scratch) / "cakupan.duckdb"
        db.build_database(database, datasets.dataset(size, "csv"))
        os.environ["CAKUPAN_DB"] = str(database)
        try:
            results["rows"] = int(db.run("loads")["rows"].sum())
            calls = page_queries()
            results["queries"], results["page_data_s"] = measure_queries(runs, calls)
            results["pages"] = measure_pages(runs)
            results["what_if"] = measure_what_if(runs)
            results["presenter_slides"] = measure_presenter_slides(runs)
            results["database_bytes"] = database.stat().st_size
            db.close_all()
            if cold_start:
                results["cold_start"] = bench_cold_start.measure(database, calls.get("home", []))
            # the same queries over the Parquet files through views (CAKUPAN_SOURCE), nothing loaded
            os.environ[db.SOURCE_ENV] = f"{db.PARQUET_PREFIX}{datasets.dataset(size, 'parquet')}"
            results["queries_parquet_source"], _ = measure_queries(runs, calls)
        finally:
            os.environ.pop(db.SOURCE_ENV, None)
            db.close_all()
            st.cache_data.clear()
    results["peak_memory_bytes"] = peak_memory_bytes()
    return results
