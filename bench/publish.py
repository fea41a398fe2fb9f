"""How long publishing a new database version takes: a one-month load (and its undo) at one size, copy and all.

    python -m bench.publish [--size 10m] [--runs 3]

Builds the size's database from its Parquet data set (bench/datasets.py), checks a new month (the last month's
rows one month later) through the data contract once, then times, after one warm-up:
  - load: what `loads.load` does for the Data page and `ingest` — the write lock, a copy of the current version,
    the load in one transaction, the checkpoint, the atomic switch; each run is undone afterwards (untimed);
  - of which the load's own transaction (`loads.apply_load`), which a write in place would cost as well: the rest
    is what versions add (copy, checkpoint of the copy, switch);
  - undo: `loads.undo` of that load, the same way;
  - copy: copying the version file alone (what every write starts with);
  - baseline: rebuilding the whole database from the data set's files (`db.build_database`), the way to publish
    new data before versions existed.
Goal: publishing a load at 10M rows in at most 2 s. Prints a table and a summary line; writes JSON to
bench/out/publish-<size>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench import datasets
from bench.timing import Timing, measure
from cakupan.data import contract_checks, db, loads, versions

GOAL_PUBLISH_S = 2.0


def next_month_file(folder: Path, scratch: Path) -> Path:
    """The data set's last month again, one month later, as a Parquet snapshot file."""
    enrollment = pd.read_parquet(datasets.enrollment_file(folder))
    months = pd.to_datetime(enrollment["snapshot_month"])
    last = enrollment[months == months.max()].copy()
    later = pd.to_datetime(last["snapshot_month"]) + pd.DateOffset(months=1)
    last["snapshot_month"] = later.dt.date
    path = scratch / "next_month.parquet"
    last.to_parquet(path, index=False)
    return path


def measure_loads(report, runs: int, undo_last, loaded: list[int]) -> tuple[Timing, Timing]:
    """(whole publish, the load's own transaction) of `runs` loads after one warm-up, each undone afterwards."""
    totals, transactions = [], []
    for _ in range(runs + 1):
        undo_last()
        started = time.perf_counter()
        with db.transaction() as cur:
            transaction_started = time.perf_counter()
            loaded.append(loads.apply_load(cur, report, "bench").load_id)
            transactions.append(time.perf_counter() - transaction_started)
        totals.append(time.perf_counter() - started)
    undo_last()
    return timing_of(totals[1:]), timing_of(transactions[1:])


def timing_of(seconds: list[float]) -> Timing:
    return Timing(float(np.percentile(seconds, 50)), float(np.percentile(seconds, 95)), len(seconds))


def measure_publish(size: str, runs: int) -> dict:
    folder = datasets.dataset(size, "parquet")
    with tempfile.TemporaryDirectory(prefix="cakupan-publish-") as scratch_name:
        scratch = Path(scratch_name)
        database = scratch / "cakupan.duckdb"
        rebuild = measure(lambda: db.build_database(scratch / "rebuilt.duckdb", folder), runs=1, warmups=0)
        db.build_database(database, folder)
        os.environ["CAKUPAN_DB"] = str(database)
        report = contract_checks.check_file(next_month_file(folder, scratch))
        if not report.ok:
            raise SystemExit(f"the next month does not pass the contract: {report.errors[:3]}")
        loaded: list[int] = []

        def undo_last() -> None:
            if loaded:
                loads.undo(loaded.pop())

        load, in_transaction = measure_loads(report, runs, undo_last, loaded)
        undo = measure(undo_last, runs=runs, before_each=lambda: loaded.append(loads.load(report, "bench").load_id))
        copy = measure(lambda: shutil.copyfile(versions.current_file(database), scratch / "copy.duckdb"), runs=runs)
        result = {
            "size": size, "rows": int(db.run("ingest/row_counts")["enrollment_rows"].iloc[0]),
            "database_bytes": versions.current_file(database).stat().st_size, "new_month_rows": len(report.rows),
            "load": load.as_dict(), "load_transaction": in_transaction.as_dict(), "undo": undo.as_dict(),
            "copy": copy.as_dict(), "rebuild": rebuild.as_dict(),
        }
        db.close_all()
    return result


def summary(result: dict) -> str:
    publish_s, rebuild_s = result["load"]["p50_s"], result["rebuild"]["p50_s"]
    verdict = "met" if publish_s <= GOAL_PUBLISH_S else "MISSED"
    return (f"publish at {result['size']} ({result['rows']:,} rows, {result['database_bytes'] / 1e6:.0f} MB): "
            f"load of {result['new_month_rows']:,} rows published in {publish_s:.2f} s p50 "
            f"({result['load_transaction']['p50_s']:.2f} s the load's own transaction, "
            f"{result['copy']['p50_s']:.2f} s the copy), undo {result['undo']['p50_s']:.2f} s; "
            f"{rebuild_s / publish_s:.1f}x faster than rebuilding the database ({rebuild_s:.2f} s); "
            f"goal <= {GOAL_PUBLISH_S:g} s {verdict}")


def table(result: dict) -> str:
    lines = [f"{'measure':<40}{'p50 s':>10}{'p95 s':>10}"]
    for name in ("load", "load_transaction", "undo", "copy", "rebuild"):
        lines.append(f"{name:<40}{result[name]['p50_s']:>10.3f}{result[name]['p95_s']:>10.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.publish", description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(datasets.SIZES), default="10m")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measure, after one warm-up (default 3)")
    args = parser.parse_args(argv)
    result = measure_publish(args.size, args.runs)
    datasets.OUT.mkdir(parents=True, exist_ok=True)
    (datasets.OUT / f"publish-{args.size}.json").write_text(json.dumps(result, indent=2))
    print(table(result))
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
