"""Pure functions on monthly participant series: pace, required pace, status against a target.

Definitions follow ../shared/data-contract.md ("Projection methods"): with `P` the monthly series, `t` its
last month and `W` the window, current pace = (P_t − P_{t−W}) / W and required pace = (target − P_t) / h,
where h is the number of whole months from t to the target month.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

DEFAULT_WINDOW_MONTHS = 12

# Status against a target, from the ratio of current pace to required pace. One place, shown on pages.
ON_TRACK_MIN_RATIO = 1.0   # at least the required pace
AT_RISK_MIN_RATIO = 0.75   # within a quarter of it; below that: off track
STATUSES = ("on_track", "at_risk", "off_track")


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start`'s month to `end`'s month (Oct 2023 → Dec 2026 is 38)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def effective_window(series_length: int, window: int) -> int:
    """The window actually used: `window`, or fewer months when the series is shorter."""
    return max(0, min(window, series_length - 1))


def current_pace(series: np.ndarray, window: int = DEFAULT_WINDOW_MONTHS) -> float:
    """Average monthly net change over the last `window` months, in people per month."""
    used = effective_window(len(series), window)
    if used == 0:
        return 0.0
    return float(series[-1] - series[-1 - used]) / used


def required_pace(active_now: float, target: float, months_left: int) -> float:
    """People per month needed from now to reach `target` in `months_left` months (0 once it is met)."""
    if active_now >= target:
        return 0.0
    if months_left <= 0:
        return math.inf
    return (target - active_now) / months_left


def pace_status(pace: float, required: float) -> str:
    """`on_track`, `at_risk` or `off_track`: the current pace against the required one."""
    if required <= 0:
        return "on_track"
    ratio = pace / required
    if ratio >= ON_TRACK_MIN_RATIO:
        return "on_track"
    if ratio >= AT_RISK_MIN_RATIO:
        return "at_risk"
    return "off_track"
