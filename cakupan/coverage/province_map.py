"""Where members are: the province map of the chosen associations and segments, as a Plotly choropleth and as a
table with a link per province to the growth page filtered to it.

The boundaries are `sample_data/geo/indonesia_provinces.geojson` (38 provinces keyed by BPS code; credit in
sample_data/geo/README.md, CC BY 4.0), read from the project itself, never from a shared folder or the network.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from cakupan import i18n, theme
from cakupan.charts import FONT_FAMILY, value_unit
from cakupan.i18n import Translator

GEOJSON = Path(__file__).resolve().parents[2] / "sample_data" / "geo" / "indonesia_provinces.geojson"
FEATURE_KEY = "properties.province_code"
MEASURES = ("active", "change")
MAP_HEIGHT = 460
GROWTH_PAGE = "growth"  # the growth page's address (pages/1_growth.py)


@functools.cache
def boundaries() -> dict:
    """The provinces' GeoJSON FeatureCollection (read once per process)."""
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def map_codes() -> list[str]:
    """The BPS province codes the map can colour, in file order."""
    return [feature["properties"]["province_code"] for feature in boundaries()["features"]]


def codes_missing_from_map(codes) -> list[str]:
    """Province codes (from the data) that have no shape on the map: each would silently vanish from it."""
    on_map = set(map_codes())
    return sorted({str(code) for code in codes} - on_map)


def hover_rows(provinces: pd.DataFrame, t: Translator) -> list[tuple[str, str, str, str]]:
    """Per province: name, active participants, share of the scope, change over 12 months — as a reader reads them."""
    lang = t.lang
    return [(name, i18n.format_number(active, lang), i18n.format_percent(share, lang),
             change_text(change, change_pct, t))
            for name, active, share, change, change_pct in zip(
                provinces["province_name"], provinces["active_participants"], provinces["share_pct"],
                provinces["change_12m"], provinces["change_12m_pct"])]


def change_text(change, change_pct, t: Translator) -> str:
    """`+1.234 (+5,6%)`; `–` when the month a year before has no data; without a percentage from zero."""
    if pd.isna(change):
        return "–"
    if pd.isna(change_pct):
        return i18n.format_signed(change, t.lang)
    return f"{i18n.format_signed(change, t.lang)} ({i18n.format_decimal(change_pct, t.lang, signed=True)}%)"


def province_choropleth(provinces: pd.DataFrame, measure: str, t: Translator) -> go.Figure:
    """The `province_map` rows on the map: active participants (a sequential scale) or their change over 12 months
    (a diverging scale centred on no change). Hover: name, number, share, change."""
    column = "active_participants" if measure == "active" else "change_12m"
    values = provinces[column].astype("float64")
    divisor, unit = value_unit(values.abs().max() if values.notna().any() else 0, t)
    diverging = measure == "change"
    fig = go.Figure(go.Choropleth(
        geojson=boundaries(), featureidkey=FEATURE_KEY, locations=provinces["province_code"],
        z=values / divisor, zmid=0 if diverging else None,
        colorscale=theme.MAP_DIVERGING_SCALE if diverging else theme.MAP_SEQUENTIAL_SCALE,
        marker={"line": {"color": theme.MAP_BORDER_COLOR, "width": 0.6}},
        colorbar={"title": {"text": f"{t(f'coverage.map_{measure}')}<br>({unit})", "side": "top"},
                  "thickness": 14, "len": 0.8},
        customdata=hover_rows(provinces, t),
        hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{t('coverage.map_active')}: %{{customdata[1]}}"
                       f"<br>{t('coverage.map_share')}: %{{customdata[2]}}"
                       f"<br>{t('coverage.map_change')}: %{{customdata[3]}}<extra></extra>"),
    ))
    # no base map: only the provinces' own shapes, fitted to Indonesia
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(separators=i18n.plotly_separators(t.lang), height=MAP_HEIGHT, dragmode=False,
                      margin={"l": 0, "r": 0, "t": 10, "b": 0}, font={"family": FONT_FAMILY, "size": 14},
                      hoverlabel={"font_size": 14})
    return fig


def province_table(provinces: pd.DataFrame, t: Translator, growth_link) -> pd.DataFrame:
    """The map's numbers as a table to read, largest first, with headers in the language and a link per province
    to the growth page filtered to it (`growth_link(code)` makes the address)."""
    ranked = provinces.sort_values(["active_participants", "province_code"], ascending=[False, True], kind="stable")
    return pd.DataFrame({
        t("coverage.col_province"): ranked["province_name"],
        t("coverage.map_active"): ranked["active_participants"],
        t("coverage.col_share"): ranked["share_pct"],
        t("coverage.col_change"): ranked["change_12m"],
        t("coverage.col_change_pct"): ranked["change_12m_pct"],
        t("coverage.col_growth_link"): [growth_link(code) for code in ranked["province_code"]],
    }).reset_index(drop=True)


def map_takeaway(provinces: pd.DataFrame, t: Translator) -> str:
    """Where most members are: the largest province and its share, how many provinces hold them, the fastest
    growing province over 12 months."""
    present = provinces[provinces["active_participants"] > 0]
    if present.empty:
        return t("coverage.map_empty")
    lang = t.lang
    largest = present.sort_values(["active_participants", "province_code"], ascending=[False, True]).iloc[0]
    sentence = t("coverage.map_takeaway", province=largest["province_name"],
                 share=i18n.format_percent(largest["share_pct"], lang),
                 count=i18n.format_number(len(present), lang), total=i18n.format_number(len(provinces), lang))
    growing = present.dropna(subset=["change_12m_pct"])
    if growing.empty:
        return sentence
    fastest = growing.sort_values(["change_12m_pct", "province_code"], ascending=[False, True]).iloc[0]
    return sentence + " " + t("coverage.map_fastest", province=fastest["province_name"],
                              change=i18n.format_decimal(fastest["change_12m_pct"], lang, signed=True))


def has_change(provinces: pd.DataFrame) -> bool:
    """True when the month a year before has data, so the change over 12 months can be drawn."""
    return bool(provinces["change_12m"].notna().any())
