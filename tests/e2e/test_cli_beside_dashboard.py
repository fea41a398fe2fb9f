"""Every command of the command line works while a dashboard process serves the same database, and the open page
shows what `ingest` and `undo` changed at its next rerun, without restarting the dashboard."""
import json
import subprocess
import sys

import pytest

from tests.e2e.browser_steps import assert_no_errors, open_page, wait_for_charts
from tests.e2e.served import ROOT, screenshot, served_dashboard
from tests.snapshot_builders import november_rows, write_csv

pytestmark = pytest.mark.browser


def cakupan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cakupan", *args, "--lang", "en"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def latest_month_shown(page) -> str:
    page.reload()
    wait_for_charts(page, 1)
    assert_no_errors(page)
    return page.inner_text('[data-testid="stSidebar"]')


def test_every_command_works_while_the_dashboard_serves_the_database(browser, sample_db_path, tmp_path):
    with served_dashboard(sample_db_path, tmp_path) as url:
        database = tmp_path / "cakupan.duckdb"
        page = open_page(browser, f"{url}/growth?lang=en")  # the dashboard process now has the database open
        try:
            before = latest_month_shown(page)
            assert "Oct 2023" in before and "Nov 2023" not in before
            listed = cakupan("loads", "--db", str(database), "--format", "json")
            assert listed.returncode == 0 and [load["load_id"] for load in json.loads(listed.stdout)] == [1]
            projected = cakupan("project", "--db", str(database), "--scope", "national", "--format", "json")
            assert projected.returncode == 0, projected.stderr
            assert [record["scope"] for record in json.loads(projected.stdout)] == ["national"]
            exported = cakupan("export", "--db", str(database), "--format", "html", "--out", str(tmp_path / "d.html"))
            assert exported.returncode == 0 and (tmp_path / "d.html").stat().st_size > 100_000, exported.stderr

            loaded = cakupan("ingest", str(write_csv(november_rows(), tmp_path / "november.csv")), "--db",
                             str(database), "--by", "Siti")
            assert loaded.returncode == 0 and loaded.stdout.splitlines()[-1] == "load_id: 2", loaded.stderr
            assert "Nov 2023" in latest_month_shown(page)  # the same dashboard process, not restarted
            screenshot(page, "cli_beside_dashboard_after_ingest_en")

            undone = cakupan("undo", "2", "--db", str(database))
            assert undone.returncode == 0 and "status: undone" in undone.stdout, undone.stderr
            assert "Nov 2023" not in latest_month_shown(page)
            listed = cakupan("loads", "--db", str(database), "--format", "json")
            assert [(load["load_id"], load["status"]) for load in json.loads(listed.stdout)] == [
                (2, "undone"), (1, "active")]
        finally:
            page.context.close()
    log = database.with_suffix(".log").read_text()
    assert "Traceback" not in log, log[-3000:]
