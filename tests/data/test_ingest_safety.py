"""A load is all-or-nothing: killed mid-way it leaves the published version as it was, and readers never see half
of it."""
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from cakupan.data import contract_checks, db, loads, versions
from tests.helpers import table_checksums
from tests.snapshot_builders import big_snapshot, write_parquet

ROOT = Path(__file__).resolve().parents[2]


def test_a_load_killed_mid_way_leaves_the_published_version_untouched(sample_db_path, tmp_path, monkeypatch):
    database = tmp_path / "cakupan.duckdb"
    shutil.copy(sample_db_path, database)
    big = write_parquet(big_snapshot(months=300), tmp_path / "big.parquet")  # 501,600 rows
    monkeypatch.setenv("CAKUPAN_DB", str(database))
    before = table_checksums()  # this process keeps reading the published version throughout, as a dashboard does
    published, published_sha256 = versions.identity(database), db.file_sha256(database)
    with subprocess.Popen([sys.executable, "-m", "cakupan", "ingest", str(big), "--db", str(database),
                           "--lang", "en"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as loading:
        for line in loading.stderr:  # the report comes first; "Writing …" is printed just before the write starts
            if line.startswith("Writing"):
                break
        # inside the write: kill as soon as the next version's copy exists (a fixed pause was too long on a quiet
        # machine, where half a million rows load in under 0.3 s)
        building = versions.versions_folder(database)
        deadline = time.monotonic() + 60
        while not list(building.glob("*.building*")) and loading.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        loading.send_signal(signal.SIGKILL)
        loading.wait(timeout=60)
        printed = loading.stdout.read()
    assert loading.returncode == -signal.SIGKILL, "the load finished before it could be killed: use a bigger file"
    assert "load_id" not in printed
    assert (versions.identity(database), db.file_sha256(database)) == (published, published_sha256)
    assert table_checksums() == before
    assert list(loads.load_history()["load_id"]) == [1]
    # the killed writer left its half-built copy and no lock: the next write goes ahead and removes the copy
    assert list(versions.versions_folder(database).glob("*.building*"))
    with db.transaction():
        pass
    assert not list(versions.versions_folder(database).glob("*.building*"))
    assert table_checksums() == before


def test_readers_never_see_half_a_load(writable_db, tmp_path):
    report = contract_checks.check_file(write_parquet(big_snapshot(months=240), tmp_path / "big.parquet"))
    seen: set[tuple] = set()

    def snapshot() -> tuple:
        counts = db.run("ingest/row_counts").iloc[0]
        return int(counts["enrollment_rows"]), int(counts["active_loads"]), int(counts["rows_recorded"])

    before = snapshot()
    loading = threading.Thread(target=loads.load, args=(report, "tester"))
    loading.start()
    while loading.is_alive():
        seen.add(snapshot())
    loading.join()
    after = snapshot()
    assert after == (before[0] + len(report.rows), 2, before[2] + len(report.rows))
    assert seen <= {before, after} and len(seen) >= 1
