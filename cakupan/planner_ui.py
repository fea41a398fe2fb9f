"""Streamlit helpers of the planner pages (target gap, what-if): inputs bound to the URL, scenario controls.

Kept apart from `ui.py` so that parallel work on the shared helper merges cleanly. Inputs use
`bind="query-params"`: their values live in the URL (plain `st.query_params` are cleared on a page switch,
bound widgets are not), which is what makes a what-if link reproduce a scenario.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import streamlit as st

from cakupan import db, fan_charts, i18n, planner_text, planning, projection, scenarios, ui
from cakupan.i18n import Translator
from cakupan.planning import Settings
from cakupan.projection import Levers, LapseRates
from cakupan.scenarios import Scenario


@dataclasses.dataclass(frozen=True)
class PlannerData:
    monthly: pd.DataFrame                      # scope_monthly_active
    targets: pd.DataFrame
    series: dict[str, planning.ScopeSeries]
    lapse_rates: dict[str, LapseRates]
    scope_names: dict[str, str]
    last_month: dt.date


def planner_data(t: Translator) -> PlannerData:
    """Every scope's series, the targets and the recent lapse rates (cached queries)."""
    monthly = ui.query("scope_monthly_active")
    series = planning.series_by_scope(monthly)
    last_month = max(item.last_month for item in series.values())
    rates = ui.query("scope_lapse_rates", from_month=planning.lapse_rates_from(last_month))
    names = {scope: t("home.scope_national") if scope == "national" else scope for scope in series}
    return PlannerData(monthly, ui.query("targets"), series, planning.lapse_rates_by_scope(rates), names, last_month)


def settings_inputs(t: Translator, data: PlannerData, prefix: str = "", with_scope: bool = True) -> Settings:
    """Scope, method, window and target date; widget keys (and URL parameters) are `prefix` + name."""
    dates = planning.target_date_options(data.targets, data.last_month)
    default_date = planning.default_target_date(data.targets).isoformat()
    columns = st.columns([3, 4, 3, 3] if with_scope else [4, 3, 3])
    scope = "national"
    if with_scope:
        scope = columns[0].selectbox(t("planner.scope"), options=list(data.series), format_func=data.scope_names.get,
                                     key=f"{prefix}scope", bind="query-params")
    method = columns[-3].segmented_control(
        t("planner.method"), options=list(projection.METHODS), default=projection.DEFAULT_METHOD,
        format_func=lambda m: t(f"planner.method_{m}"), key=f"{prefix}method", bind="query-params")
    window = columns[-2].select_slider(t("planner.window"), options=list(planning.WINDOW_CHOICES),
                                       value=projection.DEFAULT_WINDOW_MONTHS, key=f"{prefix}window",
                                       bind="query-params")
    target = columns[-1].selectbox(
        t("planner.target_date"), options=dates, index=dates.index(default_date) if default_date in dates else 0,
        format_func=lambda d: i18n.format_month(dt.date.fromisoformat(d), t.lang, long=True),
        key=f"{prefix}target", bind="query-params")
    st.caption(t("planner.methods_help", window=window))
    return Settings(scope, method or projection.DEFAULT_METHOD, int(window), dt.date.fromisoformat(target))


def all_scope_projections(data: PlannerData, settings: Settings):
    """Every scope projected with `settings` (inputs, results, gap table), computed once per data version and
    settings: the bootstrap over all scopes is the heaviest work in the app, and most reruns of the target-gap
    page (choosing the fan chart's scope, moving the backtest month) do not change it."""
    return _all_scope_projections(db.data_version(), settings.method, settings.window_months, settings.target_date,
                                  data)


@st.cache_data(show_spinner=False, max_entries=32)
def _all_scope_projections(version: int, method: str, window_months: int, target_date: dt.date, _data: PlannerData):
    inputs = planning.scope_inputs(_data.monthly, _data.targets, target_date)
    results = projection.project_scopes(inputs, method, window_months)
    return inputs, results, planning.gap_table(inputs, results)


def lever_inputs(t: Translator, data: PlannerData, settings: Settings) -> Levers:
    """The four levers, bound to the URL."""
    rates = data.lapse_rates.get(settings.scope, projection.NO_LAPSE_DATA)
    starts = planning.month_options(projection.add_months(data.last_month, 1), settings.target_date)
    percent = lambda rate: i18n.format_percent(100 * rate, t.lang, digits=1)  # noqa: E731
    st.markdown(f"#### {t('what_if.levers')}")
    left, middle, right = st.columns(3)
    growth = left.slider(t("what_if.growth"), min_value=-1.0, max_value=1.0, value=0.0, step=0.05, format="%.2f",
                         help=t("what_if.growth_help"), key="growth", bind="query-params")
    lapse = left.slider(t("what_if.lapse"), min_value=-50, max_value=50, value=0, step=5,
                        help=t("what_if.lapse_help", rate=percent(rates.overall)), key="lapse", bind="query-params")
    recruits = middle.number_input(t("what_if.recruits"), min_value=0, max_value=10_000_000, value=0, step=10,
                                   help=t("what_if.recruits_help"), key="recruits", bind="query-params")
    start = middle.selectbox(t("what_if.start"), options=starts,
                             format_func=lambda m: i18n.format_month(dt.date.fromisoformat(f"{m}-01"), t.lang),
                             key="start", bind="query-params")
    conversion = right.number_input(
        t("what_if.conversion"), min_value=0, max_value=10_000_000, value=0, step=10, key="conversion",
        help=t("what_if.conversion_help", formal=percent(rates.formal), informal=percent(rates.informal)),
        bind="query-params")
    if settings.scope == "national":
        right.caption(t("what_if.national_lapse_note"))
    return Levers(growth_adjust_pct=float(growth), extra_recruits_per_month=float(recruits),
                  campaign_start=dt.date.fromisoformat(f"{start}-01"), conversion_per_month=float(conversion),
                  lapse_change_pct=float(lapse))


def current_scenario(name: str, settings: Settings, levers: Levers, data: PlannerData) -> Scenario:
    return Scenario(name=name, scope=settings.scope, method=settings.method, window_months=settings.window_months,
                    target_date=settings.target_date, levers=levers,
                    data_last_month=data.series[settings.scope].last_month)


def share_link(scenario: Scenario, data: PlannerData, lang: str) -> str:
    """An absolute link to the what-if page on this scenario (relative when the browser URL is unknown)."""
    base = st.context.url or "what_if"
    return f"{base}?{scenarios.share_query(scenario, projection.add_months(data.last_month, 1), lang)}"


def scenario_controls(t: Translator, settings: Settings, levers: Levers, data: PlannerData) -> list[Scenario]:
    """Save the current levers under a name, its share link, and the saved scenarios to reload or delete."""
    st.subheader(t("what_if.save_title"))
    name_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
    name = name_column.text_input(t("what_if.name"), key="scenario_name", max_chars=80)
    if button_column.button(t("what_if.save"), key="scenario_save", type="primary"):
        if name.strip():
            scenarios.save(current_scenario(name, settings, levers, data))
            st.success(t("what_if.saved", name=name.strip()))
        else:
            st.warning(t("what_if.name_missing"))
    st.caption(t("what_if.share_current"))
    st.code(share_link(current_scenario(name, settings, levers, data), data, t.lang), language=None)
    saved = scenarios.saved_scenarios()
    st.markdown(f"#### {t('what_if.saved_title')}")
    if not saved:
        st.info(t("what_if.none_saved"))
        return saved
    st.dataframe(planner_text.scenario_table(saved, data.scope_names, t), hide_index=True, width="stretch")
    by_id = {scenario.scenario_id: scenario for scenario in saved}
    chosen = by_id[st.selectbox(t("what_if.choose"), options=list(by_id), format_func=lambda i: by_id[i].name,
                                key="scenario_choice")]
    reload_column, delete_column, _ = st.columns([1, 1, 4])
    reload_column.button(t("what_if.reload"), key="scenario_reload", on_click=_reload, args=(chosen, data))
    delete_column.button(t("what_if.delete"), key="scenario_delete", on_click=_delete, args=(chosen, t))
    st.caption(t("what_if.share_saved", name=chosen.name))
    st.code(share_link(chosen, data, t.lang), language=None)
    if chosen.data_last_month and chosen.data_last_month != data.series[chosen.scope].last_month:
        st.caption(t("what_if.stale", saved=i18n.format_month(chosen.data_last_month, t.lang),
                     now=i18n.format_month(data.series[chosen.scope].last_month, t.lang)))
    return saved


def scenario_comparison(t: Translator, settings: Settings, data: PlannerData, saved: list[Scenario]) -> None:
    """Two to four saved scenarios of the current scope: overlaid fan charts and a table of differences."""
    same_scope = {scenario.scenario_id: scenario for scenario in saved if scenario.scope == settings.scope}
    picked = st.multiselect(t("what_if.compare", scope=data.scope_names[settings.scope]), options=list(same_scope),
                            format_func=lambda i: same_scope[i].name, max_selections=4, key="scenario_compare",
                            placeholder=t("what_if.choose"))
    if len(picked) < 2:
        st.caption(t("what_if.compare_hint"))
        return
    chosen = [same_scope[i] for i in picked]
    series = data.series[settings.scope]
    rates = data.lapse_rates.get(settings.scope, projection.NO_LAPSE_DATA)
    results = [planning.project_scenarios(planning.scenario_settings(s), [s.levers], series, data.targets, rates)[0]
               for s in chosen]
    fans = [fan_charts.FanSeries(s.name, r, fan_charts.PROJECTION_COLORS[i]) for i, (s, r) in
            enumerate(zip(chosen, results))]
    st.markdown(f"#### {t('what_if.compare_title')}")
    table = planner_text.comparison_table(chosen, results, t)
    ui.chart_block(fan_charts.fan(planning.observed(data.monthly, settings.scope), fans, t), table,
                   "what_if_compare", planner_text.comparison_takeaway(chosen, results, t), t)
    st.dataframe(table, hide_index=True, width="stretch")


def _reload(scenario: Scenario, data: PlannerData) -> None:
    for key, value in scenarios.widget_values(scenario, projection.add_months(data.last_month, 1)).items():
        st.session_state[key] = value


def _delete(scenario: Scenario, t: Translator) -> None:
    scenarios.delete(scenario.scenario_id)
    st.toast(t("what_if.deleted", name=scenario.name))


def rolling_accuracy(data: PlannerData, scope: str) -> pd.DataFrame:
    """The scope's rolling-origin accuracy (planning.rolling_accuracy), computed once per data version and scope:
    every method and window from every origin is ~1.5 s of bootstrap work."""
    return _rolling_accuracy(db.data_version(), scope, data)


@st.cache_data(show_spinner=False, max_entries=32)
def _rolling_accuracy(version: int, scope: str, _data: PlannerData) -> pd.DataFrame:
    return planning.rolling_accuracy(_data.series[scope])
