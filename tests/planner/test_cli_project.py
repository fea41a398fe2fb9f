"""`python -m cakupan project` on the sample data: the contract's keys, stdout only the result, exit statuses."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cakupan.planner import accuracy, scopes

ROOT = Path(__file__).resolve().parents[2]
ASSOCIATIONS = sorted(pd.read_csv(ROOT / "sample_data" / "associations.csv")["association_code"])


@pytest.fixture(scope="module")
def database(sample_db_path, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("cli") / "cakupan.duckdb"
    shutil.copy(sample_db_path, copy)
    return copy


def project(database: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cakupan", "project", "--db", str(database), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def national_series() -> np.ndarray:
    national = pd.read_csv(ROOT / "sample_data" / "national_participation.csv")
    return national.groupby("snapshot_month")["active_participants"].sum().sort_index().to_numpy(dtype=float)


def test_json_has_the_contract_keys_for_national_and_every_association(database):
    result = project(database, "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)                      # exactly one JSON document on stdout
    assert [record["scope"] for record in records] == ["national", *ASSOCIATIONS]
    assert all(tuple(record) == scopes.CONTRACT_KEYS for record in records)


def test_national_projection_matches_an_independent_computation(database):
    national, = json.loads(project(database, "--scope", "national", "--format", "json").stdout)
    series = national_series()
    window = series[-13:]
    slope = np.polyfit(np.arange(-12, 1), window, 1)[0]
    expected = round(series[-1] + slope * 38)          # anchored at the last value (contract, version 2)
    assert national["projected_participants"] == expected
    assert national["gap_participants"] == 70_000_000 - expected
    assert national["active_participants"] == 40_200_000 and national["last_month"] == "2023-10"
    assert national["pace_per_month"] == pytest.approx((series[-1] - series[-13]) / 12)
    assert national["required_pace_per_month"] == pytest.approx((70_000_000 - 40_200_000) / 38)
    assert national["p10"] <= national["p90"] and 0 <= national["probability_target_met"] <= 1


def test_growth_method_window_and_target_date(database):
    record, = json.loads(project(database, "--scope", "national", "--method", "growth", "--window", "6",
                                 "--target-date", "2025-06-15", "--format", "json").stdout)
    series = national_series()
    rate = (series[-1] / series[-7]) ** (1 / 6) - 1
    assert record["projected_participants"] == round(series[-1] * (1 + rate) ** 20)   # Oct 2023 → Jun 2025
    assert (record["method"], record["window_months"], record["target_date"], record["target_participants"]) == (
        "growth", 6, "2025-06-15", 70_000_000)


def test_association_scope_is_case_insensitive_and_csv_has_the_keys_as_header(database):
    result = project(database, "--scope", "abadi", "--format", "csv")
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines[0] == ",".join(scopes.CONTRACT_KEYS)
    assert len(lines) == 2 and lines[1].startswith("ABADI,2023-10,")


def test_table_is_the_default(database):
    result = project(database)
    assert result.returncode == 0 and result.stdout.splitlines()[0].split()[:2] == ["scope", "last_month"]
    assert len(result.stdout.splitlines()) == 13 and result.stderr == ""


@pytest.mark.parametrize("args, status, message", [
    (["--scope", "NOPE"], 1, "Cakupan 'NOPE' tidak dikenal"),
    (["--scope", "NOPE", "--lang", "en"], 1, "Unknown scope 'NOPE'"),
    (["--window", "0"], 2, "at least 1 month"),
    (["--window", "twelve"], 2, "not a whole number"),
    (["--target-date", "2026-13-01"], 2, "not a date"),
    (["--method", "magic"], 2, "invalid choice"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_on_stdout(database, args, status, message):
    result = project(database, *args)
    assert result.returncode == status and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr


def test_json_has_15_keys_and_the_status_follows_the_one_rule(database):
    records = json.loads(project(database, "--format", "json").stdout)
    assert all(len(record) == 15 for record in records)
    for record in records:
        target, projected, p90 = record["target_participants"], record["projected_participants"], record["p90"]
        expected = "on_track" if projected >= target else "at_risk" if p90 >= target else "off_track"
        assert record["status"] == expected, record["scope"]
        assert record["p10"] <= projected <= p90, record["scope"]     # the projection sits inside its own band


def test_accuracy_scorecard_says_no_change_beats_the_trend_on_the_national_series(database):
    # the contract's own check: over every origin, 12 months ahead, "no change" errs 10.8% and the anchored
    # trend (window 12) 12.8% on the sample national series, which holds the COVID dip
    result = project(database, "--accuracy", "--scope", "national", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(tuple(row) == accuracy.ACCURACY_KEYS for row in rows)
    twelve = {(row["method"], row["window_months"]): row for row in rows if row["horizon_months"] == 12}
    assert round(twelve["naive", 12]["mape_pct"], 1) == 10.8 and round(twelve["trend", 12]["mape_pct"], 1) == 12.8
    assert twelve["trend", 12]["relative_to_naive"] == pytest.approx(12.791 / 10.791, rel=1e-3)
    assert twelve["naive", 12]["origins"] == 34 == twelve["trend", 12]["origins"]
    best = {(row["method"], row["window_months"]) for row in rows if row["best"]}
    assert len(best) == 1
    lowest = min((row for row in twelve.values() if row["mape_pct"] is not None), key=lambda row: row["mape_pct"])
    assert best == {(lowest["method"], lowest["window_months"])}


def test_accuracy_table_names_its_columns(database):
    result = project(database, "--accuracy", "--scope", "ABADI")
    assert result.returncode == 0 and result.stdout.split()[:len(accuracy.ACCURACY_KEYS)] == list(
        accuracy.ACCURACY_KEYS)
