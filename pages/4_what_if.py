"""What-if planner: policy levers acting on a scope's projection, against the baseline; save, compare, share."""
import streamlit as st

from cakupan import ui
from cakupan.planner import engine, fan_charts, scenarios, scopes, words
from cakupan.planner import widgets as planner_widgets

t = ui.setup_page("what_if")
data = planner_widgets.planner_data(t)

st.title(t("what_if.title"))
st.caption(t("what_if.intro"))
planner_widgets.stop_without_history(data, t)
settings = planner_widgets.settings_inputs(t, data)
levers = planner_widgets.lever_inputs(t, data, settings)
planner_widgets.goal_seek_panel(t, data, settings, levers)

# baseline and scenario: the same scope, settings and bootstrap draws; only the levers differ
baseline, scenario = scenarios.project_with_levers(data, settings, [engine.BASELINE, levers])

ui.kpi_cards(words.what_if_cards(baseline, scenario, t))
st.subheader(t("what_if.chart_title"))
fans = [fan_charts.FanSeries(t("what_if.baseline"), baseline, fan_charts.PROJECTION_COLORS[1]),
        fan_charts.FanSeries(t("what_if.scenario"), scenario, fan_charts.PROJECTION_COLORS[0])]
observed = scopes.observed(data.monthly, settings.scope)
ui.chart_block(fan_charts.fan(observed, fans, t), fan_charts.fan_data(fans), "what_if_fan",
               words.what_if_takeaway(data.scope_names[settings.scope], baseline, scenario, t), t)

saved = planner_widgets.scenario_controls(t, settings, levers, data)
planner_widgets.scenario_comparison(t, settings, data, saved)
