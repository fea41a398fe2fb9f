"""The coverage page's widgets: the map's measure toggle and the province table with its links (Streamlit)."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from cakupan import ui
from cakupan.coverage import province_map
from cakupan.i18n import Translator


def measure_choice(t: Translator, change_known: bool) -> str:
    """Active participants or their change over 12 months; only the first when no year-before data exists."""
    options = list(province_map.MEASURES) if change_known else ["active"]
    return st.segmented_control(t("coverage.map_measure"), options=options, default="active",
                                format_func=lambda option: t(f"coverage.map_{option}"), key="map_measure") or "active"


def province_table(provinces: pd.DataFrame, t: Translator) -> None:
    """The map's numbers as a table, each province linking to the growth page filtered to it; CSV and Excel."""
    link = functools.partial(ui.province_link, province_map.GROWTH_PAGE, lang=t.lang)
    table = province_map.province_table(provinces, t, lambda code: link(province_code=code))
    st.dataframe(table, hide_index=True, width="stretch", height=320, column_config={
        t("coverage.col_growth_link"): st.column_config.LinkColumn(display_text=t("coverage.open_growth")),
        t("coverage.map_active"): st.column_config.NumberColumn(format="localized"),
        t("coverage.col_change"): st.column_config.NumberColumn(format="localized"),
        t("coverage.col_share"): st.column_config.NumberColumn(format="localized"),
        t("coverage.col_change_pct"): st.column_config.NumberColumn(format="localized"),
    })
    ui.table_downloads(provinces, "coverage_provinces", t)
