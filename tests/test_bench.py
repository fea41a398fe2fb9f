"""The benchmark's own logic: the pandas baseline computes the same answers as the named queries, and the
summary line says which goals are missed."""

import pandas as pd
import pytest

from bench import pandas_baseline, report
from cakupan.data import db


@pytest.fixture(scope="module")
def frames():
    return pandas_baseline.read_frames(db.SAMPLE_DIR)


def default_filters() -> dict:
    months = db.run("month_range").iloc[0]
    last = months["last_enrollment_month"].date()
    first = (pd.Timestamp(last) - pd.DateOffset(months=pandas_baseline.PERIOD_MONTHS - 1)).date()
    return {"from_month": first, "to_month": last,
            "associations": list(db.run("associations")["association_code"]),
            "segments": list(db.run("segments")["segment"]), "provinces": list(db.run("provinces")["province_code"])}


def test_pandas_growth_equals_the_growth_query(sample_db, frames):
    answers = pandas_baseline.growth(frames)
    filters = default_filters()
    by_association = db.run("growth", breakdown="association", **filters)
    ours = answers["growth"].rename(columns={"association_code": "group_key"})
    columns = ["group_key", "active_participants", "new_participants", "lapsed_participants"]
    assert ours[columns].reset_index(drop=True).equals(by_association[columns].astype({"group_key": ours["group_key"].dtype}))
    assert list(ours["net_additions"].fillna(-1)) == list(by_association["net_additions"].fillna(-1))
    assert list(ours["yoy_growth_pct"]) == pytest.approx(list(by_association["yoy_growth_pct"]), abs=0.006)
    total = db.run("growth", breakdown="total", **filters)
    assert list(answers["total"]["active_participants"]) == list(total["active_participants"])


def test_pandas_home_and_formal_informal_equal_the_queries(sample_db, frames):
    home = pandas_baseline.home(frames)
    national = db.run("national_monthly")
    assert list(home["national"]["active_participants"]) == list(national["active_participants"])
    assert list(home["national"]["formal_share_pct"]) == list(national["formal_share_pct"])
    everyone = db.run("associations_total_monthly", associations=list(db.run("associations")["association_code"]))
    assert list(home["all"]["active_participants"]) == list(everyone["active_participants"])
    split = pandas_baseline.formal_informal(frames)
    filters = default_filters()
    codes = {key: filters[key] for key in ("associations", "segments", "provinces")}
    ranking = db.run("formal_share_by_association", month=filters["to_month"], **codes)
    assert dict(zip(split["ranking"]["association_code"], split["ranking"]["formal_share_pct"])) == dict(
        zip(ranking["association_code"], ranking["formal_share_pct"]))
    composition = db.run("segment_composition", month=filters["to_month"], **codes)
    assert list(split["composition"]["share_pct"]) == list(composition["share_pct"])
    national_split = db.run("sector_split_national", from_month=filters["from_month"], to_month=filters["to_month"])
    assert list(split["split"]["share_pct"]) == list(national_split["share_pct"])


def result(page_warm_s: float, query_s: float, table_s: float = 0.03, seek_s: float = 0.05,
           publish_s: float = 1.5) -> dict:
    timing = lambda s: {"p50_s": s, "p95_s": s, "runs": 1}  # noqa: E731
    # a page's CPU time next to its wall clock (a shared machine makes the wall clock wait for a core)
    page = lambda s: timing(s) | {"cpu_p50_s": 0.2}  # noqa: E731
    return {"size": "10m", "dashboard": {
        "rows": 10_000_000, "ingest": {"build_database (csv)": timing(20.0)}, "queries": {"growth": timing(query_s)},
        "page_data_s": {"home": 0.05}, "pages": {"home": {"cold": page(0.6), "warm": page(page_warm_s),
                                                           "rerun": page(page_warm_s)}},
        "what_if": {report.WHAT_IF_TABLE: timing(table_s) | {"scopes": 1146},
                    report.WHAT_IF_FAN: timing(0.02) | {"scopes": 1},
                    "kpi.summarize, all scopes (a page computes one)": timing(0.5) | {"scopes": 1146},
                    report.GOAL_SEEK: timing(seek_s) | {"scopes": 1, "of_scopes": 5}},
        "presenter_slides": {"title": timing(0.01), "progress": timing(0.4)},
        "cold_start": {"cold_start_s": 4.1, "server_ready_s": 1.5, "first_chart_s": 2.6, "app_import_s": 1.2,
                       "db_open_s": 0.05, "home_queries_s": 0.02, "again_first_chart_s": 1.1,
                       "browser_launch_s": 0.4},
        "peak_memory_bytes": 1e9, "database_bytes": 1e8},
        "baseline": {"pages": {"home": {"csv": timing(10.0), "in_memory": timing(1.0)}}, "peak_memory_bytes": 3e9},
        "publish": {"size": "10m", "rows": 10_000_000, "database_bytes": 111e6, "new_month_rows": 42_000,
                    "load": timing(publish_s), "load_transaction": timing(0.9), "undo": timing(1.0),
                    "copy": timing(0.2), "rebuild": timing(60.0)}}


@pytest.mark.parametrize("page_warm_s, query_s, table_s, verdict", [
    (0.3, 0.1, 0.03, "all goals met"),
    (0.7, 0.1, 0.03, "goals missed: page_warm_s (slowest: home, CPU 0.200 s)"),
    (0.7, 0.25, 0.03, "goals missed: page_warm_s (slowest: home, CPU 0.200 s), query_s (slowest: growth)"),
    (0.3, 0.1, 0.09, "goals missed: what_if_s (table of 1146 scopes 0.090 s + fan 0.020 s)"),
])
def test_summary_line_names_the_missed_goals_and_why(page_warm_s, query_s, table_s, verdict):
    line = report.summary([result(page_warm_s, query_s, table_s)])
    assert line.startswith("SUMMARY at 10m (10,000,000 rows)") and f"-> {verdict};" in line
    assert line.endswith("faster than pandas over CSV: 10m data 200x, whole warm page " + (
        "33x" if page_warm_s == 0.3 else "14x"))
    # the target-gap page's recompute: every scope at its target month, and the fan of the scope on screen
    assert f"what_if_s {table_s + 0.02:.3f}/0.1" in line
    assert "slowest presenter slide the first time it is shown: progress 0.400 s" in line
    assert ("cold start to first chart 4.1 s (server ready 1.5 + first page 2.6: app imports 1.2, database open 0.05,"
            " home queries 0.02") in line
    assert len(line.splitlines()) == 1
    table = report.table([result(page_warm_s, query_s, table_s)])
    assert "page home (warm)" in table and "presenter slide progress (first time shown, then kept)" in table
    assert "cold start: first_chart_s" in table and "cpu p50 s" in table.splitlines()[2]


def test_goal_seek_and_publishing_are_goals_of_the_summary_with_what_they_are_made_of():
    met = report.summary([result(0.3, 0.1)])
    assert "goal_seek_s 0.050/0.3" in met and "publish_s 1.500/2" in met and "-> all goals met;" in met
    missed = report.summary([result(0.3, 0.1, seek_s=0.4, publish_s=2.5)])
    assert ("goals missed: goal_seek_s (slowest of 5 scopes), publish_s (42,000 rows: the load's own transaction"
            " 0.90 s, copy of the 111 MB file 0.20 s)") in missed
    assert "publish: load" in report.table([result(0.3, 0.1)])


def test_a_cold_start_without_a_browser_says_so():
    measured = result(0.3, 0.1)
    measured["dashboard"]["cold_start"] = {"skipped": "no chromium at /usr/bin/chromium"}
    assert "cold start not measured (no chromium at /usr/bin/chromium)" in report.summary([measured])
