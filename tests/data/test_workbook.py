"""Excel downloads: numbers are numeric cells with number formats (never digits stored as text), headers in the
reader's language from labels/columns.toml, one sheet per chart with legal, unique names."""
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from cakupan.data import db, stewardship, workbook

CHART_DATA = pd.DataFrame({
    "snapshot_month": pd.to_datetime(["2023-09-01", "2023-10-01"]),
    "association_code": ["ABADI", "AKTI"],
    "active_participants": pd.array([40_200_000, 1_234], dtype="int64"),
    "formal_share_pct": [61.23, None],
    "target_date": [dt.date(2026, 12, 31), dt.date(2026, 12, 31)],
})


def opened(content: bytes):
    return load_workbook(io.BytesIO(content))


@pytest.mark.parametrize("lang, headers", [
    ("id", ["bulan", "kode_asosiasi", "peserta_aktif", "porsi_formal_persen", "tanggal_target"]),
    ("en", ["snapshot_month", "association_code", "active_participants", "formal_share_pct", "target_date"])])
def test_cells_are_numbers_with_formats_and_headers_in_the_language(lang, headers):
    sheet = opened(workbook.table_workbook_bytes("growth_active", CHART_DATA, lang)).active
    assert [cell.value for cell in sheet[1]] == headers and sheet[1][0].font.bold and sheet.freeze_panes == "A2"
    month, code, active, share, target = sheet[2]
    assert (month.value, month.number_format) == (dt.datetime(2023, 9, 1), "mmm yyyy")
    assert (code.value, code.data_type) == ("ABADI", "s")
    assert (active.value, active.data_type, active.number_format) == (40_200_000, "n", "#,##0")
    assert (share.value, share.data_type, share.number_format) == (61.23, "n", "#,##0.00")
    assert (target.value, target.number_format) == (dt.datetime(2026, 12, 31), "yyyy-mm-dd")
    assert sheet["D3"].value is None  # a missing share is an empty cell, not "nan"
    assert sheet.max_row == 3


@pytest.mark.parametrize("lang, title", [("id", "Peserta aktif"), ("en", "Active participants")])
def test_a_page_workbook_has_a_sheet_per_chart_named_in_the_language(lang, title):
    book = opened(workbook.page_workbook_bytes({"growth_active": CHART_DATA, "growth_net": CHART_DATA.head(1),
                                                "no_label_yet": CHART_DATA}, lang))
    assert book.sheetnames == [title, workbook.sheet_title("growth_net", lang), "no_label_yet"]
    assert [sheet.max_row for sheet in book] == [3, 2, 3]


def test_sheet_names_are_legal_and_unique():
    taken: list[str] = []
    for title in ("Target: 70/2026 [juta]?", "Target- 70-2026 -juta--", "x" * 40, "x" * 40):
        taken.append(workbook.sheet_name(title, taken))
    assert taken == ["Target- 70-2026 -juta--", "Target- 70-2026 -juta-- (2)", "x" * 31, "x" * 27 + " (2)"]
    assert all(len(name) <= 31 for name in taken)


def test_an_empty_page_still_gives_a_workbook_that_says_so():
    assert opened(workbook.page_workbook_bytes({}, "id")).sheetnames == ["Tanpa data"]


@pytest.mark.parametrize("table", stewardship.DOWNLOAD_TABLES)
def test_every_database_table_downloads_as_a_workbook_with_its_numbers(sample_db, table):
    source = db.run(f"export/{table}")
    sheet = opened(stewardship.table_xlsx(table, "en"))[table]
    assert [cell.value for cell in sheet[1]] == list(source.columns)
    assert sheet.max_row == len(source) + 1
    for position, column in enumerate(source.columns, start=1):
        if pd.api.types.is_integer_dtype(source[column]) and len(source):
            cell = sheet.cell(row=2, column=position)
            assert (cell.value, cell.data_type) == (int(source[column].iloc[0]), "n"), column
