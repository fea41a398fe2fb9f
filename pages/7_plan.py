"""Association plan: levers per association, each association's projection and status, and the national projection
their extra participants add up to; save, share by link, compare."""
import streamlit as st

from cakupan import ui
from cakupan.planner import fan_charts, plan_words, scopes
from cakupan.planner import plan_widgets
from cakupan.planner import widgets as planner_widgets

t = ui.setup_page("plan")
data = planner_widgets.planner_data(t)

st.title(t("plan.title"))
st.caption(t("plan.intro"))
planner_widgets.stop_without_history(data, t)
st.info(t("plan.assumption"))
settings = planner_widgets.settings_inputs(t, data, prefix="plan_", with_scope=False)
plan = plan_widgets.plan_inputs(t, data, settings)

# the nation without and with the associations' extras, and each association: one batch, the same bootstrap draws
result = plan_widgets.plan_projection(data, plan)

ui.kpi_cards(plan_words.plan_cards(result, t))
st.subheader(t("plan.chart_title"))
fans = [fan_charts.FanSeries(t("plan.national_baseline"), result.national_baseline, fan_charts.PROJECTION_COLORS[1]),
        fan_charts.FanSeries(t("plan.with_plan"), result.national, fan_charts.PROJECTION_COLORS[0])]
ui.chart_block(fan_charts.fan(scopes.observed(data.monthly, "national"), fans, t), fan_charts.fan_data(fans),
               "plan_fan", plan_words.plan_takeaway(result, t), t)

st.subheader(t("plan.associations_title"))
if not plan.levers:
    st.caption(t("plan.no_association_levers"))
st.dataframe(plan_words.association_table(result, plan, t), hide_index=True, width="stretch")

saved = plan_widgets.plan_controls(t, plan, data)
plan_widgets.plan_comparison(t, data, saved)
