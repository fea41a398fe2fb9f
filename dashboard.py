"""Home: the answer first — will the chosen scope reach its target at today's pace, and which associations lag —
then where coverage stands now."""
import streamlit as st

from cakupan import charts, kpi, takeaways, ui
from cakupan.coverage import workforce
from cakupan.overview import widgets as overview_widgets

t = ui.setup_page("home")
associations = ui.query("associations")
targets = ui.query("targets")
codes = list(associations["association_code"])

scope_names = takeaways.scope_names(associations, t)
st.title(t("home.title"))
scope = overview_widgets.scope_picker(scope_names, t)

# monthly: one row per snapshot_month — active_participants, formal_participants, formal_share_pct
monthly = ui.scope_monthly(scope, codes)
target = kpi.target_for_scope(targets, scope, codes, kpi.last_month(monthly))
summary = kpi.summarize(monthly, target)
overview_widgets.show_headline(scope_names[scope], summary, t)

national_target = kpi.target_for_scope(targets, "national", codes, summary.last_month)
st.caption(takeaways.home_subtitle(national_target, summary.last_month, t))
cards = takeaways.kpi_cards(summary, t, sparkline=tuple(monthly["active_participants"].tail(24)))
if scope == "national":  # the share of the working population these participants are (more on the coverage page)
    cards = workforce.with_coverage_card(cards, monthly, ui.query("labour_force"), t)
ui.kpi_cards(cards)
overview_widgets.association_grid(codes, t, current=scope)

st.subheader(t("home.chart_title"))
figure = charts.headline_trend(monthly, target.target_participants if target else None,
                               target.target_date if target else None, t)
ui.chart_block(figure, monthly, "home_trend", takeaways.home_takeaway(scope_names[scope], summary, t), t)
if scope != "national":
    st.caption(t("ui.illustrative_note"))
