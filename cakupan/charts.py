"""Plotly figure builders: DataFrames in, figures out, labels and number formats in the chosen language.

No Streamlit here. Plotly ships no locales, so every axis tick and hover text is formatted by `i18n`:
values are plotted in a readable unit (juta / ribu) and month ticks carry Babel month names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from cakupan import i18n
from cakupan.i18n import Translator

SECTOR_COLORS = {"formal": "#0b6e4f", "informal": "#f28f3b", "construction": "#5c80bc", "migrant": "#a05195"}
SERIES_PALETTE = ("#0b6e4f", "#f28f3b", "#5c80bc", "#a05195", "#c8553d", "#2a9d8f",
                  "#8d6a9f", "#e9c46a", "#264653", "#d62828", "#6a994e", "#577590")
OBSERVED_COLOR = "#0b6e4f"
TARGET_COLOR = "#c8553d"
REQUIRED_COLOR = "#6c757d"
FONT_FAMILY = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


def color_for(key: str, keys: Iterable[str]) -> str:
    """A stable colour for one series among `keys` (sorted, so the same code keeps its colour across pages)."""
    ordered = sorted(set(keys))
    return SERIES_PALETTE[ordered.index(key) % len(SERIES_PALETTE)] if key in ordered else SERIES_PALETTE[0]


def value_unit(max_value: float, t: Translator) -> tuple[float, str]:
    """Divisor and unit name that keep axis numbers short: millions, thousands or people."""
    if max_value >= 1_000_000:
        return 1_000_000, t("charts.unit_million")
    if max_value >= 10_000:
        return 1_000, t("charts.unit_thousand")
    return 1, t("charts.unit_people")


def headline_trend(monthly: pd.DataFrame, target_participants: int | None, target_date: dt.date | None,
                   t: Translator) -> go.Figure:
    """Active participants over time, the target as a point at its date, and the straight path to it.

    `monthly`: snapshot_month, active_participants (ascending).
    """
    lang = t.lang
    top = max(monthly["active_participants"].max(), target_participants or 0)
    divisor, unit = value_unit(top, t)
    months = pd.to_datetime(monthly["snapshot_month"])
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=months, y=monthly["active_participants"] / divisor, mode="lines", name=t("charts.observed"),
        line={"color": OBSERVED_COLOR, "width": 3},
        customdata=_hover_rows(monthly["snapshot_month"], monthly["active_participants"], lang),
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
    ))
    if target_participants and target_date:
        last_month = months.iloc[-1]
        last_value = monthly["active_participants"].iloc[-1]
        target_x = pd.Timestamp(target_date.replace(day=1))
        fig.add_trace(go.Scatter(
            x=[last_month, target_x], y=[last_value / divisor, target_participants / divisor],
            mode="lines", name=t("charts.required_path"), line={"color": REQUIRED_COLOR, "dash": "dash", "width": 2},
            hoverinfo="skip",
        ))
        fig.add_trace(go.Scatter(
            x=[target_x], y=[target_participants / divisor], mode="markers+text", name=t("charts.target"),
            marker={"color": TARGET_COLOR, "size": 14, "symbol": "star"},
            text=[i18n.format_compact(target_participants, lang)], textposition="top left",
            textfont={"color": TARGET_COLOR, "size": 14},
            hovertemplate=f"{t('charts.target')} {i18n.format_month(target_date, lang)}: "
                          f"{i18n.format_number(target_participants, lang)}<extra></extra>",
        ))
    all_months = list(months) + ([pd.Timestamp(target_date.replace(day=1))] if target_date else [])
    return finish_figure(fig, t, y_title=f"{t('charts.active_participants')} ({unit})", months=all_months)


def lines_by_group(frame: pd.DataFrame, value_column: str, group_names: dict[str, str], t: Translator,
                   y_title: str, percent: bool = False, colors: dict[str, str] | None = None,
                   index: bool = False) -> go.Figure:
    """One line per group_key over snapshot_month (the `growth` query's shape), for at most MAX_LINES groups:
    the largest ones, with a note saying how many of how many are drawn (the data table keeps them all).

    `colors` fixes each group's colour (the associations' own, `theme.association_colors`); `index` plots an index
    (=100 at the period's start) as it is, with one decimal in the hover."""
    lang = t.lang
    divisor, unit = (1, "%") if percent or index else value_unit(
        frame[value_column].abs().max() if len(frame) else 0, t)
    all_keys = list(frame["group_key"].unique())
    keys = largest_groups(frame, MAX_LINES)
    fig = go.Figure()
    for key, rows in frame[frame["group_key"].isin(keys)].groupby("group_key", sort=False):
        texts = [i18n.format_percent(v, lang) if percent else i18n.format_decimal(v, lang) if index
                 else i18n.format_number(v, lang) for v in rows[value_column]]
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(rows["snapshot_month"]), y=rows[value_column] / divisor, mode="lines",
            name=group_names.get(key, key), line={"color": (colors or {}).get(key) or color_for(key, keys),
                                                  "width": 2.5},
            customdata=list(zip(_month_texts(rows["snapshot_month"], lang), texts)),
            hovertemplate=f"{group_names.get(key, key)} · %{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
        ))
    y_label = y_title if percent or index else f"{y_title} ({unit})"
    fig = finish_figure(fig, t, y_title=y_label, months=pd.to_datetime(frame["snapshot_month"]))
    if len(keys) < len(all_keys):
        fig.add_annotation(text=t("chart_limits.largest_shown", shown=i18n.format_number(len(keys), lang),
                                  total=i18n.format_number(len(all_keys), lang)),
                           xref="paper", yref="paper", x=1, y=1, xanchor="right", yanchor="top",
                           showarrow=False, font={"size": 12}, bgcolor="rgba(255,255,255,0.8)")
    return fig


# More lines than colours cannot be told apart: beyond this, a line chart shows the largest groups only.
MAX_LINES = len(SERIES_PALETTE)


def largest_groups(frame: pd.DataFrame, limit: int) -> list[str]:
    """The group_keys to draw, in the frame's order: all of them, or the `limit` with the most active
    participants in the frame's last month (ties by key) when there are more."""
    keys = list(frame["group_key"].unique())
    if len(keys) <= limit:
        return keys
    last = frame[frame["snapshot_month"] == frame["snapshot_month"].max()]
    ranked = last.sort_values(["active_participants", "group_key"], ascending=[False, True], kind="stable")
    chosen = set(ranked["group_key"].head(limit))
    return [key for key in keys if key in chosen]


# A bar per association stays readable (38 px a bar) up to a few dozen; with more (a large data set has a thousand)
# the chart shows the largest and says so, and drawing a thousand bars no longer slows the page.
MAX_BARS = 30


def largest_associations(frame: pd.DataFrame, limit: int) -> list[str]:
    """The association_codes with the most active participants in `frame` (summed over its rows), at most
    `limit`, ties by code; every code when there are no more than `limit`."""
    totals = frame.groupby("association_code", sort=True)["active_participants"].sum()
    if len(totals) <= limit:
        return list(totals.index)
    ranked = totals.reset_index().sort_values(["active_participants", "association_code"],
                                              ascending=[False, True], kind="stable")
    return list(ranked["association_code"].head(limit))


def with_largest_note(axis_title: str, shown: int, frame: pd.DataFrame, t: Translator) -> str:
    """The axis title, and under it the note that only the `shown` largest associations are drawn when so."""
    total = frame["association_code"].nunique()
    if shown >= total:
        return axis_title
    note = t("chart_limits.largest_shown", shown=i18n.format_number(shown, t.lang),
             total=i18n.format_number(total, t.lang))
    return f"{axis_title}<br><sup>{note}</sup>"


def net_additions_bars(total: pd.DataFrame, t: Translator) -> go.Figure:
    """Monthly net additions (active now − active a month earlier) as bars, gains and losses coloured apart.

    `total`: the `growth` query with breakdown 'total'.
    """
    lang = t.lang
    rows = total.dropna(subset=["net_additions"])
    divisor, unit = value_unit(rows["net_additions"].abs().max() if len(rows) else 0, t)
    colors = [OBSERVED_COLOR if v >= 0 else TARGET_COLOR for v in rows["net_additions"]]
    fig = go.Figure(go.Bar(
        x=pd.to_datetime(rows["snapshot_month"]), y=rows["net_additions"] / divisor, marker_color=colors,
        name=t("charts.net_additions"),
        customdata=list(zip(_month_texts(rows["snapshot_month"], lang),
                            [i18n.format_signed(v, lang) for v in rows["net_additions"]])),
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
    ))
    fig.update_layout(showlegend=False)
    return finish_figure(fig, t, y_title=f"{t('charts.net_additions')} ({unit})",
                   months=pd.to_datetime(rows["snapshot_month"]))


def sector_area(split: pd.DataFrame, sector_names: dict[str, str], t: Translator, as_share: bool) -> go.Figure:
    """Stacked areas of active participants per sector over time, as shares (%) or absolute numbers.

    `split`: snapshot_month, sector, active_participants, share_pct (the `sector_split*` queries).
    """
    lang = t.lang
    value_column = "share_pct" if as_share else "active_participants"
    divisor, unit = (1, "%") if as_share else value_unit(
        split.groupby("snapshot_month")["active_participants"].sum().max() if len(split) else 0, t)
    fig = go.Figure()
    for sector in [s for s in SECTOR_COLORS if s in set(split["sector"])]:
        rows = split[split["sector"] == sector]
        texts = [f"{i18n.format_number(a, lang)} ({i18n.format_percent(s, lang)})"
                 for a, s in zip(rows["active_participants"], rows["share_pct"])]
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(rows["snapshot_month"]), y=rows[value_column] / divisor, mode="lines",
            stackgroup="sectors", name=sector_names.get(sector, sector),
            line={"color": SECTOR_COLORS[sector], "width": 0.5}, fillcolor=SECTOR_COLORS[sector],
            customdata=list(zip(_month_texts(rows["snapshot_month"], lang), texts)),
            hovertemplate=f"{sector_names.get(sector, sector)} · %{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
        ))
    y_title = t("charts.share_of_active") if as_share else f"{t('charts.active_participants')} ({unit})"
    fig = finish_figure(fig, t, y_title=y_title, months=pd.to_datetime(split["snapshot_month"]))
    if as_share:
        fig.update_yaxes(range=[0, 100], ticksuffix="%")
    return fig


def formal_share_ranking(ranking: pd.DataFrame, t: Translator) -> go.Figure:
    """Horizontal bars of each association's formal share, highest on top.

    `ranking`: association_code, formal_participants, active_participants, formal_share_pct.
    """
    lang = t.lang
    shown = largest_associations(ranking, MAX_BARS)
    rows = ranking[ranking["association_code"].isin(shown)].sort_values("formal_share_pct")
    fig = go.Figure(go.Bar(
        x=rows["formal_share_pct"], y=rows["association_code"], orientation="h",
        marker_color=SECTOR_COLORS["formal"],
        text=[i18n.format_percent(v, lang) for v in rows["formal_share_pct"]], textposition="outside",
        customdata=list(zip([i18n.format_number(v, lang) for v in rows["formal_participants"]],
                            [i18n.format_number(v, lang) for v in rows["active_participants"]])),
        hovertemplate="%{y}: %{customdata[0]} / %{customdata[1]}<extra></extra>",
    ))
    fig.update_layout(showlegend=False, height=max(320, 38 * len(rows) + 80))
    fig = finish_figure(fig, t, y_title="", months=None)
    fig.update_xaxes(title=with_largest_note(t("charts.formal_share"), len(shown), ranking, t), range=[0, 110],
                     ticksuffix="%")
    return fig


def segment_composition_bars(composition: pd.DataFrame, segment_names: dict[str, str],
                             segment_sectors: dict[str, str], t: Translator) -> go.Figure:
    """100% stacked horizontal bars: each association's active participants by segment.

    `composition`: association_code, segment, active_participants, share_pct.
    """
    lang = t.lang
    shown = largest_associations(composition, MAX_BARS)
    all_rows, composition = composition, composition[composition["association_code"].isin(shown)]
    fig = go.Figure()
    for segment in sorted(set(composition["segment"]), key=lambda s: list(SECTOR_COLORS).index(
            segment_sectors.get(s, "formal"))):
        rows = composition[composition["segment"] == segment]
        fig.add_trace(go.Bar(
            x=rows["share_pct"], y=rows["association_code"], orientation="h", name=segment_names.get(segment, segment),
            marker_color=SECTOR_COLORS.get(segment_sectors.get(segment, ""), SERIES_PALETTE[0]),
            customdata=list(zip([i18n.format_number(v, lang) for v in rows["active_participants"]],
                                [i18n.format_percent(v, lang) for v in rows["share_pct"]])),
            hovertemplate=f"%{{y}} · {segment_names.get(segment, segment)}: %{{customdata[0]}} "
                          f"(%{{customdata[1]}})<extra></extra>",
        ))
    fig.update_layout(barmode="stack", height=max(320, 38 * composition["association_code"].nunique() + 100))
    fig = finish_figure(fig, t, y_title="", months=None)
    fig.update_xaxes(title=with_largest_note(t("charts.share_of_active"), len(shown), all_rows, t), range=[0, 100],
                     ticksuffix="%")
    fig.update_yaxes(categoryorder="category descending")
    return fig


def finish_figure(fig: go.Figure, t: Translator, y_title: str, months) -> go.Figure:
    """Shared look: language separators, readable fonts, legend on top, month ticks in the language."""
    fig.update_layout(
        separators=i18n.plotly_separators(t.lang),
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": 14},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font_size": 14},
        yaxis_title=y_title,
    )
    if months is not None and len(months):
        tick_values, tick_texts = month_ticks(pd.Series(months).min(), pd.Series(months).max(), t.lang)
        fig.update_xaxes(tickvals=tick_values, ticktext=tick_texts)
    return fig


def month_ticks(first: pd.Timestamp, last: pd.Timestamp, lang: str, max_ticks: int = 8):
    """Tick positions on January/July (or every year, or every month for short spans) with month names."""
    span = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if span <= 8 else 3 if span <= 24 else 6 if span <= 48 else 12
    while span / step > max_ticks:
        step += min(6, step)
    months = pd.date_range(first.to_period("M").to_timestamp(), last, freq="MS")
    ticks = [m for m in months if (m.month - 1) % step == 0] if step in (1, 3, 6, 12) else list(months[::step])
    return ticks, [i18n.format_month(m.date(), lang) for m in ticks]


def _month_texts(months: pd.Series, lang: str) -> list[str]:
    return [i18n.format_month(pd.Timestamp(m).date(), lang) for m in months]


def _hover_rows(months: pd.Series, values: pd.Series, lang: str) -> list[tuple[str, str]]:
    return list(zip(_month_texts(months, lang), [i18n.format_number(v, lang) for v in values]))
