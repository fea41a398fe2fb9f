"""The home page's answer first: one sentence and a status for the chosen scope, and a grid of the associations —
each with its status colour, how much of its target it has reached, and a sparkline — linking to its scope.

Pure functions (no Streamlit). The sentence uses the data contract's version-2 words (projection at the target month,
projected shortfall or "above target", the chance) from the same projection as the KPI cards; the grid reads the
target-gap page's own table (`planner.scopes.gap_table`), so the two pages cannot disagree.
"""

from __future__ import annotations

import base64
import dataclasses
import html
from urllib.parse import urlencode

import pandas as pd

from cakupan import i18n, theme
from cakupan.i18n import Translator
from cakupan.kpi import ScopeSummary
from cakupan.planner import engine
from cakupan.takeaways import chance_text, shortfall_phrase

SPARKLINE_MONTHS = 24
CURRENT_MARK = 'aria-current="page" '   # the tile of the scope the page shows
# Who lags comes first: an executive reads the grid from the top left.
STATUS_ORDER = {"off_track": 0, "at_risk": 1, "on_track": 2}
# Tiles an executive takes in at a glance; with more associations the grid shows the laggards first, this many.
MAX_TILES = 24


def headline_sentence(scope_name: str, summary: ScopeSummary, t: Translator) -> str:
    """`Nasional: dengan laju 12 bulan terakhir, proyeksi 54,5 juta pada Des 2026 — proyeksi kekurangan 15,5 juta
    (target 70 juta, peluang 0%)`; without a target, where the pace leaves the scope."""
    lang = t.lang
    result = summary.projection
    if result is None:
        return t("overview.headline_no_target", scope=scope_name,
                 window=engine.DEFAULT_WINDOW_MONTHS,
                 pace=i18n.format_signed(summary.pace_per_month, lang),
                 active=i18n.format_compact(summary.active_participants, lang),
                 month=i18n.format_month(summary.last_month, lang))
    return t("overview.headline", scope=scope_name, window=result.window_months,
             projected=i18n.format_compact(result.projected_participants, lang),
             date=i18n.format_month(result.target_month, lang),
             shortfall=shortfall_phrase(result.projected_shortfall, t),
             target=i18n.format_compact(result.target_participants, lang),
             probability=chance_text(result.probability_target_met, lang))


def status_badge_html(status: str | None, t: Translator) -> str:
    """The status as a coloured pill with its word (colour is never the only sign)."""
    word = t(f"status.{status}") if status else t("overview.no_status")
    return (f'<span class="cakupan-status" style="background:{theme.status_color(status)}">'
            f'{html.escape(word)}</span>')


def headline_html(scope_name: str, summary: ScopeSummary, t: Translator) -> str:
    """The status pill and the headline sentence, as the top of the home page shows them."""
    return (f'<div class="cakupan-headline">{status_badge_html(summary.status, t)} '
            f'<span class="cakupan-headline-text">{html.escape(headline_sentence(scope_name, summary, t))}</span>'
            f'</div>')


@dataclasses.dataclass(frozen=True)
class Tile:
    """One association in the grid: the numbers the target-gap page shows for it, and its recent series."""

    code: str
    status: str | None
    active_participants: int
    target_participants: int | None
    reached_pct: float | None          # active participants now as % of the target
    sparkline: tuple[float, ...]


def association_tiles(table: pd.DataFrame, monthly: pd.DataFrame, association_codes: list[str],
                      sparklines_for: int = MAX_TILES) -> list[Tile]:
    """A tile per association from the target-gap table (`scopes.gap_table`) and `scope_monthly_active`, laggards
    first: off track, at risk, on track, and within each the lowest share of target first. The first
    `sparklines_for` tiles (the ones the grid shows) carry their sparkline; drawing a thousand costs seconds."""
    rows = table[table["scope"].isin(association_codes)]
    tiles = []
    for row in rows.itertuples():
        target = None if pd.isna(row.target_participants) else int(row.target_participants)
        tiles.append(Tile(row.scope, row.status if isinstance(row.status, str) else None,
                          int(row.active_participants), target,
                          100.0 * row.active_participants / target if target else None, ()))
    tiles.sort(key=lambda tile: (STATUS_ORDER.get(tile.status, 3),
                                 tile.reached_pct if tile.reached_pct is not None else 1e9, tile.code))
    shown = {tile.code for tile in tiles[:sparklines_for]}
    recent = monthly[monthly["scope"].isin(shown)].groupby("scope", sort=False).tail(SPARKLINE_MONTHS)
    sparklines = {scope: tuple(float(value) for value in group["active_participants"])
                  for scope, group in recent.groupby("scope", sort=False)}
    return [dataclasses.replace(tile, sparkline=sparklines.get(tile.code, ())) if tile.code in shown else tile
            for tile in tiles]


def sparkline_svg(values: tuple[float, ...], color: str, width: int = 120, height: int = 28) -> str:
    """A line of `values` scaled to the box (its own scale: the shape matters, not the level), as SVG."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    step = width / (len(values) - 1)
    points = " ".join(f"{index * step:.1f},{height - 2 - (value - low) / spread * (height - 4):.1f}"
                      for index, value in enumerate(values))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" preserveAspectRatio="none">'
            f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2" '
            f'vector-effect="non-scaling-stroke"/></svg>')


def sparkline_img(values: tuple[float, ...], color: str) -> str:
    """The sparkline as an image: st.html's sanitizer removes inline SVG, but keeps an image's data address."""
    svg = sparkline_svg(values, color)
    if not svg:
        return ""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="cakupan-spark" alt="" src="data:image/svg+xml;base64,{encoded}">'


def tile_link(code: str, lang: str) -> str:
    """The home page opened on one association's scope (the scope picker reads `scope` from the address)."""
    return "?" + urlencode({"scope": code, "lang": lang})


def tiles_html(tiles: list[Tile], colors: dict[str, str], t: Translator, current: str | None = None) -> str:
    """The grid: per association its code, status word on the status colour, % of target and sparkline; the
    scope shown on the page (`current`) marked as such."""
    lang = t.lang
    cells = []
    for tile in tiles:
        reached = (t("overview.of_target", percent=i18n.format_percent(tile.reached_pct, lang, digits=0))
                   if tile.reached_pct is not None else t("home.no_target"))
        word = t(f"status.{tile.status}") if tile.status else t("overview.no_status")
        cells.append(
            f'<a class="cakupan-tile" href="{html.escape(tile_link(tile.code, lang))}" '
            f'{CURRENT_MARK if tile.code == current else ""}'
            f'style="border-left-color:{theme.status_color(tile.status)}" data-status="{tile.status or ""}" '
            f'data-code="{html.escape(tile.code)}">'
            f'<span class="cakupan-tile-code">{html.escape(tile.code)}</span>'
            f'<span class="cakupan-tile-status" style="color:{theme.status_color(tile.status)}">{html.escape(word)}'
            f'</span><span class="cakupan-tile-reached">{html.escape(reached)}</span>'
            f'{sparkline_img(tile.sparkline, colors.get(tile.code, theme.NO_STATUS_COLOR))}</a>')
    return f'<nav class="cakupan-tiles" aria-label="{html.escape(t("overview.grid_title"))}">{"".join(cells)}</nav>'
