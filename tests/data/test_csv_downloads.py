"""CSV downloads in the reader's language: Indonesian files open as columns in an Indonesian Excel (`;`, decimal
comma, UTF-8 with BOM, Indonesian headers), English files keep `,` and `.`; the values are the same in both."""
import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cakupan import i18n, ui
from cakupan.data import db, stewardship
from cakupan.presenter import deck_inputs, slides
from tests.helpers import ROOT

# a chart's data as pages hand it to a download: months, whole counts, shares with decimals, codes, text with the
# separators inside, a missing value
CHART_DATA = pd.DataFrame({
    "snapshot_month": pd.to_datetime(["2023-09-01", "2023-10-01"]),
    "association_code": ["ABADI", "APSyFI"],
    "active_participants": [233_104, 40_200_000],
    "formal_share_pct": [60.92, 7.5],
    "yoy_growth_pct": [float("nan"), -1.25],
    "source": ["jpnn; IDN Times", "Rp 1,5 juta – ilustratif"],
})
INDONESIAN_HEADERS = ["bulan", "kode_asosiasi", "peserta_aktif", "porsi_formal_persen", "pertumbuhan_tahunan_persen",
                      "sumber"]


def read_back(content: bytes, lang: str) -> pd.DataFrame:
    """The CSV as a spreadsheet in `lang` reads it, with the original column names put back."""
    style = i18n.CSV_STYLES[lang]
    frame = pd.read_csv(io.BytesIO(content), sep=style["sep"], decimal=style["decimal"], encoding=style["encoding"],
                        parse_dates=[i18n.column_header("snapshot_month", lang)])
    return frame.set_axis(CHART_DATA.columns, axis="columns")


def test_indonesian_csv_uses_semicolons_decimal_commas_a_bom_and_indonesian_headers():
    content = i18n.csv_bytes(CHART_DATA, "id")
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == [
        ";".join(INDONESIAN_HEADERS),
        '2023-09-01;ABADI;233104;60,92;;"jpnn; IDN Times"',
        "2023-10-01;APSyFI;40200000;7,5;-1,25;Rp 1,5 juta – ilustratif",
    ]
    pd.testing.assert_frame_equal(read_back(content, "id"), CHART_DATA, check_dtype=False)


def test_english_csv_keeps_commas_points_and_the_column_names():
    content = i18n.csv_bytes(CHART_DATA, "en")
    assert not content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8").splitlines()
    assert lines[0] == ",".join(CHART_DATA.columns)
    assert lines[2] == '2023-10-01,APSyFI,40200000,7.5,-1.25,"Rp 1,5 juta – ilustratif"'
    pd.testing.assert_frame_equal(read_back(content, "en"), CHART_DATA, check_dtype=False)


def test_a_column_without_a_header_label_keeps_its_name():
    display = pd.DataFrame({"Skenario": ["A"], "Proyeksi Des 2026": ["54,5 juta"]})
    assert i18n.csv_bytes(display, "id").decode("utf-8-sig").splitlines() == ["Skenario;Proyeksi Des 2026",
                                                                             "A;54,5 juta"]


@pytest.mark.parametrize("table", stewardship.DOWNLOAD_TABLES)
def test_every_table_download_reads_back_unchanged_in_both_languages(sample_db, table):
    source = db.run(f"export/{table}")
    indonesian = stewardship.table_csv(table, "id")
    assert indonesian.startswith(b"\xef\xbb\xbf")
    from_indonesian = pd.read_csv(io.BytesIO(indonesian), sep=";", decimal=",", encoding="utf-8-sig")
    from_english = pd.read_csv(io.BytesIO(stewardship.table_csv(table, "en")))
    assert list(from_indonesian.columns) == [i18n.column_header(column, "id") for column in source.columns]
    assert list(from_english.columns) == list(source.columns)
    pd.testing.assert_frame_equal(from_indonesian.set_axis(source.columns, axis="columns"), from_english)
    numbers = source.select_dtypes("number").columns
    pd.testing.assert_frame_equal(from_english[numbers], source[numbers], check_dtype=False)


def download_frames(monkeypatch) -> dict[str, pd.DataFrame]:
    """Every frame a page offers as a CSV download: chart data on every page, the tables, the slides' data."""
    frames = {}
    chart_block = ui.chart_block

    def recording(fig, data, key, *args, **kwargs):
        frames[key] = data
        return chart_block(fig, data, key, *args, **kwargs)

    monkeypatch.setattr(ui, "chart_block", recording)
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    for page in ("pages/1_growth.py", "pages/2_formal_informal.py", "pages/3_target_gap.py", "pages/4_what_if.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
    for table in stewardship.DOWNLOAD_TABLES:
        frames[f"table {table}"] = db.run(f"export/{table}")
    for slide in slides.build_slides(deck_inputs.gather_inputs(db.run, []), i18n.translator("id")):
        if slide.data is not None:
            frames[f"slide {slide.key}"] = slide.data
    return frames


def test_every_download_has_distinct_indonesian_headers(sample_db, monkeypatch):
    frames = download_frames(monkeypatch)
    assert {"home_trend", "growth_active", "target_gap_fan", "target_gap_backtest", "what_if_fan",
            "table enrollment", "slide gap"} <= set(frames)
    for name, frame in frames.items():
        unlabelled = [column for column in frame.columns if f"columns.{column}" not in i18n.labels()]
        assert not unlabelled, (name, unlabelled)
        headers = [i18n.column_header(column, "id") for column in frame.columns]
        assert len(set(headers)) == len(headers), (name, headers)


def test_csv_is_written_in_one_place():
    """Every CSV download goes through i18n.csv_bytes; only the command line's machine output (the data contract's
    `project --format csv`) writes its own."""
    writers = {path.relative_to(ROOT).as_posix() for folder in ("cakupan", "pages")
               for path in (ROOT / folder).rglob("*.py") if re.search(r"\.to_csv\(", path.read_text(encoding="utf-8"))}
    assert writers == {"cakupan/i18n.py", "cakupan/commands/project.py"}
