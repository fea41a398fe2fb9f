"""Pages run in Streamlit's AppTest on the sample data: no exception, filters and language change the output."""
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cakupan import i18n, ui
from tests.helpers import figures

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["dashboard.py", "pages/1_growth.py", "pages/2_formal_informal.py"]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("page, charts", [("dashboard.py", 1), ("pages/1_growth.py", 3),
                                          ("pages/2_formal_informal.py", 3)])
def test_page_renders_its_charts(sample_db, page, charts):
    at = open_page(page)
    assert len(at.get("plotly_chart")) == charts
    labels = [button.label for button in at.get("download_button")]
    # each chart's data as CSV and as Excel, and the whole page's data as one workbook in the sidebar
    assert labels == ["Unduh CSV", "Unduh Excel"] * charts + ["Unduh data halaman ini (Excel)"]


def test_home_shows_national_kpis_in_indonesian(sample_db):
    at = open_page("dashboard.py")
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Peserta aktif"] == "40,2 juta"
    assert values["Porsi formal (PU)"].endswith("%") and "," in values["Porsi formal (PU)"]
    assert "70 juta" in at.caption[0].value and "Oktober 2023" in at.caption[0].value


def test_home_scope_change_changes_the_numbers(sample_db):
    at = open_page("dashboard.py")
    national = [metric.value for metric in at.metric]
    at.selectbox(key="home_scope").set_value("ABUJAPI").run()
    assert not at.exception
    abujapi = [metric.value for metric in at.metric]
    assert abujapi != national and re.fullmatch(r"\d{2,3}\.\d{3}", abujapi[0])   # under a million: in full


@pytest.mark.parametrize("page", PAGES)
def test_language_toggle_changes_labels_and_persists(sample_db, page):
    at = open_page(page)
    indonesian_title = at.title[0].value
    at.radio(key="lang_choice").set_value("en").run()
    assert not at.exception
    assert at.title[0].value != indonesian_title
    assert at.session_state["lang"] == "en"
    other = "pages/1_growth.py" if page != "pages/1_growth.py" else "dashboard.py"
    at.switch_page(other).run()
    assert at.radio(key="lang_choice").value == "en"


def test_english_numbers_use_english_separators(sample_db):
    at = open_page("dashboard.py")
    at.radio(key="lang_choice").set_value("en").run()
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Active participants"] == "40.2 million"
    assert figures(at)[0]["layout"]["separators"] == ".,"


def test_growth_filter_changes_the_chart(sample_db):
    at = open_page("pages/1_growth.py")
    before = figures(at)[0]
    at.multiselect(key="filter_associations").set_value(["ABADI", "AKTI"]).run()
    assert not at.exception
    after = figures(at)[0]
    assert [trace["name"] for trace in after["data"]] == ["ABADI", "AKTI"]
    assert len(before["data"]) == 11
    at.segmented_control(key="growth_breakdown").set_value("segment").run()
    segment_labels = set(pd.read_csv(ROOT / "sample_data" / "segments.csv")["label_id"])
    assert {trace["name"] for trace in figures(at)[0]["data"]} <= segment_labels


def test_filters_survive_a_page_switch(sample_db):
    at = open_page("pages/1_growth.py")
    at.multiselect(key="filter_associations").set_value(["ABADI"]).run()
    at.switch_page("pages/2_formal_informal.py").run()
    assert at.multiselect(key="filter_associations").value == ["ABADI"]
    assert [bar for bar in figures(at)[1]["data"][0]["y"]] == ["ABADI"]


def test_formal_informal_scope_switch_changes_split(sample_db):
    at = open_page("pages/2_formal_informal.py")
    national = at.caption[2].value
    at.segmented_control(key="split_scope").set_value("associations").run()
    assert not at.exception
    assert at.caption[2].value != national


def chart_months(figure: dict) -> tuple[str, str]:
    """The first and last month (YYYY-MM) on a figure's x axis, over all traces."""
    months = sorted(str(x)[:7] for trace in figure["data"] for x in trace["x"])
    return months[0], months[-1]


def test_period_range_moves_charts_and_survives_a_page_switch(sample_db):
    at = open_page("pages/1_growth.py")
    assert chart_months(figures(at)[0]) == ("2020-10", "2023-10")
    at.select_slider(key="filter_period").set_range(dt.date(2021, 3, 1), dt.date(2022, 6, 1)).run()
    assert not at.exception
    assert at.select_slider(key="filter_period").value == (dt.date(2021, 3, 1), dt.date(2022, 6, 1))
    assert chart_months(figures(at)[0]) == ("2021-03", "2022-06")
    at.switch_page("pages/2_formal_informal.py").run()
    assert at.select_slider(key="filter_period").value == (dt.date(2021, 3, 1), dt.date(2022, 6, 1))
    assert chart_months(figures(at)[0]) == ("2021-03", "2022-06")
    assert at.subheader[1].value == "Peringkat asosiasi menurut porsi formal, Jun 2022"


@pytest.mark.parametrize("lang, upload, hint", [("id", '"Pilih berkas"', '"Tekan Enter untuk menerapkan"'),
                                                ("en", '"Choose file"', '"Press Enter to apply"')])
def test_page_style_carries_the_words_that_replace_streamlits_english(lang, upload, hint):
    style = ui.page_style(i18n.translator(lang))
    assert style.startswith("<style>") and style.endswith("</style>") and "stMetricValue" in style
    assert f"--cakupan-upload-button: {upload};" in style and f"--cakupan-input-hint: {hint};" in style


def test_words_in_the_page_style_are_css_strings_that_cannot_end_it():
    style = ui.page_style(lambda key: 'a "b" \\ c\nd</style>')
    assert '--cakupan-upload-button: "a \\"b\\" \\\\ c\\a d\\3c /style>";' in style
    assert style.count("</style>") == 1
