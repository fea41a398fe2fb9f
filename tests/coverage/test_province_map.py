"""The province map: 38 provinces, every province code of the data drawn, the numbers per province counted by hand on
the tiny fixture, a hover that names the province with its number and share, and a link per province to growth."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cakupan import i18n, ui
from cakupan.coverage import province_map
from cakupan.data import db
from tests.helpers import FEB_2023, ROOT, records

SAMPLE = ROOT / "sample_data"


def test_the_map_has_the_38_provinces_of_the_reference_table():
    provinces = pd.read_csv(SAMPLE / "provinces.csv", dtype=str)
    assert len(province_map.map_codes()) == 38 == len(set(province_map.map_codes()))
    assert sorted(province_map.map_codes()) == sorted(provinces["province_code"])
    names = {f["properties"]["province_code"]: f["properties"]["name"] for f in province_map.boundaries()["features"]}
    assert names["31"] == "DKI Jakarta" and names["94"] == "Papua"


def test_every_province_code_in_the_data_is_on_the_map():
    enrollment = pd.read_csv(SAMPLE / "enrollment.csv", dtype={"province_code": str}, usecols=["province_code"])
    assert province_map.codes_missing_from_map(enrollment["province_code"]) == []
    assert province_map.codes_missing_from_map(["31", "99"]) == ["99"]  # a code without a shape is named


def test_the_map_is_read_from_the_project_with_its_credit():
    assert province_map.GEOJSON.is_relative_to(ROOT) and "shared" not in province_map.GEOJSON.parts
    credit = (SAMPLE / "geo" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in credit and "denyherianto/indonesia-geojson-topojson-maps-with-38-provinces" in credit


def tiny_map(month=FEB_2023, associations=("AAA", "BBB")):
    return db.run("province_map", month=month, associations=list(associations), segments=["PU", "BPU"])


def test_tiny_province_numbers_counted_by_hand(tiny_db):
    # Feb 2023: AAA PU 31 = 130; AAA BPU 32 = 50, BBB PU 32 = 40. Feb 2022: 31 = AAA 110 + 45, 32 = BBB 44
    assert records(tiny_map()) == [
        {"province_code": "31", "province_name": "DKI Jakarta", "active_participants": 130, "active_year_before": 155,
         "change_12m": -25, "change_12m_pct": -16.13, "share_pct": 59.09},
        {"province_code": "32", "province_name": "Jawa Barat", "active_participants": 90, "active_year_before": 44,
         "change_12m": 46, "change_12m_pct": 104.55, "share_pct": 40.91}]


def test_a_province_without_members_is_on_the_map_with_zero(tiny_db):
    # BBB works only in 32: Jakarta stays on the map, with 0 and no share, and its change from 0 has no percentage
    assert records(tiny_map(associations=["BBB"])) == [
        {"province_code": "31", "province_name": "DKI Jakarta", "active_participants": 0, "active_year_before": 0,
         "change_12m": 0, "change_12m_pct": None, "share_pct": 0.0},
        {"province_code": "32", "province_name": "Jawa Barat", "active_participants": 40, "active_year_before": 44,
         "change_12m": -4, "change_12m_pct": -9.09, "share_pct": 100.0}]


def test_without_a_year_before_the_change_is_unknown_not_zero(tiny_db):
    provinces = tiny_map(month=dt.date(2022, 1, 1))
    assert provinces["change_12m"].isna().all() and not province_map.has_change(provinces)


@pytest.mark.parametrize("lang, hover", [
    ("id", ("DKI Jakarta", "130", "59,1%", "-25 (-16,1%)")),
    ("en", ("DKI Jakarta", "130", "59.1%", "-25 (-16.1%)"))])
def test_the_choropleth_colours_each_province_and_hovers_its_numbers(tiny_db, lang, hover):
    provinces = tiny_map()
    t = i18n.translator(lang)
    figure = province_map.province_choropleth(provinces, "active", t)
    trace = figure.data[0]
    assert trace.type == "choropleth" and trace.featureidkey == "properties.province_code"
    assert list(trace.locations) == list(provinces["province_code"])
    assert np.allclose(np.asarray(trace.z, dtype=float), provinces["active_participants"].astype(float))
    jakarta = list(trace.locations).index("31")
    assert tuple(trace.customdata[jakarta]) == hover
    assert t("coverage.map_share") in trace.hovertemplate and figure.layout.geo.visible is False

    change = province_map.province_choropleth(provinces, "change", t).data[0]
    assert np.allclose(np.asarray(change.z, dtype=float), provinces["change_12m"].astype(float))
    assert change.zmid == 0


def test_the_table_links_each_province_to_growth_filtered_to_it(tiny_db):
    t = i18n.translator("en")
    table = province_map.province_table(tiny_map(), t, lambda code: ui.province_link("growth", code, "en"))
    assert list(table["Province"])[:2] == ["DKI Jakarta", "Jawa Barat"]  # largest first
    assert list(table["Growth"])[:2] == ["growth?province=31&lang=en", "growth?province=32&lang=en"]
    assert list(table["Active participants"])[:2] == [130, 90]


def test_the_takeaway_names_where_members_are(tiny_db):
    assert province_map.map_takeaway(tiny_map(), i18n.translator("en")) == (
        "DKI Jakarta holds 59.1% of this choice's participants; members are in 2 of 2 provinces. "
        "Fastest growth over 12 months: Jawa Barat (+104.6%).")
