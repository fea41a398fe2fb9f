"""What-if planner: policy levers acting on a scope's projection, against the baseline; save, compare, share."""
import streamlit as st

from cakupan import fan_charts, planner_text, planner_ui, planning, projection, ui

t = ui.setup_page("what_if")
data = planner_ui.planner_data(t)

st.title(t("what_if.title"))
st.caption(t("what_if.intro"))
settings = planner_ui.settings_inputs(t, data)
levers = planner_ui.lever_inputs(t, data, settings)

# baseline and scenario: the same scope, settings and bootstrap draws; only the levers differ
series = data.series[settings.scope]
rates = data.lapse_rates.get(settings.scope, projection.NO_LAPSE_DATA)
baseline, scenario = planning.project_scenarios(settings, [projection.BASELINE, levers], series, data.targets, rates)

ui.kpi_cards(planner_text.what_if_cards(baseline, scenario, t))
st.subheader(t("what_if.chart_title"))
fans = [fan_charts.FanSeries(t("what_if.baseline"), baseline, fan_charts.PROJECTION_COLORS[1]),
        fan_charts.FanSeries(t("what_if.scenario"), scenario, fan_charts.PROJECTION_COLORS[0])]
observed = planning.observed(data.monthly, settings.scope)
ui.chart_block(fan_charts.fan(observed, fans, t), fan_charts.fan_data(fans), "what_if_fan",
               planner_text.what_if_takeaway(data.scope_names[settings.scope], baseline, scenario, t), t)

saved = planner_ui.scenario_controls(t, settings, levers, data)
planner_ui.scenario_comparison(t, settings, data, saved)
