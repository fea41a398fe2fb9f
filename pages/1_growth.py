"""Growth: active participants over time by association, segment or province; net additions; year-on-year growth."""
import streamlit as st

from cakupan import charts, takeaways, ui
from cakupan.overview import comparisons

t = ui.setup_page("growth")
filters = ui.sidebar_filters(t)
names = ui.group_names(t)

st.title(t("growth.title"))
st.caption(t("growth.intro"))
breakdown = st.segmented_control(
    t("growth.breakdown"), options=["association", "segment", "province"], default="association",
    format_func=lambda option: t(f"growth.breakdown_{option}"), key="growth_breakdown") or "association"

# growth: one row per (snapshot_month, group_key) — active, new, lapsed, net_additions, yoy_growth_pct
growth = ui.query("growth", breakdown=breakdown, **filters.sql_params())
total = ui.query("growth", breakdown="total", **filters.sql_params())
if growth.empty:
    st.info(t("growth.no_data"))
    st.stop()

colors = comparisons.group_colors(breakdown, names["association"])
st.subheader(t("growth.active_title"))
view = st.segmented_control(
    t("growth.view"), options=list(comparisons.VIEWS), default=comparisons.DEFAULT_VIEW, help=t("growth.view_help"),
    format_func=lambda option: t(f"growth.view_{option}"), key="growth_view") or comparisons.DEFAULT_VIEW
ui.chart_block(comparisons.comparison_figure(view, growth, names[breakdown], colors, t),
               growth, "growth_active", takeaways.growth_active_takeaway(growth, total, names[breakdown], t), t)

left, right = st.columns(2)
with left:
    st.subheader(t("growth.net_title"))
    ui.chart_block(charts.net_additions_bars(total, t), total, "growth_net",
                   takeaways.net_additions_takeaway(total, t), t, drawable=takeaways.has_values(total, "net_additions"))
with right:
    st.subheader(t("growth.yoy_title"))
    ui.chart_block(charts.lines_by_group(growth, "yoy_growth_pct", names[breakdown], t, t("charts.yoy_growth"),
                                         percent=True, colors=colors),
                   growth, "growth_yoy", takeaways.yoy_takeaway(growth, names[breakdown], t), t,
                   drawable=takeaways.has_values(growth, "yoy_growth_pct"))
