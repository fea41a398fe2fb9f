"""The home page's widgets: the scope picker that follows the address, the headline with its status, and the
association grid. Only ui modules touch Streamlit; the words and HTML come from `overview.headline`."""

from __future__ import annotations

import streamlit as st

from cakupan import i18n, theme, ui
from cakupan.i18n import Translator
from cakupan.kpi import ScopeSummary
from cakupan.overview import headline
from cakupan.planner import engine, scopes, words
from cakupan.planner import widgets as planner_widgets

SCOPE_PARAMETER = "scope"


def scope_picker(scope_names: dict[str, str], t: Translator) -> str:
    """The home scope, opened from `?scope=CODE` (the association grid's links) and written back to the address
    when changed, so the page a person shares is the page they see."""
    asked = st.query_params.get(SCOPE_PARAMETER)
    if "home_scope" not in st.session_state and asked in scope_names:
        st.session_state["home_scope"] = asked
    return st.selectbox(t("home.scope"), options=list(scope_names), format_func=scope_names.get, key="home_scope",
                        on_change=_scope_to_address)


def _scope_to_address() -> None:
    st.query_params[SCOPE_PARAMETER] = st.session_state["home_scope"]


def show_headline(scope_name: str, summary: ScopeSummary, t: Translator) -> None:
    """The status pill and the one sentence that answers "will we make it?" for the chosen scope."""
    st.html(headline.headline_html(scope_name, summary, t))


def association_grid(association_codes: list[str], t: Translator, current: str | None = None) -> None:
    """Every association's status, % of target and sparkline, from the target-gap page's own projections (its
    default method, window and target date), each linking to its scope on this page."""
    data = planner_widgets.planner_data(t)
    if words.projection_not_enough(data.series, t):   # too short a history to project: the cards say so
        return
    settings = scopes.Settings("national", engine.DEFAULT_METHOD, engine.DEFAULT_WINDOW_MONTHS,
                               scopes.default_target_date(data.targets))
    _, _, table = planner_widgets.all_scope_projections(data, settings)
    tiles = headline.association_tiles(table, data.monthly, association_codes)
    if not tiles:
        return
    st.subheader(t("overview.grid_title"))
    st.caption(t("overview.grid_intro"))
    if len(tiles) > headline.MAX_TILES:
        st.caption(t("overview.grid_more", shown=headline.MAX_TILES, total=i18n.format_number(len(tiles), t.lang)))
    colors = theme.association_colors(ui.query("associations")["association_code"])
    st.html(headline.tiles_html(tiles[:headline.MAX_TILES], colors, t, current=current))
