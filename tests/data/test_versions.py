"""Readers and writers together, in real processes on real files: readers keep answering while another process
writes, see the new version at their next query, writers take turns, and old versions go once nobody reads them."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cakupan.data import db, versions
from tests.snapshot_builders import november_rows, write_csv

ROOT = Path(__file__).resolve().parents[2]
# answers one line per line read: the latest month loaded, the load ids, the version file it reads; stays open
READER = """
import sys
from cakupan.data import db
for _ in sys.stdin:
    months = db.run("month_range").iloc[0]
    load_ids = ",".join(map(str, db.run("loads")["load_id"]))
    print(str(months["last_enrollment_month"])[:7], load_ids, flush=True)
"""


class Reader:
    """A process that holds the database open between questions, as a dashboard process does."""

    def __init__(self, database: Path):
        self.process = subprocess.Popen([sys.executable, "-c", READER], cwd=ROOT, text=True,
                                        env=os.environ | {"CAKUPAN_DB": str(database)},
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def ask(self) -> str:
        self.process.stdin.write("?\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer, self.process.stderr.read()[-2000:]
        return answer

    def stop(self) -> None:
        self.process.communicate(timeout=60)  # closes its input (it ends) and its pipes


def cakupan(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cakupan", *args, "--lang", "en"], cwd=ROOT, text=True,
                            env=os.environ | (env or {}), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def december_rows():
    """A December 2023 after november_rows(): the same rows a month later (a second, different load)."""
    december = november_rows()
    december["snapshot_month"] = "2023-12"
    return december


def version_names(database: Path) -> list[str]:
    return [file.name for file in versions.version_files(database)]


def test_two_readers_keep_answering_while_a_third_process_loads_and_see_the_new_month(writable_db, tmp_path):
    readers = [Reader(writable_db), Reader(writable_db)]
    try:
        assert [reader.ask() for reader in readers] == ["2023-10 1"] * 2  # both hold the published version open
        loading = finished(cakupan("ingest", str(write_csv(november_rows(), tmp_path / "november.csv")),
                                   "--db", str(writable_db)))
        assert loading[0] == 0 and loading[1].splitlines()[-1] == "load_id: 2", loading[2]
        # the next question, without a restart, reads the new version
        assert [reader.ask() for reader in readers] == ["2023-11 2,1"] * 2
        undoing = finished(cakupan("undo", "2", "--db", str(writable_db)))
        assert undoing[0] == 0, undoing[2]
        assert [reader.ask() for reader in readers] == ["2023-10 2,1"] * 2  # undone, still in the history
    finally:
        for reader in readers:
            reader.stop()


def test_two_writers_at_once_take_turns_and_both_loads_land(writable_db, tmp_path):
    reader = Reader(writable_db)
    try:
        assert reader.ask() == "2023-10 1"
        with versions.write_lock(writable_db):  # hold both writers at the lock until both want to write
            writers = [cakupan("ingest", str(write_csv(rows, tmp_path / f"{name}.csv")), "--db", str(writable_db))
                       for name, rows in (("november", november_rows()), ("december", december_rows()))]
            for writer in writers:  # "Writing …" is printed just before the write starts
                assert any(line.startswith("Writing") for line in writer.stderr)
        outcomes = [finished(writer) for writer in writers]
        assert [code for code, _, _ in outcomes] == [0, 0], [err[-1000:] for _, _, err in outcomes]
        assert sorted(out.splitlines()[-1] for _, out, _ in outcomes) == ["load_id: 2", "load_id: 3"]
        assert reader.ask() == "2023-12 3,2,1"
    finally:
        reader.stop()


def test_a_second_writer_waits_a_bounded_time_then_says_so_and_changes_nothing(writable_db, tmp_path):
    published = versions.identity(writable_db)
    with versions.write_lock(writable_db):  # a write in progress, as another process's load holds it
        code, out, err = finished(cakupan("ingest", str(write_csv(november_rows(), tmp_path / "n.csv")),
                                          "--db", str(writable_db), env={"CAKUPAN_WRITE_WAIT_SECONDS": "1"}))
    assert (code, out) == (1, "")
    assert "Another process has been writing the database (a load, an undo or a saved scenario) for more than 1 s, " \
           "so nothing was changed." in err and "Traceback" not in err
    assert versions.identity(writable_db) == published
    assert db.run("loads")["load_id"].tolist() == [1]


def test_old_versions_are_removed_once_no_reader_holds_them_keeping_the_last_few(writable_db):
    reader = Reader(writable_db)
    try:
        assert reader.ask() == "2023-10 1"  # holds the plain file, which the first write adopts as 000001
        for _ in range(4):
            with db.transaction():
                pass
        # 000002 is old and unread: removed; 000001 is older but the reader still holds it
        assert version_names(writable_db) == ["000001.duckdb", "000003.duckdb", "000004.duckdb", "000005.duckdb"]
        assert versions.current_file(writable_db).name == "000005.duckdb"
        assert reader.ask() == "2023-10 1"  # its next question moves it to 000005 and lets 000001 go
        with db.transaction():
            pass
        assert version_names(writable_db) == ["000004.duckdb", "000005.duckdb", "000006.duckdb"]
    finally:
        reader.stop()


def test_a_failed_write_publishes_nothing_and_leaves_no_file(writable_db):
    published = versions.identity(writable_db)
    with pytest.raises(RuntimeError, match="half-way"):
        with db.transaction() as cur:
            db.run_in(cur, "ingest/mark_load_undone", load_id=1)
            raise RuntimeError("failed half-way")
    assert versions.identity(writable_db) == published
    assert not list(versions.versions_folder(writable_db).glob("*.building*"))
    assert db.run("loads")["status"].tolist() == ["active"]


def test_the_database_path_is_a_relative_symlink_into_its_versions_folder(tiny_db_path):
    assert tiny_db_path.is_symlink()
    target = os.readlink(tiny_db_path)
    assert not os.path.isabs(target) and target.startswith(f"{tiny_db_path.name}.versions/")
