"""Figures of the planner pages (no Streamlit): fan charts of projections and the gap per scope.

Observed data is a solid line; projections are dashed, with their 95% and 80% bands as shaded fans, so the two
never read as one series (as in Our World in Data's grapher). The target is a line at its level.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cakupan import charts, i18n, theme
from cakupan.i18n import Translator
from cakupan.planner.engine import BAND_QUANTILES as BAND_QUANTILE_NAMES
from cakupan.planner.engine import ScopeProjection

PROJECTION_COLORS = ("#0b6e4f", "#5c80bc", "#f28f3b", "#a05195")


@dataclasses.dataclass(frozen=True)
class FanSeries:
    """One projection to draw: its legend name, the projection, and a colour."""

    name: str
    result: ScopeProjection
    color: str = PROJECTION_COLORS[0]


def fan(observed: pd.DataFrame, projections: list[FanSeries], t: Translator, history_months: int = 36,
        show_95: bool = True) -> go.Figure:
    """Observed active participants, then each projection with its bands, and the target line.

    `observed`: snapshot_month, active_participants (ascending); the last `history_months` are drawn.
    """
    lang = t.lang
    recent = observed.tail(history_months)
    first = projections[0].result
    top = max([recent["active_participants"].max(), first.target_participants or 0]
              + [float(np.nanmax(item.result.path_bands)) for item in projections if item.result.path_bands.size])
    divisor, unit = charts.value_unit(top, t)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=pd.to_datetime(recent["snapshot_month"]), y=recent["active_participants"] / divisor, mode="lines",
        name=t("charts.observed"), line={"color": charts.OBSERVED_COLOR, "width": 3},
        customdata=_hover(recent["snapshot_month"], recent["active_participants"], lang),
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>"))
    for item in projections:
        _add_projection(fig, item, divisor, t, show_95 and len(projections) == 1)
    months = list(pd.to_datetime(recent["snapshot_month"])) + [pd.Timestamp(first.target_month)]
    if first.target_participants:
        fig.add_hline(y=first.target_participants / divisor, line={"color": charts.TARGET_COLOR, "dash": "dot"},
                      annotation_text=f"{t('charts.target')} {i18n.format_compact(first.target_participants, lang)}",
                      annotation_position="top left", annotation_font_color=charts.TARGET_COLOR)
    return charts.finish_figure(fig, t, y_title=f"{t('charts.active_participants')} ({unit})", months=months)


def _add_projection(fig: go.Figure, item: FanSeries, divisor: float, t: Translator, show_95: bool) -> None:
    result = item.result
    if not result.path_months:
        return
    # The projection starts from the last observed point so that the dashed line joins the solid one.
    months = pd.to_datetime([result.last_month, *result.path_months])
    start = np.array([result.active_participants], dtype=float)
    bands = [np.concatenate([start, band]) / divisor for band in result.path_bands]
    central = np.concatenate([start, result.path_central]) / divisor
    if show_95:
        _band(fig, months, bands[0], bands[4], _rgba(item.color, 0.10), f"{item.name} · {t('planner.band_95')}")
    _band(fig, months, bands[1], bands[3], _rgba(item.color, 0.22 if show_95 else 0.16),
          f"{item.name} · {t('planner.band_80')}")
    texts = [i18n.format_number(value * divisor, t.lang) for value in central]
    fig.add_trace(go.Scatter(
        x=months, y=central, mode="lines", name=item.name, line={"color": item.color, "width": 3, "dash": "dash"},
        customdata=list(zip(_month_texts(months, t.lang), texts)),
        hovertemplate=f"{item.name} · %{{customdata[0]}}: %{{customdata[1]}}<extra></extra>"))


def _band(fig: go.Figure, months, low: np.ndarray, high: np.ndarray, color: str, name: str) -> None:
    fig.add_trace(go.Scatter(x=months, y=high, mode="lines", line={"width": 0}, hoverinfo="skip", showlegend=False,
                             legendgroup=name))
    fig.add_trace(go.Scatter(x=months, y=low, mode="lines", line={"width": 0}, fill="tonexty", fillcolor=color,
                             name=name, hoverinfo="skip", legendgroup=name))


def gap_bars(table: pd.DataFrame, scope_names: dict[str, str], t: Translator) -> go.Figure:
    """Each scope's projection as % of its target at the target date, with the 80% interval, coloured by status.

    `table`: scopes.gap_table rows (scope, projected_participants, target_participants, p10, p90, status).
    Percent of target puts 70 million and 6 thousand on one axis.
    """
    lang = t.lang
    rows = table.dropna(subset=["target_participants"]).iloc[::-1]
    percent = 100 * rows["projected_participants"] / rows["target_participants"]
    low = 100 * rows["p10"] / rows["target_participants"]
    high = 100 * rows["p90"] / rows["target_participants"]
    fig = go.Figure(go.Bar(
        x=percent, y=[scope_names.get(scope, scope) for scope in rows["scope"]], orientation="h",
        marker_color=[theme.status_color(status) for status in rows["status"]],
        error_x={"type": "data", "symmetric": False, "array": high - percent, "arrayminus": percent - low,
                 "color": "#343a40", "thickness": 1.5},
        text=[i18n.format_percent(value, lang, digits=0) for value in percent], textposition="inside",
        insidetextanchor="start", textfont={"color": "white"},
        customdata=list(zip([i18n.format_number(v, lang) for v in rows["projected_participants"]],
                            [i18n.format_number(v, lang) for v in rows["target_participants"]],
                            [t(f"status.{s}") if s else "–" for s in rows["status"]])),
        hovertemplate="%{y}: %{customdata[0]} / %{customdata[1]} · %{customdata[2]}<extra></extra>"))
    fig.add_vline(x=100, line={"color": charts.TARGET_COLOR, "dash": "dot", "width": 2},
                  annotation_text=t("charts.target"), annotation_position="top")
    fig.update_layout(showlegend=False, height=max(360, 34 * len(rows) + 90))
    fig = charts.finish_figure(fig, t, y_title="", months=None)
    fig.update_xaxes(title=t("planner.percent_of_target"), ticksuffix="%", rangemode="tozero")
    return fig


def backtest_errors(scorecard: pd.DataFrame, t: Translator) -> go.Figure:
    """Projection error (% of the actual) per method and window, at each horizon; dots inside the 80% band filled.

    `scorecard`: accuracy.backtest rows.
    """
    lang = t.lang
    fig = go.Figure()
    rows = scorecard.dropna(subset=["actual"])
    for index, horizon in enumerate(sorted(rows["horizon_months"].unique())):
        part = rows[rows["horizon_months"] == horizon]
        fig.add_trace(go.Bar(
            x=[t("planner.method_window_name", method=t(f"planner.method_{m}"), months=w)
               for m, w in zip(part["method"], part["window_months"])], y=part["error_pct"],
            name=t("planner.horizon_name", months=horizon), marker_color=PROJECTION_COLORS[index % 4],
            marker_pattern_shape=["" if inside else "/" for inside in part["inside_80"]],
            customdata=[i18n.format_percent(v, lang) for v in part["error_pct"]],
            hovertemplate="%{x}: %{customdata}<extra></extra>"))
    fig.add_hline(y=0, line={"color": "#343a40", "width": 1})
    fig = charts.finish_figure(fig, t, y_title=t("planner.error_pct"), months=None)
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("planner.method_window"))
    return fig


def _rgba(hex_color: str, alpha: float) -> str:
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _month_texts(months, lang: str) -> list[str]:
    return [i18n.format_month(pd.Timestamp(m).date(), lang) for m in months]


def _hover(months: pd.Series, values: pd.Series, lang: str) -> list[tuple[str, str]]:
    return list(zip(_month_texts(months, lang), [i18n.format_number(v, lang) for v in values]))


def fan_data(projections: list[FanSeries]) -> pd.DataFrame:
    """The numbers behind a fan chart: one row per (projection, month) with the central value and the bands."""
    frames = []
    for item in projections:
        result = item.result
        frames.append(pd.DataFrame({
            "projection": item.name, "snapshot_month": list(result.path_months),
            "projected_participants": np.round(result.path_central).astype("int64"),
            **{f"p{round(100 * q, 1):g}": np.round(band).astype("int64")
               for q, band in zip(BAND_QUANTILE_NAMES, result.path_bands)},
        }))
    return pd.concat(frames, ignore_index=True)
