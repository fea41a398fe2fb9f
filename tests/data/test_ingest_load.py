"""Loading good files: every format gives the same rows; a load replaces months and keeps history; undo is exact."""
import datetime as dt

import pandas as pd
import pytest

from cakupan.data import contract_checks, db, loads, reconciliation
from tests.helpers import table_checksums
from tests.snapshot_builders import (INDONESIAN_HEADERS, november_rows, sample_rows, write_csv, write_parquet,
                                     write_xlsx, xlsx_rows)


def loaded_month(month: str) -> list[dict]:
    """The enrollment rows of one month, sorted, without load ids, as plain records."""
    enrollment = db.run("export/enrollment")
    rows = enrollment[enrollment["snapshot_month"] == pd.Timestamp(month)].drop(columns="load_id")
    rows["snapshot_month"] = rows["snapshot_month"].dt.strftime("%Y-%m")
    rows["eligible_workers"] = rows["eligible_workers"].astype("Int64")
    return rows.sort_values(["association_code", "segment", "province_code"]).to_dict("records")


def expected_records(rows: pd.DataFrame) -> list[dict]:
    expected = rows.copy()
    expected["eligible_workers"] = expected["eligible_workers"].astype("Int64")
    return expected.sort_values(["association_code", "segment", "province_code"]).to_dict("records")


GOOD_FILES = {
    "csv-comma": lambda p, rows: write_csv(rows, p / "november.csv"),
    "csv-semicolon-bom-dots-indonesian": lambda p, rows: write_csv(
        rows, p / "november.csv", sep=";", bom=True, dots=True,
        headers=[f" {header.upper()} " for header in INDONESIAN_HEADERS]),
    "xlsx-dates": lambda p, rows: write_xlsx(p / "november.xlsx", xlsx_rows(rows)),
    "xlsx-text-months": lambda p, rows: write_xlsx(p / "november.xlsx", xlsx_rows(rows, month_as_date=False)),
    "parquet": lambda p, rows: write_parquet(rows, p / "november.parquet"),
}


@pytest.mark.parametrize("kind", GOOD_FILES)
def test_a_good_file_in_any_format_loads_exactly_its_rows(writable_db, tmp_path, kind):
    november = november_rows()
    report = contract_checks.check_file(GOOD_FILES[kind](tmp_path, november))
    assert report.ok and report.errors == [] and report.warnings == [], report.problems[:3]
    result = loads.load(report, "tester")
    assert (result.load_id, result.rows, result.replaced_rows) == (2, len(november), 0)
    assert loaded_month("2023-11") == expected_records(november)
    assert db.run("month_range")["last_enrollment_month"].iloc[0] == pd.Timestamp("2023-11-01")


def test_lowercase_codes_are_stored_as_the_reference_spells_them(writable_db, tmp_path):
    rows = november_rows().head(2)
    rows["association_code"] = rows["association_code"].str.lower()
    rows["segment"] = rows["segment"].str.lower()
    report = contract_checks.check_file(write_csv(rows, tmp_path / "lower.csv"))
    assert report.ok
    assert list(report.rows["association_code"]) == ["ABADI", "ABADI"] and set(report.rows["segment"]) == {"PU"}


def test_load_is_recorded_and_undo_restores_exactly(writable_db, tmp_path):
    before = table_checksums()
    version = db.data_version()
    path = write_csv(november_rows(), tmp_path / "november.csv")
    result = loads.load(contract_checks.check_file(path), "Siti")
    assert db.data_version() == version + 1
    history = loads.load_history()
    latest = history.iloc[0]
    assert (latest["load_id"], latest["file_name"], latest["sha256"], latest["rows"], latest["months"],
            latest["loaded_by"], latest["status"], latest["replaced_rows"]) == (
        result.load_id, "november.csv", db.file_sha256(path), len(november_rows()), "2023-11", "Siti", "active", 0)
    assert latest["associations"] == ",".join(sorted(november_rows()["association_code"].unique()))
    undone = loads.undo(result.load_id)
    assert (undone.removed_rows, undone.restored_rows) == (len(november_rows()), 0)
    after = table_checksums()
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"loads", "data_version"}  # the history keeps the undone load; the version moved on
    assert db.run("loads").iloc[0]["status"] == "undone"
    assert db.data_version() == version + 2


def test_rollup_answers_follow_every_load_and_undo(writable_db, tmp_path):
    provinces = list(db.run("provinces")["province_code"])
    codes = {"associations": list(db.run("associations")["association_code"]),
             "segments": ["PU", "BPU", "JAKON", "PMI"], "provinces": provinces}
    period = {"breakdown": "association", "from_month": dt.date(2023, 9, 1), "to_month": dt.date(2023, 11, 1)}

    def both_answers():
        with db.cursor() as cur:
            base = db.run_in(cur, "growth", **period, **codes, cells=db.CELLS["per_province"])
            rollup = db.run_in(cur, "growth", **period, **codes, cells=db.CELLS["all_provinces"])
        return base.to_dict("records"), rollup.to_dict("records")

    result = loads.load(contract_checks.check_file(write_csv(november_rows(), tmp_path / "november.csv")), "Siti")
    base, rollup = both_answers()
    assert rollup == base and dt.date(2023, 11, 1) in {row["snapshot_month"].date() for row in rollup}
    loads.undo(result.load_id)
    base, rollup = both_answers()
    assert rollup == base and dt.date(2023, 11, 1) not in {row["snapshot_month"].date() for row in rollup}


def test_replacing_a_month_keeps_the_old_rows_and_undo_brings_them_back(writable_db, tmp_path):
    october = sample_rows("2023-10")
    abadi = october[october["association_code"] == "ABADI"].copy()
    abadi["eligible_workers"] = abadi["eligible_workers"] + 1
    before = table_checksums()
    original = loaded_month("2023-10")
    result = loads.load(contract_checks.check_file(write_csv(abadi, tmp_path / "abadi_fix.csv")), "Budi")
    assert result.replaced_rows == len(abadi)
    corrected = loaded_month("2023-10")
    assert corrected != original and len(corrected) == len(original)
    assert db.run("export/enrollment_history")["replaced_by_load_id"].unique().tolist() == [result.load_id]
    loads.undo(result.load_id)
    assert loaded_month("2023-10") == original
    after = table_checksums()
    assert {name for name in before if before[name] != after[name]} == {"loads", "data_version"}
    assert after["enrollment"] == before["enrollment"] and after["enrollment_history"] == before["enrollment_history"]


def test_loading_the_same_file_twice_replaces_with_the_same_content(writable_db, tmp_path):
    path = write_csv(november_rows(), tmp_path / "november.csv")
    first = loads.load(contract_checks.check_file(path), "Siti")
    after_first = table_checksums()["enrollment"]
    report = contract_checks.check_file(path)
    assert loads.is_identical_to_loaded(report)
    assert set(loads.preview(report)["action"]) == {"replace"}
    assert (loads.preview(report)["active_change"] == 0).all()
    second = loads.load(report, "Siti")
    assert second.replaced_rows == second.rows == first.rows
    assert loaded_month("2023-11") == expected_records(november_rows())
    history = loads.load_history()
    assert history[["load_id", "sha256", "replaced_rows", "status"]].head(2).to_dict("records") == [
        {"load_id": second.load_id, "sha256": db.file_sha256(path), "replaced_rows": first.rows, "status": "active"},
        {"load_id": first.load_id, "sha256": db.file_sha256(path), "replaced_rows": 0, "status": "active"},
    ]
    with pytest.raises(loads.LoadRefused) as refused:
        loads.undo(first.load_id)
    assert refused.value.code == "undo_later_load_first" and str(second.load_id) in refused.value.message("en")
    loads.undo(second.load_id)
    assert table_checksums()["enrollment"][0] == after_first[0]
    loads.undo(first.load_id)
    assert loaded_month("2023-11") == []


@pytest.mark.parametrize("load_id, code", [(999, "undo_unknown_load"), (1, "undo_would_empty")])
def test_undo_refusals_change_nothing(writable_db, load_id, code):
    before = table_checksums()
    with pytest.raises(loads.LoadRefused) as refused:
        loads.undo(load_id)
    assert refused.value.code == code and str(load_id) in refused.value.message("id")
    assert table_checksums() == before


def test_undoing_twice_is_refused(writable_db, tmp_path):
    result = loads.load(contract_checks.check_file(write_csv(november_rows(), tmp_path / "n.csv")), "x")
    loads.undo(result.load_id)
    with pytest.raises(loads.LoadRefused) as refused:
        loads.undo(result.load_id)
    assert refused.value.code == "undo_already_undone"


def test_preview_counts_rows_and_totals_before_and_after(writable_db, tmp_path):
    october = sample_rows("2023-10")
    akti_october = october[october["association_code"] == "AKTI"].head(2).copy()
    akti_october["active_participants"] = [100, 200]
    akti_october["eligible_workers"] = [1000, 1000]
    akti_november = november_rows()
    akti_november = akti_november[akti_november["association_code"] == "AKTI"].head(1)
    report = contract_checks.check_file(write_csv(pd.concat([akti_october, akti_november]), tmp_path / "akti.csv"))
    assert report.errors == []
    loaded_akti = october[october["association_code"] == "AKTI"]
    assert loads.preview(report).to_dict("records") == [
        {"snapshot_month": dt.date(2023, 10, 1), "association_code": "AKTI", "action": "replace",
         "rows_before": len(loaded_akti), "rows_after": 2,
         "active_before": int(loaded_akti["active_participants"].sum()), "active_after": 300,
         "active_change": 300 - int(loaded_akti["active_participants"].sum())},
        {"snapshot_month": dt.date(2023, 11, 1), "association_code": "AKTI", "action": "add",
         "rows_before": 0, "rows_after": 1, "active_before": 0,
         "active_after": int(akti_november["active_participants"].iloc[0]),
         "active_change": int(akti_november["active_participants"].iloc[0])},
    ]


def test_reconciliation_warnings_compare_with_the_loaded_previous_month(writable_db, tmp_path):
    november = november_rows().head(3)
    november.loc[1, "active_participants"] += 500  # row 3 of the file
    november.loc[1, "eligible_workers"] += 500
    november.loc[2, "active_participants"] += 5  # within 10 people: no warning
    report = contract_checks.check_file(write_csv(november, tmp_path / "n.csv"))
    assert report.errors == []
    assert [(p.code, p.row, p.column) for p in report.warnings] == [("reconciliation", 3, "active_participants")]
    october = sample_rows("2023-10").iloc[1]
    message = contract_checks.describe(report.warnings[0], "id")
    assert f"{october['active_participants']:,}".replace(",", ".") in message
    assert loads.load(report, "x").rows == 3  # warnings do not stop a load


def test_reconciliation_inside_the_file_uses_the_files_own_previous_month(writable_db, tmp_path):
    october = sample_rows("2023-10").head(1).copy()
    october["active_participants"] = 1000
    november = november_rows().head(1).copy()
    november[["active_participants", "new_participants", "lapsed_participants"]] = [1100, 150, 50]
    report = contract_checks.check_file(write_csv(pd.concat([october, november]), tmp_path / "two_months.csv"))
    assert [p.row for p in report.warnings] == [2]  # October vs the loaded September; November reconciles


@pytest.mark.parametrize("months, expected", [
    (["2023-10"], "2023-10"),
    (["2023-11", "2023-10", "2023-12"], "2023-10..2023-12"),
    (["2023-01", "2023-03", "2023-04"], "2023-01,2023-03..2023-04"),
])
def test_month_list(months, expected):
    assert loads.month_list(pd.Series([dt.date.fromisoformat(f"{m}-01") for m in months])) == expected


@pytest.mark.parametrize("text, expected", [
    ("1234", 1234), ("1.234.567", 1234567), (" 12 ", 12), ("0", 0), ("-5", -5), ("007", 7),
    ("12,5", None), ("1.5", None), ("1.23", None), ("1.2345", None), ("abc", None), ("", None),
])
def test_parse_counts(text, expected):
    counts, unreadable, too_long = contract_checks.parse_counts(pd.Series([text], dtype=object))
    assert (None if pd.isna(counts.iloc[0]) else int(counts.iloc[0])) == expected
    assert bool(unreadable.iloc[0]) == (expected is None) and not too_long.iloc[0]


@pytest.mark.parametrize("text, expected", [
    ("2023-11", "2023-11-01"), ("2023-11-30", "2023-11-01"), ("2023/1", "2023-01-01"),
    ("2023-11-30 00:00:00", "2023-11-01"), ("2023-02-30", None), ("2023-13", None), ("11/2023", None),
])
def test_parse_months(text, expected):
    months, unreadable = contract_checks.parse_months(pd.Series([text], dtype=object))
    assert (None if pd.isna(months.iloc[0]) else months.iloc[0].strftime("%Y-%m-%d")) == expected
    assert bool(unreadable.iloc[0]) == (expected is None)


def test_reconciliation_gaps_on_hand_written_rows():
    rows = pd.DataFrame({
        "snapshot_month": [dt.date(2023, 2, 1)] * 3, "association_code": ["A"] * 3, "segment": ["PU"] * 3,
        "province_code": ["31", "32", "33"], "active_participants": [110, 2030, 50],
        "new_participants": [20, 100, 5], "lapsed_participants": [10, 70, 0]}, index=[2, 3, 4])
    previous = pd.DataFrame({
        "snapshot_month": [dt.date(2023, 1, 1)] * 2, "association_code": ["A"] * 2, "segment": ["PU"] * 2,
        "province_code": ["31", "32"], "active_participants": [100, 2000]})
    gaps = reconciliation.reconciliation_gaps(rows, previous)
    # 100 + 20 − 10 = 110 exact; 2000 + 100 − 70 = 2030 exact; province 33 has no previous month
    assert gaps[["expected_active", "off"]].to_dict("index") == {
        2: {"expected_active": 110, "off": False}, 3: {"expected_active": 2030, "off": False}}
    rows.loc[3, "active_participants"] = 2051  # 21 off: more than 1% of 2030 (20.3)
    rows.loc[2, "active_participants"] = 120  # 10 off: within 10 people
    assert reconciliation.reconciliation_gaps(rows, previous)["off"].to_dict() == {2: False, 3: True}
