"""Pace, required pace and status, against hand-worked numbers."""
import datetime as dt
import math

import numpy as np
import pytest

from cakupan.planner import engine


@pytest.mark.parametrize("start, end, expected", [
    (dt.date(2023, 10, 1), dt.date(2026, 12, 31), 38),
    (dt.date(2023, 10, 1), dt.date(2023, 10, 31), 0),
    (dt.date(2022, 12, 1), dt.date(2023, 1, 1), 1),
])
def test_months_between(start, end, expected):
    assert engine.months_between(start, end) == expected


@pytest.mark.parametrize("series, window, expected", [
    ([100, 110, 120, 130], 3, 10.0),
    ([100, 110, 120, 130], 2, 10.0),
    ([100, 130], 12, 30.0),          # shorter than the window: uses what there is
    ([100], 12, 0.0),
    ([130, 120, 100], 2, -15.0),     # falling
    ([50, 50, 50], 2, 0.0),          # flat
])
def test_current_pace(series, window, expected):
    assert engine.current_pace(np.array(series), window) == expected


@pytest.mark.parametrize("active, target, months, expected", [
    (40_200_000, 70_000_000, 38, 29_800_000 / 38),
    (80, 70, 10, 0.0),               # already met
    (50, 70, 0, math.inf),           # no months left
])
def test_required_pace(active, target, months, expected):
    assert engine.required_pace(active, target, months) == expected


@pytest.mark.parametrize("projected, p90, target, expected", [
    (100, 120, 100, "on_track"),     # the projection reaches the target
    (99, 100, 100, "at_risk"),       # below it, but the target is inside the 80% band
    (80, 99, 100, "off_track"),      # even p90 falls short
    (120, 90, 100, "on_track"),      # the projection decides first
])
def test_target_status_is_the_one_rule(projected, p90, target, expected):
    assert engine.target_status(projected, p90, target) == expected


# --- projection engine: trend and growth against independent computations -------------------------------------

RISING = [100.0, 112.0, 119.0, 135.0, 141.0, 160.0, 158.0, 171.0, 185.0, 190.0, 204.0, 215.0, 223.0, 240.0]
FALLING = [500.0, 490.0, 470.0, 475.0, 450.0, 430.0, 433.0, 410.0]
FLAT = [70.0] * 9


def polyfit_slope(series, window):
    """Slope of the OLS line through the last window+1 points, with numpy.polyfit."""
    points = np.asarray(series[-(window + 1):], dtype=float)
    return np.polyfit(np.arange(len(points)), points, 1)[0] if len(points) > 1 else 0.0


def reference_v2(series, method, window, months, target, paths=engine.BOOTSTRAP_PATHS,
                 seed=engine.BOOTSTRAP_SEED):
    """The data contract's version 2, written out plainly for one series: the projection 1 … months ahead, anchored
    at the last value; 2,000 paths = projection + running sums of draws from the window's de-meaned changes (the
    same uniform table as the engine: month-major, `seed`); p10, p90 and the share of paths ≥ target at the end."""
    points = np.asarray(series, dtype=float)[-(min(window, len(series) - 1) + 1):]
    used = len(points) - 1
    k = np.arange(1, months + 1)
    if method == "trend":
        central = points[-1] + polyfit_slope(series, used) * k
    else:
        rate = (points[-1] / points[0]) ** (1 / used) - 1 if used else 0.0
        central = points[-1] * (1 + rate) ** k
    changes = np.diff(points)
    demeaned = changes - changes.mean() if used else np.zeros(1)
    uniform = np.random.default_rng(seed).random((months, paths))
    draws = demeaned[(uniform * max(used, 1)).astype(int)] if used else np.zeros((months, paths))
    simulated = central[:, None] + np.cumsum(draws, axis=0)
    p10, p90 = np.quantile(simulated, [0.10, 0.90], axis=1)
    return central, p10, p90, float(np.mean(simulated[-1] >= target))


JUMP = [100.0] * 12 + [160.0]       # flat for a year, then a jump in the last month


def one(series, method="trend", window=12, months=38, target=None):
    """One series projected `months` ahead by the engine."""
    item = engine.ScopeInput("x", dt.date(2023, 10, 1), np.asarray(series, dtype=float),
                                 engine.add_months(dt.date(2023, 10, 1), months), target)
    return engine.project_scopes([item], method, window)[0]


@pytest.mark.parametrize("series", [RISING, FALLING, FLAT, JUMP], ids=["growing", "shrinking", "flat", "jump"])
@pytest.mark.parametrize("method", engine.METHODS)
@pytest.mark.parametrize("window", [1, 3, 6, 12])
def test_engine_matches_an_independent_computation_of_version_2(series, method, window):
    target = series[-1] * 1.3
    central, p10, p90, chance = reference_v2(series, method, window, 38, target)
    result = one(series, method, window, 38, target)
    assert result.path_central == pytest.approx(central, rel=1e-9)
    assert result.path_bands[1] == pytest.approx(p10, rel=1e-9, abs=1e-6)
    assert result.path_bands[3] == pytest.approx(p90, rel=1e-9, abs=1e-6)
    assert result.probability_target_met == chance
    assert result.status == engine.target_status(central[-1], p90[-1], target)


@pytest.mark.parametrize("series", [RISING, FALLING], ids=["rising", "falling"])
@pytest.mark.parametrize("window", [1, 3, 6, 12])
@pytest.mark.parametrize("months_ahead", [1, 6, 38])
def test_trend_is_anchored_at_the_last_value_with_the_polyfit_slope(series, window, months_ahead):
    expected = series[-1] + polyfit_slope(series, min(window, len(series) - 1)) * months_ahead
    assert one(series, "trend", window, months_ahead).projected_participants == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("series", [RISING, FALLING], ids=["rising", "falling"])
@pytest.mark.parametrize("window", [1, 3, 6, 12])
@pytest.mark.parametrize("months_ahead", [1, 6, 38])
def test_growth_matches_the_compound_formula(series, window, months_ahead):
    used = min(window, len(series) - 1)
    rate = (series[-1] / series[-1 - used]) ** (1 / used) - 1
    assert one(series, "growth", window, months_ahead).projected_participants == pytest.approx(
        series[-1] * (1 + rate) ** months_ahead)


def test_hand_worked_example():
    # window 3 of [.., 120, 130, 150, 160]: x = −3..0, mean x −1.5, mean y 140;
    # slope = (1.5·20 + 0.5·10 + 0.5·10 + 1.5·20) / (2.25 + 0.25 + 0.25 + 2.25) = 70 / 5 = 14;
    # anchored at the last value: in 4 months 160 + 4 · 14 = 216.
    # growth: (160/120)^(1/3) − 1, in 4 months 160 · (4/3)^(4/3) = 234.84…
    series = [100, 110, 120, 130, 150, 160]
    assert one(series, "trend", 3, 4).projected_participants == pytest.approx(216.0)
    assert one(series, "growth", 3, 4).projected_participants == pytest.approx(160 * (4 / 3) ** (4 / 3))
    assert engine.current_pace(np.array(series), 3) == pytest.approx(40 / 3)


@pytest.mark.parametrize("method", engine.METHODS)
def test_series_shorter_than_the_window_uses_all_points(method):
    short = [100.0, 130.0, 150.0]
    assert one(short, method, 12, 5).projected_participants == pytest.approx(
        one(short, method, 2, 5).projected_participants)
    lonely = one([100.0], method, 12, 5)          # one point: nothing to extrapolate, no band
    assert lonely.projected_participants == lonely.p10 == lonely.p90 == 100.0


@pytest.mark.parametrize("method", engine.METHODS)
def test_flat_series_stays_flat(method):
    assert one(FLAT, method, 6, 38).projected_participants == pytest.approx(70.0)


def test_growth_from_zero_has_no_projection():
    assert math.isnan(one([0.0, 10.0, 20.0], "growth", 2, 3).projected_participants)


def test_window_matrix_pads_short_series_on_the_left():
    values, used = engine.window_matrix([np.array([1, 2, 3, 4]), np.array([5, 6])], 2)
    assert used.tolist() == [2, 1]
    assert np.array_equal(values, np.array([[2, 3, 4], [np.nan, 5, 6]]), equal_nan=True)


# --- scopes: gap, pace, probability, month reached ---------------------------------------------------------------

OCT_2023 = dt.date(2023, 10, 1)
DEC_2026 = dt.date(2026, 12, 1)


def scope(series, target, target_month=DEC_2026, **kwargs):
    return engine.ScopeInput("x", OCT_2023, np.array(series, dtype=float), target_month, target, **kwargs)


def test_scope_projection_follows_the_contract():
    result, = engine.project_scopes([scope(RISING, 1000.0)], method="trend", window=12)
    assert result.months_to_target == 38
    assert result.projected_participants == pytest.approx(240 + polyfit_slope(RISING, 12) * 38)
    assert result.projected_shortfall == pytest.approx(1000.0 - result.projected_participants)
    assert result.pace_per_month == pytest.approx((240 - 112) / 12)
    assert result.required_pace_per_month == pytest.approx((1000 - 240) / 38)
    assert result.status == "off_track" and result.window_months == 12   # p90 far below 1,000
    assert result.p90 < 1000.0
    assert len(result.path_months) == 38 and result.path_months[-1] == DEC_2026
    assert result.path_central[-1] == pytest.approx(result.projected_participants)
    assert result.p10 <= result.band_participants[0.5] <= result.p90


def test_month_reached_is_the_first_projected_month_at_the_target():
    # trend of a straight line +10 a month from 240: 300 is reached 6 months after Oct 2023
    series = [240.0 - 10 * k for k in range(12, -1, -1)]
    result, = engine.project_scopes([scope(series, 300.0)])
    assert result.month_reached == dt.date(2024, 4, 1)
    far, = engine.project_scopes([scope(series, 10_000.0)])
    assert far.month_reached is None                   # not before the horizon


def test_target_already_met():
    result, = engine.project_scopes([scope(RISING, 200.0)])
    assert result.month_reached == OCT_2023
    assert result.required_pace_per_month == 0.0 and result.status == "on_track"
    assert result.probability_target_met == 1.0 and result.projected_shortfall < 0


def test_scope_without_a_target_still_projects():
    result, = engine.project_scopes([scope(RISING, None)])
    assert result.projected_participants == pytest.approx(240 + polyfit_slope(RISING, 12) * 38)
    assert (result.projected_shortfall, result.required_pace_per_month, result.status,
            result.probability_target_met, result.month_reached) == (None, None, None, None, None)


def test_falling_series_is_off_track_with_no_chance():
    result, = engine.project_scopes([scope(FALLING, 600.0)], method="growth", window=6)
    assert result.pace_per_month < 0 and result.status == "off_track"
    assert result.probability_target_met == 0.0 and result.month_reached is None


def test_flat_series_has_a_band_of_zero_width():
    result, = engine.project_scopes([scope(FLAT, 100.0)])
    assert result.p10 == result.p90 == 70.0 and result.probability_target_met == 0.0


# --- bootstrap ---------------------------------------------------------------------------------------------------

def test_bootstrap_is_reproducible_and_seed_dependent():
    values, used = engine.window_matrix([np.array(RISING)], 12)
    first = engine.bootstrap_deviations(values, used, 24, paths=1000, seed=7)
    again = engine.bootstrap_deviations(values, used, 24, paths=1000, seed=7)
    other = engine.bootstrap_deviations(values, used, 24, paths=1000, seed=8)
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    assert first.shape == (1, 24, 1000)


def test_bootstrap_steps_are_the_windows_demeaned_changes():
    values, used = engine.window_matrix([np.array(RISING)], 4)
    deviations = engine.bootstrap_deviations(values, used, 1, paths=2000)
    changes = np.diff(RISING[-5:])
    assert np.allclose(sorted(np.unique(deviations[0, 0])), sorted(set(changes - changes.mean())))


def test_band_is_centred_on_the_projection():
    result = one(RISING, "trend", 12, 38)
    assert np.all(result.path_bands[1] <= result.path_central) and np.all(result.path_central <= result.path_bands[3])
    assert result.band_participants[0.5] == pytest.approx(result.projected_participants, rel=0.02)


def test_bootstrap_bands_widen_with_the_horizon():
    result, = engine.project_scopes([scope(RISING, 1000.0)])
    width_80 = result.path_bands[3] - result.path_bands[1]
    width_95 = result.path_bands[4] - result.path_bands[0]
    assert np.all(np.diff(width_80[::6]) > 0) and np.all(width_95 >= width_80)


def test_a_scope_does_not_depend_on_the_scopes_projected_with_it():
    alone, = engine.project_scopes([scope(RISING, 1000.0)])
    together = engine.project_scopes([scope(FALLING, 600.0), scope(RISING, 1000.0)])
    assert alone.band_participants == together[1].band_participants


def test_probability_is_the_share_of_paths_at_or_above_the_target():
    result, = engine.project_scopes([scope(RISING, 1000.0)])
    median = result.band_participants[0.5]
    at_median, = engine.project_scopes([scope(RISING, median)])
    assert 0.45 <= at_median.probability_target_met <= 0.55
    assert result.probability_target_met < at_median.probability_target_met


# --- levers ------------------------------------------------------------------------------------------------------

def test_baseline_levers_change_nothing():
    multiplier, addition = engine.lever_effects([engine.BASELINE], [engine.LapseRates(0.02, 0.01, 0.05)],
                                                    [OCT_2023], 12)
    assert np.all(multiplier == 1.0) and np.all(addition == 0.0)


def test_growth_adjustment_compounds():
    levers = engine.Levers(growth_adjust_pct=1.0)
    multiplier, _ = engine.lever_effects([levers], [engine.NO_LAPSE_DATA], [OCT_2023], 3)
    assert multiplier[0] == pytest.approx([1.01, 1.01 ** 2, 1.01 ** 3])


def test_campaign_recruits_start_in_their_month_and_lapse():
    levers = engine.Levers(extra_recruits_per_month=100, campaign_start=dt.date(2024, 1, 1))
    _, addition = engine.lever_effects([levers], [engine.LapseRates(overall=0.1)], [OCT_2023], 5)
    # Nov, Dec: nothing; Jan: 100; Feb: 100 + 90; Mar: 100 + 90 + 81
    assert addition[0] == pytest.approx([0, 0, 100, 190, 271])


def test_lapse_change_and_conversion():
    rates = engine.LapseRates(overall=0.02, formal=0.01, informal=0.05)
    fewer_lapses = engine.Levers(lapse_change_pct=-50)
    multiplier, _ = engine.lever_effects([fewer_lapses], [rates], [OCT_2023], 2)
    assert multiplier[0] == pytest.approx([1.01, 1.01 ** 2])
    converting = engine.Levers(conversion_per_month=1000)
    _, addition = engine.lever_effects([converting], [rates], [OCT_2023], 3)
    # converted stock 1000, 2000 … each avoids 0.04 lapses a month: 0, 40, 40 + 80
    assert addition[0] == pytest.approx([0, 40, 120])


def test_levers_move_the_projection_and_the_probability():
    base, more = engine.project_scopes([
        scope(RISING, 1000.0), scope(RISING, 1000.0, levers=engine.Levers(extra_recruits_per_month=20))])
    assert more.projected_participants == pytest.approx(base.projected_participants + 20 * 38)
    assert more.p10 == pytest.approx(base.p10 + 20 * 38)
    assert more.probability_target_met >= base.probability_target_met


def test_unknown_method_and_bad_window_are_refused():
    with pytest.raises(ValueError, match="unknown projection method"):
        engine.project_scopes([scope(RISING, 1.0)], method="magic")
    with pytest.raises(ValueError, match="window"):
        engine.project_scopes([scope(RISING, 1.0)], window=0)


def test_sorted_quantiles_match_numpy_quantile():
    simulated = np.random.default_rng(3).normal(size=(3, 5, 1001))
    expected = np.quantile(simulated, engine.BAND_QUANTILES, axis=2)
    assert np.allclose(engine.sorted_quantiles(simulated.copy()), expected)
