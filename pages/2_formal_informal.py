"""Formal vs informal: the sector split over time, nationally or for the selected associations, and per association."""
import streamlit as st

from cakupan import charts, i18n, takeaways, ui

t = ui.setup_page("formal_informal")
filters = ui.sidebar_filters(t)
names = ui.group_names(t)
sector_names = ui.sector_names(t)

st.title(t("formal_informal.title"))
st.caption(t("formal_informal.intro"))
st.caption(t("home.formal_note"))
left, right = st.columns(2)
scope = left.segmented_control(
    t("formal_informal.scope"), options=["national", "associations"], default="national",
    format_func=lambda option: t(f"formal_informal.scope_{option}"), key="split_scope") or "national"
show_as = right.segmented_control(
    t("formal_informal.show_as"), options=["share", "absolute"], default="share",
    format_func=lambda option: t(f"formal_informal.as_{option}"), key="split_show_as") or "share"

# split: one row per (snapshot_month, sector) — active_participants, share_pct
if scope == "national":
    split = ui.query("sector_split_national", from_month=filters.from_month, to_month=filters.to_month)
else:
    split = ui.query("sector_split", from_month=filters.from_month, to_month=filters.to_month,
                     **filters.code_params())
st.subheader(t("formal_informal.split_title"))
ui.chart_block(charts.sector_area(split, sector_names, t, as_share=show_as == "share"), split, "split_over_time",
               takeaways.split_takeaway(split, t), t, drawable=takeaways.has_values(split, "share_pct"))

# ranking: one row per association — formal_participants, active_participants, formal_share_pct, rank
ranking = ui.query("formal_share_by_association", month=filters.to_month, **filters.code_params())
composition = ui.query("segment_composition", month=filters.to_month, **filters.code_params())
month_text = i18n.format_month(filters.to_month, t.lang)
left, right = st.columns(2)
with left:
    st.subheader(t("formal_informal.ranking_title", month=month_text))
    ui.chart_block(charts.formal_share_ranking(ranking, t), ranking, "formal_ranking",
                   takeaways.ranking_takeaway(ranking, t), t,
                   drawable=takeaways.has_values(ranking, "formal_share_pct"))
with right:
    st.subheader(t("formal_informal.composition_title", month=month_text))
    ui.chart_block(charts.segment_composition_bars(composition, names["segment"], ui.segment_sectors(), t),
                   composition, "segment_composition",
                   takeaways.composition_takeaway(composition, names["segment"], t), t,
                   drawable=takeaways.has_values(composition, "share_pct"))
