"""Readable comparisons: the index, small multiples on their own scales, a log axis, and one colour per association on
every chart (growth views, the year-on-year chart, the home grid's sparklines)."""
import base64
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cakupan import i18n, theme
from cakupan.data import db
from cakupan.overview import comparisons

EN = i18n.translator("en")


def rows(values: dict[str, list[int]]) -> pd.DataFrame:
    months = pd.date_range("2023-01-01", periods=3, freq="MS")
    return pd.DataFrame([{"snapshot_month": month, "group_key": key, "active_participants": value}
                         for key, series in values.items() for month, value in zip(months, series)])


def test_the_index_is_100_at_each_groups_start():
    result = comparisons.indexed(rows({"A": [200, 300, 100], "B": [5, 5, 10], "C": [0, 4, 8]}))
    by_group = {key: list(group["index_100"]) for key, group in result.groupby("group_key")}
    assert by_group["A"] == [100.0, 150.0, 50.0]
    assert by_group["B"] == [100.0, 100.0, 200.0]
    assert all(pd.isna(value) for value in by_group["C"])     # no base to index on


def test_small_multiples_give_each_group_its_own_scale_largest_first():
    figure = comparisons.small_multiples(rows({"small": [16_000, 16_500, 17_000], "big": [400_000, 410_000, 420_000]}),
                                         {"small": "Small", "big": "Big"}, {"small": "#2ca02c", "big": "#1f77b4"}, EN)
    assert [trace.name for trace in figure.data] == ["Big", "Small"]
    assert [trace.yaxis for trace in figure.data] == ["y", "y2"]         # two axes, not one shared scale
    assert list(figure.data[0].y) == [400.0, 410.0, 420.0] and list(figure.data[1].y) == [16.0, 16.5, 17.0]
    assert [a.text for a in figure.layout.annotations] == ["Big (k)", "Small (k)"]
    assert [trace.line.color for trace in figure.data] == ["#1f77b4", "#2ca02c"]


def chart_colors(at: AppTest, index: int = 0) -> dict[str, str]:
    spec = json.loads(at.get("plotly_chart")[index].proto.spec)
    drawn = [(trace["name"], trace["line"]["color"]) for trace in spec["data"] if "line" in trace and trace.get("name")]
    assert len({color for _, color in drawn}) == len(drawn), drawn      # never a repeat within a chart
    return dict(drawn)


@pytest.mark.parametrize("view", comparisons.VIEWS)
def test_every_growth_view_paints_each_association_its_own_colour(sample_db, view):
    expected = theme.association_colors(db.run("associations")["association_code"])
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    at.switch_page("pages/1_growth.py").run()
    at.segmented_control(key="growth_view").set_value(view).run()
    assert not at.exception
    assert chart_colors(at, 0) == expected
    assert chart_colors(at, 2) == expected            # the year-on-year chart
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    if view == "log":
        assert spec["layout"]["yaxis"]["type"] == "log"
    if view == "small_multiples":
        assert len({trace.get("yaxis", "y") for trace in spec["data"]}) == 11   # each on its own scale
    # choosing three associations in the filter does not repaint them
    at.multiselect(key="filter_associations").set_value(["AKTI", "APTISI", "IFICA"]).run()
    assert chart_colors(at, 0) == {code: expected[code] for code in ("AKTI", "APTISI", "IFICA")}


def test_the_home_grid_sparklines_wear_the_same_colours(sample_db):
    expected = theme.association_colors(db.run("associations")["association_code"])
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    grid = next(element.proto.body for element in at.get("html") if "cakupan-tiles" in element.proto.body)
    drawn = {code: re.search(r'stroke="(#[0-9a-f]{6})"', base64.b64decode(image).decode()).group(1)
             for code, image in re.findall(r'data-code="([^"]+)">.*?base64,([^"]+)"', grid)}
    assert drawn == expected
