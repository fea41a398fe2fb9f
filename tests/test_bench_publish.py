"""The publish benchmark's own logic: the month it loads passes the contract and follows the data's last month, and
its summary line says whether the 2-second goal is met."""
import datetime as dt

import pandas as pd

from bench import publish
from cakupan.data import contract_checks, db


def result(load_s: float) -> dict:
    timing = {"p50_s": load_s, "p95_s": load_s, "runs": 3}
    return {"size": "10m", "rows": 10_021_473, "database_bytes": 117_000_000, "new_month_rows": 172_806,
            "load": timing, "load_transaction": timing | {"p50_s": load_s / 2}, "undo": timing,
            "copy": timing | {"p50_s": 0.25}, "rebuild": timing | {"p50_s": 30.0}}


def test_summary_says_whether_the_publish_goal_is_met():
    assert publish.summary(result(1.5)) == (
        "publish at 10m (10,021,473 rows, 117 MB): load of 172,806 rows published in 1.50 s p50 (0.75 s the load's "
        "own transaction, 0.25 s the copy), undo 1.50 s; 20.0x faster than rebuilding the database (30.00 s); "
        "goal <= 2 s met")
    assert publish.summary(result(2.5)).endswith("goal <= 2 s MISSED")


def test_the_next_month_is_the_last_month_again_a_month_later_and_passes_the_contract(sample_db, tmp_path):
    enrollment = pd.read_csv(db.SAMPLE_DIR / "enrollment.csv", dtype={"province_code": str})
    enrollment.to_parquet(tmp_path / "enrollment.parquet", index=False)
    report = contract_checks.check_file(publish.next_month_file(tmp_path, tmp_path))
    last = enrollment[enrollment["snapshot_month"] == enrollment["snapshot_month"].max()]
    assert report.ok and set(report.rows["snapshot_month"]) == {dt.date(2023, 11, 1)}
    assert report.rows["active_participants"].sum() == last["active_participants"].sum()
    assert len(report.rows) == len(last)
