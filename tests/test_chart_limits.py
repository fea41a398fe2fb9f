"""Line charts with more groups than colours draw the largest groups only, and say so."""
import datetime as dt

import pandas as pd
import pytest

from cakupan import charts, i18n

JAN, FEB = dt.date(2023, 1, 1), dt.date(2023, 2, 1)


def growth_rows(last_month_active: dict[str, int]) -> pd.DataFrame:
    """The growth query's shape: two months per group; January is the same for all, February given."""
    rows = [(month, key, active, 1.5) for key, february in last_month_active.items()
            for month, active in ((JAN, 100), (FEB, february))]
    return pd.DataFrame(rows, columns=["snapshot_month", "group_key", "active_participants", "yoy_growth_pct"])


@pytest.mark.parametrize("february, limit, expected", [
    ({"A": 5, "B": 9, "C": 7}, 3, ["A", "B", "C"]),        # not more than the limit: all, in frame order
    ({"A": 5, "B": 9, "C": 7}, 2, ["B", "C"]),             # the two largest in the last month, frame order
    ({"C": 5, "A": 5, "B": 1}, 2, ["C", "A"]),             # a tie is broken by key, order stays the frame's
    ({"A": 1, "B": 2, "C": 3, "D": 4}, 1, ["D"]),
])
def test_largest_groups(february, limit, expected):
    assert charts.largest_groups(growth_rows(february), limit) == expected


def test_many_groups_draw_the_largest_with_a_note():
    february = {f"G{i:02d}": 1000 + i for i in range(20)}  # G19 is largest
    figure = charts.lines_by_group(growth_rows(february), "active_participants", {}, i18n.translator("id"),
                                   "Peserta aktif")
    assert [trace.name for trace in figure.data] == [f"G{i:02d}" for i in range(8, 20)]
    assert len(figure.data) == charts.MAX_LINES == 12
    assert [note.text for note in figure.layout.annotations] == [
        "12 terbesar dari 20 ditampilkan; semuanya ada di data di bawah grafik"]


def test_few_groups_draw_every_line_without_a_note():
    figure = charts.lines_by_group(growth_rows({"A": 5, "B": 9}), "yoy_growth_pct", {"A": "Alpha"},
                                   i18n.translator("en"), "Growth", percent=True)
    assert [trace.name for trace in figure.data] == ["Alpha", "B"]
    assert not figure.layout.annotations
