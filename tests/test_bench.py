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


def result(page_warm_s: float, query_s: float) -> dict:
    timing = lambda s: {"p50_s": s, "p95_s": s, "runs": 1}  # noqa: E731
    return {"size": "10m", "dashboard": {
        "rows": 10_000_000, "ingest": {"build_database (csv)": timing(20.0)}, "queries": {"growth": timing(query_s)},
        "page_data_s": {"home": 0.05}, "pages": {"home": {"cold": timing(0.6), "warm": timing(page_warm_s),
                                                           "rerun": timing(page_warm_s)}},
        "what_if": {"kpi.summarize, all scopes": timing(0.02) | {"scopes": 3},
                    "projection with bands, all scopes": timing(0.03) | {"scopes": 3}}, "peak_memory_bytes": 1e9,
        "database_bytes": 1e8}, "baseline": {"pages": {"home": {"csv": timing(10.0), "in_memory": timing(1.0)}},
                                            "peak_memory_bytes": 3e9}}


@pytest.mark.parametrize("page_warm_s, query_s, verdict", [
    (0.3, 0.1, "all goals met"),
    (0.7, 0.1, "goals missed: page_warm_s"),
    (0.7, 0.25, "goals missed: page_warm_s, query_s"),
])
def test_summary_line_names_the_missed_goals(page_warm_s, query_s, verdict):
    line = report.summary([result(page_warm_s, query_s)])
    assert line.startswith("SUMMARY at 10m (10,000,000 rows)") and f"-> {verdict};" in line
    assert line.endswith("faster than pandas over CSV: 10m data 200x, whole warm page " + (
        "33x" if page_warm_s == 0.3 else "14x"))
    assert "what_if_s 0.050/0.1" in line  # KPIs and projections of all scopes together
    assert len(line.splitlines()) == 1
    assert "page home (warm)" in report.table([result(page_warm_s, query_s)])
