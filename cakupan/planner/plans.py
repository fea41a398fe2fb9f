"""Association plans: levers per association, each association's projection, and the national projection they add
up to; the `plans` table (save, list, delete), share links and the checks a plan must pass before it is used.

The roll-up's assumption (stated on the plan page): association campaigns add to the national series, and the
national series already includes the associations' current members. So the national projection is the national
baseline plus, each month, the participants the associations' levers add over their own baselines (their central
projections): nothing is counted twice, and an association without levers adds nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import urllib.parse

import numpy as np
import pandas as pd

from cakupan.data import db
from cakupan.planner import engine, scenarios
from cakupan.planner.engine import Levers, ScopeInput, ScopeProjection
from cakupan.planner.scopes import PlannerData, Settings, scope_input

# A plan's levers in a link: `levers=ABADI:20000:10:0,APKLINDO:5000:0:200`, one item per association with levers:
# code, recruits per month, growth adjustment in basis points, informal → formal conversions per month.
LINK_PARAMETER = "levers"
LINK_ITEM_SEPARATOR, LINK_FIELD_SEPARATOR = ",", ":"
MAX_PER_MONTH = 10_000_000


@dataclasses.dataclass(frozen=True)
class Plan:
    """A named plan: projection settings for every scope and the levers of the associations that have any."""

    name: str
    method: str
    window_months: int
    target_date: dt.date
    levers: dict[str, Levers]
    data_last_month: dt.date | None = None
    saved_at: dt.datetime | None = None
    plan_id: int | None = None

    @property
    def settings(self) -> Settings:
        return Settings("national", self.method, self.window_months, self.target_date)


@dataclasses.dataclass(frozen=True)
class PlanProjection:
    """A plan projected: the nation without and with the associations' extra participants, and every association
    (code → (baseline, under its levers)) in the data's order."""

    national_baseline: ScopeProjection
    national: ScopeProjection
    associations: dict[str, tuple[ScopeProjection, ScopeProjection]]

    @property
    def added_at_target(self) -> float:
        """Participants the associations' levers add to the nation at the target month."""
        return self.national.projected_participants - self.national_baseline.projected_participants


@dataclasses.dataclass(frozen=True)
class Problem:
    """Why a plan cannot be used: a label key (plan.toml) and the values its message names."""

    key: str
    values: dict


class InvalidPlan(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{problem.key} {problem.values}" for problem in problems))
        self.problems = problems


def problems(plan: Plan, associations: set[str]) -> list[Problem]:
    """Everything wrong with a plan, in the order a person would fix it: no name, then `lever_problems`."""
    return ([] if plan.name.strip() else [Problem("plan.name_missing", {})]) + lever_problems(plan.levers, associations)


def lever_problems(levers_by_code: dict[str, Levers], associations: set[str]) -> list[Problem]:
    """What is wrong with a plan's levers: an association the data does not know, a negative (or absurd) count, a
    growth adjustment outside the what-if page's limits."""
    found = []
    low, high = (scenarios.basis_points(limit) for limit in engine.GROWTH_ADJUST_LIMITS)
    for code, levers in levers_by_code.items():
        if code not in associations:
            found.append(Problem("plan.unknown_association", {"code": code, "known": ", ".join(sorted(associations))}))
        for column, value in (("recruits", levers.extra_recruits_per_month), ("conversion", levers.conversion_per_month)):
            if not 0 <= value <= MAX_PER_MONTH:
                found.append(Problem("plan.count_out_of_range", {"code": code, "column": column, "value": value,
                                                                 "high": MAX_PER_MONTH}))
        if not low <= scenarios.basis_points(levers.growth_adjust_pct) <= high:
            found.append(Problem("plan.growth_out_of_range", {"code": code, "value": levers.growth_adjust_pct,
                                                              "low": low, "high": high}))
    return found


# --- the roll-up ------------------------------------------------------------------------------------------------

def campaign_extras(inputs: list[ScopeInput], method: str, window: int, months: int) -> np.ndarray:
    """Participants each input's levers add over its baseline projection 1 … `months` months after its last month,
    shape (inputs, months): central under the levers minus central without them (engine.lever_effects)."""
    values, used = engine.window_matrix([item.series for item in inputs], window)
    baseline = engine.central_paths(method, values, used, np.arange(1, months + 1))
    multiplier, addition = engine.lever_effects([item.levers for item in inputs],
                                                [item.lapse_rates for item in inputs],
                                                [item.last_month for item in inputs], months)
    # no growth lever, no growth effect: a baseline without a projection (NaN) must not spoil the sum
    grown = np.where(multiplier == 1.0, 0.0, np.nan_to_num(baseline) * (multiplier - 1.0))
    return grown + addition


def national_extras(extras: np.ndarray, last_months: list[dt.date], national_last: dt.date) -> np.ndarray:
    """The associations' extras added up by calendar month, 1 … n months after the national series' last month.

    Row i of `extras` starts the month after `last_months[i]`; a month before it adds nothing, a month past its end
    adds its last value.
    """
    months = extras.shape[1]
    total = np.zeros(months)
    for row, last in zip(extras, last_months):
        own_month = np.arange(1, months + 1) + engine.months_between(last, national_last)
        total += np.where(own_month >= 1, row[np.clip(own_month, 1, months) - 1], 0.0)
    return total


def project_plan(data: PlannerData, plan: Plan) -> PlanProjection:
    """The plan on the current data: the nation with and without the associations' extras, and every association
    without and (where the plan has levers for it) with its levers, in one batch of the engine (the same bootstrap
    draws for all). An association without levers is its baseline."""
    settings = plan.settings
    codes = [scope for scope in data.series if scope != "national"]
    baselines = [scope_input(code, data.series[code], data.targets, settings.target_date,
                             lapse_rates=data.rates_of(code)) for code in codes]
    planned = [dataclasses.replace(item, levers=plan.levers[item.scope]) for item in baselines
               if item.scope in plan.levers]
    national = scope_input("national", data.series["national"], data.targets, settings.target_date)
    months = engine.months_between(national.last_month, national.target_month) + engine.MONTHS_PAST_TARGET
    extras = campaign_extras(planned, plan.method, plan.window_months, max(1, months))
    added = national_extras(extras, [item.last_month for item in planned], national.last_month)
    results = engine.project_scopes([national, dataclasses.replace(national, added_participants=added),
                                     *baselines, *planned], plan.method, plan.window_months)
    baseline_results = dict(zip(codes, results[2:2 + len(codes)]))
    planned_results = {item.scope: result for item, result in zip(planned, results[2 + len(codes):])}
    return PlanProjection(results[0], results[1], {code: (baseline_results[code],
                                                          planned_results.get(code, baseline_results[code]))
                                                   for code in codes})


# --- saved plans ------------------------------------------------------------------------------------------------

def levers_json(levers: dict[str, Levers]) -> str:
    """A plan's levers as JSON, association code → the levers as the `scenarios` table stores them."""
    return json.dumps({code: json.loads(scenarios.levers_json(item)) for code, item in levers.items()}, sort_keys=True)


def levers_from_json(text: str) -> dict[str, Levers]:
    return {code: scenarios.levers_from_json(json.dumps(item)) for code, item in json.loads(text).items()}


def save(plan: Plan, associations: set[str]) -> int:
    """Save (or replace, by name) a plan that passes `problems`; its id. Raises InvalidPlan, saving nothing."""
    found = problems(plan, associations)
    if found:
        raise InvalidPlan(found)
    with db.transaction() as cur:
        saved = db.run_in(cur, "plan_save", plan_name=plan.name.strip(), method=plan.method,
                          window_months=plan.window_months, target_date=plan.target_date,
                          levers=levers_json(plan.levers), data_last_month=plan.data_last_month)
    return int(saved["plan_id"].iloc[0])


def saved_plans() -> list[Plan]:
    """Every saved plan, newest first."""
    return [Plan(name=row.name, method=row.method, window_months=int(row.window_months),
                 target_date=pd.Timestamp(row.target_date).date(), levers=levers_from_json(row.levers),
                 data_last_month=pd.Timestamp(row.data_last_month).date(),
                 saved_at=pd.Timestamp(row.saved_at).to_pydatetime(), plan_id=int(row.plan_id))
            for row in db.run("plans").itertuples()]


def delete(plan_id: int) -> None:
    with db.transaction() as cur:
        db.run_in(cur, "plan_delete", plan_id=plan_id)


# --- links and widgets ------------------------------------------------------------------------------------------

def link_levers(levers: dict[str, Levers]) -> str:
    """The `levers` parameter of a plan's link: `ABADI:20000:10:0,APKLINDO:5000:0:200`."""
    return LINK_ITEM_SEPARATOR.join(
        LINK_FIELD_SEPARATOR.join([code, f"{item.extra_recruits_per_month:g}",
                                   str(scenarios.basis_points(item.growth_adjust_pct)), f"{item.conversion_per_month:g}"])
        for code, item in levers.items())


def levers_from_link(text: str) -> tuple[dict[str, Levers], list[Problem]]:
    """The levers a link's `levers` parameter stands for, or the items it cannot read (then no levers at all)."""
    levers, unreadable = {}, []
    for item in filter(None, (part.strip() for part in text.split(LINK_ITEM_SEPARATOR))):
        fields = item.split(LINK_FIELD_SEPARATOR)
        try:
            code, recruits, growth_bp, conversion = fields[0], float(fields[1]), int(fields[2]), float(fields[3])
        except (IndexError, ValueError):
            unreadable.append(Problem("plan.link_unreadable", {"item": item}))
            continue
        if len(fields) > 4 or not all(map(np.isfinite, (recruits, conversion))):
            unreadable.append(Problem("plan.link_unreadable", {"item": item}))
            continue
        levers[code] = Levers(growth_adjust_pct=scenarios.percent_points(growth_bp), extra_recruits_per_month=recruits,
                              conversion_per_month=conversion)
    return ({}, unreadable) if unreadable else (levers, [])


def share_query(plan: Plan, campaign_start: dt.date, lang: str) -> str:
    """The query string of a link that opens the plan page on this plan in `lang` (settings as their widgets show
    them, see scenarios.share_query)."""
    return urllib.parse.urlencode({
        "plan_method": scenarios.method_text(plan.method, lang), "plan_window": plan.window_months,
        "plan_target": scenarios.target_text(plan.target_date.isoformat(), lang),
        "plan_start": scenarios.start_text(campaign_start.strftime("%Y-%m"), lang),
        LINK_PARAMETER: link_levers(plan.levers), "lang": lang}, safe=LINK_ITEM_SEPARATOR + LINK_FIELD_SEPARATOR)


def widget_values(plan: Plan, codes: list[str], default_start: dt.date) -> dict[str, object]:
    """The plan page's widget values (by key) that reproduce a plan; associations without levers at zero."""
    values: dict[str, object] = {"plan_method": plan.method, "plan_window": plan.window_months,
                                 "plan_target": plan.target_date.isoformat(),
                                 "plan_start": campaign_start(plan, default_start).strftime("%Y-%m")}
    for code in codes:
        levers = plan.levers.get(code, engine.BASELINE)
        values |= {f"plan_recruits_{code}": int(levers.extra_recruits_per_month),
                   f"plan_growth_bp_{code}": scenarios.basis_points(levers.growth_adjust_pct),
                   f"plan_conversion_{code}": int(levers.conversion_per_month)}
    return values


def levers_from_widgets(codes: list[str], values: dict, start: dt.date) -> dict[str, Levers]:
    """The plan's levers from the grid's values (by key): only associations whose levers are not all zero."""
    levers = {code: Levers(growth_adjust_pct=scenarios.percent_points(values[f"plan_growth_bp_{code}"]),
                           extra_recruits_per_month=float(values[f"plan_recruits_{code}"]), campaign_start=start,
                           conversion_per_month=float(values[f"plan_conversion_{code}"])) for code in codes}
    return {code: item for code, item in levers.items() if dataclasses.replace(item, campaign_start=None) != engine.BASELINE}


def campaign_start(plan: Plan, default_start: dt.date) -> dt.date:
    """The plan's campaign start (one for all its associations), or `default_start` when it has none."""
    starts = [levers.campaign_start for levers in plan.levers.values() if levers.campaign_start]
    return min(starts, default=default_start)


# Rows of number inputs a planner can work through; with more associations (a large data set has a thousand) the
# grid starts with the largest and any association can be added by name.
MAX_GRID_ROWS = 30


def default_grid_codes(series: dict, codes: list[str], with_levers: set[str], limit: int = MAX_GRID_ROWS) -> list[str]:
    """The associations the levers grid shows at first, in `codes` order: all of them up to `limit`; beyond, those
    with levers set and then the largest by last active participants (ties by code), `limit` in all at least."""
    if len(codes) <= limit:
        return list(codes)
    by_size = sorted(codes, key=lambda code: (-float(series[code].active_participants[-1]), code))
    chosen = set(with_levers) | set(by_size[:max(limit - len(with_levers), 0)])
    return [code for code in codes if code in chosen]


def with_rows_for(grid_codes: list[str], plan: Plan) -> list[str]:
    """The grid's associations, and after them every association `plan` gives levers that has no row yet."""
    return [*grid_codes, *(code for code in plan.levers if code not in grid_codes)]
