"""What-if scenarios: save, list, delete (in the `scenarios` table), the links that share them, and their
projections (with the baseline, side by side, on the current data).

A scenario is a scope, projection settings and levers. Its link carries all of them as query parameters named
after the what-if page's widget keys, which are bound to the URL, so opening the link reproduces the scenario.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import urllib.parse

import pandas as pd

from cakupan import i18n
from cakupan.data import db
from cakupan.planner import engine
from cakupan.planner.engine import Levers, ScopeProjection
from cakupan.planner.scopes import PlannerData, Settings, scope_input


BASIS_POINTS_PER_POINT = 100   # a basis point is 0.01 percentage points


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    scope: str
    method: str
    window_months: int
    target_date: dt.date
    levers: Levers
    data_last_month: dt.date | None = None
    saved_at: dt.datetime | None = None
    scenario_id: int | None = None


def levers_json(levers: Levers) -> str:
    """The levers as a JSON object (dates as YYYY-MM-DD), as the `scenarios` table stores them."""
    values = dataclasses.asdict(levers)
    values["campaign_start"] = levers.campaign_start.isoformat() if levers.campaign_start else None
    return json.dumps(values, sort_keys=True)


def levers_from_json(text: str) -> Levers:
    """Levers from their stored JSON; keys a later version added or dropped are ignored or defaulted."""
    values = json.loads(text)
    known = {field.name for field in dataclasses.fields(Levers)}
    values = {key: value for key, value in values.items() if key in known}
    if values.get("campaign_start"):
        values["campaign_start"] = dt.date.fromisoformat(values["campaign_start"])
    return Levers(**values)


def save(scenario: Scenario) -> int:
    """Save (or replace, by name) a scenario; its id."""
    with db.transaction() as cur:
        saved = db.run_in(cur, "scenario_save", scenario_name=scenario.name.strip(), scope=scenario.scope,
                          method=scenario.method, window_months=scenario.window_months,
                          target_date=scenario.target_date, levers=levers_json(scenario.levers),
                          data_last_month=scenario.data_last_month)
    return int(saved["scenario_id"].iloc[0])


def saved_scenarios() -> list[Scenario]:
    """Every saved scenario, newest first."""
    return [scenario_from_row(row) for row in db.run("scenarios").itertuples()]


def delete(scenario_id: int) -> None:
    with db.transaction() as cur:
        db.run_in(cur, "scenario_delete", scenario_id=scenario_id)


def widget_values(scenario: Scenario, default_start: dt.date) -> dict[str, object]:
    """The what-if widgets' values (by key) that reproduce a scenario."""
    levers = scenario.levers
    return {
        "scope": scenario.scope, "method": scenario.method, "window": scenario.window_months,
        "target": scenario.target_date.isoformat(), "growth_bp": basis_points(levers.growth_adjust_pct),
        "recruits": int(levers.extra_recruits_per_month),
        "start": (levers.campaign_start or default_start).strftime("%Y-%m"),
        "conversion": int(levers.conversion_per_month), "lapse": int(levers.lapse_change_pct),
    }


def basis_points(percent_points_value: float) -> int:
    """A growth adjustment in percentage points as the growth lever's whole basis points (0.25 → 25): the widget
    counts basis points, because Streamlit writes a slider's decimals with a point ("0.25") in every language."""
    return round(percent_points_value * BASIS_POINTS_PER_POINT)


def percent_points(basis_points_value: int) -> float:
    """The growth lever's basis points as the percentage points the projection takes (25 → 0.25)."""
    return basis_points_value / BASIS_POINTS_PER_POINT


def method_text(method: str, lang: str) -> str:
    """A projection method as its widget shows it (`Tren linear`)."""
    return i18n.translate(f"planner.method_{method}", lang)


def target_text(iso_date: str, lang: str) -> str:
    """A target date option (YYYY-MM-DD) as its widget shows it (`Desember 2026`)."""
    return i18n.format_month(dt.date.fromisoformat(iso_date), lang, long=True)


def start_text(year_month: str, lang: str) -> str:
    """A campaign start option (YYYY-MM) as its widget shows it (`Nov 2023`)."""
    return i18n.format_month(dt.date.fromisoformat(f"{year_month}-01"), lang)


def share_query(scenario: Scenario, default_start: dt.date, lang: str, scope_name: str) -> str:
    """The query string of a link that opens the what-if page on this scenario in `lang`.

    Streamlit reads a bound select box or segmented control from the URL by the text the widget shows, not by its
    value (`method=Pertumbuhan+majemuk`, not `method=growth`, which it would drop for the default): those go in as
    the page writes them in `lang`, and the link opens in that language.
    """
    values = {key: str(value) for key, value in widget_values(scenario, default_start).items()}
    values |= {"scope": scope_name, "method": method_text(scenario.method, lang),
               "target": target_text(values["target"], lang), "start": start_text(values["start"], lang)}
    return urllib.parse.urlencode({**values, "lang": lang})


def levers_from_widgets(values: dict) -> Levers:
    """The levers the what-if widgets' values (by key) stand for: the inverse of `widget_values`."""
    return Levers(growth_adjust_pct=percent_points(values["growth_bp"]), extra_recruits_per_month=float(values["recruits"]),
                  campaign_start=dt.date.fromisoformat(f"{values['start']}-01"),
                  conversion_per_month=float(values["conversion"]), lapse_change_pct=float(values["lapse"]))


def scenario_from_row(row) -> Scenario:
    """A scenario from one row (itertuples) of the `scenarios` query."""
    return Scenario(name=row.name, scope=row.scope, method=row.method, window_months=int(row.window_months),
                    target_date=pd.Timestamp(row.target_date).date(), levers=levers_from_json(row.levers),
                    data_last_month=pd.Timestamp(row.data_last_month).date(),
                    saved_at=pd.Timestamp(row.saved_at).to_pydatetime(), scenario_id=int(row.scenario_id))



def project_with_levers(data: PlannerData, settings: Settings, levers_list: list[Levers]) -> list[ScopeProjection]:
    """One scope under several sets of levers (the first is usually the baseline), in one batch: the same
    bootstrap draws for all, so they differ only by their levers."""
    inputs = [scope_input(settings.scope, data.series[settings.scope], data.targets, settings.target_date, levers,
                          data.rates_of(settings.scope)) for levers in levers_list]
    return engine.project_scopes(inputs, settings.method, settings.window_months)


def project_saved(data: PlannerData, saved: list[Scenario]) -> list[ScopeProjection]:
    """Saved scenarios projected on the current data, each with its own settings and levers (for comparing)."""
    return [project_with_levers(data, scenario_settings(scenario), [scenario.levers])[0] for scenario in saved]


def scenario_settings(scenario: Scenario) -> Settings:
    """The projection settings a saved scenario was made with."""
    return Settings(scenario.scope, scenario.method, scenario.window_months, scenario.target_date)
