"""KPIs of a scope from its monthly series, and the choice of target."""
import datetime as dt

import pandas as pd
import pytest

from cakupan import kpi

TARGETS = pd.DataFrame({
    "scope": ["national", "national", "AAA", "BBB"],
    "target_date": pd.to_datetime(["2024-12-31", "2026-12-31", "2026-12-31", "2026-12-31"]),
    "target_participants": [50_000_000, 70_000_000, 400, 100],
})


def monthly(values, first="2022-10-01"):
    months = pd.date_range(first, periods=len(values), freq="MS")
    return pd.DataFrame({"snapshot_month": months, "active_participants": values,
                         "formal_share_pct": [60.0] * len(values)})


@pytest.mark.parametrize("scope, on_or_after, expected", [
    ("national", dt.date(2023, 10, 1), kpi.Target("national", dt.date(2024, 12, 31), 50_000_000)),
    ("national", dt.date(2025, 1, 1), kpi.Target("national", dt.date(2026, 12, 31), 70_000_000)),
    ("national", dt.date(2027, 1, 1), kpi.Target("national", dt.date(2026, 12, 31), 70_000_000)),
    ("CCC", dt.date(2023, 1, 1), None),
])
def test_pick_target(scope, on_or_after, expected):
    assert kpi.pick_target(TARGETS, scope, on_or_after) == expected


def test_combined_target_adds_the_associations():
    assert kpi.combined_target(TARGETS, ["AAA", "BBB"], dt.date(2023, 1, 1), "all") == \
        kpi.Target("all", dt.date(2026, 12, 31), 500)
    assert kpi.combined_target(TARGETS, ["AAA", "CCC"], dt.date(2023, 1, 1), "all") is None


def test_summarize_hand_worked():
    # 13 months from Oct 2022 to Oct 2023, +10 a month: 100 … 220
    series = monthly(list(range(100, 221, 10)))
    summary = kpi.summarize(series, kpi.Target("AAA", dt.date(2026, 12, 31), 600))
    assert summary.last_month == dt.date(2023, 10, 1)
    assert (summary.active_participants, summary.change_month, summary.change_year) == (220, 10, 120)
    assert summary.change_year_pct == pytest.approx(120.0)
    assert summary.pace_per_month == 10.0
    assert summary.months_to_target == 38
    assert summary.required_pace_per_month == pytest.approx(380 / 38)
    assert summary.gap_now == 380
    assert summary.projection.projected_participants == pytest.approx(600)   # 220 + 10 · 38, anchored
    assert summary.target_reached_pct == pytest.approx(100 * 220 / 600)
    assert summary.status == "on_track"


def test_summarize_short_series_without_target():
    summary = kpi.summarize(monthly([5, 3]), None)
    assert (summary.change_month, summary.change_year, summary.change_year_pct) == (-2, None, None)
    assert summary.target is None and summary.status is None and summary.pace_per_month == -2.0


@pytest.mark.parametrize("scope, expected", [
    ("all", kpi.Target("all", dt.date(2026, 12, 31), 500)),
    ("AAA", kpi.Target("AAA", dt.date(2026, 12, 31), 400)),
    ("national", kpi.Target("national", dt.date(2026, 12, 31), 70_000_000)),
])
def test_target_for_scope(scope, expected):
    assert kpi.target_for_scope(TARGETS, scope, ["AAA", "BBB"], dt.date(2025, 6, 1)) == expected
