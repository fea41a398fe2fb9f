"""`python -m cakupan solve` and `project`'s lever flags: the solved value, fed back to `project`, reaches the chance
and one step less does not; the lever flags give the what-if page's numbers; bad input is refused, nothing saved."""
import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cakupan import __main__ as cakupan_main
from cakupan.data import db
from cakupan.planner import engine, goal_seek, scenarios, scopes
from tests.helpers import table_checksums

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def solve_db(sample_db_path, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("solve") / "cakupan.duckdb"
    shutil.copy(sample_db_path, copy)
    return copy


@pytest.fixture
def cli(solve_db, monkeypatch, capsys):
    """`python -m cakupan COMMAND --db solve_db …` in this process (a fresh Python per call costs seconds on a busy
    machine); its exit status, standard output and standard error. `test_the_real_command_runs` runs it for real."""
    monkeypatch.setenv("CAKUPAN_DB", str(solve_db))     # restored afterwards; main() sets it from --db

    def run(command: str, *args: str) -> subprocess.CompletedProcess:
        capsys.readouterr()
        try:
            status = cakupan_main.main([command, "--db", str(solve_db), *args])
        except SystemExit as leaving:                    # argparse's wrong usage
            status = leaving.code
        finally:
            db.close_all()
        out = capsys.readouterr()
        return subprocess.CompletedProcess([command, *args], status, out.out, out.err)

    return run


def solved(cli, *args: str) -> dict:
    result = cli("solve", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)                       # exactly one JSON document: one object


def projected(cli, *args: str) -> dict:
    result = cli("project", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    record, = json.loads(result.stdout)
    return record


@pytest.mark.parametrize("scope, probability", [("national", "0.8"), ("AKTI", "0.5"), ("ASPPHAMI", "0.9")])
def test_solved_recruits_reach_the_chance_in_project_and_one_less_does_not(cli, scope, probability):
    answer = solved(cli, "--scope", scope, "--lever", "recruits", "--probability", probability)
    assert {"scope", "lever", "value", "probability_target_met", "projected_participants",
            "target_participants"} <= set(answer)
    assert answer["outcome"] == "solved" and isinstance(answer["value"], int) and answer["value"] > 0
    at_value = projected(cli, "--scope", scope, "--extra-recruits-per-month", str(answer["value"]))
    one_less = projected(cli, "--scope", scope, "--extra-recruits-per-month", str(answer["value"] - 1))
    assert at_value["probability_target_met"] == answer["probability_target_met"] >= float(probability)
    assert one_less["probability_target_met"] < float(probability)
    assert at_value["projected_participants"] == answer["projected_participants"]
    assert at_value["target_participants"] == answer["target_participants"]
    assert at_value["status"] == answer["status"]


def test_solved_growth_reaches_the_chance_in_project_and_one_basis_point_less_does_not(cli):
    answer = solved(cli, "--scope", "national", "--lever", "growth", "--probability", "0.8", "--method", "growth",
                    "--window", "24")
    assert answer["unit"] == "percentage_points_per_month" and answer["method"] == "growth"
    value = answer["value"]
    assert answer["outcome"] == "solved" and value > 0
    assert round(value * 100) == value * 100                 # to 0.01 percentage points
    at_value = projected(cli, "--scope", "national", "--growth-adjust-pct", f"{value}", "--method", "growth",
                         "--window", "24")
    one_less = projected(cli, "--scope", "national", "--growth-adjust-pct", f"{(round(value * 100) - 1) / 100}",
                         "--method", "growth", "--window", "24")
    assert at_value["probability_target_met"] == answer["probability_target_met"] >= 0.8
    assert one_less["probability_target_met"] < 0.8


def test_lever_flags_give_the_what_if_pages_numbers(cli):
    monthly = db.run("scope_monthly_active")
    last_month = scopes.latest_month(scopes.series_by_scope(monthly))
    rates = db.run("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
    data = scopes.planner_data(monthly, db.run("targets"), rates, "Nasional")
    db.close_all()
    # the page: widget values → levers → the baseline and the scenario in one batch
    levers = scenarios.levers_from_widgets({"growth_bp": 15, "recruits": 1200, "start": "2023-11", "conversion": 0,
                                            "lapse": 0})
    settings = scopes.Settings("ABUJAPI", "trend", 12, scopes.default_target_date(data.targets))
    _, page = scenarios.project_with_levers(data, settings, [engine.BASELINE, levers])
    record = projected(cli, "--scope", "ABUJAPI", "--extra-recruits-per-month", "1200",
                       "--growth-adjust-pct", "0.15")
    assert record["projected_participants"] == round(page.projected_participants)
    assert (record["p10"], record["p90"]) == (round(page.p10), round(page.p90))
    assert record["probability_target_met"] == page.probability_target_met and record["status"] == page.status
    baseline = projected(cli, "--scope", "ABUJAPI")
    assert record["projected_participants"] > baseline["projected_participants"]


def test_already_met_is_zero(cli):
    answer = solved(cli, "--scope", "apklindo", "--lever", "recruits")
    assert (answer["scope"], answer["value"], answer["outcome"]) == ("APKLINDO", 0, "already_met")
    assert answer["probability_target_met"] >= 0.5


def test_the_real_command_runs_and_prints_a_table_by_default(solve_db):
    result = subprocess.run([sys.executable, "-m", "cakupan", "solve", "--db", str(solve_db), "--scope", "AKIDA",
                             "--lever", "recruits"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    header, row = result.stdout.splitlines()
    assert result.returncode == 0 and header.split()[:3] == ["scope", "lever", "value"]
    assert row.split()[:2] == ["AKIDA", "recruits"] and result.stderr == ""


@pytest.mark.parametrize("command, args, status, message", [
    ("solve", ["--scope", "NOPE", "--lever", "recruits"], 1, "Cakupan 'NOPE' tidak dikenal"),
    ("solve", ["--scope", "NOPE", "--lever", "recruits", "--lang", "en"], 1, "Unknown scope 'NOPE'"),
    ("solve", ["--scope", "national", "--lever", "recruits", "--probability", "1.2"], 1,
     "Peluang 1.2 di luar rentang"),
    ("solve", ["--scope", "national", "--lever", "recruits", "--probability", "0", "--lang", "en"], 1,
     "Chance 0 is out of range"),
    ("solve", ["--scope", "national", "--lever", "recruits", "--probability", "lots"], 2, "not a number"),
    ("solve", ["--scope", "national", "--lever", "staff"], 2, "invalid choice"),
    ("solve", ["--lever", "recruits"], 2, "--scope"),
    ("solve", ["--scope", "ABADI", "--lever", "growth", "--lang", "en"], 1,
     "even with growth +1.00 pp/month (the search bound), the chance of meeting the target in Dec 2026 is only"),
    ("solve", ["--scope", "national", "--lever", "recruits", "--target-date", "2023-06-30", "--lang", "en"], 1,
     "the target month Jun 2023 is not after the last data month (Oct 2023)"),
    ("project", ["--scope", "national", "--extra-recruits-per-month", "-500"], 1,
     "Rekrutmen tambahan per bulan tidak boleh negatif (-500)"),
    ("project", ["--growth-adjust-pct", "2.5", "--lang", "en"], 1, "give a number between -1.0 and 1.0"),
    ("project", ["--extra-recruits-per-month", "many"], 2, "not a number"),
])
def test_bad_input_is_refused_with_a_message_nothing_on_stdout_and_nothing_saved(cli, command, args, status,
                                                                                  message):
    before = table_checksums()
    db.close_all()
    result = cli(command, *args)
    assert result.returncode == status and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr
    assert table_checksums() == before
    db.close_all()


def test_the_page_and_the_command_line_answer_alike(cli):
    # what the what-if panel computes (goal_seek.seek on the page's input) is what `solve` prints
    monthly = db.run("scope_monthly_active")
    last_month = scopes.latest_month(scopes.series_by_scope(monthly))
    rates = db.run("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
    data = scopes.planner_data(monthly, db.run("targets"), rates, "Nasional")
    db.close_all()
    item = scopes.what_if_input(data, "AKTI", None, scopes.default_levers(data))
    answer = goal_seek.seek(item, "recruits", 0.8)
    printed = solved(cli, "--scope", "AKTI", "--lever", "recruits", "--probability", "0.8")
    assert printed["value"] == answer.steps and printed["probability_target_met"] == answer.probability_target_met
    projection = goal_seek.solved_projection(item, answer)
    assert printed["month_reached"] == projection.month_reached.strftime("%Y-%m")
    assert dataclasses.replace(item.levers, extra_recruits_per_month=float(printed["value"])) == answer.levers


def test_solve_and_project_answer_while_another_process_writes(cli, solve_db):
    # readers open the published version read-only: a writer holding the write lock (a load in progress elsewhere)
    # never makes a read command fail
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from cakupan.data import versions\n"
                               "with versions.write_lock(Path(sys.argv[1])):\n"
                               "    print('held', flush=True); time.sleep(60)", str(solve_db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        solved = cli("solve", "--scope", "national", "--lever", "recruits", "--format", "json", "--lang", "en")
        assert solved.returncode == 0, solved.stderr
        assert json.loads(solved.stdout)["scope"] == "national"
        projected = cli("project", "--format", "json", "--lang", "en")
        assert projected.returncode == 0, projected.stderr
        assert [record["scope"] for record in json.loads(projected.stdout)][0] == "national"
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
