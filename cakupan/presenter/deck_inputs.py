"""What the presenter's slides are built from: every query result behind the deck (`DeckInputs`), gathered by
`gather_inputs` — the only function of the presenter that runs queries, through the runner it is given (the page
passes its cached `ui.query`, the command line `db.run`) — and the association and scenario figures derived from
them. A saved what-if scenario, projected on the current data, becomes one more slide when one is chosen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from cakupan import kpi, theme
from cakupan.planner import engine, scenarios, scopes

QueryRunner = Callable[..., pd.DataFrame]


@dataclasses.dataclass(frozen=True, eq=False)
class ScenarioSlideData:
    """A saved what-if scenario projected on the current data, with the baseline it is measured against."""
    name: str
    scope: str
    levers: engine.Levers
    scenario: engine.ScopeProjection
    baseline: engine.ScopeProjection
    observed: pd.DataFrame      # the scope's snapshot_month, active_participants


@dataclasses.dataclass(frozen=True, eq=False)
class DeckInputs:
    """Every query result the slides are built from.

    national: `national_monthly`; by_association: `monthly_per_association` for the chosen associations;
    national_split: `sector_split_national` over the period; associations, targets, segments: reference tables.
    """
    national: pd.DataFrame
    by_association: pd.DataFrame
    national_split: pd.DataFrame
    associations: pd.DataFrame
    targets: pd.DataFrame
    segments: pd.DataFrame
    from_month: dt.date
    to_month: dt.date
    scenario: ScenarioSlideData | None = None


def scenarios_for_slides(run: QueryRunner, stored: pd.DataFrame) -> list[ScenarioSlideData]:
    """The saved what-if scenarios (`stored`: the `scenarios` query, read uncached since saving a scenario does not
    change the data version), newest first, each projected on the current data with its baseline; scenarios whose
    scope has no data or no target any more are left out."""
    if stored.empty:
        return []
    monthly = run("scope_monthly_active")
    last_month = scopes.latest_month(scopes.series_by_scope(monthly))
    data = scopes.planner_data(monthly, run("targets"), run("scope_lapse_rates",
                                                            from_month=scopes.lapse_rates_from(last_month)), "")
    slides_data = []
    for saved in (scenarios.scenario_from_row(row) for row in stored.itertuples()):
        if saved.scope not in data.series:
            continue
        baseline, projected = scenarios.project_with_levers(data, scenarios.scenario_settings(saved),
                                                            [engine.BASELINE, saved.levers])
        if projected.target_participants is not None:
            slides_data.append(ScenarioSlideData(saved.name, saved.scope, saved.levers, projected, baseline,
                                                 scopes.observed(monthly, saved.scope)))
    return slides_data


def gather_inputs(run: QueryRunner, associations: Sequence[str] = (), period=None,
                  scenario: ScenarioSlideData | None = None) -> DeckInputs:
    """Run the queries behind the slides; empty `associations` means all, a period that does not fit the data
    (or none) means the last `theme.DEFAULT_PERIOD_MONTHS` months."""
    association_table = run("associations")
    known = list(association_table["association_code"])
    chosen = [code for code in associations if code in known] or known
    national = run("national_monthly")
    from_month, to_month = chart_period(period, national)
    return DeckInputs(
        national=national,
        by_association=run("monthly_per_association", associations=chosen),
        national_split=run("sector_split_national", from_month=from_month, to_month=to_month),
        associations=association_table[association_table["association_code"].isin(chosen)].reset_index(drop=True),
        targets=run("targets"),
        segments=run("segments"),
        from_month=from_month, to_month=to_month, scenario=scenario)


def chart_period(period, national: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The chosen (from, to) months when both lie in the national series, else its last 36 months."""
    months = [pd.Timestamp(m).date() for m in national["snapshot_month"]]
    if isinstance(period, (tuple, list)) and len(period) == 2 and period[0] in months and period[1] in months:
        return period[0], period[1]
    return months[max(0, len(months) - 1 - theme.DEFAULT_PERIOD_MONTHS)], months[-1]


def national_summary(inputs: DeckInputs) -> kpi.ScopeSummary:
    last_month = pd.Timestamp(inputs.national["snapshot_month"].iloc[-1]).date()
    return kpi.summarize(inputs.national, kpi.pick_target(inputs.targets, "national", last_month))



PROGRESS_COLUMNS = ["association_code", "last_month", "active_participants", "target_date", "target_participants",
                    "target_reached_pct", "gap_now_participants", "projected_participants", "projected_shortfall",
                    "probability_target_met", "pace_per_month", "required_pace_per_month", "status"]


def associations_with_target(inputs: DeckInputs) -> list[tuple[kpi.Target, dt.date, np.ndarray]]:
    """Each chosen association that has a target, by code: (target, last month, monthly active participants)."""
    monthly = inputs.by_association.sort_values(["association_code", "snapshot_month"], kind="stable")
    codes = monthly["association_code"].to_numpy()
    active = monthly["active_participants"].to_numpy(dtype="int64")
    months = pd.to_datetime(monthly["snapshot_month"]).dt.date.to_numpy()
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.array([], dtype=int)
    book = kpi.target_book(inputs.targets)
    picked = []
    for start, end in zip(starts.tolist(), [*starts[1:].tolist(), len(codes)]):
        target = kpi.pick_from_book(book, codes[start], months[end - 1])
        if target is not None:
            picked.append((target, months[end - 1], active[start:end]))
    return picked


def association_progress(inputs: DeckInputs) -> pd.DataFrame:
    """One row per chosen association that has a target: where it stands against it today (gap now), where its
    pace lands it (projection, projected shortfall, chance) and its status — the columns of PROGRESS_COLUMNS.

    The numbers are `kpi.summarize`'s, with every association projected in one batch at its target month (a
    thousand associations take one engine call, not a thousand)."""
    picked = associations_with_target(inputs)
    results = engine.project_scopes([kpi.projection_input(series, last_month, target)
                                     for target, last_month, series in picked], fan=False)
    rows = []
    for (target, last_month, series), result in zip(picked, results):
        active_now = int(series[-1])
        projected = int(round(result.projected_participants))
        rows.append({
            "association_code": target.scope, "last_month": last_month,
            "active_participants": active_now, "target_date": target.target_date,
            "target_participants": target.target_participants,
            "target_reached_pct": round(100.0 * active_now / target.target_participants, 2),
            "gap_now_participants": target.target_participants - active_now,
            "projected_participants": projected, "projected_shortfall": target.target_participants - projected,
            "probability_target_met": result.probability_target_met,
            "pace_per_month": round(result.pace_per_month, 1),
            "required_pace_per_month": round(result.required_pace_per_month, 1),
            "status": result.status,
        })
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
