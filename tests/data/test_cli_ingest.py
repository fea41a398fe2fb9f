"""`ingest`, `loads` and `undo` on the command line: exit codes, stdout only results, messages in --lang."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cakupan.data import db, versions
from tests.helpers import table_checksums
from tests.snapshot_builders import HEADERS, november_rows, write_csv, write_text

ROOT = Path(__file__).resolve().parents[2]


def cakupan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cakupan", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def cli_db(sample_db_path, tmp_path) -> Path:
    path = tmp_path / "cakupan.duckdb"
    shutil.copy(sample_db_path, path)
    return path


def test_ingest_loads_lists_and_undoes(cli_db, tmp_path, monkeypatch):
    good = write_csv(november_rows(), tmp_path / "november.csv")
    loaded = cakupan("ingest", str(good), "--db", str(cli_db), "--lang", "en", "--by", "Siti")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.splitlines()[-1] == "load_id: 2"
    assert f"rows: {len(november_rows())}" in loaded.stdout.splitlines()
    assert "Loaded as load 2" in loaded.stderr and "Loaded" not in loaded.stdout

    listed = cakupan("loads", "--db", str(cli_db), "--format", "json")
    history = json.loads(listed.stdout)
    assert listed.returncode == 0 and [load["load_id"] for load in history] == [2, 1]
    assert {key: history[0][key] for key in ("file_name", "rows", "status", "loaded_by", "months")} == {
        "file_name": "november.csv", "rows": len(november_rows()), "status": "active", "loaded_by": "Siti",
        "months": "2023-11"}
    assert history[0]["sha256"] == db.file_sha256(good) and history[0]["loaded_at"].startswith("20")

    undone = cakupan("undo", "2", "--db", str(cli_db))
    assert undone.returncode == 0 and undone.stdout.splitlines()[-1] == "load_id: 2"
    assert "dibatalkan" in undone.stderr
    again = cakupan("undo", "2", "--db", str(cli_db), "--lang", "en")
    assert (again.returncode, again.stdout) == (1, "") and "already been undone" in again.stderr
    assert json.loads(cakupan("loads", "--db", str(cli_db), "--format", "json").stdout)[0]["status"] == "undone"


def test_ingest_refuses_a_bad_file_with_the_report_and_writes_nothing(cli_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CAKUPAN_DB", str(cli_db))
    before = table_checksums()
    db.close_all()
    bad = write_text(tmp_path / "bad.csv", ",".join(HEADERS) + "\n2023-11,ABADI,XX,31,-4,1,1,10\n")
    refused = cakupan("ingest", str(bad), "--db", str(cli_db), "--lang", "en")
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "Row 2, column segment: segment XX is not known" in refused.stderr
    assert "Row 2, column active_participants: -4 is negative" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert table_checksums() == before


@pytest.mark.parametrize("args, message", [
    (["ingest", "{tmp}/missing.csv"], "tidak ditemukan"),
    (["ingest", "{tmp}"], "tidak ditemukan"),
    (["undo", "77"], "Tidak ada pemuatan dengan nomor 77"),
])
def test_bad_input_exits_1_without_a_traceback(cli_db, tmp_path, args, message):
    result = cakupan(*[arg.format(tmp=tmp_path) for arg in args], "--db", str(cli_db))
    assert (result.returncode, result.stdout) == (1, "")
    assert message in result.stderr and "Traceback" not in result.stderr


def test_ingest_while_this_process_reads_the_database_loads_and_the_reader_sees_it(cli_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CAKUPAN_DB", str(cli_db))
    version_before = db.data_version()  # this process now holds the published version open, as a dashboard does
    result = cakupan("ingest", str(write_csv(november_rows(), tmp_path / "n.csv")), "--db", str(cli_db),
                     "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "load_id: 2"
    # the same connection-holding process sees the new version at its next query, without reopening anything
    assert db.data_version() == version_before + 1
    assert list(db.run("loads")["load_id"]) == [2, 1]


def test_ingest_while_another_write_holds_the_database_waits_then_says_so(cli_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CAKUPAN_WRITE_WAIT_SECONDS", "1")
    monkeypatch.setenv("CAKUPAN_DB", str(cli_db))
    before = table_checksums()
    with versions.write_lock(cli_db):  # another load in progress
        result = cakupan("ingest", str(write_csv(november_rows(), tmp_path / "n.csv")), "--db", str(cli_db),
                         "--lang", "en")
    assert (result.returncode, result.stdout) == (1, "")
    assert "for more than 1 s, so nothing was changed" in result.stderr and "Traceback" not in result.stderr
    assert table_checksums() == before
