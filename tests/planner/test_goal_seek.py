"""Goal seek against a brute-force search through the projection engine, on every sample scope; the bisection
itself on hand-made chance curves; the "what it takes" table and the panel's words."""
import dataclasses

import pytest

from cakupan import i18n
from cakupan.data import db
from cakupan.planner import engine, goal_seek, scopes, what_it_takes


@pytest.fixture(scope="module")
def planner_data(sample_db_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAKUPAN_DB", str(sample_db_path))
        monthly = db.run("scope_monthly_active")
        last_month = scopes.latest_month(scopes.series_by_scope(monthly))
        rates = db.run("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
        data = scopes.planner_data(monthly, db.run("targets"), rates, "national")
        db.close_all()
    return data


def what_if_item(data, scope, levers=None):
    return scopes.what_if_input(data, scope, None, levers or scopes.default_levers(data))


def engine_chance(item, lever, steps):
    """The chance as the what-if page computes it: a fresh `engine.project_scopes` with the lever set."""
    levers = goal_seek.with_lever(item.levers, lever, steps)
    return engine.project_scopes([dataclasses.replace(item, levers=levers)])[0].probability_target_met


def brute_force(item, lever, wanted):
    """The smallest whole step with the engine's chance ≥ `wanted`, by scanning ten candidates per decade (each
    batch a fresh engine run: its own bootstrap draws, no reuse); None when the bound falls short."""
    bound = goal_seek.bound_steps(lever)
    if engine_chance(item, lever, 0) >= wanted:
        return 0
    low, step = 0, 10 ** (len(str(bound)) - 1)     # chance at `low` is below `wanted`
    while step >= 1:
        candidates = [low + step * i for i in range(1, 11) if low + step * i <= bound]
        batch = [dataclasses.replace(item, levers=goal_seek.with_lever(item.levers, lever, c)) for c in candidates]
        chances = [r.probability_target_met for r in engine.project_scopes(batch)]
        passing = [c for c, chance in zip(candidates, chances) if chance >= wanted]
        if not passing:
            return None
        if step == 1:
            return passing[0]
        low, step = passing[0] - step, step // 10
    return None


SCOPES = ["national", "ABADI", "ABUJAPI", "AKIDA", "AKTI", "APKLINDO", "APSyFI", "APTISI", "ASPEKTI", "ASPEPPI",
          "ASPPHAMI", "IFICA"]


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("lever, wanted", [("recruits", 0.5), ("recruits", 0.8), ("growth", 0.8)])
def test_solver_finds_what_a_brute_force_search_finds_on_every_sample_scope(planner_data, scope, lever, wanted):
    item = what_if_item(planner_data, scope)
    answer = goal_seek.seek(item, lever, wanted)
    expected = brute_force(item, lever, wanted)
    if expected is None:
        assert answer.outcome == goal_seek.UNREACHABLE and answer.steps is None
        assert answer.probability_target_met == engine_chance(item, lever, goal_seek.bound_steps(lever)) < wanted
        return
    assert abs(answer.steps - expected) <= 1
    assert answer.outcome == (goal_seek.ALREADY_MET if expected == 0 else goal_seek.SOLVED)
    # the answer reaches the chance in the engine, one step less does not
    assert engine_chance(item, lever, answer.steps) == answer.probability_target_met >= wanted
    if answer.steps:
        assert engine_chance(item, lever, answer.steps - 1) < wanted


def test_the_sample_data_has_every_kind_of_answer(planner_data):
    # so the parametrized test above covers solved, already met and unreachable alike
    outcomes = {goal_seek.seek(what_if_item(planner_data, scope), "growth", 0.8).outcome for scope in SCOPES}
    assert outcomes == {goal_seek.SOLVED, goal_seek.ALREADY_MET, goal_seek.UNREACHABLE}


def test_other_levers_stay_as_they_are_and_the_answer_is_stable(planner_data):
    start = engine.add_months(planner_data.last_month, 3)
    levers = engine.Levers(growth_adjust_pct=0.1, campaign_start=start, lapse_change_pct=-10)
    item = what_if_item(planner_data, "ABUJAPI", levers)
    first, again = goal_seek.seek(item, "recruits", 0.8), goal_seek.seek(item, "recruits", 0.8)
    assert first == again
    assert (first.levers.growth_adjust_pct, first.levers.campaign_start, first.levers.lapse_change_pct) == (
        0.1, start, -10)
    assert engine_chance(item, "recruits", first.steps) >= 0.8 > engine_chance(item, "recruits", first.steps - 1)
    # without the growth lift it takes more recruits
    plain = goal_seek.seek(what_if_item(planner_data, "ABUJAPI"), "recruits", 0.8)
    assert plain.steps > first.steps


class Counted:
    """Chance curves (one per row) that count how often they are asked."""

    def __init__(self, curve):
        self.curve, self.calls = curve, 0

    def __call__(self, steps):
        self.calls += 1
        return [self.curve(int(step)) for step in steps]


@pytest.mark.parametrize("curve, wanted, bound, expected", [
    (lambda s: min(1.0, s / 1000), 0.5, 10_000_000, (500, 0.5)),
    (lambda s: min(1.0, s / 1000), 0.5005, 10_000_000, (501, 0.501)),
    (lambda s: 0.9, 0.8, 100, (0, 0.9)),                      # already met: 0
    (lambda s: min(0.6, s / 100), 0.8, 100, (None, 0.6)),      # the bound falls short: the chance there
    (lambda s: 1.0 if s >= 100 else 0.0, 0.5, 100, (100, 1.0)),
])
def test_bisection_finds_the_smallest_step_in_few_trials(curve, wanted, bound, expected):
    counted = Counted(curve)
    steps, chances = goal_seek.smallest_reaching(counted, wanted, bound, rows=1)
    assert (steps[0], chances[0]) == expected
    assert counted.calls <= bound.bit_length() + 2          # a bisection, not a scan


def test_bisection_of_many_curves_at_once_answers_each_as_alone():
    curves = [lambda s: min(1.0, s / 1000), lambda s: 0.9, lambda s: min(0.4, s / 100), lambda s: min(1.0, s / 37)]
    rows = lambda steps: [curve(int(step)) for curve, step in zip(curves, steps)]  # noqa: E731
    together = goal_seek.smallest_reaching(rows, 0.5, 10_000, rows=len(curves))
    alone = [goal_seek.smallest_reaching(Counted(curve), 0.5, 10_000, rows=1) for curve in curves]
    assert together == ([a[0][0] for a in alone], [a[1][0] for a in alone]) == ([500, 0, None, 19],
                                                                                 [0.5, 0.9, 0.4, 19 / 37])


def test_all_scopes_at_once_give_each_scopes_own_answer(planner_data):
    items = [what_if_item(planner_data, scope) for scope in SCOPES]
    assert goal_seek.seek_all(items, "recruits", 0.8) == [goal_seek.seek(item, "recruits", 0.8) for item in items]


@pytest.mark.parametrize("lever, probability, message", [
    ("recruits", 0.0, "between 0 and 1"), ("recruits", 1.0, "between 0 and 1"), ("recruits", -0.2, "between 0"),
    ("staff", 0.5, "unknown lever"),
])
def test_seek_refuses_a_chance_outside_0_1_and_an_unknown_lever(planner_data, lever, probability, message):
    with pytest.raises(ValueError, match=message):
        goal_seek.seek(what_if_item(planner_data, "national"), lever, probability)


def test_no_target_and_a_target_month_not_ahead_are_answers_not_searches(planner_data):
    item = what_if_item(planner_data, "AKTI")
    assert goal_seek.seek(dataclasses.replace(item, target_participants=None), "recruits").outcome == "no_target"
    passed = dataclasses.replace(item, target_month=item.last_month)
    assert goal_seek.seek(passed, "recruits").outcome == goal_seek.TARGET_NOT_AHEAD


def test_what_it_takes_table_holds_each_scopes_answer_and_its_pace(planner_data):
    inputs = [what_if_item(planner_data, scope) for scope in SCOPES]
    results = engine.project_scopes(inputs)
    gap = scopes.gap_table(inputs, results)
    table = what_it_takes.requirements_table(inputs, gap, engine.DEFAULT_METHOD, engine.DEFAULT_WINDOW_MONTHS)
    assert list(table["scope"]) == SCOPES
    for item, row in zip(inputs, table.itertuples()):
        assert row.extra_recruits_50pct_per_month == goal_seek.seek(item, "recruits", 0.5).steps
        assert row.extra_recruits_80pct_per_month == goal_seek.seek(item, "recruits", 0.8).steps
        assert row.pace_per_month == pytest.approx(engine.current_pace(item.series))
    national = table.iloc[0]
    assert 0 < national["extra_recruits_50pct_per_month"] < national["extra_recruits_80pct_per_month"]
    shown = what_it_takes.requirements_display(table, {s: s for s in SCOPES}, i18n.translator("id"))
    row = shown.iloc[0]
    assert row["Rekrutmen tambahan/bln untuk peluang 50%"] == "+" + i18n.format_number(
        national["extra_recruits_50pct_per_month"], "id")
    assert row["Status"] == "Tertinggal"
    apklindo = shown[shown["Cakupan"] == "APKLINDO"].iloc[0]
    assert apklindo["Rekrutmen tambahan/bln untuk peluang 80%"] == "0 (sudah cukup)"


def test_answer_sentences_name_the_value_the_projection_and_the_month_reached(planner_data):
    t = i18n.translator("en")
    item = what_if_item(planner_data, "national")
    answer = goal_seek.seek(item, "recruits", 0.8)
    projection = goal_seek.solved_projection(item, answer)
    first, second = what_it_takes.answer_sentences(answer, item, projection, "National", t)
    assert f"+{i18n.format_number(answer.steps, 'en')} recruits/month from Nov 2023" in first
    assert "a chance of at least 80% of meeting the 70 million target in Dec 2026, it takes" in first
    assert i18n.format_compact(projection.projected_participants, "en") in second
    assert f"target reached: {i18n.format_month(projection.month_reached, 'en')}" in second
    unreachable = goal_seek.seek(what_if_item(planner_data, "ABADI"), "growth", 0.8)
    sentence, = what_it_takes.answer_sentences(unreachable, item, None, "ABADI", t)
    assert "growth +1.00 pp/month (the search bound)" in sentence and "only 13%" in sentence
