"""Line charts with more groups than colours, and bar charts with more associations than fit, draw the largest
only, and say so."""
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


def ranking_rows(active: dict[str, int]) -> pd.DataFrame:
    """The formal_share_by_association query's shape: share falls as the code rises, so A has the highest."""
    return pd.DataFrame([(code, active_count // 2, active_count, 90.0 - i, i + 1)
                         for i, (code, active_count) in enumerate(active.items())],
                        columns=["association_code", "formal_participants", "active_participants",
                                 "formal_share_pct", "rank"])


def test_a_thousand_associations_rank_the_largest_thirty_and_say_so():
    active = {f"A{i:04d}": 1_000 + i for i in range(1_146)}   # A1145 has the most participants
    figure = charts.formal_share_ranking(ranking_rows(active), i18n.translator("id"))
    drawn = list(figure.data[0].y)
    assert len(drawn) == charts.MAX_BARS == 30
    assert set(drawn) == {f"A{i:04d}" for i in range(1_116, 1_146)}
    assert drawn[-1] == "A1116"          # highest share of the thirty on top (bars drawn bottom-up)
    assert figure.layout.xaxis.title.text == (
        "Porsi formal (%)<br><sup>30 terbesar dari 1.146 ditampilkan; semuanya ada di data di bawah grafik</sup>")


def test_eleven_associations_rank_all_without_a_note():
    figure = charts.formal_share_ranking(ranking_rows({f"A{i}": 10 + i for i in range(11)}), i18n.translator("en"))
    assert len(figure.data[0].y) == 11 and figure.layout.xaxis.title.text == "Formal share (%)"


def test_the_composition_draws_the_associations_largest_over_all_their_segments():
    # B is largest only counting both segments; C has the largest single segment
    rows = [("A", "pu", 50, 100.0), ("B", "pu", 30, 50.0), ("B", "bpu", 30, 50.0), ("C", "bpu", 55, 100.0)]
    composition = pd.DataFrame(rows, columns=["association_code", "segment", "active_participants", "share_pct"])
    assert charts.largest_associations(composition, 2) == ["B", "C"]
    assert charts.largest_associations(composition, 3) == ["A", "B", "C"]
    many = pd.concat([composition.assign(association_code=composition["association_code"] + str(i))
                      for i in range(20)], ignore_index=True)      # 60 associations
    figure = charts.segment_composition_bars(many, {}, {"pu": "formal", "bpu": "informal"}, i18n.translator("en"))
    assert len({code for trace in figure.data for code in trace.y}) == charts.MAX_BARS
    assert figure.layout.xaxis.title.text.endswith(
        "<sup>The 30 largest of 60 shown; all of them are in the data below the chart</sup>")
