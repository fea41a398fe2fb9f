"""The planner pages' widgets (target gap, what-if, association plan): settings and levers bound to the URL,
scenario and plan controls, and the cached projections they show. Only this module and the other ui modules touch Streamlit.

Inputs use `bind="query-params"`: their values live in the URL (plain `st.query_params` are cleared on a page
switch, bound widgets are not), which is what makes a what-if link reproduce a scenario.
"""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from cakupan import i18n, ui
from cakupan.data import db
from cakupan.i18n import Translator
from cakupan.planner import accuracy, engine, fan_charts, goal_seek, scenarios, scopes, what_it_takes, words
from cakupan.planner.engine import Levers
from cakupan.planner.scenarios import Scenario
from cakupan.planner.scopes import PlannerData, Settings

MAX_COMPARED = 4   # scenarios in one comparison (the fan chart's colours)


def planner_data(t: Translator) -> PlannerData:
    """Every scope's series, the targets and the recent lapse rates, built once per data version and language and
    shared by the sessions of this server process: splitting a thousand scopes' series costs more than the rest of a
    planner page (read only, like a cached query's answer)."""
    return _planner_data(db.data_version(), t("home.scope_national"))


@st.cache_resource(max_entries=8, show_spinner=False)
def _planner_data(version: int, national_name: str) -> PlannerData:
    monthly = ui.query("scope_monthly_active")
    last_month = scopes.latest_month(scopes.series_by_scope(monthly))
    rates = ui.query("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
    return scopes.planner_data(monthly, ui.query("targets"), rates, national_name)


def stop_without_history(data: PlannerData, t: Translator) -> None:
    """End the page with a note when the data is too short for any projection."""
    note = words.projection_not_enough(data.series, t)
    if note:
        st.info(note)
        st.stop()


def settings_inputs(t: Translator, data: PlannerData, prefix: str = "", with_scope: bool = True) -> Settings:
    """Scope, method, window and target date; widget keys (and URL parameters) are `prefix` + name."""
    dates = scopes.target_date_options(data.targets, data.last_month)
    default_date = scopes.default_target_date(data.targets).isoformat()
    scope_column, method_column, window_column, target_column = (
        st.columns([3, 4, 3, 3]) if with_scope else [None, *st.columns([4, 3, 3])])
    scope = "national"
    if with_scope:
        scope = scope_column.selectbox(t("planner.scope"), options=list(data.series), format_func=data.scope_names.get,
                                     key=f"{prefix}scope", bind="query-params")
    method = method_column.segmented_control(
        t("planner.method"), options=list(engine.METHODS), default=engine.DEFAULT_METHOD,
        format_func=lambda m: scenarios.method_text(m, t.lang), key=f"{prefix}method", bind="query-params")
    window = window_column.select_slider(t("planner.window"), options=list(scopes.WINDOW_CHOICES),
                                       value=engine.DEFAULT_WINDOW_MONTHS, key=f"{prefix}window",
                                       bind="query-params")
    target = target_column.selectbox(
        t("planner.target_date"), options=dates, index=dates.index(default_date) if default_date in dates else 0,
        format_func=lambda d: scenarios.target_text(d, t.lang), key=f"{prefix}target", bind="query-params")
    st.caption(t("planner.methods_help", window=window))
    return Settings(scope, method or engine.DEFAULT_METHOD, int(window), dt.date.fromisoformat(target))


def all_scope_projections(data: PlannerData, settings: Settings):
    """Every scope projected with `settings` (inputs, results, gap table), computed once per data version and
    settings: the bootstrap over all scopes is the heaviest work in the app, and most reruns of the target-gap
    page (choosing the fan chart's scope, moving the backtest month) do not change it."""
    return _all_scope_projections(db.data_version(), settings.method, settings.window_months, settings.target_date,
                                  data)


@st.cache_data(show_spinner=False, max_entries=32)
def _all_scope_projections(version: int, method: str, window_months: int, target_date: dt.date, _data: PlannerData):
    inputs = scopes.scope_inputs(_data.monthly, _data.targets, target_date)
    # the table needs each scope at its target month only; the fan of the scope on screen is `scope_fan`
    results = engine.project_scopes(inputs, method, window_months, fan=False)
    return inputs, results, scopes.gap_table(inputs, results)


def gap_views(table: pd.DataFrame, results: list[engine.ScopeProjection], data: PlannerData, settings: Settings,
              t: Translator) -> tuple:
    """The gap bars and the table as shown, once per data version, settings and language for every session:
    a thousand scopes' bars and formatted cells cost more than the rest of the page."""
    return _gap_views(db.data_version(), settings.method, settings.window_months, settings.target_date, t.lang,
                      table, results, data)


@st.cache_resource(max_entries=32, show_spinner=False)
def _gap_views(version: int, method: str, window_months: int, target_date: dt.date, lang: str,
               _table: pd.DataFrame, _results: list, _data: PlannerData) -> tuple:
    t = i18n.translator(lang)
    return (fan_charts.gap_bars(_table, _data.scope_names, t),
            words.gap_display(_table, _results, _data.scope_names, t))


def scope_fan(inputs: list[engine.ScopeInput], settings: Settings, scope: str) -> engine.ScopeProjection:
    """The scope's projection with its monthly paths for the fan chart: at the target month the same numbers as
    its row of the table (`all_scope_projections`)."""
    item = next(item for item in inputs if item.scope == scope)
    return _scope_fan(db.data_version(), settings.method, settings.window_months, settings.target_date, scope, item)


@st.cache_data(show_spinner=False, max_entries=64)
def _scope_fan(version: int, method: str, window_months: int, target_date: dt.date, scope: str,
               _item: engine.ScopeInput) -> engine.ScopeProjection:
    return engine.project_scopes([_item], method, window_months)[0]


def lever_inputs(t: Translator, data: PlannerData, settings: Settings) -> Levers:
    """The four levers, bound to the URL."""
    rates = data.rates_of(settings.scope)
    starts = scopes.month_options(engine.add_months(data.last_month, 1), settings.target_date)
    percent = lambda rate: words.rate_percent(rate, t.lang)  # noqa: E731
    st.markdown(f"#### {t('what_if.levers')}")
    left, middle, right = st.columns(3)
    # in whole basis points (see scenarios.basis_points): no decimal point in an Indonesian page
    growth_bp = left.slider(t("what_if.growth"), min_value=scenarios.basis_points(engine.GROWTH_ADJUST_LIMITS[0]),
                            max_value=scenarios.basis_points(engine.GROWTH_ADJUST_LIMITS[1]), value=0, step=5,
                            help=t("what_if.growth_help"), key="growth_bp", bind="query-params")
    lapse = left.slider(t("what_if.lapse"), min_value=engine.LAPSE_CHANGE_LIMITS[0], max_value=engine.LAPSE_CHANGE_LIMITS[1], value=0, step=5,
                        help=t("what_if.lapse_help", rate=percent(rates.overall)), key="lapse", bind="query-params")
    recruits = middle.number_input(t("what_if.recruits"), min_value=0, max_value=10_000_000, value=0, step=10,
                                   help=t("what_if.recruits_help"), key="recruits", bind="query-params")
    start = middle.selectbox(t("what_if.start"), options=starts,
                             format_func=lambda m: scenarios.start_text(m, t.lang), key="start", bind="query-params")
    conversion = right.number_input(
        t("what_if.conversion"), min_value=0, max_value=10_000_000, value=0, step=10, key="conversion",
        help=t("what_if.conversion_help", formal=percent(rates.formal), informal=percent(rates.informal)),
        bind="query-params")
    if settings.scope == "national":
        right.caption(t("what_if.national_lapse_note"))
    levers = scenarios.levers_from_widgets({"growth_bp": growth_bp, "recruits": recruits, "start": start,
                                            "conversion": conversion, "lapse": lapse})
    st.caption(t("what_if.levers_in_words", levers=words.levers_sentence(levers, t)))
    return levers


def current_scenario(name: str, settings: Settings, levers: Levers, data: PlannerData) -> Scenario:
    return Scenario(name=name, scope=settings.scope, method=settings.method, window_months=settings.window_months,
                    target_date=settings.target_date, levers=levers,
                    data_last_month=data.series[settings.scope].last_month)


def share_link(scenario: Scenario, data: PlannerData, lang: str) -> str:
    """An absolute link to the what-if page on this scenario (relative when the browser URL is unknown)."""
    base = st.context.url or "what_if"
    query = scenarios.share_query(scenario, engine.add_months(data.last_month, 1), lang,
                                  data.scope_names[scenario.scope])
    return f"{base}?{query}"


def scenario_controls(t: Translator, settings: Settings, levers: Levers, data: PlannerData) -> list[Scenario]:
    """Save the current levers under a name, its share link, and the saved scenarios to reload or delete."""
    st.subheader(t("what_if.save_title"))
    name_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
    name = name_column.text_input(t("what_if.name"), key="scenario_name", max_chars=80)
    if button_column.button(t("what_if.save"), key="scenario_save", type="primary"):
        if name.strip():
            try:
                scenarios.save(current_scenario(name, settings, levers, data))
                st.success(t("what_if.saved", name=name.strip()))
            except db.DatabaseBusy as busy:
                st.error(t("ingest.database_busy", seconds=round(busy.seconds)))
        else:
            st.warning(t("what_if.name_missing"))
    st.caption(t("what_if.share_current"))
    st.code(share_link(current_scenario(name, settings, levers, data), data, t.lang), language=None)
    saved = scenarios.saved_scenarios()
    st.markdown(f"#### {t('what_if.saved_title')}")
    if not saved:
        st.info(t("what_if.none_saved"))
        return saved
    st.dataframe(words.scenario_table(saved, data.scope_names, t), hide_index=True, width="stretch")
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
    if len(same_scope) < 2:  # nothing to compare (and an empty list would open on Streamlit's "No results")
        st.caption(t("what_if.compare_hint"))
        return
    # no `max_selections` and no "select all": Streamlit words both in English ("You can only select up to 4
    # options…", "Select all"); beyond four, the first four chosen are compared and the page says so
    picked = st.multiselect(t("what_if.compare", scope=data.scope_names[settings.scope]), options=list(same_scope),
                            format_func=lambda i: same_scope[i].name, key="scenario_compare", select_all=False,
                            placeholder=t("what_if.choose"))
    if len(picked) < 2:
        st.caption(t("what_if.compare_hint"))
        return
    if len(picked) > MAX_COMPARED:
        st.caption(t("what_if.compare_first", count=MAX_COMPARED))
    chosen = [same_scope[i] for i in picked[:MAX_COMPARED]]
    results = scenarios.project_saved(data, chosen)
    fans = [fan_charts.FanSeries(s.name, r, fan_charts.PROJECTION_COLORS[i]) for i, (s, r) in
            enumerate(zip(chosen, results))]
    st.markdown(f"#### {t('what_if.compare_title')}")
    table = words.comparison_table(chosen, results, t)
    ui.chart_block(fan_charts.fan(scopes.observed(data.monthly, settings.scope), fans, t), table,
                   "what_if_compare", words.comparison_takeaway(chosen, results, t), t)
    st.dataframe(table, hide_index=True, width="stretch")


def _reload(scenario: Scenario, data: PlannerData) -> None:
    for key, value in scenarios.widget_values(scenario, engine.add_months(data.last_month, 1)).items():
        st.session_state[key] = value


def _delete(scenario: Scenario, t: Translator) -> None:
    try:
        scenarios.delete(scenario.scenario_id)
        st.toast(t("what_if.deleted", name=scenario.name))
    except db.DatabaseBusy as busy:
        st.toast(t("ingest.database_busy", seconds=round(busy.seconds)))


def fan_figure(data: PlannerData, settings: Settings, scope: str, fans: list[fan_charts.FanSeries],
               t: Translator):
    """The target-gap fan chart of `scope`, drawn once per data version, settings, scope and language."""
    return _fan_figure(db.data_version(), settings.method, settings.window_months, settings.target_date, scope, t.lang,
                       data, fans)


@st.cache_resource(max_entries=64, show_spinner=False)
def _fan_figure(version: int, method: str, window_months: int, target_date: dt.date, scope: str, lang: str,
                _data: PlannerData, _fans: list):
    return fan_charts.fan(scopes.observed(_data.monthly, scope), _fans, i18n.translator(lang))


def backtest(data: PlannerData, scope: str, origin: dt.date) -> pd.DataFrame:
    """The scope's backtest from `origin` (accuracy.backtest), once per data version, scope and origin."""
    return _backtest(db.data_version(), scope, origin, data)


@st.cache_data(show_spinner=False, max_entries=64)
def _backtest(version: int, scope: str, origin: dt.date, _data: PlannerData) -> pd.DataFrame:
    return accuracy.backtest(_data.series[scope], origin)


def rolling_accuracy(data: PlannerData, scope: str) -> pd.DataFrame:
    """The scope's rolling-origin accuracy (accuracy.rolling_accuracy), computed once per data version and scope:
    every method and window from every origin is ~1.5 s of bootstrap work."""
    return _rolling_accuracy(db.data_version(), scope, data)


@st.cache_data(show_spinner=False, max_entries=32)
def _rolling_accuracy(version: int, scope: str, _data: PlannerData) -> pd.DataFrame:
    return accuracy.rolling_accuracy(_data.series[scope])


def goal_seek_panel(t: Translator, data: PlannerData, settings: Settings, levers: Levers) -> None:
    """What it takes: for the chosen lever and chance, the smallest value (the other levers as set above), the
    projection it gives, and a button that puts the value on its lever."""
    # folded: open, it pushes the cards and the comparison below the fold of the page
    with st.expander(t("goal_seek.panel_title")), st.container(key="goal_seek_panel"):
        st.caption(t("goal_seek.panel_intro"))
        lever_column, chance_column = st.columns(2)
        # segmented controls can be clicked off: then the defaults stand
        lever = lever_column.segmented_control(
            t("goal_seek.lever"), options=list(goal_seek.LEVERS), default="recruits", key="seek_lever",
            format_func=lambda name: t(f"goal_seek.lever_{name}")) or "recruits"
        chance = chance_column.segmented_control(
            t("goal_seek.chance"), options=list(goal_seek.CHANCES), default=goal_seek.CHANCES[1], key="seek_chance",
            format_func=lambda value: what_it_takes.chance_label(value, t.lang)) or goal_seek.CHANCES[1]
        item = scopes.what_if_input(data, settings.scope, settings.target_date, levers)
        answer = goal_seek.seek(item, lever, chance, settings.method, settings.window_months)
        projection = goal_seek.solved_projection(item, answer, settings.method, settings.window_months)
        for sentence in what_it_takes.answer_sentences(answer, item, projection, data.scope_names[settings.scope], t):
            st.markdown(sentence)
        if answer.found and answer.levers != levers:
            st.button(t("goal_seek.apply"), key="seek_apply", type="primary", on_click=_apply_goal, args=(answer,))
        elif answer.found:
            st.caption(t("goal_seek.applied"))


def _apply_goal(answer: goal_seek.GoalSeek) -> None:
    # the lever widgets read their value from here on the rerun the click starts (their keys: lever_inputs)
    st.session_state[GOAL_SEEK_WIDGETS[answer.lever]] = answer.steps


GOAL_SEEK_WIDGETS = {"recruits": "recruits", "growth": "growth_bp"}   # goal-seek lever → lever widget key


def what_it_takes_table(t: Translator, data: PlannerData, settings: Settings, gap: pd.DataFrame) -> None:
    """Every scope's extra recruits per month for a 50% and an 80% chance next to its pace and status; downloadable."""
    needed = _what_it_takes(db.data_version(), settings.method, settings.window_months, settings.target_date, data,
                            gap)
    st.dataframe(what_it_takes.requirements_display(needed, data.scope_names, t), hide_index=True, width="stretch",
                 key="what_it_takes_table")
    st.caption(what_it_takes.requirements_takeaway(needed, t))
    st.download_button(t("ui.download_csv"), data=functools.partial(i18n.csv_bytes, needed, t.lang),
                       file_name="cakupan_what_it_takes.csv", mime="text/csv", key="what_it_takes_csv",
                       on_click="ignore")


@st.cache_data(show_spinner=False, max_entries=32)
def _what_it_takes(version: int, method: str, window_months: int, target_date: dt.date, _data: PlannerData,
                   _gap: pd.DataFrame) -> pd.DataFrame:
    # `_gap` is the target-gap table of the same version and settings, so the key above identifies it too
    inputs = [scopes.what_if_input(_data, scope, target_date, scopes.default_levers(_data)) for scope in _gap["scope"]]
    return what_it_takes.requirements_table(inputs, _gap, method, window_months)
