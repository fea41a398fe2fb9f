"""The bad-file corpus: every problem of the data contract, and malformed files, in CSV, Excel and Parquet.

Each file is written for real into tmp_path. Each must give its own message naming row, column and value (in
both languages), be refused by `load`, and leave every table of the database exactly as it was.
"""
import random

import pandas as pd
import pytest

from cakupan import i18n
from cakupan.data import contract_checks, loads
from tests.helpers import table_checksums
from tests.snapshot_builders import (HEADERS, INDONESIAN_HEADERS, november_rows, write_bytes, write_csv, write_parquet,
                                     write_text, write_xlsx, xlsx_rows)


def base_rows(count: int = 3) -> pd.DataFrame:
    return november_rows().head(count)


def csv_with(tmp_path, name="bad.csv", **changes):
    """The base rows as CSV with some cells changed: changes maps (row index, column) → text."""
    rows = base_rows().astype(object)
    for (index, column), value in changes.get("cells", {}).items():
        rows.loc[index, column] = value
    return write_csv(rows, tmp_path / name, sep=changes.get("sep", ","))


def csv_lines(tmp_path, *lines, name="bad.csv", encoding="utf-8"):
    return write_text(tmp_path / name, "\n".join(lines) + "\n", encoding=encoding)


HEADER_LINE = ",".join(HEADERS)
GOOD_LINE = "2023-11,ABADI,PU,11,3321,146,146,9233"


def excel_formulas(tmp_path):
    cells = xlsx_rows(base_rows())
    cells[2][4] = "=E2*2"  # row 3, peserta aktif: a formula openpyxl saves without a value
    return write_xlsx(tmp_path / "formulas.xlsx", cells)


def excel_wrong_sheet(tmp_path):
    return write_xlsx(tmp_path / "two_sheets.xlsx", [["Petunjuk pengisian"], ["Data ada di lembar berikut"]],
                      sheets={"Data": xlsx_rows(base_rows())}, sheet_title="Petunjuk")


def excel_cell(tmp_path, name, row, column, value):
    cells = xlsx_rows(base_rows())
    cells[row - 1][HEADERS.index(column)] = value
    return write_xlsx(tmp_path / name, cells)


def parquet_with(tmp_path, name, **columns):
    rows = base_rows()
    for column, values in columns.items():
        rows[column] = values
    return write_parquet(rows, tmp_path / name)


def truncated_parquet(tmp_path):
    whole = write_parquet(base_rows(), tmp_path / "whole.parquet").read_bytes()
    path = tmp_path / "truncated.parquet"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def oversized_csv(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)
    return path


# (id, build(tmp_path) → file, expected code, row, column, text the value must contain)
CASES = [
    ("csv-empty", lambda p: write_text(p / "empty.csv", ""), "empty_file", None, None, None),
    ("csv-blank-lines", lambda p: write_text(p / "blank.csv", "\n \n\n"), "empty_file", None, None, None),
    ("csv-header-only", lambda p: csv_lines(p, HEADER_LINE), "no_rows", None, None, None),
    ("csv-missing-column", lambda p: csv_lines(p, HEADER_LINE.replace(",new_participants", ""),
                                               "2023-11,ABADI,PU,11,3321,146,9233"),
     "missing_column", 1, "new_participants", "peserta_baru"),
    ("csv-unknown-column", lambda p: csv_lines(p, HEADER_LINE + ",catatan", GOOD_LINE + ",ok"),
     "unknown_column", 1, "catatan", None),
    ("csv-duplicate-column", lambda p: csv_lines(p, HEADER_LINE + ",bulan", GOOD_LINE + ",2023-11"),
     "duplicate_column", 1, "bulan", "snapshot_month"),
    ("csv-negative", lambda p: csv_with(p, cells={(1, "active_participants"): "-5"}),
     "negative", 3, "active_participants", "-5"),
    ("csv-decimal-comma", lambda p: csv_with(p, cells={(0, "new_participants"): "12,5"}),
     "not_whole_number", 2, "new_participants", "12,5"),
    ("csv-decimal-point", lambda p: csv_with(p, cells={(2, "lapsed_participants"): "1.5"}),
     "not_whole_number", 4, "lapsed_participants", "1.5"),
    ("csv-text-number", lambda p: csv_with(p, cells={(0, "eligible_workers"): "banyak"}),
     "not_whole_number", 2, "eligible_workers", "banyak"),
    ("csv-huge-number", lambda p: csv_with(p, cells={(1, "active_participants"): "99999999999999999999999"}),
     "too_large", 3, "active_participants", "99999999999999999999999"),
    ("csv-implausible-number", lambda p: csv_with(p, cells={(0, "eligible_workers"): "2.000.000.000"}),
     "too_large", 2, "eligible_workers", "2.000.000.000"),
    ("csv-unknown-association", lambda p: csv_with(p, cells={(0, "association_code"): "ZZZ"}),
     "unknown_association", 2, "association_code", "ZZZ"),
    ("csv-unknown-segment", lambda p: csv_with(p, cells={(2, "segment"): "FORMAL"}),
     "unknown_segment", 4, "segment", "FORMAL"),
    ("csv-unknown-province", lambda p: csv_with(p, cells={(1, "province_code"): "99"}),
     "unknown_province", 3, "province_code", "99"),
    ("csv-month-text", lambda p: csv_with(p, cells={(0, "snapshot_month"): "November 2023"}),
     "bad_month", 2, "snapshot_month", "November 2023"),
    ("csv-month-13", lambda p: csv_with(p, cells={(2, "snapshot_month"): "2023-13"}),
     "bad_month", 4, "snapshot_month", "2023-13"),
    ("csv-future-month", lambda p: csv_with(p, cells={(1, "snapshot_month"): "2999-01"}),
     "future_month", 3, "snapshot_month", "2999-01"),
    ("csv-duplicate-key", lambda p: csv_lines(p, HEADER_LINE, GOOD_LINE, GOOD_LINE.replace("3321", "3400")),
     "duplicate_key", 3, None, "2023-11 · ABADI · PU · 11"),
    ("csv-eligible-below-active", lambda p: csv_with(p, cells={(0, "eligible_workers"): "10"}),
     "eligible_below_active", 2, "eligible_workers", "10"),
    ("csv-empty-cell", lambda p: csv_with(p, cells={(1, "segment"): ""}),
     "missing_value", 3, "segment", None),
    ("csv-field-count", lambda p: csv_lines(p, HEADER_LINE, GOOD_LINE, GOOD_LINE + ",7,8"),
     "wrong_field_count", 3, None, "10"),
    ("csv-unclosed-quote", lambda p: csv_lines(p, HEADER_LINE, '2023-11,"ABADI,PU,11,1,1,1,1', GOOD_LINE),
     "csv_unreadable", 3, None, "end of data"),
    ("csv-latin1", lambda p: csv_lines(p, HEADER_LINE, GOOD_LINE, GOOD_LINE.replace("ABADI", "ÄBADI"),
                                       encoding="latin-1"), "not_utf8", 3, None, "c4"),
    ("csv-utf16", lambda p: csv_lines(p, HEADER_LINE, GOOD_LINE, encoding="utf-16"), "utf16", None, None, None),
    ("csv-binary-junk", lambda p: write_bytes(p / "junk.csv", random.Random(4).randbytes(4096)),
     "not_utf8", 1, None, "fc f9"),
    ("csv-nul-bytes", lambda p: csv_lines(p, HEADER_LINE, GOOD_LINE.replace("ABADI", "AB\x00ADI")),
     "binary_file", 2, None, None),
    ("csv-html-and-quotes", lambda p: csv_with(p, cells={(0, "association_code"): '<b onclick="x()">"ABADI"</b>'}),
     "unknown_association", 2, "association_code", '<b onclick="x()">"ABADI"</b>'),
    ("csv-sql-text", lambda p: csv_with(p, cells={(1, "segment"): "PU'); DROP TABLE enrollment; --"}),
     "unknown_segment", 3, "segment", "DROP TABLE enrollment"),
    ("csv-semicolon-bad-value", lambda p: csv_with(p, sep=";", cells={(2, "new_participants"): "1,000"}),
     "not_whole_number", 4, "new_participants", "1,000"),
    ("unsupported-format", lambda p: write_text(p / "snapshot.json", "{}"), "unsupported_format", None, None,
     ".json"),
    ("csv-too-large", oversized_csv, "file_too_large", None, None, "51.0"),
    ("xlsx-formulas", excel_formulas, "formula_without_value", 3, "active_participants", "=E2*2"),
    ("xlsx-wrong-sheet", excel_wrong_sheet, "first_sheet_used", None, None, "Petunjuk"),
    ("xlsx-junk", lambda p: write_bytes(p / "junk.xlsx", b"PK\x03\x04" + random.Random(5).randbytes(2048)),
     "unreadable_excel", None, None, None),
    ("xlsx-empty", lambda p: write_xlsx(p / "empty.xlsx", []), "empty_file", None, None, None),
    ("xlsx-fraction", lambda p: excel_cell(p, "fraction.xlsx", 2, "active_participants", 12.5),
     "not_whole_number", 2, "active_participants", "12.5"),
    ("xlsx-huge-number", lambda p: excel_cell(p, "huge.xlsx", 4, "eligible_workers", 1e30),
     "too_large", 4, "eligible_workers", "1000000000000000019884624838656"),
    ("xlsx-text-in-number", lambda p: excel_cell(p, "text.xlsx", 3, "new_participants", "tiga"),
     "not_whole_number", 3, "new_participants", "tiga"),
    ("xlsx-future-date", lambda p: excel_cell(p, "future.xlsx", 2, "snapshot_month",
                                              pd.Timestamp("2999-05-17").to_pydatetime()),
     "future_month", 2, "snapshot_month", "2999-05-17"),
    ("xlsx-indonesian-headers-bad-code", lambda p: write_xlsx(p / "id.xlsx", [INDONESIAN_HEADERS] + [
        ["2023-11", "APSYFI", "pu", "31", 10, 1, 1, 20], ["2023-11", "ABADI", "PU", "3", 10, 1, 1, 20]]),
     "unknown_province", 3, "kode_provinsi", "3"),
    ("parquet-missing-column", lambda p: write_parquet(base_rows().drop(columns="lapsed_participants"),
                                                       p / "missing.parquet"),
     "missing_column", 1, "lapsed_participants", "peserta_nonaktif"),
    ("parquet-negative", lambda p: parquet_with(p, "negative.parquet", new_participants=[5, -1, 3]),
     "negative", 3, "new_participants", "-1"),
    ("parquet-fraction", lambda p: parquet_with(p, "fraction.parquet", active_participants=[1.0, 2.5, 3.0]),
     "not_whole_number", 3, "active_participants", "2.5"),
    ("parquet-junk", lambda p: write_text(p / "junk.parquet", "PAR1 but not really"), "unreadable_parquet",
     None, None, None),
    ("parquet-truncated", truncated_parquet, "unreadable_parquet", None, None, None),
]


@pytest.fixture(scope="module")
def corpus_db(sample_db_path, tmp_path_factory):
    """One private database for the whole corpus: no bad file may change it, so it stays the sample's."""
    import shutil

    from cakupan.data import db
    path = tmp_path_factory.mktemp("corpus") / "cakupan.duckdb"
    shutil.copy(sample_db_path, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAKUPAN_DB", str(path))
        yield table_checksums()
    db.close_all()


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 25
    assert {case[0].split("-")[0] for case in CASES} >= {"csv", "xlsx", "parquet"}


@pytest.mark.parametrize("case, build, code, row, column, value", CASES, ids=[case[0] for case in CASES])
def test_bad_file_is_refused_with_its_own_message_and_nothing_changes(corpus_db, tmp_path, case, build, code, row,
                                                                      column, value):
    path = build(tmp_path)
    report = contract_checks.check_file(path)
    matching = [problem for problem in report.errors if problem.code == code and problem.row == row
                and problem.column == column and (value is None or value in (problem.value or ""))]
    assert matching, [(p.code, p.row, p.column, p.value) for p in report.problems]
    for lang in ("id", "en"):
        message = contract_checks.describe(matching[0], lang)
        assert "{" not in message
        for part in (row, column, value):
            if part is not None:
                assert str(part) in message, message
    assert not report.ok and report.rows is None
    with pytest.raises(loads.LoadRefused) as refused:
        loads.load(report, "tester")
    assert refused.value.code == "load_refused"
    assert table_checksums() == corpus_db


def test_a_file_with_many_problems_reports_all_of_them_at_once(corpus_db, tmp_path):
    path = csv_lines(tmp_path, HEADER_LINE + ",catatan", "2999-01,ZZZ,PU,11,-1,x,1,0,a",
                     "2023-11,ABADI,ZZ,99,5,1,1,2,b")
    codes = {problem.code for problem in contract_checks.check_file(path).errors}
    assert codes == {"unknown_column", "future_month", "eligible_below_active", "unknown_association", "negative", "not_whole_number",
                     "unknown_segment", "unknown_province"}


def test_a_systematic_problem_lists_fifty_rows_and_counts_the_rest(corpus_db, tmp_path):
    rows = november_rows().head(80).astype(object)
    rows["segment"] = "XX"
    report = contract_checks.check_file(write_csv(rows, tmp_path / "many.csv"))
    listed = [problem for problem in report.errors if problem.code == "unknown_segment"]
    summary = [problem for problem in report.errors if problem.code == "more_like_this"]
    assert len(listed) == 50 and [p.row for p in listed] == list(range(2, 52))
    assert [(p.column, p.value) for p in summary] == [("segment", "30")]
    assert contract_checks.describe(summary[0], "en") == "… and 30 more rows with the same problem in column segment."


def test_report_table_lists_errors_first_in_the_chosen_language(corpus_db, tmp_path):
    path = csv_with(tmp_path, cells={(1, "segment"): "XX", (0, "association_code"): "ZZZ"})
    table = contract_checks.problem_table(contract_checks.check_file(path).problems, "en")
    assert list(table.columns) == ["severity", "row", "column", "value", "message"]
    assert table[["severity", "row", "column", "value"]].to_dict("records") == [
        {"severity": "Error", "row": 2, "column": "association_code", "value": "ZZZ"},
        {"severity": "Error", "row": 3, "column": "segment", "value": "XX"},
    ]
    assert i18n.translate("ingest.error", "id") == "Galat"
