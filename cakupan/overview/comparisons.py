"""Growth by group made readable when sizes differ a hundredfold: small multiples (each group on its own scale), an
index (=100 at the period's start) or a log scale — one toggle on the growth page. Colours per association come
from `theme.association_colors`, the same on every chart.

Figure builders and the index are pure (no Streamlit): DataFrames in, figures out.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cakupan import charts, i18n, theme
from cakupan.i18n import Translator

VIEWS = ("small_multiples", "indexed", "log")
DEFAULT_VIEW = "small_multiples"
PANEL_COLUMNS = 3
PANEL_HEIGHT = 170   # pixels per row of panels: enough for three y ticks and a title


def group_colors(breakdown: str, association_codes) -> dict[str, str] | None:
    """The associations' own colours on an association breakdown; other breakdowns keep the series palette."""
    return theme.association_colors(association_codes) if breakdown == "association" else None


def indexed(frame: pd.DataFrame, value_column: str = "active_participants") -> pd.DataFrame:
    """`frame` (snapshot_month, group_key, value) with `index_100`: each group's value ÷ its value in its first
    month of the frame × 100. A group that starts at 0 has no index (empty), rather than an infinite one."""
    ordered = frame.sort_values(["group_key", "snapshot_month"])
    first = ordered.groupby("group_key")[value_column].transform("first")
    base = first.where(first != 0)
    return ordered.assign(index_100=100.0 * ordered[value_column] / base).sort_values(["snapshot_month", "group_key"])


def comparison_figure(view: str, growth: pd.DataFrame, group_names: dict[str, str], colors: dict[str, str] | None,
                      t: Translator) -> go.Figure:
    """Active participants by group in the chosen view (`VIEWS`)."""
    title = t("charts.active_participants")
    if view == "indexed":
        figure = charts.lines_by_group(indexed(growth), "index_100", group_names, t, t("growth.index_title"),
                                       colors=colors, index=True)
        figure.add_hline(y=100, line={"color": charts.REQUIRED_COLOR, "dash": "dot", "width": 1})
        return figure
    if view == "log":
        figure = charts.lines_by_group(growth, "active_participants", group_names, t, title, colors=colors)
        return figure.update_yaxes(type="log", title=f"{figure.layout.yaxis.title.text} · {t('growth.log_axis')}")
    return small_multiples(growth, group_names, colors, t)


def small_multiples(growth: pd.DataFrame, group_names: dict[str, str], colors: dict[str, str] | None,
                    t: Translator) -> go.Figure:
    """A panel per group (the largest charts.MAX_LINES), each with its own y scale and unit in its title, largest
    first, so a group of six thousand shows its shape as clearly as one of four hundred thousand."""
    lang = t.lang
    keys = _largest_first(growth, charts.largest_groups(growth, charts.MAX_LINES))
    rows = max(1, math.ceil(len(keys) / PANEL_COLUMNS))
    # short units in the panel titles: three panels side by side must fit a phone (about 110 pixels each)
    titles = [" ".join([group_names.get(key, key), panel_unit(growth, key, t)]).strip() for key in keys]
    figure = make_subplots(rows=rows, cols=PANEL_COLUMNS, subplot_titles=titles, shared_xaxes=True,
                           vertical_spacing=0.5 / rows if rows > 1 else 0.1, horizontal_spacing=0.08)
    for position, key in enumerate(keys):
        group = growth[growth["group_key"] == key]
        divisor, _ = charts.value_unit(group["active_participants"].max(), t)
        color = (colors or {}).get(key) or charts.color_for(key, keys)
        figure.add_trace(go.Scatter(
            x=pd.to_datetime(group["snapshot_month"]), y=group["active_participants"] / divisor, mode="lines",
            name=group_names.get(key, key), line={"color": color, "width": 2.5}, showlegend=False,
            customdata=[(i18n.format_month(pd.Timestamp(m).date(), lang), i18n.format_number(v, lang))
                        for m, v in zip(group["snapshot_month"], group["active_participants"])],
            hovertemplate=f"{group_names.get(key, key)} · %{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
        ), row=position // PANEL_COLUMNS + 1, col=position % PANEL_COLUMNS + 1)
    figure = charts.finish_figure(figure, t, y_title="", months=None)
    figure.update_layout(height=PANEL_HEIGHT * rows + 60, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    figure.update_annotations(font={"size": 12})
    figure.update_xaxes(tickfont={"size": 10}, showticklabels=True, tickangle=0)
    # ",~f": grouped digits in the language's separators (6.000), never Plotly's English "6k"
    figure.update_yaxes(tickfont={"size": 10}, nticks=4, rangemode="tozero", tickformat=",~f")
    _year_ticks(figure, growth, lang)
    return figure


def panel_unit(growth: pd.DataFrame, key: str, t: Translator) -> str:
    """The short unit of one panel's own scale in brackets, `(jt)` or `(rb)` (`(mn)`, `(k)`); nothing when the panel
    counts people one by one (its ticks say so: `6.000`)."""
    divisor, _ = charts.value_unit(growth.loc[growth["group_key"] == key, "active_participants"].max(), t)
    unit = {1_000_000: "growth.panel_unit_million", 1_000: "growth.panel_unit_thousand"}.get(divisor)
    return f"({t(unit)})" if unit else ""


def _largest_first(growth: pd.DataFrame, keys: list[str]) -> list[str]:
    last = growth[growth["snapshot_month"] == growth["snapshot_month"].max()].set_index("group_key")
    return sorted(keys, key=lambda key: (-float(last["active_participants"].get(key, 0)), key))


def _year_ticks(figure: go.Figure, growth: pd.DataFrame, lang: str) -> None:
    """A tick each January, written as the year alone: month names do not fit a small panel. A period without a
    January gets a few month ticks instead."""
    months = pd.to_datetime(growth["snapshot_month"])
    januaries = [month for month in pd.date_range(months.min(), months.max(), freq="MS") if month.month == 1]
    if len(januaries) >= 2:
        figure.update_xaxes(tickvals=januaries, ticktext=[str(month.year) for month in januaries])
        return
    values, texts = charts.month_ticks(months.min(), months.max(), lang, max_ticks=2)
    figure.update_xaxes(tickvals=values, ticktext=texts)
