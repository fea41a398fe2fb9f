"""Colours and defaults every surface shares, defined once: status colours, the default chart period.

The status colours are the same on the home cards, the target-gap chart, the presenter's slides and the deck.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import quote

ASSETS = Path(__file__).resolve().parent / "assets"
STAGE_CSS = ASSETS / "presenter_chrome.css"   # the presenter page without app chrome
SLIDES_CSS = ASSETS / "slides.css"            # slides for a hall, on the page and in the HTML deck
# The tab icon is a file in the repository (Streamlit sends it inline as a data: URL): a `:material/…:` page icon
# would make the browser fetch it from Google's font server. Icons elsewhere use the font Streamlit serves itself.
PAGE_ICON = ASSETS / "favicon.svg"
PRESENTER_KEYS_JS = ASSETS / "presenter_keys.js"   # the presenter's keyboard and clicker
PAGE_CSS = ASSETS / "page.css"                # every page: KPI cards that never cut text, Streamlit's English replaced

ON_TRACK_COLOR = "#0b6e4f"    # green
AT_RISK_COLOR = "#d99a00"     # amber
OFF_TRACK_COLOR = "#c8553d"   # red
NO_STATUS_COLOR = "#6c757d"   # grey: a scope without a target
STATUS_COLORS = {"on_track": ON_TRACK_COLOR, "at_risk": AT_RISK_COLOR, "off_track": OFF_TRACK_COLOR}

# The charts' period when nobody chose one: the last 36 monthly changes, i.e. 37 month-end points.
DEFAULT_PERIOD_MONTHS = 36


def default_period(months: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The last DEFAULT_PERIOD_MONTHS months of `months` (all of them when there are fewer), as (first, last)."""
    return months[max(0, len(months) - 1 - DEFAULT_PERIOD_MONTHS)], months[len(months) - 1]


def status_color(status: str | None) -> str:
    """The colour of a status; grey when there is none (no target)."""
    return STATUS_COLORS.get(status, NO_STATUS_COLOR)


# st.metric colours a delta by a named palette colour; .streamlit/config.toml sets those names to ours.
STATUS_METRIC_COLORS = {"on_track": "green", "at_risk": "orange", "off_track": "red"}

# One colour per association, the same on every chart: 11 qualitative colours no two alike (CIE76 ΔE ≥ 25 between
# any pair; tests/test_theme.py checks it), given out in the order of the association codes. Eleven because the
# PKS has eleven associations: with more, colours would repeat, so `association_colors` says which ones have none.
ASSOCIATION_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                       "#e377c2", "#17becf", "#bcbd22", "#393b79", "#3b3b3b")


def association_colors(association_codes) -> dict[str, str]:
    """Association code → its colour, from the full list of codes (the `associations` reference table), never from
    the codes one chart happens to draw, so a filter does not repaint a line. Codes past the palette get grey."""
    ordered = sorted(set(association_codes))
    return {code: ASSOCIATION_PALETTE[index] if index < len(ASSOCIATION_PALETTE) else NO_STATUS_COLOR
            for index, code in enumerate(ordered)}

# The province map (coverage page): light to dark green for participants, red ↔ grey ↔ green for their change
# (centred on no change), white borders between provinces.
MAP_SEQUENTIAL_SCALE = [[0.0, "#e6f2ec"], [0.5, "#5fa98a"], [1.0, "#0b4f39"]]
MAP_DIVERGING_SCALE = [[0.0, "#c8553d"], [0.5, "#f2f2f2"], [1.0, "#0b6e4f"]]
MAP_BORDER_COLOR = "#ffffff"
# plotly.js fetches a world base map (topojson) from its CDN for any map, even one drawn only from our own GeoJSON
# with the base layers hidden; pointing it at this empty topology (a data: URL, the "#" swallows the file name
# plotly.js appends) keeps every page offline.
OFFLINE_TOPOJSON_URL = "data:application/json," + quote(json.dumps({"type": "Topology", "objects": {}, "arcs": []})) + "#"
