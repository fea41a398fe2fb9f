"""The association plan page's widgets: the levers grid per association (bound to the URL and the session), the
plan's cached projection, save/reload/delete, share links and the comparison of saved plans. A ui module: it may
touch Streamlit; the arithmetic lives in `plans` and the words in `plan_words`."""

from __future__ import annotations

import dataclasses
import datetime as dt

import streamlit as st

from cakupan import i18n, ui
from cakupan.data import db
from cakupan.i18n import Translator
from cakupan.planner import engine, fan_charts, plan_words, plans, scenarios, scopes
from cakupan.planner.scopes import PlannerData, Settings

MAX_PLANS_COMPARED = 3
PLAN_GRID = [2, 3, 3, 3]   # association | recruits | growth (basis points) | conversion
PLAN_FIELDS = (("recruits", 100), ("growth_bp", 5), ("conversion", 100))   # grid column, step


def association_codes(data: PlannerData) -> list[str]:
    return [scope for scope in data.series if scope != "national"]


def plan_inputs(t: Translator, data: PlannerData, settings: Settings) -> plans.Plan:
    """The levers grid (association × recruits, growth adjustment, conversion) and the campaign start; a plan link's
    levers applied first. Ends the page with the problems when the levers cannot be used."""
    codes = association_codes(data)
    default_start = engine.add_months(data.last_month, 1)
    _apply_plan_link(t, codes, default_start)
    st.markdown(f"#### {t('plan.levers_title')}")
    starts = scopes.month_options(default_start, settings.target_date)
    start = st.selectbox(t("plan.start"), options=starts, format_func=lambda m: scenarios.start_text(m, t.lang),
                         key="plan_start", bind="query-params")
    grid = _grid_codes(t, data, codes)
    for column, label_key in zip(st.columns(PLAN_GRID), ("col_association", "col_recruits", "col_growth_bp",
                                                          "col_conversion")):
        column.markdown(f"**{t(f'plan.{label_key}')}**")
    values = {}
    for code in grid:
        code_column, *field_columns = st.columns(PLAN_GRID, vertical_alignment="center")
        code_column.markdown(code)
        for column, (field, step) in zip(field_columns, PLAN_FIELDS):
            key = f"plan_{field}_{code}"
            st.session_state.setdefault(key, 0)   # a state, not value=0: a reloaded plan sets it without a warning
            values[key] = column.number_input(f"{t(f'plan.col_{field}')} · {code}", step=step, key=key,
                                              label_visibility="collapsed")
    st.caption(t("plan.grid_help"))
    levers = plans.levers_from_widgets(grid, values, dt.date.fromisoformat(f"{start}-01"))
    found = plans.lever_problems(levers, set(codes))
    if found:
        st.error(plan_words.problems_text(found, t))
        st.stop()
    _keep_levers_in_url(plans.link_levers(levers))
    return plans.Plan("", settings.method, settings.window_months, settings.target_date, levers,
                      data_last_month=data.series["national"].last_month)


GRID_CODES_KEY = "plan_grid_codes"


def _grid_codes(t: Translator, data: PlannerData, codes: list[str]) -> list[str]:
    """The associations with a row in the levers grid: all of them when they fit; beyond plans.MAX_GRID_ROWS, the
    ones a person picks (at first the largest, and those a link or a saved plan gave levers). One number input
    costs Streamlit time in proportion to all the inputs of the page, so a thousand rows would take minutes."""
    if len(codes) <= plans.MAX_GRID_ROWS:
        return codes
    if GRID_CODES_KEY not in st.session_state:
        with_levers = {code for code in codes for field, _ in PLAN_FIELDS
                       if st.session_state.get(f"plan_{field}_{code}")}
        st.session_state[GRID_CODES_KEY] = plans.default_grid_codes(data.series, codes, with_levers)
    grid = st.multiselect(t("plan.grid_codes"), options=codes, key=GRID_CODES_KEY)
    st.caption(t("plan.grid_codes_help", shown=i18n.format_number(len(grid), t.lang),
                 total=i18n.format_number(len(codes), t.lang)))
    return [code for code in codes if code in set(grid)]


LEVER_KEYS = tuple(f"plan_{field}_" for field, _ in PLAN_FIELDS)


def _set_grid(plan: plans.Plan, codes: list[str], default_start: dt.date, levers_only: bool = False) -> None:
    """Put `plan` into the page's state (with `levers_only`, its levers alone): its associations get a row, rows
    already there are reset, and no state is made for the other associations (a thousand unused inputs would slow
    every run)."""
    for key, value in plans.widget_values(plan, codes, default_start).items():
        is_lever = key.startswith(LEVER_KEYS)
        if (is_lever and (value or key in st.session_state)) or (not is_lever and not levers_only):
            st.session_state[key] = value
    if GRID_CODES_KEY in st.session_state:
        st.session_state[GRID_CODES_KEY] = plans.with_rows_for(st.session_state[GRID_CODES_KEY], plan)


def _apply_plan_link(t: Translator, codes: list[str], default_start: dt.date) -> None:
    """Set the grid from the link's `levers` parameter once per link (later edits stay); a link with anything
    wrong changes nothing and says what to fix."""
    text = st.query_params.get(plans.LINK_PARAMETER)
    if text is None or st.session_state.get("plan_link_applied") == text:
        return
    st.session_state["plan_link_applied"] = text
    levers, found = plans.levers_from_link(text)
    found = found or plans.lever_problems(levers, set(codes))
    if found:
        st.error(plan_words.problems_text(found, t, "plan.link_problems_title"))
        return
    link_plan = plans.Plan("", engine.DEFAULT_METHOD, engine.DEFAULT_WINDOW_MONTHS, default_start, levers)
    _set_grid(link_plan, codes, default_start, levers_only=True)


def plan_projection(data: PlannerData, plan: plans.Plan) -> plans.PlanProjection:
    """plans.project_plan, computed once per data version, settings and levers: typing a plan's name, choosing a
    saved plan or comparing plans reruns the page without changing the plan."""
    return _plan_projection(db.data_version(), plan.method, plan.window_months, plan.target_date,
                            plans.levers_json(plan.levers), data)


@st.cache_data(show_spinner=False, max_entries=64)
def _plan_projection(version: int, method: str, window_months: int, target_date: dt.date, levers: str,
                     _data: PlannerData) -> plans.PlanProjection:
    return plans.project_plan(_data, plans.Plan("", method, window_months, target_date, plans.levers_from_json(levers)))


def _keep_levers_in_url(text: str) -> None:
    """The page's own address carries the grid's levers, as the bound widgets carry the settings: a reload or a
    copied address reproduces the plan (and is not applied again in this session)."""
    if st.query_params.get(plans.LINK_PARAMETER, "") != text:
        st.query_params[plans.LINK_PARAMETER] = text
    st.session_state["plan_link_applied"] = text


def plan_link(plan: plans.Plan, data: PlannerData, lang: str) -> str:
    """An absolute link to the plan page on this plan (relative when the browser URL is unknown)."""
    base = st.context.url or "plan"
    return f"{base}?{plans.share_query(plan, plans.campaign_start(plan, engine.add_months(data.last_month, 1)), lang)}"


def plan_controls(t: Translator, plan: plans.Plan, data: PlannerData) -> list[plans.Plan]:
    """Save the plan under a name, its share link, and the saved plans to reload or delete."""
    st.subheader(t("plan.save_title"))
    name_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
    name = name_column.text_input(t("plan.name"), key="plan_name", max_chars=80)
    if button_column.button(t("plan.save"), key="plan_save", type="primary"):
        try:
            plans.save(dataclasses.replace(plan, name=name), set(association_codes(data)))
            st.success(t("plan.saved", name=name.strip()))
        except plans.InvalidPlan as invalid:
            st.warning(plan_words.problems_text(invalid.problems, t))
    st.caption(t("plan.share_current"))
    st.code(plan_link(plan, data, t.lang), language=None)
    saved = plans.saved_plans()
    st.markdown(f"#### {t('plan.saved_title')}")
    if not saved:
        st.info(t("plan.none_saved"))
        return saved
    st.dataframe(plan_words.plans_table(saved, t), hide_index=True, width="stretch")
    by_id = {item.plan_id: item for item in saved}
    chosen = by_id[st.selectbox(t("plan.choose"), options=list(by_id), format_func=lambda i: by_id[i].name,
                                key="plan_choice")]
    reload_column, delete_column, _ = st.columns([1, 1, 4])
    reload_column.button(t("plan.reload"), key="plan_reload", on_click=_reload_plan, args=(chosen, data))
    delete_column.button(t("plan.delete"), key="plan_delete", on_click=_delete_plan, args=(chosen, t))
    st.caption(t("plan.share_saved", name=chosen.name))
    st.code(plan_link(chosen, data, t.lang), language=None)
    if chosen.data_last_month != data.series["national"].last_month:
        st.caption(t("plan.stale", saved=i18n.format_month(chosen.data_last_month, t.lang),
                     now=i18n.format_month(data.series["national"].last_month, t.lang)))
    return saved


def plan_comparison(t: Translator, data: PlannerData, saved: list[plans.Plan]) -> None:
    """Two or three saved plans side by side, nationally: overlaid fans and a table."""
    by_id = {item.plan_id: item for item in saved}
    picked = st.multiselect(t("plan.compare"), options=list(by_id), format_func=lambda i: by_id[i].name,
                            key="plan_compare", select_all=False, placeholder=t("plan.choose")) if len(saved) > 1 else []
    if len(picked) < 2:
        st.caption(t("plan.compare_hint"))
        return
    if len(picked) > MAX_PLANS_COMPARED:
        st.caption(t("plan.compare_first", count=MAX_PLANS_COMPARED))
    chosen = [by_id[i] for i in picked[:MAX_PLANS_COMPARED]]
    results = [plan_projection(data, item) for item in chosen]
    fans = [fan_charts.FanSeries(item.name, result.national, fan_charts.PROJECTION_COLORS[i])
            for i, (item, result) in enumerate(zip(chosen, results))]
    st.markdown(f"#### {t('plan.compare_title')}")
    table = plan_words.comparison_table(chosen, results, t)
    ui.chart_block(fan_charts.fan(scopes.observed(data.monthly, "national"), fans, t), table, "plan_compare",
                   plan_words.comparison_takeaway(chosen, results, t), t)
    st.dataframe(table, hide_index=True, width="stretch")


def _reload_plan(plan: plans.Plan, data: PlannerData) -> None:
    _set_grid(plan, association_codes(data), engine.add_months(data.last_month, 1))


def _delete_plan(plan: plans.Plan, t: Translator) -> None:
    plans.delete(plan.plan_id)
    st.toast(t("plan.deleted", name=plan.name))
