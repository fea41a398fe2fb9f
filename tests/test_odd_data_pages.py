"""Odd data never crashes a page: every page on a source of 1, 3 or 13 months or of one association only, and the
filtered pages on every single association × single segment of the sample data. Each page shows its charts, or a
note saying which data is missing where a chart has nothing to draw."""
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from cakupan import i18n
from cakupan.data import db
from tests.helpers import ROOT, figures

SAMPLE = ROOT / "sample_data"
PAGES = ["dashboard.py", "pages/1_growth.py", "pages/2_formal_informal.py", "pages/3_target_gap.py",
         "pages/4_what_if.py", "pages/5_presenter.py", "pages/6_data.py", "pages/7_plan.py", "pages/8_coverage.py"]
FILTERED_PAGES = ["pages/1_growth.py", "pages/2_formal_informal.py"]  # the pages with the sidebar filters
SOURCES = {  # name: (months kept from the end, associations kept)
    "1 month": (1, None), "3 months": (3, None), "13 months": (13, None), "one association": (None, ["ABUJAPI"])}
HISTORY_MONTHS = {"1 month": "2023-10..2023-10", "3 months": "2023-08..2023-10", "13 months": "2022-10..2023-10",
                  "one association": "2019-01..2023-10"}  # the load history's "Bulan" (months) column

NO_PROJECTION = "Data belum cukup untuk proyeksi: perlu minimal 2 bulan data, tersedia 1."
NO_NET = "Data belum cukup untuk tambahan bersih: perlu data dua bulan berurutan."
NO_YOY = ("Data belum cukup untuk pertumbuhan tahunan: perlu data bulan yang sama setahun sebelumnya "
          "(minimal 13 bulan).")
NO_BACKTEST = "Data belum cukup untuk uji mundur cakupan ini: perlu minimal 10 bulan data, tersedia 3."
NO_GROWTH = "Tidak ada data untuk filter ini. Perluas periode atau pilihan filter."
NO_SPLIT = "Tidak ada data untuk filter ini dalam periode ini. Perluas periode atau pilihan filter."
NO_MONTH = "Tidak ada peserta untuk filter ini pada bulan ini. Perluas pilihan filter."
NONE_SAVED = "Belum ada skenario tersimpan."
PLAN_ASSUMPTION = i18n.translator("id")("plan.assumption")
NO_PLANS = i18n.translator("id")("plan.none_saved")
STEWARD_OFF = i18n.translator("id")("data_page.steward_not_configured")
# (source, page): (charts drawn, notes shown) — what a person sees on each page of each odd source
EXPECTED = {
    ("1 month", "pages/1_growth.py"): (1, [NO_NET, NO_YOY]),
    ("1 month", "pages/3_target_gap.py"): (0, [NO_PROJECTION]),
    ("1 month", "pages/4_what_if.py"): (0, [NO_PROJECTION]),
    ("1 month", "pages/7_plan.py"): (0, [NO_PROJECTION]),
    ("3 months", "pages/1_growth.py"): (2, [NO_YOY]),
    ("3 months", "pages/3_target_gap.py"): (2, [NO_BACKTEST]),
}
# what each page shows on the full sample data: (charts drawn, notes shown)
FULL_PAGE = {"dashboard.py": (1, []), "pages/1_growth.py": (3, []), "pages/2_formal_informal.py": (3, []),
             "pages/3_target_gap.py": (3, []), "pages/4_what_if.py": (1, [NONE_SAVED]),
             "pages/5_presenter.py": (0, []), "pages/6_data.py": (0, [STEWARD_OFF]),
             "pages/7_plan.py": (1, [PLAN_ASSUMPTION, NO_PLANS]),
             "pages/8_coverage.py": (3, [])}
SLIDES = 6
SLIDES_WITH_A_CHART = {3, 4, 5, 6}


def write_source(folder, months: int | None, associations: list[str] | None):
    """The sample data cut to its last `months` months and/or to `associations`, as a Parquet source folder."""
    folder.mkdir()
    text = pacsv.ConvertOptions(column_types={column: pa.string() for column in
                                              ("snapshot_month", "association_code", "segment", "province_code")})
    enrollment = pacsv.read_csv(SAMPLE / "enrollment.csv", convert_options=text)
    national = pacsv.read_csv(SAMPLE / "national_participation.csv", convert_options=text)
    kept = sorted(set(enrollment["snapshot_month"].to_pylist()))[-months:] if months else None
    if kept:
        enrollment = enrollment.filter(pc.is_in(enrollment["snapshot_month"], pa.array(kept)))
        national = national.filter(pc.is_in(national["snapshot_month"], pa.array(kept)))
    if associations:
        enrollment = enrollment.filter(pc.is_in(enrollment["association_code"], pa.array(associations)))
    pq.write_table(enrollment, folder / "enrollment.parquet")
    pacsv.write_csv(national, folder / "national_participation.csv")
    for table in ("associations", "provinces", "segments", "targets", "labour_force"):
        shutil.copy(SAMPLE / f"{table}.csv", folder / f"{table}.csv")
    return folder


@pytest.fixture(scope="module")
def odd_sources(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("odd_sources")
    return {name: write_source(root / name.replace(" ", "_"), *cut) for name, cut in SOURCES.items()}


def open_page(page: str) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def notes(at: AppTest) -> list[str]:
    return [note.value for note in at.info]


def shown_html(at: AppTest) -> str:
    return " ".join(element.proto.body for element in at.get("html"))


def step_through_slides(at: AppTest) -> None:
    """Click Next through the whole deck: every slide shows, with its chart where it has one."""
    for number in range(1, SLIDES + 1):
        assert not at.exception, [e.message for e in at.exception]
        assert f'data-slide="{number}"' in shown_html(at)
        assert len(at.get("plotly_chart")) == (1 if number in SLIDES_WITH_A_CHART else 0)
        if number < SLIDES:
            at.button(key="presenter_next").click().run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("source", list(SOURCES))
def test_every_page_on_short_or_narrow_data(odd_sources, monkeypatch, source, page):
    monkeypatch.setenv(db.SOURCE_ENV, f"parquet:{odd_sources[source]}")
    try:
        at = open_page(page)
        assert (len(at.get("plotly_chart")), notes(at)) == EXPECTED.get((source, page), FULL_PAGE[page])
        if source == "1 month" and page in FILTERED_PAGES:
            assert at.sidebar.caption[0].value == "Periode: Oktober 2023 — satu-satunya bulan dalam data"
            assert not at.select_slider  # no range to choose from one month
        if page == "pages/5_presenter.py":
            step_through_slides(at)
        if page == "pages/6_data.py":
            assert at.dataframe[0].value["Bulan"].tolist() == [HISTORY_MONTHS[source]]
    finally:
        db.close_all()


def sample_combinations() -> list[tuple[str, str, bool]]:
    """Every (association, segment) of the sample data, and whether the snapshots hold any row for it."""
    enrollment = pd.read_csv(SAMPLE / "enrollment.csv", usecols=["association_code", "segment"])
    associations = pd.read_csv(SAMPLE / "associations.csv")["association_code"]
    segments = pd.read_csv(SAMPLE / "segments.csv")["segment"]
    present = set(zip(enrollment["association_code"], enrollment["segment"]))
    return [(code, segment, (code, segment) in present) for code in associations for segment in segments]


def test_the_combinations_include_empty_ones():
    combinations = sample_combinations()
    assert len(combinations) == 44 and ("ABUJAPI", "PMI", False) in combinations
    assert sum(present for _, _, present in combinations) == 24


def choose(at: AppTest, association: str, segment: str) -> AppTest:
    at.multiselect(key="filter_associations").set_value([association])
    at.multiselect(key="filter_segments").set_value([segment])
    return at.run()


def test_growth_on_every_association_and_segment(sample_db):
    at = open_page("pages/1_growth.py")
    for association, segment, present in sample_combinations():
        choose(at, association, segment)
        assert not at.exception, (association, segment, [e.message for e in at.exception])
        shown = (len(at.get("plotly_chart")), notes(at))
        assert shown == ((3, []) if present else (0, [NO_GROWTH])), (association, segment)
        if present:
            assert [trace["name"] for trace in figures(at)[0]["data"]] == [association]


def test_formal_informal_on_every_association_and_segment(sample_db):
    at = open_page("pages/2_formal_informal.py")
    at.segmented_control(key="split_scope").set_value("associations").run()
    for association, segment, present in sample_combinations():
        choose(at, association, segment)
        assert not at.exception, (association, segment, [e.message for e in at.exception])
        shown = (len(at.get("plotly_chart")), notes(at))
        assert shown == ((3, []) if present else (0, [NO_SPLIT, NO_MONTH, NO_MONTH])), (association, segment)


def test_presenter_on_every_association_chosen_in_the_filters(sample_db):
    """The presenter takes the period and the associations from the filters (not the segments); its slides 5 and 6
    are the associations' (1 to 4 are national, stepped through on the odd sources above)."""
    at = open_page("pages/1_growth.py")
    for association in pd.read_csv(SAMPLE / "associations.csv")["association_code"]:
        at.switch_page("pages/1_growth.py").run()
        choose(at, association, "PU")
        at.query_params["slide"] = "5"
        at.switch_page("pages/5_presenter.py").run()
        for number in (5, 6):
            assert not at.exception, (association, [e.message for e in at.exception])
            assert f'data-slide="{number}"' in shown_html(at)
            # the slide's chart: progress, then the gap to the target, of the one association chosen
            assert {label for trace in figures(at)[0]["data"] for label in trace["y"]} == {association}
            if number == 5:
                at.button(key="presenter_next").click().run()


@pytest.mark.parametrize("page, scope_key, scopes", [("dashboard.py", "home_scope", ["national", "all"]),
                                                     ("pages/3_target_gap.py", "gap_fan_scope", ["national"]),
                                                     ("pages/4_what_if.py", "scope", ["national"])])
def test_scope_pages_on_every_association(sample_db, page, scope_key, scopes):
    for scope in scopes + list(pd.read_csv(SAMPLE / "associations.csv")["association_code"]):
        at = open_page(page) if scope == scopes[0] else at.selectbox(key=scope_key).set_value(scope).run()
        assert not at.exception, (scope, [e.message for e in at.exception])
        assert at.selectbox(key=scope_key).value == scope
        assert (len(at.get("plotly_chart")), notes(at)) == FULL_PAGE[page], scope
