"""The coverage line: share of the employed population that is an active participant, against the RPJMN target.

Months whose denominator is a Sakernas round are marked; the line between them rests on interpolated figures and
the hover says so, as does the line after the last round (the last round carried forward, drawn dashed).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cakupan import i18n
from cakupan.charts import OBSERVED_COLOR, TARGET_COLOR, finish_figure
from cakupan.coverage.workforce import RPJMN_TARGET_PCT, RPJMN_TARGET_YEAR
from cakupan.i18n import Translator


def coverage_line(coverage: pd.DataFrame, t: Translator) -> go.Figure:
    """`national_coverage` rows as a line (dashed where the last round is carried forward), survey rounds as
    points, and the RPJMN target as a horizontal reference line."""
    lang = t.lang
    months = pd.to_datetime(coverage["snapshot_month"])
    hover = [(i18n.format_month(month.date(), lang), i18n.format_percent(pct, lang, digits=2),
              i18n.format_compact(active, lang), i18n.format_compact(employed, lang), t(f"coverage.basis_{basis}"))
             for month, pct, active, employed, basis in zip(months, coverage["coverage_pct"],
                                                            coverage["active_participants"],
                                                            coverage["employed_persons"], coverage["denominator_basis"])]
    template = (f"%{{customdata[0]}}: <b>%{{customdata[1]}}</b><br>{t('coverage.hover_active')}: %{{customdata[2]}}"
                f"<br>{t('coverage.hover_employed')}: %{{customdata[3]}} (%{{customdata[4]}})<extra></extra>")
    carried = (coverage["denominator_basis"] == "carried_forward").to_numpy()
    measured = ~carried
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=months[measured], y=coverage["coverage_pct"][measured], mode="lines",
                             name=t("coverage.line_name"), line={"color": OBSERVED_COLOR, "width": 3},
                             customdata=[row for row, keep in zip(hover, measured) if keep], hovertemplate=template))
    if carried.any():
        # the dashed part starts at the last measured point, so the line has no gap
        joined = carried | (pd.Series(carried).shift(-1, fill_value=False).to_numpy() & measured)
        fig.add_trace(go.Scatter(x=months[joined], y=coverage["coverage_pct"][joined], mode="lines",
                                 name=t("coverage.line_carried"), line={"color": OBSERVED_COLOR, "width": 3, "dash": "dot"},
                                 customdata=[row for row, keep in zip(hover, joined) if keep], hovertemplate=template))
    rounds = (coverage["denominator_basis"] == "survey").to_numpy()
    fig.add_trace(go.Scatter(x=months[rounds], y=coverage["coverage_pct"][rounds], mode="markers",
                             name=t("coverage.survey_points"), marker={"color": OBSERVED_COLOR, "size": 9},
                             customdata=[row for row, keep in zip(hover, rounds) if keep], hovertemplate=template))
    fig.add_hline(y=RPJMN_TARGET_PCT, line={"color": TARGET_COLOR, "dash": "dash", "width": 2},
                  annotation={"text": t("coverage.target_line", target=i18n.format_percent(RPJMN_TARGET_PCT, lang, digits=2),
                                        year=RPJMN_TARGET_YEAR),
                              "font": {"color": TARGET_COLOR}}, annotation_position="top left")
    top = max(RPJMN_TARGET_PCT, float(coverage["coverage_pct"].max()) if len(coverage) else 0)
    fig = finish_figure(fig, t, y_title=t("coverage.axis"), months=months)
    fig.update_yaxes(range=[0, top * 1.15], ticksuffix="%")
    return fig
