"""How good were earlier projections? The backtest from one chosen month, and the rolling-origin accuracy
scorecard over every month (data contract, projection methods v2): each method — and the naive "no change"
benchmark — projected from every past month with enough data before and after it, scored against what happened.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from cakupan.planner import engine
from cakupan.planner.engine import ScopeInput
from cakupan.planner.scopes import (WINDOW_CHOICES, ScopeSeries, finite_or_none, series_by_scope)

BACKTEST_WINDOWS = (3, 6, 12, 24)
BACKTEST_HORIZONS = (6, 12)
# A backtest starts from a month with this much history before it and this much data after it.
BACKTEST_MIN_HISTORY = 4
BACKTEST_MIN_AFTER = 6


def backtest(series: ScopeSeries, origin: dt.date, windows: tuple[int, ...] = BACKTEST_WINDOWS,
             horizons: tuple[int, ...] = BACKTEST_HORIZONS) -> pd.DataFrame:
    """Project from `origin` with every method and window, and compare with what the data shows afterwards.

    One row per (method, window_months, horizon_months): projected, actual (NaN when the data stops before),
    error_participants (projected − actual), error_pct, inside_80 (actual within p10–p90).
    """
    months_kept = len(series.active_participants) - engine.months_between(origin, series.last_month)
    history = series.active_participants[:months_kept]
    farthest = max(horizons)
    inputs = [ScopeInput("backtest", origin, history, engine.add_months(origin, farthest), None)
              for _ in windows]
    rows = []
    for method in engine.METHODS:
        results = [engine.project_scopes([item], method, window)[0] for item, window in zip(inputs, windows)]
        for window, result in zip(windows, results):
            for horizon in horizons:
                actual_index = months_kept - 1 + horizon
                actual = series.active_participants[actual_index] if actual_index < len(
                    series.active_participants) else math.nan
                projected = float(result.path_central[horizon - 1])
                low, high = result.path_bands[1, horizon - 1], result.path_bands[3, horizon - 1]
                rows.append({"method": method, "window_months": window, "horizon_months": horizon,
                             "projected": projected, "actual": actual, "error_participants": projected - actual,
                             "error_pct": 100.0 * (projected - actual) / actual if actual else math.nan,
                             "inside_80": bool(low <= actual <= high) if not math.isnan(actual) else None})
    return pd.DataFrame(rows)


def backtest_origins(series: ScopeSeries, min_history: int = BACKTEST_MIN_HISTORY,
                     min_after: int = BACKTEST_MIN_AFTER) -> list[dt.date]:
    """Months a backtest can start from: some history before, at least `min_after` months of data after."""
    first = engine.add_months(series.last_month, 1 - len(series.active_participants))
    count = len(series.active_participants) - min_history - min_after + 1
    return [engine.add_months(first, min_history - 1 + k) for k in range(max(0, count))]



def default_backtest_origin(origins: list[dt.date]) -> dt.date | None:
    """The backtest month shown first: a year before the last possible origin, so both horizons have actuals;
    the earliest one for a short series; None when there is none."""
    if not origins:
        return None
    return origins[max(0, len(origins) - 12)]


ACCURACY_HORIZONS = (6, 12, 24)
ACCURACY_METHODS = (engine.NAIVE_METHOD, *engine.METHODS)


def rolling_accuracy(series: ScopeSeries, windows: tuple[int, ...] | None = None,
                     horizons: tuple[int, ...] = ACCURACY_HORIZONS) -> pd.DataFrame:
    """Rolling-origin accuracy: for each method (the naive "no change" benchmark too) and window, project from
    every past month with W+1 points behind it and the horizon's actual ahead of it.

    One row per (method, window_months, horizon_months): origins (how many), mape_pct (mean absolute % error),
    inside_80_pct (share of actuals inside the 80% band) and relative_to_naive (mape ÷ the naive benchmark's, same
    window and horizon: below 1 the method beats "no change"). NaN where no origin qualifies.
    """
    values = series.active_participants
    rows = []
    for window in windows or WINDOW_CHOICES:
        origins = list(range(window, len(values) - min(horizons)))     # index of P_t for each origin
        for method in ACCURACY_METHODS:
            errors = _origin_errors(values, origins, method, window, max(horizons))
            for horizon in horizons:
                usable = [k for k, origin in enumerate(origins) if origin + horizon < len(values)]
                pct = np.array([errors[k][horizon - 1][0] for k in usable])
                inside = np.array([errors[k][horizon - 1][1] for k in usable])
                rows.append({"method": method, "window_months": window, "horizon_months": horizon,
                             "origins": len(usable),
                             "mape_pct": float(np.mean(np.abs(pct))) if usable else math.nan,
                             "inside_80_pct": 100.0 * float(np.mean(inside)) if usable else math.nan})
    accuracy = pd.DataFrame(rows)
    naive = accuracy[accuracy["method"] == engine.NAIVE_METHOD].set_index(["window_months", "horizon_months"])
    benchmark = naive["mape_pct"].reindex(pd.MultiIndex.from_frame(accuracy[["window_months", "horizon_months"]]))
    accuracy["relative_to_naive"] = accuracy["mape_pct"].to_numpy() / benchmark.to_numpy()
    return accuracy


def _origin_errors(values: np.ndarray, origins: list[int], method: str, window: int,
                   months: int) -> list[list[tuple[float, bool]]]:
    """For each origin, each month 1 … `months` ahead: (% error of the projection against the actual, actual
    inside the 80% band); NaN error and False where the data ends. All origins projected in one batch."""
    if not origins:
        return []
    first_month = dt.date(2000, 1, 1)   # the calendar does not matter here, only the distance in months
    inputs = [ScopeInput("origin", engine.add_months(first_month, origin), values[:origin + 1],
                         engine.add_months(first_month, origin + months), None) for origin in origins]
    results = engine.project_scopes(inputs, method, window)
    table = []
    for origin, result in zip(origins, results):
        ahead = values[origin + 1:origin + 1 + months]
        central = result.path_central[:len(ahead)]
        low, high = result.path_bands[1, :len(ahead)], result.path_bands[3, :len(ahead)]
        pct = np.divide(100.0 * (central - ahead), ahead, out=np.full(len(ahead), np.nan), where=ahead != 0)
        table.append(list(zip(pct, (low <= ahead) & (ahead <= high))))
    return table


def best_accuracy(accuracy: pd.DataFrame, horizon: int = 12) -> pd.Series | None:
    """The method and window with the lowest mean absolute % error at `horizon` months (the naive benchmark
    included); None when no origin qualifies."""
    rows = accuracy[(accuracy["horizon_months"] == horizon)].dropna(subset=["mape_pct"])
    if rows.empty:
        return None
    return rows.sort_values(["mape_pct", "method", "window_months"]).iloc[0]



ACCURACY_KEYS = ("scope", "method", "window_months", "horizon_months", "origins", "mape_pct", "inside_80_pct",
                 "relative_to_naive", "best")


def accuracy_records(monthly: pd.DataFrame, scopes: list[str] | None = None) -> list[dict]:
    """`project --accuracy`: each scope's rolling-origin accuracy rows (ACCURACY_KEYS), `best` true on the rows of
    the method and window with the lowest 12-month error; null where no origin qualifies."""
    series = series_by_scope(monthly)
    records = []
    for scope in scopes or list(series):
        accuracy = rolling_accuracy(series[scope])
        best = best_accuracy(accuracy)
        for row in accuracy.itertuples():
            records.append({"scope": scope, "method": row.method, "window_months": row.window_months,
                            "horizon_months": row.horizon_months, "origins": row.origins,
                            "mape_pct": finite_or_none(row.mape_pct), "inside_80_pct": finite_or_none(row.inside_80_pct),
                            "relative_to_naive": finite_or_none(row.relative_to_naive),
                            "best": best is not None and (row.method, row.window_months) == (
                                best["method"], best["window_months"])})
    return records

