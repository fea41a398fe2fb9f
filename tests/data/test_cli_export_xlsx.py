"""`python -m cakupan export --format xlsx` (data contract, section 4): every chart's data as one workbook, one sheet
per chart, headers in the chosen language, numbers as numeric cells; exit 0 with the path on standard output, 1 when
refused (nothing written), 2 for wrong usage."""
import os
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from cakupan import i18n
from cakupan.data import db
from tests.helpers import ROOT

SHEETS = {
    "id": ["Peserta aktif & target", "Slide pertumbuhan nasional", "Slide formal vs informal", "Slide capaian asosiasi",
           "Slide proyeksi kekurangan", "Cakupan angkatan kerja", "Cakupan per asosiasi", "Peserta per provinsi"],
    "en": ["Active participants & target", "Slide national growth", "Slide formal vs informal",
           "Slide association progress", "Slide projected shortfall", "Workforce coverage", "Coverage by association",
           "Participants by province"],
}


def export(database, *args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "cakupan", "export", "--db", str(database), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=180, env=os.environ | {"PYTHONPATH": str(ROOT)})


@pytest.fixture
def cli_copy(sample_db_path, tmp_path):
    database = tmp_path / "copy.duckdb"
    shutil.copy(sample_db_path, database)
    return database


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_charts_data_in_one_workbook(cli_copy, tmp_path, monkeypatch, lang):
    out = tmp_path / "out" / "cakupan.xlsx"
    result = export(cli_copy, "--format", "xlsx", "--out", str(out), "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}\n"
    assert ("8 lembar" if lang == "id" else "8 sheets") in result.stderr
    book = load_workbook(out)
    assert book.sheetnames == SHEETS[lang]
    provinces = book[SHEETS[lang][-1]]
    assert [cell.value for cell in provinces[1]][:3] == [i18n.column_header(c, lang) for c in
                                                         ("province_code", "province_name", "active_participants")]
    assert provinces.max_row == 39  # 38 provinces
    monkeypatch.setenv("CAKUPAN_DB", str(cli_copy))
    try:
        national = db.run("national_monthly")
    finally:
        db.close_all()
    home = book[SHEETS[lang][0]]
    last = [cell for cell in home[home.max_row]]
    assert (last[1].value, last[1].data_type, last[1].number_format) == (
        int(national["active_participants"].iloc[-1]), "n", "#,##0")
    for sheet in book:  # no number anywhere is stored as text
        for row in sheet.iter_rows(min_row=2, values_only=True):
            assert not any(isinstance(value, str) and value.replace(".", "").replace("-", "").isdigit()
                           and len(value) > 2 for value in row), (sheet.title, row)


@pytest.mark.parametrize("args, status, message", [
    (["--format", "xls", "--out", "x.xls"], 2, "invalid choice"),
    (["--format", "xlsx"], 2, "--out"),
    (["--format", "xlsx", "--out", "x.xlsx", "--associations", "NOPE"], 1, "Kode asosiasi tidak dikenal: NOPE"),
])
def test_bad_usage_and_refusals_write_nothing(cli_copy, tmp_path, args, status, message):
    result = export(cli_copy, *args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (status, "")
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("x.*"))


def test_an_unwritable_place_is_refused_with_exit_1(cli_copy, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = export(cli_copy, "--format", "xlsx", "--out", str(blocker / "x.xlsx"), "--lang", "en")
    assert (result.returncode, result.stdout) == (1, "") and "Cannot write" in result.stderr
