"""Projection scopes from query results: each scope's series and target, its projection record (the data
contract's 15 keys), the target-gap table, and the planner pages' settings and choices.

Glue between the named queries (`scope_monthly_active`, `targets`, `scope_lapse_rates`) and the pure engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pandas as pd

from cakupan.kpi import TargetBook, pick_from_book, target_book
from cakupan.planner import engine
from cakupan.planner.engine import LapseRates, Levers, ScopeInput, ScopeProjection

# The keys of `python -m cakupan project --format json`, in the data contract's order.
CONTRACT_KEYS = ("scope", "last_month", "active_participants", "method", "window_months", "target_date",
                 "target_participants", "projected_participants", "gap_participants", "pace_per_month",
                 "required_pace_per_month", "p10", "p90", "probability_target_met", "status")


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
                levers: Levers = engine.BASELINE,
                lapse_rates: LapseRates = engine.NO_LAPSE_DATA) -> ScopeInput:
    """What one scope projects against: the month of `target_date` (or of its own target) and its target figure.

    The figure is the scope's target dated `target_date` if there is one, else its next target after it, else its
    last one (data contract, section 4); with no `target_date`, the scope's own next target from its last month.
    A scope without any target projects to the latest target date in `targets`.
    """
    return scope_input_from_book(scope, series, target_book(targets), default_target_date(targets), target_date,
                                 levers, lapse_rates)


def scope_input_from_book(scope: str, series: ScopeSeries, book: TargetBook, fallback_date: dt.date,
                          target_date: dt.date | None = None, levers: Levers = engine.BASELINE,
                          lapse_rates: LapseRates = engine.NO_LAPSE_DATA) -> ScopeInput:
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
    projected = whole_people(result.projected_participants)
    return {
        "scope": result.scope,
        "last_month": result.last_month.strftime("%Y-%m"),
        "active_participants": result.active_participants,
        "method": result.method,
        "window_months": result.window_months,
        "target_date": item.target_date.isoformat(),
        "target_participants": whole_people(target),
        "projected_participants": projected,
        "gap_participants": None if target is None or projected is None else whole_people(target) - projected,
        "pace_per_month": finite_or_none(result.pace_per_month),
        "required_pace_per_month": finite_or_none(result.required_pace_per_month),
        "p10": whole_people(result.p10),
        "p90": whole_people(result.p90),
        "probability_target_met": finite_or_none(result.probability_target_met),
        "status": result.status,
    }


def gap_table(inputs: list[ScopeInput], results: list[ScopeProjection]) -> pd.DataFrame:
    """The target-gap table: the contract's record per scope plus the gap now, the month the target is reached and
    the projection as % of the target."""
    rows = []
    for item, result in zip(inputs, results):
        target = whole_people(item.target_participants)
        rows.append(contract_record(item, result) | {
            "gap_now_participants": None if target is None else target - result.active_participants,
            "month_reached": result.month_reached,
            "reached_pct": None if not item.target_participants else
            100.0 * result.projected_participants / item.target_participants,
        })
    return pd.DataFrame(rows)


def whole_people(value: float | None) -> int | None:
    """A count of people rounded to a whole person; None for no value (or not a finite one)."""
    return None if value is None or not math.isfinite(value) else int(round(value))


def finite_or_none(value: float | None) -> float | None:
    """The value as a float, or None when there is none (JSON has no NaN or infinity)."""
    return None if value is None or not math.isfinite(value) else float(value)


# --- settings shared by the planner pages ---------------------------------------------------------------------

WINDOW_CHOICES = (3, 6, 12, 18, 24, 36)
# A projection needs a pace, and a pace needs two months.
MIN_PROJECTION_MONTHS = 2
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
    return engine.add_months(last_month, 1 - LAPSE_RATE_MONTHS)


def month_options(first: dt.date, last: dt.date) -> list[str]:
    """Months from `first` to `last` inclusive as YYYY-MM (the campaign start choices)."""
    count = max(1, engine.months_between(first, last) + 1)
    return [engine.add_months(first, k).strftime("%Y-%m") for k in range(count)]


def observed(monthly: pd.DataFrame, scope: str) -> pd.DataFrame:
    """One scope's rows of `scope_monthly_active`: snapshot_month, active_participants."""
    return monthly[monthly["scope"] == scope][["snapshot_month", "active_participants"]].reset_index(drop=True)


def rates_of(rates_by_scope: dict[str, LapseRates], scope: str) -> LapseRates:
    """A scope's recent lapse rates; no lapses at all where the data has none (the national series, say)."""
    return rates_by_scope.get(scope, engine.NO_LAPSE_DATA)


@dataclasses.dataclass(frozen=True)
class PlannerData:
    """What the planner pages project from: every scope's series, the targets and the recent lapse rates."""

    monthly: pd.DataFrame                      # scope_monthly_active
    targets: pd.DataFrame
    series: dict[str, ScopeSeries]
    lapse_rates: dict[str, LapseRates]
    scope_names: dict[str, str]
    last_month: dt.date

    def rates_of(self, scope: str) -> LapseRates:
        return rates_of(self.lapse_rates, scope)


def planner_data(monthly: pd.DataFrame, targets: pd.DataFrame, rates: pd.DataFrame, national_name: str) -> PlannerData:
    """PlannerData from the `scope_monthly_active`, `targets` and `scope_lapse_rates` queries."""
    series = series_by_scope(monthly)
    names = {scope: national_name if scope == "national" else scope for scope in series}
    return PlannerData(monthly, targets, series, lapse_rates_by_scope(rates), names, latest_month(series))


def latest_month(series: dict[str, ScopeSeries]) -> dt.date:
    """The last month any scope has data for."""
    return max(item.last_month for item in series.values())


def default_levers(data: PlannerData) -> Levers:
    """No lever moved, with the campaign starting where the what-if page starts it: the month after the data."""
    return dataclasses.replace(engine.BASELINE, campaign_start=engine.add_months(data.last_month, 1))


def what_if_input(data: PlannerData, scope: str, target_date: dt.date | None, levers: Levers) -> ScopeInput:
    """One scope as the what-if page projects it: its series, target, recent lapse rates and `levers`."""
    return scope_input(scope, data.series[scope], data.targets, target_date, levers, data.rates_of(scope))
