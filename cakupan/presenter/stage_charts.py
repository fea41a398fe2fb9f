"""Plotly figures made for the big screen: the association slides' charts, and any chart restyled for a hall.

No Streamlit here. The same figures go to the presenter page and, as images, into the PPTX / PDF deck.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cakupan import charts, i18n, takeaways, theme
from cakupan.i18n import Translator

STAGE_FONT_SIZE = 22
STAGE_TEXT_SIZE = 20
# Bars a hall can read on one 16:9 slide; with more associations (a large data set has a thousand) a slide shows
# this many and says which and of how many.
MAX_STAGE_BARS = 15


def stage_axis_title(title: str, shown: int, total: int, note_key: str, t: Translator) -> str:
    """An axis title, with a second line naming how many of how many associations are drawn when not all."""
    if shown >= total:
        return title
    note = t(note_key, shown=i18n.format_number(shown, t.lang), total=i18n.format_number(total, t.lang))
    return f"{title}<br><sup>{note}</sup>"


def for_stage(figure: go.Figure) -> go.Figure:
    """A copy of `figure` with type readable from the back of a hall and a little more room around it."""
    staged = go.Figure(figure)
    staged.update_layout(font={"size": STAGE_FONT_SIZE, "color": "#111111"}, hoverlabel={"font_size": 20},
                         legend={"font": {"size": STAGE_FONT_SIZE}}, margin={"l": 20, "r": 30, "t": 60, "b": 20})
    staged.update_traces(textfont={"size": STAGE_TEXT_SIZE}, selector={"type": "bar"})
    staged.update_traces(textfont={"size": STAGE_TEXT_SIZE}, selector={"mode": "markers+text"})
    staged.update_xaxes(tickfont={"size": STAGE_FONT_SIZE}, title_font={"size": STAGE_FONT_SIZE})
    staged.update_yaxes(tickfont={"size": STAGE_FONT_SIZE}, title_font={"size": STAGE_FONT_SIZE})
    return staged


def progress_bars(progress: pd.DataFrame, t: Translator) -> go.Figure:
    """Each association's share of its target reached today, highest on top, with the 100% line, coloured by
    status (the one rule: where its pace lands it at the target date), with a legend of the statuses.

    `progress`: `deck_inputs.association_progress` (association_code, active_participants, target_participants,
    target_reached_pct, status, …).
    """
    lang = t.lang
    largest = charts.largest_associations(progress, MAX_STAGE_BARS)
    rows = progress[progress["association_code"].isin(largest)].sort_values(
        ["target_reached_pct", "association_code"], ascending=[True, False])
    texts = [t("presenter.progress_text", pct=i18n.format_percent(pct, lang), active=i18n.format_compact(active, lang),
               target=i18n.format_compact(target, lang))
             for pct, active, target in zip(rows["target_reached_pct"], rows["active_participants"],
                                            rows["target_participants"])]
    figure = go.Figure()
    for status in theme.STATUS_COLORS:
        chosen = (rows["status"] == status).to_numpy()
        figure.add_trace(go.Bar(
            x=rows["target_reached_pct"].where(chosen), y=rows["association_code"], orientation="h",
            name=t(f"status.{status}"), marker_color=theme.status_color(status),
            text=[text if flag else "" for text, flag in zip(texts, chosen)], textposition="inside",
            insidetextanchor="end", hovertemplate="%{y}: %{text}<extra></extra>"))
    figure.add_vline(x=100, line={"color": charts.TARGET_COLOR, "width": 3, "dash": "dash"},
                     annotation={"text": t("charts.target"), "font": {"color": charts.TARGET_COLOR}},
                     annotation_position="top")
    figure.update_layout(barmode="overlay", bargap=0.25, separators=i18n.plotly_separators(lang),
                         template="plotly_white",
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0})
    figure.update_xaxes(title=stage_axis_title(t("presenter.reached_axis"), len(rows), len(progress),
                                               "presenter.largest_shown", t),
                        range=[0, 104], ticksuffix="%", tickvals=[0, 25, 50, 75, 100])
    figure.update_yaxes(categoryorder="array", categoryarray=list(rows["association_code"]))
    staged = for_stage(figure)
    staged.update_traces(textfont={"color": "#ffffff"}, insidetextfont={"color": "#ffffff"})
    return staged


def gap_bars(progress: pd.DataFrame, t: Translator) -> go.Figure:
    """Each association's projected shortfall at its target date, coloured by status, largest on top; associations
    projected above their target get no bar and say so ("melampaui target N")."""
    lang = t.lang
    rows = progress.sort_values(["projected_shortfall", "association_code"], ascending=[True, False]).tail(
        MAX_STAGE_BARS)   # the largest shortfalls: the ones the hall is asked to close
    shortfall = rows["projected_shortfall"].clip(lower=0)
    texts = [t("presenter.gap_text", shortfall=_shortfall_amount(value, t),
               probability=takeaways.chance_text(probability, lang))
             for value, probability in zip(rows["projected_shortfall"], rows["probability_target_met"])]
    figure = go.Figure()
    for status in theme.STATUS_COLORS:
        chosen = (rows["status"] == status).to_numpy()
        figure.add_trace(go.Bar(
            x=shortfall.where(chosen), y=rows["association_code"], orientation="h",
            name=t(f"status.{status}"), marker_color=theme.status_color(status),
            text=[text if flag else "" for text, flag in zip(texts, chosen)],
            textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>"))
    top = float(shortfall.max()) if len(rows) else 0.0
    figure.update_layout(barmode="overlay", bargap=0.25, separators=i18n.plotly_separators(lang),
                         template="plotly_white",
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0})
    figure.update_xaxes(title=stage_axis_title(t("presenter.gap_axis"), len(rows), len(progress),
                                               "presenter.largest_gaps_shown", t),
                        range=[0, max(top, 1) * 1.9], showticklabels=False)
    figure.update_yaxes(categoryorder="array", categoryarray=list(rows["association_code"]))
    return for_stage(figure)


def _shortfall_amount(shortfall: float, t: Translator) -> str:
    """A bar's number: the shortfall, or "melampaui target N" when the projection is above the target."""
    amount = i18n.format_compact(abs(shortfall), t.lang)
    return amount if shortfall > 0 else t("status.above_target", amount=amount)
