"""The headline numbers of one scope (national, all associations, or one association), from its monthly series."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from cakupan.planner import engine
from cakupan.planner.engine import ScopeProjection


@dataclasses.dataclass(frozen=True)
class Target:
    scope: str
    target_date: dt.date
    target_participants: int


@dataclasses.dataclass(frozen=True)
class ScopeSummary:
    """A scope's headline numbers. `gap_now` is target − active today; the projection (default method and window,
    at the target's month) carries the projected shortfall, the band, the chance and the status."""

    last_month: dt.date
    active_participants: int
    change_month: int | None
    change_year: int | None
    change_year_pct: float | None
    formal_share_pct: float | None
    target: Target | None
    target_reached_pct: float | None
    gap_now: int | None
    months_to_target: int | None
    pace_per_month: float
    required_pace_per_month: float | None
    projection: ScopeProjection | None = None

    @property
    def status(self) -> str | None:
        return self.projection.status if self.projection else None

    @property
    def projected_shortfall(self) -> float | None:
        return self.projection.projected_shortfall if self.projection else None


TargetBook = dict[str, list[tuple[dt.date, int]]]


def target_book(targets: pd.DataFrame) -> TargetBook:
    """Each scope's targets as (date, participants), by date: built once, so picking a target per scope stays
    cheap with a thousand scopes (a pandas filter per scope costs ~1.6 ms)."""
    book: TargetBook = {}
    for scope, date, participants in zip(targets["scope"].tolist(), targets["target_date"].tolist(),
                                         targets["target_participants"].tolist()):
        book.setdefault(scope, []).append((pd.Timestamp(date).date(), int(participants)))
    return {scope: sorted(items) for scope, items in book.items()}


def pick_from_book(book: TargetBook, scope: str, on_or_after: dt.date) -> Target | None:
    """The scope's target dated `on_or_after` or the next one after it, else its last one, else None."""
    own = book.get(scope)
    if not own:
        return None
    date, participants = next((item for item in own if item[0] >= on_or_after), own[-1])
    return Target(scope, date, participants)


def pick_target(targets: pd.DataFrame, scope: str, on_or_after: dt.date) -> Target | None:
    """The scope's target dated `on_or_after` or the next one after it, else its last one, else None.

    `targets` has columns scope, target_date, target_participants (the `targets` query).
    """
    return pick_from_book(target_book(targets[targets["scope"] == scope]), scope, on_or_after)


def combined_target(targets: pd.DataFrame, scopes: list[str], on_or_after: dt.date, name: str) -> Target | None:
    """The sum of several scopes' targets, when every one of them has a target on the same date."""
    book = target_book(targets)
    picked = [pick_from_book(book, scope, on_or_after) for scope in scopes]
    if not picked or any(target is None for target in picked):
        return None
    if len({target.target_date for target in picked}) != 1:
        return None
    return Target(name, picked[0].target_date, sum(target.target_participants for target in picked))


def target_for_scope(targets: pd.DataFrame, scope: str, association_codes: list[str],
                     on_or_after: dt.date) -> Target | None:
    """The target of a home-page scope: `national`, `all` (the associations' targets added up) or one code."""
    if scope == "all":
        return combined_target(targets, association_codes, on_or_after, "all")
    return pick_target(targets, scope, on_or_after)


def last_month(monthly: pd.DataFrame) -> dt.date:
    """The last snapshot_month of a monthly series (rows in month order)."""
    return pd.Timestamp(monthly["snapshot_month"].iloc[-1]).date()


def summarize(monthly: pd.DataFrame, target: Target | None, window: int = engine.DEFAULT_WINDOW_MONTHS,
              method: str = engine.DEFAULT_METHOD) -> ScopeSummary:
    """KPIs of a scope from its monthly series, with its projection to the target's month.

    `monthly`: one row per snapshot_month (ascending) with active_participants and formal_share_pct,
    as the `national_monthly` and `associations_total_monthly` queries return.
    """
    series = monthly["active_participants"].to_numpy(dtype="int64")
    last_month = pd.Timestamp(monthly["snapshot_month"].iloc[-1]).date()
    active_now = int(series[-1])
    change_month = int(series[-1] - series[-2]) if len(series) >= 2 else None
    change_year = int(series[-1] - series[-13]) if len(series) >= 13 else None
    change_year_pct = (100.0 * change_year / series[-13]) if change_year is not None and series[-13] else None
    common = {"last_month": last_month, "active_participants": active_now, "change_month": change_month,
              "change_year": change_year, "change_year_pct": change_year_pct,
              "formal_share_pct": _last_float(monthly["formal_share_pct"]),
              "pace_per_month": engine.current_pace(series, window)}
    if target is None:
        return ScopeSummary(**common, target=None, target_reached_pct=None, gap_now=None, months_to_target=None,
                            required_pace_per_month=None)
    months_left = engine.months_between(last_month, target.target_date)
    projected, = engine.project_scopes([projection_input(series, last_month, target)], method, window, fan=False)
    return ScopeSummary(
        **common,
        target=target,
        target_reached_pct=100.0 * active_now / target.target_participants,
        gap_now=target.target_participants - active_now,
        months_to_target=months_left,
        required_pace_per_month=engine.required_pace(active_now, target.target_participants, months_left),
        projection=projected,
    )


def projection_input(series, last_month: dt.date, target: Target) -> engine.ScopeInput:
    """What the engine projects for a scope's headline numbers: its series to its target's month."""
    return engine.ScopeInput(scope=target.scope, last_month=last_month, series=series.astype("float64"),
                             target_month=target.target_date.replace(day=1),
                             target_participants=float(target.target_participants), target_date=target.target_date)


def _last_float(column: pd.Series) -> float | None:
    value = column.iloc[-1]
    return None if pd.isna(value) else float(value)
