"""Target gap: every scope projected to the target date — gap, pace, chance, status; a fan chart; a backtest."""
import streamlit as st

from cakupan import i18n, ui
from cakupan.planner import accuracy, fan_charts, words
from cakupan.planner import widgets as planner_widgets

t = ui.setup_page("target_gap")
data = planner_widgets.planner_data(t)

st.title(t("target_gap.title"))
st.caption(t("target_gap.intro"))
planner_widgets.stop_without_history(data, t)
settings = planner_widgets.settings_inputs(t, data, prefix="gap_", with_scope=False)

# table: one row per scope (national first) — the contract's record plus status and month reached
inputs, results, table = planner_widgets.all_scope_projections(data, settings)
gap_bars, gap_display = planner_widgets.gap_views(table, results, data, settings, t)

st.subheader(t("target_gap.chart_title", date=i18n.format_month(settings.target_date, t.lang, long=True)))
st.caption(words.status_thresholds(t))
ui.chart_block(gap_bars, table, "target_gap_bars", words.gap_takeaway(table, t), t)
st.subheader(t("target_gap.table_title"))
st.dataframe(gap_display, hide_index=True, width="stretch")
st.subheader(t("goal_seek.table_title"))
st.caption(t("goal_seek.table_intro"))
planner_widgets.what_it_takes_table(t, data, settings, table)

st.subheader(t("target_gap.fan_title"))
by_scope = dict(zip(table["scope"], results))
scope = st.selectbox(t("target_gap.fan_scope"), options=list(by_scope), format_func=data.scope_names.get,
                     key="gap_fan_scope", bind="query-params")
fan = planner_widgets.scope_fan(inputs, settings, scope)  # the table's numbers, with the monthly paths
fans = [fan_charts.FanSeries(t(f"planner.method_{settings.method}"), fan)]
ui.chart_block(planner_widgets.fan_figure(data, settings, scope, fans, t), fan_charts.fan_data(fans),
               "target_gap_fan", words.fan_takeaway(data.scope_names[scope], fan, t), t)

st.subheader(t("target_gap.backtest_title"))
st.caption(t("target_gap.backtest_intro"))
origins = accuracy.backtest_origins(data.series[scope])
if not origins:
    st.info(words.backtest_not_enough(data.series[scope], t))
else:
    origin = st.select_slider(t("target_gap.backtest_origin"), options=origins,
                              value=accuracy.default_backtest_origin(origins),
                              format_func=lambda m: i18n.format_month(m, t.lang), key="gap_backtest_origin")
    scorecard = planner_widgets.backtest(data, scope, origin)
    ui.chart_block(fan_charts.backtest_errors(scorecard, t), scorecard, "target_gap_backtest",
                   words.backtest_takeaway(scorecard, origin, t), t)
    st.dataframe(words.backtest_display(scorecard, t), hide_index=True, width="stretch")

st.subheader(t("target_gap.accuracy_title"))
st.caption(t("target_gap.accuracy_intro"))
every_origin = planner_widgets.rolling_accuracy(data, scope)
st.dataframe(words.accuracy_display(every_origin, t), hide_index=True, width="stretch")
st.markdown(words.accuracy_takeaway(every_origin, settings, t))
