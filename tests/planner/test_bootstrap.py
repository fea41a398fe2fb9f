"""The bootstrap by counts of picked changes, and the target-month-only projection (a table of every scope), against
the straightforward computation and against the full fan they must equal."""
import datetime as dt

import numpy as np
import pytest

from cakupan.planner import bootstrap, engine

OCT_2023 = dt.date(2023, 10, 1)
DEC_2026 = dt.date(2026, 12, 1)
RATES = engine.LapseRates(overall=0.02, formal=0.01, informal=0.05)
# whole numbers, as participant counts are: rising, falling, flat, a jump, short (2 points), a single point, zigzag
SERIES = {
    "rising": [100, 112, 119, 135, 141, 160, 158, 171, 185, 190, 204, 215, 223, 240],
    "falling": [500, 490, 470, 475, 450, 430, 433, 410],
    "flat": [70] * 9,
    "jump": [100] * 12 + [160],
    "short": [300, 320],
    "single": [50],
    "zigzag": [40_200_000, 40_350_000, 40_100_000, 40_900_000, 40_700_000, 41_300_000, 41_250_000],
}


def straightforward_deviations(series, window, months, paths, seed):
    """Running sums of draws from the window's de-meaned changes, one gather per month and path (the contract's
    wording, as the engine computed it before counting picks)."""
    points = np.asarray(series, dtype=float)[-(min(window, len(series) - 1) + 1):]
    used = len(points) - 1
    if used == 0:
        return np.zeros((months, paths))
    changes = np.diff(points)
    uniform = bootstrap.uniform_draws(months, paths, seed)
    picks = np.minimum((uniform * used).astype(int), used - 1)
    return np.cumsum((changes - changes.mean())[picks], axis=0)


@pytest.mark.parametrize("name", SERIES)
@pytest.mark.parametrize("window", [1, 3, 12])
def test_deviations_match_the_straightforward_running_sums(name, window):
    values, used = engine.window_matrix([np.asarray(SERIES[name], dtype=float)], window)
    ours = bootstrap.deviations(values, used, 38, 500, 11)[0]
    expected = straightforward_deviations(SERIES[name], window, 38, 500, 11)
    assert ours == pytest.approx(expected, rel=1e-12, abs=1e-6)


def mixed_inputs(levers=engine.BASELINE):
    """Every series, with target months 1, 14 and 38 months ahead and one already past: rows of different windows
    and horizons in one call."""
    target_months = [engine.add_months(OCT_2023, months) for months in (1, 14, 38)] + [dt.date(2023, 6, 1)]
    return [engine.ScopeInput(f"{name}-{i}", OCT_2023, np.asarray(series, dtype=float), target_month,
                              float(series[-1]) * 1.2, levers, RATES, target_month)
            for name, series in SERIES.items() for i, target_month in enumerate(target_months)]


@pytest.mark.parametrize("window", [1, 3, 12, 36])
def test_deviations_at_the_horizon_are_exactly_those_of_every_month(window):
    inputs = mixed_inputs()
    values, used = engine.window_matrix([item.series for item in inputs], window)
    horizons = np.array([engine.months_between(item.last_month, item.target_month) for item in inputs])
    every_month = bootstrap.deviations(values, used, int(horizons.max()), 2000, engine.BOOTSTRAP_SEED)
    at_horizon = bootstrap.deviations_at(values, used, horizons, 2000, engine.BOOTSTRAP_SEED)
    for row, horizon in enumerate(horizons):
        if horizon > 0:
            assert np.array_equal(at_horizon[row], every_month[row, horizon - 1]), inputs[row].scope
        else:
            assert not at_horizon[row].any()


FIELDS_AT_TARGET = ("scope", "method", "window_months", "last_month", "active_participants", "target_month",
                    "target_participants", "months_to_target", "projected_participants", "projected_shortfall",
                    "pace_per_month", "required_pace_per_month", "status", "band_participants",
                    "probability_target_met", "month_reached")


@pytest.mark.parametrize("method", engine.METHODS)
@pytest.mark.parametrize("window", [3, 12, 36])
@pytest.mark.parametrize("levers", [engine.BASELINE, engine.Levers(growth_adjust_pct=0.25, extra_recruits_per_month=30,
                                                                   campaign_start=dt.date(2024, 3, 1),
                                                                   conversion_per_month=10, lapse_change_pct=-20)],
                         ids=["baseline", "levers"])
def test_the_table_projection_equals_the_fan_at_the_target_month(method, window, levers):
    inputs = mixed_inputs(levers)
    with_fan = engine.project_scopes(inputs, method, window)
    table_only = engine.project_scopes(inputs, method, window, fan=False)
    for full, reduced in zip(with_fan, table_only):
        assert {f: getattr(reduced, f) for f in FIELDS_AT_TARGET} == {f: getattr(full, f) for f in FIELDS_AT_TARGET}
        assert reduced.path_months == () and reduced.path_bands.shape == (len(engine.BAND_QUANTILES), 0)
    # the fan's last month is the table's number (a scope whose target is ahead)
    rising = next(result for result in with_fan if result.scope == "rising-2")
    assert rising.path_bands[:, -1].tolist() == list(rising.band_participants.values())
    assert len(rising.path_months) == 38


def test_the_table_projection_of_one_scope_equals_its_own_fan_computed_alone():
    """The target-gap page: the table over every scope, the fan for the scope on screen computed by itself."""
    inputs = mixed_inputs()
    table = engine.project_scopes(inputs, fan=False)
    for item, row in zip(inputs, table):
        alone, = engine.project_scopes([item])
        assert {f: getattr(alone, f) for f in FIELDS_AT_TARGET} == {f: getattr(row, f) for f in FIELDS_AT_TARGET}


def test_fractional_series_agree_to_rounding():
    """Counts make sums of whole numbers exact; other numbers agree to the last digits."""
    item = engine.ScopeInput("x", OCT_2023, np.array([100.5, 101.25, 103.125, 102.0, 104.75]), DEC_2026, 120.0)
    full, = engine.project_scopes([item])
    reduced, = engine.project_scopes([item], fan=False)
    assert reduced.band_participants == pytest.approx(full.band_participants, rel=1e-12)
    assert reduced.projected_participants == full.projected_participants


def test_a_draw_that_rounds_up_picks_the_last_change():
    draws = np.array([[0.0, 0.5, np.nextafter(1.0, 0.0)]])
    assert picked_indices(bootstrap.picked(draws, 12)) == [0, 6, 11]


def picked_indices(picks: np.ndarray) -> list[int]:
    return [int(np.flatnonzero(picks[0, :, path])[0]) for path in range(picks.shape[2])]
