"""Projections of the dashboard's scopes, from query results to the records pages and the command line show.

Glue between the named queries (`scope_monthly_active`, `targets`, `scope_lapse_rates`) and the pure engine in
`projection.py`: which series and which target each scope projects against, the data contract's JSON records,
the target-gap table, and the backtest scorecard (project from an earlier month, compare with what happened).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pandas as pd

from cakupan import projection, scenarios
from cakupan.kpi import TargetBook, pick_from_book, target_book
from cakupan.projection import Levers, LapseRates, ScopeInput, ScopeProjection

# The keys of `python -m cakupan project --format json`, in the data contract's order.
CONTRACT_KEYS = ("scope", "last_month", "active_participants", "method", "window_months", "target_date",
                 "target_participants", "projected_participants", "gap_participants", "pace_per_month",
                 "required_pace_per_month", "p10", "p90", "probability_target_met", "status")
BACKTEST_WINDOWS = (3, 6, 12, 24)
BACKTEST_HORIZONS = (6, 12)


@dataclasses.dataclass(frozen=True)
class ScopeSeries:
    last_month: dt.date
    active_participants: np.ndarray


def series_by_scope(monthly: pd.DataFrame) -> dict[str, ScopeSeries]:
    """Each scope's monthly series, in the query's order (national first).

    `monthly`: scope, snapshot_month, active_participants (the `scope_monthly_active` query).
    """
    return {scope: ScopeSeries(pd.Timestamp(rows["snapshot_month"].iloc[-1]).date(),
                               rows["active_participants"].to_numpy(dtype=np.float64))
            for scope, rows in monthly.groupby("scope", sort=False)}


def lapse_rates_by_scope(rates: pd.DataFrame) -> dict[str, LapseRates]:
    """`scope_lapse_rates` rows as LapseRates per scope."""
    return {row.scope: LapseRates(row.lapse_rate, row.formal_lapse_rate, row.informal_lapse_rate)
            for row in rates.itertuples()}


def default_target_date(targets: pd.DataFrame) -> dt.date:
    """The date of the national target (the latest one), used for scopes with no target of their own."""
    national = targets[targets["scope"] == "national"]
    dates = pd.to_datetime(national["target_date"] if not national.empty else targets["target_date"])
    return dates.max().date()


def scope_input(scope: str, series: ScopeSeries, targets: pd.DataFrame, target_date: dt.date | None = None,
                levers: Levers = projection.BASELINE,
                lapse_rates: LapseRates = projection.NO_LAPSE_DATA) -> ScopeInput:
    """What one scope projects against: the month of `target_date` (or of its own target) and its target figure.

    The figure is the scope's target dated `target_date` if there is one, else its next target after it, else its
    last one (data contract, section 4); with no `target_date`, the scope's own next target from its last month.
    A scope without any target projects to the latest target date in `targets`.
    """
    return scope_input_from_book(scope, series, target_book(targets), default_target_date(targets), target_date,
                                 levers, lapse_rates)


def scope_input_from_book(scope: str, series: ScopeSeries, book: TargetBook, fallback_date: dt.date,
                          target_date: dt.date | None = None, levers: Levers = projection.BASELINE,
                          lapse_rates: LapseRates = projection.NO_LAPSE_DATA) -> ScopeInput:
    """`scope_input` with the targets already in a `kpi.target_book` (cheap for many scopes)."""
    target = pick_from_book(book, scope, target_date or series.last_month)
    chosen_date = target_date or (target.target_date if target else fallback_date)
    return ScopeInput(scope=scope, last_month=series.last_month, series=series.active_participants,
                      target_month=chosen_date.replace(day=1),
                      target_participants=float(target.target_participants) if target else None,
                      levers=levers, lapse_rates=lapse_rates, target_date=chosen_date)


def scope_inputs(monthly: pd.DataFrame, targets: pd.DataFrame, target_date: dt.date | None = None,
                 scopes: list[str] | None = None) -> list[ScopeInput]:
    """Baseline inputs of the chosen scopes (all of them, national first, when `scopes` is None)."""
    series = series_by_scope(monthly)
    book = target_book(targets)  # built once: a pandas look-up per scope costs ~1.6 ms (2 s at 1,000+ scopes)
    fallback_date = default_target_date(targets)
    return [scope_input_from_book(scope, series[scope], book, fallback_date, target_date)
            for scope in (scopes or list(series))]


def contract_record(item: ScopeInput, result: ScopeProjection) -> dict:
    """One scope as `project --format json` prints it: exactly CONTRACT_KEYS, whole people, null for no value."""
    target = item.target_participants
    projected = _whole(result.projected_participants)
    return {
        "scope": result.scope,
        "last_month": result.last_month.strftime("%Y-%m"),
        "active_participants": result.active_participants,
        "method": result.method,
        "window_months": result.window_months,
        "target_date": item.target_date.isoformat(),
        "target_participants": _whole(target),
        "projected_participants": projected,
        "gap_participants": None if target is None or projected is None else _whole(target) - projected,
        "pace_per_month": _number(result.pace_per_month),
        "required_pace_per_month": _number(result.required_pace_per_month),
        "p10": _whole(result.p10),
        "p90": _whole(result.p90),
        "probability_target_met": _number(result.probability_target_met),
        "status": result.status,
    }


def gap_table(inputs: list[ScopeInput], results: list[ScopeProjection]) -> pd.DataFrame:
    """The target-gap table: the contract's record per scope plus the gap now, the month the target is reached and
    the projection as % of the target."""
    rows = []
    for item, result in zip(inputs, results):
        target = _whole(item.target_participants)
        rows.append(contract_record(item, result) | {
            "gap_now_participants": None if target is None else target - result.active_participants,
            "month_reached": result.month_reached,
            "reached_pct": None if not item.target_participants else
            100.0 * result.projected_participants / item.target_participants,
        })
    return pd.DataFrame(rows)


def backtest(series: ScopeSeries, origin: dt.date, windows: tuple[int, ...] = BACKTEST_WINDOWS,
             horizons: tuple[int, ...] = BACKTEST_HORIZONS) -> pd.DataFrame:
    """Project from `origin` with every method and window, and compare with what the data shows afterwards.

    One row per (method, window_months, horizon_months): projected, actual (NaN when the data stops before),
    error_participants (projected − actual), error_pct, inside_80 (actual within p10–p90).
    """
    months_kept = len(series.active_participants) - projection.months_between(origin, series.last_month)
    history = series.active_participants[:months_kept]
    farthest = max(horizons)
    inputs = [ScopeInput("backtest", origin, history, projection.add_months(origin, farthest), None)
              for _ in windows]
    rows = []
    for method in projection.METHODS:
        results = [projection.project_scopes([item], method, window)[0] for item, window in zip(inputs, windows)]
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


ACCURACY_HORIZONS = (6, 12, 24)
ACCURACY_METHODS = (projection.NAIVE_METHOD, *projection.METHODS)


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
    naive = accuracy[accuracy["method"] == projection.NAIVE_METHOD].set_index(["window_months", "horizon_months"])
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
    inputs = [ScopeInput("origin", projection.add_months(first_month, origin), values[:origin + 1],
                         projection.add_months(first_month, origin + months), None) for origin in origins]
    results = projection.project_scopes(inputs, method, window)
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
                            "mape_pct": _number(row.mape_pct), "inside_80_pct": _number(row.inside_80_pct),
                            "relative_to_naive": _number(row.relative_to_naive),
                            "best": best is not None and (row.method, row.window_months) == (
                                best["method"], best["window_months"])})
    return records


def backtest_origins(series: ScopeSeries, min_history: int = 4, min_after: int = 6) -> list[dt.date]:
    """Months a backtest can start from: some history before, at least `min_after` months of data after."""
    first = projection.add_months(series.last_month, 1 - len(series.active_participants))
    count = len(series.active_participants) - min_history - min_after + 1
    return [projection.add_months(first, min_history - 1 + k) for k in range(max(0, count))]


def _whole(value: float | None) -> int | None:
    return None if value is None or not math.isfinite(value) else int(round(value))


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


# --- settings shared by the planner pages ---------------------------------------------------------------------

WINDOW_CHOICES = (3, 6, 12, 18, 24, 36)
LAPSE_RATE_MONTHS = 12


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a planner page projects: a scope, a method, a window and a target date."""

    scope: str
    method: str
    window_months: int
    target_date: dt.date


def target_date_options(targets: pd.DataFrame, last_month: dt.date, extra_years: int = 3) -> list[str]:
    """Target dates a planner can choose (YYYY-MM-DD): every target date after the data, and each year end
    from next year to `extra_years` after the last target."""
    dates = {d for d in pd.to_datetime(targets["target_date"]).dt.date if d > last_month}
    last_year = max([d.year for d in dates] + [last_month.year + 1])
    dates |= {dt.date(year, 12, 31) for year in range(last_month.year + 1, last_year + extra_years + 1)}
    return [d.isoformat() for d in sorted(dates)]


def lapse_rates_from(last_month: dt.date) -> dt.date:
    """First month of the lapse-rate window: the last LAPSE_RATE_MONTHS months of data."""
    return projection.add_months(last_month, 1 - LAPSE_RATE_MONTHS)


def month_options(first: dt.date, last: dt.date) -> list[str]:
    """Months from `first` to `last` inclusive as YYYY-MM (the campaign start choices)."""
    count = max(1, projection.months_between(first, last) + 1)
    return [projection.add_months(first, k).strftime("%Y-%m") for k in range(count)]


def project_scenarios(settings: Settings, levers_list: list[Levers], series: ScopeSeries, targets: pd.DataFrame,
                      rates: LapseRates) -> list[ScopeProjection]:
    """One scope under several sets of levers (the first is usually the baseline), in one batch."""
    inputs = [scope_input(settings.scope, series, targets, settings.target_date, levers, rates)
              for levers in levers_list]
    return projection.project_scopes(inputs, settings.method, settings.window_months)


def observed(monthly: pd.DataFrame, scope: str) -> pd.DataFrame:
    """One scope's rows of `scope_monthly_active`: snapshot_month, active_participants."""
    return monthly[monthly["scope"] == scope][["snapshot_month", "active_participants"]].reset_index(drop=True)


def scenario_settings(scenario) -> Settings:
    """The projection settings a saved scenario was made with."""
    return Settings(scenario.scope, scenario.method, scenario.window_months, scenario.target_date)


def scenario_records(stored: pd.DataFrame, monthly: pd.DataFrame, targets: pd.DataFrame,
                     rates: pd.DataFrame) -> list[dict]:
    """Each saved scenario projected on the current data: its `project` record plus `name`.

    `stored`: the `scenarios` query; `monthly`: `scope_monthly_active`; `rates`: `scope_lapse_rates`.
    Scenarios whose scope has no data or no target any more are left out.
    """
    series = series_by_scope(monthly)
    rates_by_scope = lapse_rates_by_scope(rates)
    records = []
    for row in stored.itertuples():
        scenario = scenarios.scenario_from_row(row)
        if scenario.scope not in series:
            continue
        item = scope_input(scenario.scope, series[scenario.scope], targets, scenario.target_date, scenario.levers,
                           rates_by_scope.get(scenario.scope, projection.NO_LAPSE_DATA))
        if item.target_participants is None:
            continue
        result, = projection.project_scopes([item], scenario.method, scenario.window_months)
        records.append(contract_record(item, result) | {"name": scenario.name})
    return records
