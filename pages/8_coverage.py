"""Coverage & map: how much of the workforce is covered, how much of each association's ecosystem, and where."""
import streamlit as st

from cakupan import charts, i18n, ui
from cakupan.coverage import figures, province_map, widgets, workforce

t = ui.setup_page("coverage")
filters = ui.sidebar_filters(t)
names = ui.group_names(t)
labour_force = ui.query("labour_force")

st.title(t("coverage.title"))
st.caption(t("coverage.intro"))

# national: one row per snapshot_month — active_participants, employed_persons, coverage_pct, denominator_basis
national = workforce.national_coverage(ui.query("national_monthly"), labour_force)
st.subheader(t("coverage.national_title"))
ui.kpi_cards(workforce.coverage_cards(national, t), per_row=3)
ui.chart_block(figures.coverage_line(national, t), national, "coverage_national",
               workforce.national_takeaway(national, t), t, drawable=not national.empty)
st.caption(workforce.sources_note(labour_force, t))

# associations: one row per (snapshot_month, association_code) — active_participants, eligible_workers, coverage_pct
associations = ui.query("association_coverage", **filters.sql_params())
st.subheader(t("coverage.association_title"))
ui.chart_block(charts.lines_by_group(workforce.association_groups(associations), "coverage_pct",
                                     names["association"], t, t("coverage.axis"), percent=True),
               associations, "coverage_associations", workforce.association_takeaway(associations, t), t,
               drawable=not associations.empty)
st.caption(t("coverage.association_note"))

# provinces: one row per province_code — active_participants, active_year_before, change_12m(_pct), share_pct
provinces = ui.query("province_map", month=filters.to_month, associations=list(filters.associations),
                     segments=list(filters.segments))
st.subheader(t("coverage.map_title", month=i18n.format_month(filters.to_month, t.lang, long=True)))
measure = widgets.measure_choice(t, province_map.has_change(provinces))
ui.chart_block(province_map.province_choropleth(provinces, measure, t), provinces, "coverage_map",
               province_map.map_takeaway(provinces, t), t)
st.caption(t("coverage.map_credit"))
widgets.province_table(provinces, t)
st.caption(t("ui.illustrative_note"))
