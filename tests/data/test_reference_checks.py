"""The labour-force reference table (the coverage denominator) is checked before a database is built from it: each
bad row is refused with a message naming the row as a spreadsheet shows it, the column, the value and the fix — in
both languages — and nothing is built. A database made before the table existed gains it, checked, when opened."""
import shutil
import subprocess
import sys

import pytest

from cakupan.data import db, reference_checks
from tests.helpers import FIXTURES, ROOT, records

GOOD = "survey_month,employed_persons,source\n2022-12,4000,test\n2023-02,4400,test\n"


def sample_folder(tmp_path, labour_force: str):
    """The tiny fixture with `labour_force` as its labour_force.csv."""
    folder = tmp_path / "sample"
    shutil.copytree(FIXTURES / "tiny", folder)
    (folder / "labour_force.csv").write_text(labour_force, encoding="utf-8")
    return folder


@pytest.mark.parametrize("labour_force, indonesian, english", [
    ("survey_month,employed_persons,source\n2022-12,4000,test\nAgustus 2023,4400,test\n",
     'Baris 3, kolom survey_month: "Agustus 2023" bukan bulan. Tulis bulan survei sebagai TTTT-BB, misalnya 2023-08.',
     'Row 3, column survey_month: "Agustus 2023" is not a month. Write the survey month as YYYY-MM, e.g. 2023-08.'),
    ("survey_month,employed_persons,source\n2022-12,4000,test\n2023-02,\"139,85\",test\n",
     'Baris 3, kolom employed_persons: "139,85" bukan bilangan bulat orang. Tulis jumlah orang bekerja tanpa pemisah '
     'ribuan atau desimal, misalnya 139850000 (bukan 139,85 juta).',
     'Row 3, column employed_persons: "139,85" is not a whole number of people. Write the number of people working '
     'without separators or decimals, e.g. 139850000 (not 139.85 million).'),
    ("survey_month,employed_persons,source\n2022-12,4000,test\n2022-12,4400,test\n",
     "Baris 3, kolom survey_month: bulan 2022-12 sudah ada di baris 2. Sisakan satu baris per putaran survei.",
     "Row 3, column survey_month: month 2022-12 is already given in row 2. Keep one row per survey round."),
    ("survey_month,employed_persons,source\n2022-12,0,test\n",
     "Baris 2, kolom employed_persons: jumlah orang bekerja 0 tidak bisa menjadi penyebut cakupan. Isi angka BPS "
     "Sakernas untuk bulan itu.",
     "Row 2, column employed_persons: 0 people working cannot be the coverage denominator. Fill in the BPS Sakernas "
     "figure for that month."),
    ("survey_month,employed_persons,source\n2022-12,4000, \n",
     "Baris 2, kolom source: sumber kosong. Sebutkan publikasi BPS atau media yang memuat angka ini.",
     "Row 2, column source: the source is empty. Name the BPS publication or outlet that published the figure."),
    ("survey_month,employed,source\n2022-12,4000,test\n",
     "Baris 1: kolom employed_persons tidak ada di baris judul. Tambahkan kolom employed_persons.",
     "Row 1: column employed_persons is missing from the header row. Add a column employed_persons."),
], ids=["month", "decimal", "duplicate", "zero", "source", "header"])
def test_a_bad_row_refuses_the_build_with_a_clear_message(tmp_path, labour_force, indonesian, english):
    database = tmp_path / "refused.duckdb"
    with pytest.raises(reference_checks.ReferenceDataError) as refused:
        db.build_database(database, sample_folder(tmp_path, labour_force))
    in_indonesian, in_english = refused.value.describe("id").splitlines(), refused.value.describe("en").splitlines()
    assert in_indonesian[0] == ("Basis data tidak dibangun: labour_force.csv melanggar aturan tabel rujukan. Perbaiki "
                                "baris berikut lalu coba lagi:")
    assert f"- {indonesian}" == in_indonesian[1] and f"- {english}" == in_english[1]
    assert not database.exists() and not list(tmp_path.glob(".refused.duckdb*"))


def test_every_problem_of_the_file_is_listed_at_once(tmp_path):
    bad = "survey_month,employed_persons,source,note\n2023-13,12.5,,x\n"
    with pytest.raises(reference_checks.ReferenceDataError) as refused:
        db.build_database(tmp_path / "x.duckdb", sample_folder(tmp_path, bad))
    assert [(p.code, p.row, p.column) for p in refused.value.problems] == [
        ("unknown_column", 1, "note"), ("bad_month", 2, "survey_month"), ("not_whole_number", 2, "employed_persons"),
        ("missing_source", 2, "source")]


def test_a_good_file_loads_as_written(tmp_path, monkeypatch):
    database = tmp_path / "good.duckdb"
    db.build_database(database, sample_folder(tmp_path, GOOD))
    monkeypatch.setenv("CAKUPAN_DB", str(database))
    try:
        assert records(db.run("labour_force")) == [
            {"survey_month": "2022-12-01", "employed_persons": 4000, "source": "test"},
            {"survey_month": "2023-02-01", "employed_persons": 4400, "source": "test"}]
    finally:
        db.close_all()


def test_a_database_built_before_the_table_gains_it_when_opened(tmp_path, monkeypatch):
    with monkeypatch.context() as old_code:
        old_code.setattr(db, "REFERENCE_TABLES", tuple(t for t in db.REFERENCE_TABLES if t != "labour_force"))
        old_code.setattr(db, "SCHEMA_STEPS", tuple(step for step in db.SCHEMA_STEPS if step != "labour_force"))
        db.build_database(tmp_path / "old.duckdb", FIXTURES / "tiny")
    monkeypatch.setenv("CAKUPAN_DB", str(tmp_path / "old.duckdb"))
    try:
        assert list(db.run("labour_force")["employed_persons"]) == [131_050_000, 135_610_000, 135_300_000,
                                                                    138_630_000, 139_850_000]  # sample_data/
    finally:
        db.close_all()


def test_the_command_line_refuses_in_the_chosen_language_with_exit_1(tmp_path):
    folder = sample_folder(tmp_path, "survey_month,employed_persons,source\n2023-08,-5,BPS\n")
    # the command line builds a new database from sample_data/: point it at the folder with the bad table
    code = ("import sys; from cakupan.data import db; from pathlib import Path; db.SAMPLE_DIR = Path(sys.argv[1]); "
            "from cakupan.__main__ import main; sys.exit(main(sys.argv[2:]))")
    result = subprocess.run([sys.executable, "-c", code, str(folder), "loads", "--db", str(tmp_path / "cli.duckdb"),
                             "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert 'Row 2, column employed_persons: "-5" is not a whole number of people.' in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "cli.duckdb").exists()
