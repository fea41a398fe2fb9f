"""The coverage & map page as a person sees it (AppTest): the card says the table's number, the map draws the
chosen scope's provinces and switches to the change over 12 months, the table links to growth, and the page's data
downloads as one workbook with a sheet per chart, headers in the page's language."""
import base64
import io

import numpy as np
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from cakupan import i18n, ui
from cakupan.data import db, workbook
from tests.helpers import figures

PAGE = "pages/8_coverage.py"


def open_coverage(lang: str = "id") -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def map_z(at) -> np.ndarray:
    trace = figures(at)[2]["data"][0]
    z = trace["z"]
    values = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]) if isinstance(z, dict) else z
    return np.asarray(values, dtype=float), trace


def test_the_page_shows_coverage_associations_and_the_map(sample_db):
    at = open_coverage()
    assert len(at.get("plotly_chart")) == 3
    cards = {metric.label: metric.value for metric in at.metric}
    national = at.session_state[ui.PAGE_TABLES]["coverage_national"]
    assert cards["Cakupan angkatan kerja"] == i18n.format_percent(national["coverage_pct"].iloc[-1], "id") == "28,8%"
    assert cards["Penduduk bekerja (BPS Sakernas)"] == "139,8 juta"
    values, trace = map_z(at)
    assert len(trace["locations"]) == 38 and trace["type"] == "choropleth"
    provinces = at.session_state[ui.PAGE_TABLES]["coverage_map"]
    assert np.allclose(values * 1_000, provinces["active_participants"].astype(float))  # drawn in thousands
    assert any("CC BY 4.0" in caption.value for caption in at.caption)
    assert any(caption.value.startswith("Sumber penyebut (BPS Sakernas") for caption in at.caption)


def test_the_map_follows_the_association_filter_and_the_change_toggle(sample_db):
    at = open_coverage()
    at.multiselect(key="filter_associations").set_value(["ABADI"]).run()
    values, _ = map_z(at)
    last = db.run("month_range")["last_enrollment_month"].iloc[0]
    abadi = db.run("province_map", month=last, associations=["ABADI"], segments=["PU", "BPU", "JAKON", "PMI"])
    assert np.allclose(values * 1_000, abadi["active_participants"].astype(float))  # thousands: up to 44,000

    at.button_group(key="map_measure").set_value("change").run()
    assert not at.exception
    changed, trace = map_z(at)
    # ABADI's changes stay under 10,000 a province, so they are drawn in people
    assert np.allclose(changed, abadi["change_12m"].astype(float), equal_nan=True)
    assert trace["zmid"] == 0 and "(orang)" in trace["colorbar"]["title"]["text"]


def test_the_province_table_links_to_growth_in_the_page_language(sample_db):
    at = open_coverage("en")
    table = next(frame.value for frame in at.dataframe if "Growth" in frame.value.columns)
    assert table["Growth"].iloc[0] == "growth?province=31&lang=en" and table["Province"].iloc[0] == "DKI Jakarta"


@pytest.mark.parametrize("lang, sheets, first_header", [
    ("id", ["Cakupan angkatan kerja", "Cakupan per asosiasi", "Peserta per provinsi"], "bulan"),
    ("en", ["Workforce coverage", "Coverage by association", "Participants by province"], "snapshot_month")])
def test_the_whole_page_downloads_as_one_workbook(sample_db, lang, sheets, first_header):
    at = open_coverage(lang)
    tables = at.session_state[ui.PAGE_TABLES]
    book = load_workbook(io.BytesIO(workbook.page_workbook_bytes(tables, lang)))
    assert book.sheetnames == sheets
    first = book[sheets[0]]
    assert first["A1"].value == first_header and first.max_row == len(tables["coverage_national"]) + 1
    assert first["D2"].data_type == "n" and first["D2"].value == tables["coverage_national"]["coverage_pct"].iloc[0]


def test_home_shows_workforce_coverage_for_the_nation_only(sample_db):
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    labels = [metric.label for metric in at.metric]
    assert len(labels) == 9 and labels[-1] == "Cakupan angkatan kerja"  # last: the status cards keep their places
    assert at.metric[8].value == "28,8%" == open_coverage().metric[0].value  # the same number on both pages
    at.selectbox(key="home_scope").set_value("ABADI").run()
    assert "Cakupan angkatan kerja" not in [metric.label for metric in at.metric]
