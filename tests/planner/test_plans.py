"""Association plans: the national roll-up against sums worked by hand, the checks a plan must pass, links and the
`plans` table."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cakupan.data import db
from cakupan.planner import engine, plans, scopes
from cakupan.planner.engine import Levers
from tests.helpers import table_checksums

LAST = dt.date(2025, 12, 1)
TARGET = dt.date(2026, 12, 31)          # 12 months after LAST
START = dt.date(2026, 1, 1)


def planner_data(association_last: dt.date = LAST) -> scopes.PlannerData:
    """National 1000, 1010, … 1110 (trend: +10 a month); AAA flat at 100 with a 10% monthly lapse rate; BBB flat at
    200 without lapse data. Every projection can be worked out on paper."""
    months = pd.date_range(end=pd.Timestamp(LAST), periods=12, freq="MS")
    own = pd.date_range(end=pd.Timestamp(association_last), periods=12, freq="MS")
    monthly = pd.concat([
        pd.DataFrame({"scope": "national", "snapshot_month": months, "active_participants": 1000 + 10 * np.arange(12)}),
        pd.DataFrame({"scope": "AAA", "snapshot_month": own, "active_participants": [100] * 12}),
        pd.DataFrame({"scope": "BBB", "snapshot_month": own, "active_participants": [200] * 12}),
    ], ignore_index=True)
    targets = pd.DataFrame({"scope": ["national", "AAA", "BBB"], "target_date": [TARGET] * 3,
                            "target_participants": [1300, 150, 210], "source": ["test"] * 3})
    rates = pd.DataFrame({"scope": ["AAA"], "lapse_rate": [0.1], "formal_lapse_rate": [0.05],
                          "informal_lapse_rate": [0.2]})
    return scopes.planner_data(monthly, targets, rates, "Nasional")


def plan(levers: dict[str, Levers], name: str = "Rencana") -> plans.Plan:
    return plans.Plan(name, "trend", 12, TARGET, levers, data_last_month=LAST)


def test_the_national_projection_is_its_baseline_plus_the_associations_extras_worked_by_hand():
    result = plans.project_plan(planner_data(), plan({
        "AAA": Levers(extra_recruits_per_month=10, campaign_start=START),    # lapses at 10% a month
        "BBB": Levers(growth_adjust_pct=1.0, conversion_per_month=0)}))      # +1 pp a month on a flat 200
    # by hand, 12 months on: AAA keeps 10·(1 + 0.9 + … + 0.9^11) of its recruits; BBB grows 200·(1.01^12 − 1)
    aaa_extra = 10 * (1 - 0.9 ** 12) / (1 - 0.9)
    bbb_extra = 200 * (1.01 ** 12 - 1)
    national_trend = 1110 + 12 * 10
    assert result.national_baseline.projected_participants == pytest.approx(national_trend)
    assert result.national.projected_participants == pytest.approx(national_trend + aaa_extra + bbb_extra)
    assert result.added_at_target == pytest.approx(aaa_extra + bbb_extra)
    aaa_baseline, aaa_plan = result.associations["AAA"]
    bbb_baseline, bbb_plan = result.associations["BBB"]
    assert (aaa_baseline.projected_participants, bbb_baseline.projected_participants) == pytest.approx((100, 200))
    assert aaa_plan.projected_participants == pytest.approx(100 + aaa_extra)
    assert bbb_plan.projected_participants == pytest.approx(200 + bbb_extra)
    # each month of the path, not only the target month: month 3 adds 10·(1 + 0.9 + 0.81) + 200·(1.01³ − 1)
    assert result.national.path_central[2] - result.national_baseline.path_central[2] == pytest.approx(
        10 * (1 + 0.9 + 0.81) + 200 * (1.01 ** 3 - 1))


def test_the_extras_shift_the_national_band_and_status_with_the_projection():
    result = plans.project_plan(planner_data(), plan({"AAA": Levers(extra_recruits_per_month=100,
                                                                    campaign_start=START)}))
    added = 100 * (1 - 0.9 ** 12) / (1 - 0.9)
    baseline, national = result.national_baseline, result.national
    assert national.p10 - baseline.p10 == pytest.approx(added) and national.p90 - baseline.p90 == pytest.approx(added)
    # the baseline (1230) is short of 1300; 1230 + 651 reaches it, and only the paths moved up count
    assert (baseline.status, national.status) == ("off_track", "on_track")
    assert national.probability_target_met == 1.0 and baseline.probability_target_met == 0.0
    assert national.month_reached == dt.date(2026, 2, 1)     # 1130 + 100 + 90 ≥ … the first month at 1300 or more


def test_a_campaign_starting_later_and_an_association_whose_data_ends_earlier_line_up_by_calendar_month():
    # AAA's data ends two months before the nation's: its month 3 is the nation's month 1
    late = planner_data(association_last=dt.date(2025, 10, 1))
    result = plans.project_plan(late, plan({"BBB": Levers(extra_recruits_per_month=5, campaign_start=START)}))
    # BBB has no lapse data: every recruit stays. Its campaign starts Jan 2026 = its month 3 → by Dec 2026 (its
    # month 14) it has run 12 months, and the nation's Dec 2026 (its month 12) is BBB's month 14
    assert result.added_at_target == pytest.approx(5 * 12)
    assert result.associations["BBB"][1].projected_participants == pytest.approx(200 + 5 * 12)


def test_a_plan_without_levers_is_the_baseline():
    result = plans.project_plan(planner_data(), plan({}))
    assert result.added_at_target == 0 and list(result.associations) == ["AAA", "BBB"]
    assert all(baseline is planned for baseline, planned in result.associations.values())
    np.testing.assert_array_equal(result.national.path_bands, result.national_baseline.path_bands)


def test_the_extras_equal_the_engines_projection_with_and_without_levers(sample_db):
    monthly = db.run("scope_monthly_active")
    data = scopes.planner_data(monthly, db.run("targets"), db.run(
        "scope_lapse_rates", from_month=scopes.lapse_rates_from(scopes.latest_month(scopes.series_by_scope(monthly)))),
        "Nasional")
    levers = Levers(growth_adjust_pct=0.3, extra_recruits_per_month=2000, campaign_start=dt.date(2024, 1, 1),
                    conversion_per_month=500)
    item = scopes.scope_input("ABADI", data.series["ABADI"], data.targets, TARGET, levers, data.rates_of("ABADI"))
    with_levers, without = engine.project_scopes([item, scopes.scope_input("ABADI", data.series["ABADI"], data.targets,
                                                                          TARGET, lapse_rates=data.rates_of("ABADI"))])
    extras = plans.campaign_extras([item], "trend", 12, len(with_levers.path_central))[0]
    np.testing.assert_allclose(extras, with_levers.path_central - without.path_central)


@pytest.mark.parametrize("levers, name, expected", [
    ({"AAA": Levers(extra_recruits_per_month=-500)}, "x",
     [plans.Problem("plan.count_out_of_range", {"code": "AAA", "column": "recruits", "value": -500.0,
                                                "high": plans.MAX_PER_MONTH})]),
    ({"ZZZ": Levers(extra_recruits_per_month=10)}, "x",
     [plans.Problem("plan.unknown_association", {"code": "ZZZ", "known": "AAA, BBB"})]),
    ({}, "  ", [plans.Problem("plan.name_missing", {})]),
    ({"BBB": Levers(growth_adjust_pct=1.5, conversion_per_month=-1)}, "x",
     [plans.Problem("plan.count_out_of_range", {"code": "BBB", "column": "conversion", "value": -1,
                                                "high": plans.MAX_PER_MONTH}),
      plans.Problem("plan.growth_out_of_range", {"code": "BBB", "value": 1.5, "low": -100, "high": 100})]),
])
def test_each_bad_plan_gets_its_problem(levers, name, expected):
    assert plans.problems(plan(levers, name), {"AAA", "BBB"}) == expected


@pytest.mark.parametrize("bad", [
    plan({"ABADI": Levers(extra_recruits_per_month=-1)}), plan({"NOPE": Levers(extra_recruits_per_month=1)}),
    plan({}, name=""),
])
def test_a_bad_plan_saves_nothing(writable_db, bad):
    before = table_checksums()
    with pytest.raises(plans.InvalidPlan):
        plans.save(bad, {"ABADI", "APKLINDO"})
    assert table_checksums() == before and plans.saved_plans() == []


def test_save_replace_list_and_delete(writable_db):
    levers = {"ABADI": Levers(growth_adjust_pct=0.2, extra_recruits_per_month=400_000, campaign_start=START,
                              conversion_per_month=50)}
    first = plans.save(plan(levers, "Rakernas"), {"ABADI"})
    plans.save(plan({}, "Dasar"), {"ABADI"})
    assert plans.save(plans.Plan("Rakernas", "growth", 6, TARGET, levers, data_last_month=LAST), {"ABADI"}) == first
    saved = plans.saved_plans()
    assert [(p.name, p.method, p.window_months, p.levers) for p in saved] == [
        ("Rakernas", "growth", 6, levers), ("Dasar", "trend", 12, {})]
    assert table_checksums()["plans"][0] == 2
    plans.delete(first)
    assert [p.name for p in plans.saved_plans()] == ["Dasar"]


def test_plans_table_is_added_to_a_database_built_before_it(tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    monkeypatch.setattr(db, "SCHEMA_STEPS", tuple(step for step in db.SCHEMA_STEPS if step != "plans"))
    db.build_database(old)
    monkeypatch.undo()
    monkeypatch.setenv("CAKUPAN_DB", str(old))
    try:
        assert plans.saved_plans() == []
        plans.save(plan({}, "a"), set())
        assert [p.name for p in plans.saved_plans()] == ["a"]
    finally:
        db.close_all()


def test_link_levers_round_trip():
    levers = {"ABADI": Levers(growth_adjust_pct=0.25, extra_recruits_per_month=20_000, conversion_per_month=0),
              "APKLINDO": Levers(growth_adjust_pct=-0.1, extra_recruits_per_month=0, conversion_per_month=150)}
    text = plans.link_levers(levers)
    assert text == "ABADI:20000:25:0,APKLINDO:0:-10:150"
    assert plans.levers_from_link(text) == (levers, [])


@pytest.mark.parametrize("text, item", [("ABADI:20000:25", "ABADI:20000:25"), ("ABADI:banyak:0:0", "ABADI:banyak:0:0"),
                                        ("ABADI:1:2:3:4", "ABADI:1:2:3:4"), ("ABADI:nan:0:0", "ABADI:nan:0:0")])
def test_an_unreadable_link_gives_no_levers_and_names_the_item(text, item):
    assert plans.levers_from_link(f"APKLINDO:5:0:0,{text}") == ({}, [plans.Problem("plan.link_unreadable",
                                                                                   {"item": item})])


def test_widget_values_round_trip():
    levers = {"AAA": Levers(growth_adjust_pct=0.2, extra_recruits_per_month=300, campaign_start=START,
                            conversion_per_month=0)}
    values = plans.widget_values(plan(levers), ["AAA", "BBB"], default_start=dt.date(2026, 5, 1))
    assert values["plan_start"] == "2026-01" and values["plan_recruits_BBB"] == 0
    assert plans.levers_from_widgets(["AAA", "BBB"], values, START) == levers


def test_the_levers_grid_starts_with_every_association_when_they_fit():
    series = {code: scopes.ScopeSeries(LAST, np.array([float(i)])) for i, code in enumerate("ABC")}
    assert plans.default_grid_codes(series, ["A", "B", "C"], set(), limit=3) == ["A", "B", "C"]


def test_with_a_thousand_associations_the_grid_starts_with_those_given_levers_and_then_the_largest():
    codes = [f"A{i:04d}" for i in range(1_146)]
    series = {code: scopes.ScopeSeries(LAST, np.array([5.0, float(i)])) for i, code in enumerate(codes)}
    chosen = plans.default_grid_codes(series, codes, with_levers={"A0003"})
    assert len(chosen) == plans.MAX_GRID_ROWS == 30
    assert chosen == ["A0003"] + [f"A{i:04d}" for i in range(1_117, 1_146)]   # in the associations' order


def test_a_reloaded_plan_adds_rows_for_its_associations_and_keeps_the_grids_own():
    reloaded = plan({"A0900": Levers(extra_recruits_per_month=100.0), "A0001": Levers(growth_adjust_pct=0.1)})
    assert plans.with_rows_for(["A0001", "A0002"], reloaded) == ["A0001", "A0002", "A0900"]
