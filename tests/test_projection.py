"""Pace, required pace and status, against hand-worked numbers."""
import datetime as dt
import math

import numpy as np
import pytest

from cakupan import projection


@pytest.mark.parametrize("start, end, expected", [
    (dt.date(2023, 10, 1), dt.date(2026, 12, 31), 38),
    (dt.date(2023, 10, 1), dt.date(2023, 10, 31), 0),
    (dt.date(2022, 12, 1), dt.date(2023, 1, 1), 1),
])
def test_months_between(start, end, expected):
    assert projection.months_between(start, end) == expected


@pytest.mark.parametrize("series, window, expected", [
    ([100, 110, 120, 130], 3, 10.0),
    ([100, 110, 120, 130], 2, 10.0),
    ([100, 130], 12, 30.0),          # shorter than the window: uses what there is
    ([100], 12, 0.0),
    ([130, 120, 100], 2, -15.0),     # falling
    ([50, 50, 50], 2, 0.0),          # flat
])
def test_current_pace(series, window, expected):
    assert projection.current_pace(np.array(series), window) == expected


@pytest.mark.parametrize("active, target, months, expected", [
    (40_200_000, 70_000_000, 38, 29_800_000 / 38),
    (80, 70, 10, 0.0),               # already met
    (50, 70, 0, math.inf),           # no months left
])
def test_required_pace(active, target, months, expected):
    assert projection.required_pace(active, target, months) == expected


@pytest.mark.parametrize("pace, required, expected", [
    (100, 100, "on_track"), (80, 100, "at_risk"), (75, 100, "at_risk"), (74, 100, "off_track"),
    (-5, 100, "off_track"), (0, 0, "on_track"),
])
def test_pace_status(pace, required, expected):
    assert projection.pace_status(pace, required) == expected
