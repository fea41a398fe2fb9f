"""From query results to projections: targets per scope, the contract's record, the backtest scorecard."""
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from cakupan.data import db
from cakupan.planner import accuracy, engine, scopes

TARGETS = pd.DataFrame({
    "scope": ["national", "A", "A"],
    "target_date": pd.to_datetime(["2026-12-31", "2025-06-30", "2027-12-31"]),
    "target_participants": [1000, 300, 400],
})
MONTHLY = pd.DataFrame({
    "scope": ["national"] * 4 + ["A"] * 3 + ["B"] * 2,
    "snapshot_month": pd.to_datetime(["2023-07-01", "2023-08-01", "2023-09-01", "2023-10-01",
                                      "2023-08-01", "2023-09-01", "2023-10-01", "2023-09-01", "2023-10-01"]),
    "active_participants": [100, 110, 120, 130, 200, 210, 220, 50, 50],
})


@pytest.mark.parametrize("scope, target_date, expected_month, expected_target", [
    ("A", None, dt.date(2025, 6, 1), 300.0),                           # its next target
    ("A", dt.date(2026, 3, 15), dt.date(2026, 3, 1), 400.0),           # the next one after the chosen date
    ("A", dt.date(2028, 6, 30), dt.date(2028, 6, 1), 400.0),           # after all of them: its last one
    ("national", None, dt.date(2026, 12, 1), 1000.0),
    ("B", None, dt.date(2026, 12, 1), None),                           # no target: the national date, no figure
])
def test_scope_input_picks_the_target(scope, target_date, expected_month, expected_target):
    series = scopes.series_by_scope(MONTHLY)[scope]
    item = scopes.scope_input(scope, series, TARGETS, target_date)
    assert (item.target_month, item.target_participants) == (expected_month, expected_target)


def test_contract_record_and_gap_table():
    inputs = scopes.scope_inputs(MONTHLY, TARGETS)
    assert [item.scope for item in inputs] == ["national", "A", "B"]
    results = engine.project_scopes(inputs)
    national = scopes.contract_record(inputs[0], results[0])
    assert tuple(national) == scopes.CONTRACT_KEYS
    # a straight line +10 a month from 130 in Oct 2023: 38 months later 510
    assert national | {"p10": None, "p90": None} == {
        "scope": "national", "last_month": "2023-10", "active_participants": 130, "method": "trend",
        "window_months": 3, "target_date": "2026-12-31", "target_participants": 1000,
        "projected_participants": 510, "gap_participants": 490, "pace_per_month": 10.0,
        "required_pace_per_month": pytest.approx(870 / 38), "p10": None, "p90": None,
        "probability_target_met": 0.0, "status": "off_track"}
    assert national["p10"] == national["p90"] == 510        # every monthly change is +10: no spread
    table = scopes.gap_table(inputs, results)
    assert list(table["status"][:2]) == ["off_track", "on_track"] and pd.isna(table.loc[2, "status"])
    assert table.loc[0, "gap_now_participants"] == 1000 - 130 and table.loc[0, "gap_participants"] == 1000 - 510
    assert pd.isna(table.loc[2, "gap_participants"]) and table.loc[2, "projected_participants"] == 50


def test_backtest_compares_with_what_happened():
    months = 30
    series = scopes.ScopeSeries(dt.date(2023, 10, 1), np.arange(months, dtype=float) * 10 + 1000)
    scorecard = accuracy.backtest(series, dt.date(2022, 10, 1))
    assert len(scorecard) == len(engine.METHODS) * len(accuracy.BACKTEST_WINDOWS) * 2
    trend = scorecard[scorecard["method"] == "trend"]
    # a perfect line: the trend is exact, the band has no width but holds the actual
    assert np.allclose(trend["error_participants"], 0) and trend["inside_80"].all()
    growth = scorecard[(scorecard["method"] == "growth") & (scorecard["horizon_months"] == 12)]
    assert (growth["error_participants"] > 0).all()           # compounding overshoots a straight line


def test_backtest_without_data_after_has_no_actual():
    series = scopes.ScopeSeries(dt.date(2023, 10, 1), np.arange(20, dtype=float) + 100)
    scorecard = accuracy.backtest(series, dt.date(2023, 6, 1))
    twelve = scorecard[scorecard["horizon_months"] == 12]
    assert twelve["actual"].isna().all() and twelve["inside_80"].isna().all()
    six = scorecard[scorecard["horizon_months"] == 6]
    assert math.isnan(six["actual"].iloc[0])                   # Jun 2023 + 6 is Dec 2023: not there yet
    assert accuracy.backtest_origins(series)[-1] == dt.date(2023, 4, 1)


def test_target_date_options_and_month_options():
    assert scopes.target_date_options(TARGETS, dt.date(2023, 10, 1), extra_years=1) == [
        "2024-12-31", "2025-06-30", "2025-12-31", "2026-12-31", "2027-12-31", "2028-12-31"]
    assert scopes.month_options(dt.date(2023, 11, 1), dt.date(2024, 2, 29)) == [
        "2023-11", "2023-12", "2024-01", "2024-02"]


@pytest.mark.parametrize("method", engine.METHODS)
@pytest.mark.parametrize("window", scopes.WINDOW_CHOICES)
def test_every_sample_projection_sits_inside_its_own_band(sample_db, method, window):
    inputs = scopes.scope_inputs(db.run("scope_monthly_active"), db.run("targets"))
    for result in engine.project_scopes(inputs, method, window):
        assert result.p10 <= result.projected_participants <= result.p90, result.scope
        central, low, high = result.path_central, result.path_bands[1], result.path_bands[3]
        assert ((low <= central) & (central <= high)).all(), result.scope       # in every month of the fan


def test_rolling_accuracy_of_a_straight_line_is_exact_for_the_trend():
    series = scopes.ScopeSeries(dt.date(2023, 10, 1), np.arange(40, dtype=float) * 10 + 1000)
    scorecard = accuracy.rolling_accuracy(series, windows=(3, 12))
    trend = scorecard[scorecard["method"] == "trend"]
    assert np.allclose(trend["mape_pct"], 0) and (trend["inside_80_pct"] == 100).all()
    naive = scorecard[(scorecard["method"] == "naive") & (scorecard["window_months"] == 12)
                      & (scorecard["horizon_months"] == 6)].iloc[0]
    # origins: P_t from index 12 to 33 (6 months of actuals after): 22 of them; "no change" misses by 60 people
    assert naive["origins"] == 22
    assert naive["mape_pct"] == pytest.approx(np.mean([100 * 60 / (1000 + 10 * (k + 6)) for k in range(12, 34)]))
    assert (trend["relative_to_naive"] == 0).all()
    assert tuple(accuracy.best_accuracy(scorecard)[["method", "window_months"]]) == ("trend", 3)


def test_rolling_accuracy_of_a_short_series_has_no_origins():
    scorecard = accuracy.rolling_accuracy(scopes.ScopeSeries(dt.date(2023, 10, 1), np.arange(5, dtype=float)))
    assert scorecard["mape_pct"].isna().all() and (scorecard["origins"] == 0).all()
    assert accuracy.best_accuracy(scorecard) is None
