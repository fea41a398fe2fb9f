"""Pure functions on monthly participant series: pace, required pace, the projection engine and the status rule.

Definitions follow the data contract's "Projection methods — version 2": with `P` the monthly series, `t` its
last month and `W` the window, current pace = (P_t − P_{t−W}) / W, required pace = (target − P_t) / h (h whole
months from t to the target month); the projection starts at P_t (`trend`: P_t + b·k with b the least-squares
slope of the window; `growth`: P_t·(1+g)^k); its band is the projection plus running sums of bootstrapped,
de-meaned window changes, and the chance of meeting the target comes from the same paths.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np

from cakupan.planner import bootstrap
from cakupan.planner.bootstrap import BAND_QUANTILES, sorted_quantiles  # noqa: F401  (engine.* for callers)

DEFAULT_WINDOW_MONTHS = 12

# The one status rule (data contract, version 2): every page, slide, deck and the CLI call `target_status`.
STATUSES = ("on_track", "at_risk", "off_track")


def target_status(projected: float, p90: float, target: float) -> str:
    """`on_track` when the projection at the target month reaches the target; `at_risk` when it does not but the
    target is inside the 80% band (p90 ≥ target); `off_track` when even p90 falls short."""
    if projected >= target:
        return "on_track"
    if p90 >= target:
        return "at_risk"
    return "off_track"


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start`'s month to `end`'s month (Oct 2023 → Dec 2026 is 38)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def effective_window(series_length: int, window: int) -> int:
    """The window actually used: `window`, or fewer months when the series is shorter."""
    return max(0, min(window, series_length - 1))


def current_pace(series: np.ndarray, window: int = DEFAULT_WINDOW_MONTHS) -> float:
    """Average monthly net change over the last `window` months, in people per month."""
    used = effective_window(len(series), window)
    if used == 0:
        return 0.0
    return float(series[-1] - series[-1 - used]) / used


def required_pace(active_now: float, target: float, months_left: int) -> float:
    """People per month needed from now to reach `target` in `months_left` months (0 once it is met)."""
    if active_now >= target:
        return 0.0
    if months_left <= 0:
        return math.inf
    return (target - active_now) / months_left


# ---------------------------------------------------------------------------------------------------------------
# Projection engine: `trend` and `growth` over a window, bootstrap bands, levers. Every function works on many
# scopes at once (rows of a matrix), so all scopes recompute together in a few milliseconds.
# ---------------------------------------------------------------------------------------------------------------

METHODS = ("trend", "growth")
DEFAULT_METHOD = "trend"
# "No change": the projection is P_t. Not offered as a method; the accuracy scorecard measures the methods
# against it, so a reader sees whether a method earns its keep.
NAIVE_METHOD = "naive"
BOOTSTRAP_PATHS = 2000
BOOTSTRAP_SEED = 20231031
BOOTSTRAP_BLOCK_ROWS = 64   # scopes simulated at once (memory: rows × months × paths × 8 bytes)
# How far past the target month the projection looks for the month the target is reached.
MONTHS_PAST_TARGET = 36


@dataclasses.dataclass(frozen=True)
class Levers:
    """What-if levers acting on a scope's projection; all zero is the baseline.

    growth_adjust_pct: percentage points added to the monthly growth rate (0.1 = 0.1% more each month).
    extra_recruits_per_month: people recruited each month from `campaign_start` (a PKS campaign); they lapse
        at the scope's lapse rate like everyone else.
    conversion_per_month: informal participants who become formal each month; they then lapse at the formal
        rate instead of the informal one, so they add the difference in lapses to the total.
    lapse_change_pct: relative change of the scope's monthly lapse rate (−20 = a fifth fewer lapses).
    """

    growth_adjust_pct: float = 0.0
    extra_recruits_per_month: float = 0.0
    campaign_start: dt.date | None = None
    conversion_per_month: float = 0.0
    lapse_change_pct: float = 0.0


@dataclasses.dataclass(frozen=True)
class LapseRates:
    """Monthly lapse rates of a scope (lapsed ÷ active): all participants, formal and informal sectors."""

    overall: float = 0.0
    formal: float = 0.0
    informal: float = 0.0


BASELINE = Levers()
# How far the what-if page lets the levers go (percentage points a month; percent of the lapse rate)
GROWTH_ADJUST_LIMITS = (-1.0, 1.0)
LAPSE_CHANGE_LIMITS = (-50, 50)
NO_LAPSE_DATA = LapseRates()


def window_matrix(series_list: list[np.ndarray], window: int) -> tuple[np.ndarray, np.ndarray]:
    """Each series' window as a row of a matrix, NaN-padded on the left, and each row's window used.

    Row s holds P_{t−W'} … P_t in its last W'+1 columns, where W' = min(window, len − 1).
    """
    used = np.array([effective_window(len(series), window) for series in series_list], dtype=np.int64)
    values = np.full((len(series_list), window + 1), np.nan)
    for row, (series, months) in enumerate(zip(series_list, used)):
        values[row, window - months:] = np.asarray(series, dtype=np.float64)[len(series) - 1 - months:]
    return values, used


def trend_slopes(values: np.ndarray) -> np.ndarray:
    """Slope of the ordinary least squares line through each row's window points (0 for a one-point window).

    `values`: window_matrix rows, NaN-padded on the left.
    """
    width = values.shape[1]
    x = np.arange(-(width - 1), 1, dtype=np.float64)
    present = ~np.isnan(values)
    y = np.where(present, values, 0.0)
    xs = np.where(present, x, 0.0)
    n = present.sum(axis=1)
    sum_x, sum_y = xs.sum(axis=1), y.sum(axis=1)
    sum_xx, sum_xy = (xs * xs).sum(axis=1), (xs * y).sum(axis=1)
    spread = n * sum_xx - sum_x * sum_x
    return np.divide(n * sum_xy - sum_x * sum_y, spread, out=np.zeros(len(values)), where=spread > 0)


def trend_paths(values: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """P_t + b·k for each row and each k in `steps`: the window's least-squares slope, anchored at the last value."""
    return values[:, -1:] + trend_slopes(values)[:, None] * np.asarray(steps, dtype=np.float64)[None, :]


def growth_rates(values: np.ndarray, used: np.ndarray) -> np.ndarray:
    """Compound monthly growth over each row's window: (P_t / P_{t−W'})^(1/W') − 1.

    0 for a one-point window; NaN (no projection) when P_{t−W'} is 0, where a growth rate has no meaning.
    """
    last = values[:, -1]
    first = values[np.arange(len(values)), values.shape[1] - 1 - used]
    rates = np.where(used == 0, 0.0, np.nan)
    computable = (used > 0) & (first > 0)
    rates[computable] = np.power(last[computable] / first[computable], 1.0 / used[computable]) - 1.0
    return rates


def growth_paths(values: np.ndarray, used: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """P_t · (1 + g)^k for each row and each k in `steps`."""
    rates = growth_rates(values, used)
    return values[:, -1:] * np.power(1.0 + rates[:, None], np.asarray(steps, dtype=np.float64)[None, :])


def central_paths(method: str, values: np.ndarray, used: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """The projection of each row `steps` months ahead, by `trend` or `growth`."""
    if method == "trend":
        return trend_paths(values, steps)
    if method == "growth":
        return growth_paths(values, used, steps)
    if method == NAIVE_METHOD:
        return np.repeat(values[:, -1:], len(steps), axis=1)
    raise ValueError(f"unknown projection method {method!r}; expected one of {METHODS + (NAIVE_METHOD,)}")


def bootstrap_deviations(values: np.ndarray, used: np.ndarray, months: int, paths: int = BOOTSTRAP_PATHS,
                         seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """Simulated deviations from the projection 1 … `months` months after P_t: the running sum of monthly draws,
    with replacement, from the window's W' de-meaned changes c_i − c̄. Shape (rows, months, paths).

    De-meaned, the draws carry the window's ups and downs but not its average change, which the projection
    already holds: the band is centred on the projection instead of on a second model. A row's paths do not depend
    on which other rows are computed with it, and the first k months do not depend on `months` (see `bootstrap`).
    """
    return bootstrap.deviations(values, used, months, paths, seed)


def lever_effects(levers: list[Levers], rates: list[LapseRates], last_months: list[dt.date],
                  months: int) -> tuple[np.ndarray, np.ndarray]:
    """How levers change each row's level k = 1 … `months` months ahead: level · multiplier + addition.

    multiplier = ((1 + growth adjustment) · (1 − lapse change · lapse rate))^k;
    addition = campaign recruits still active (they lapse at the changed lapse rate)
             + lapses avoided by converted participants (informal − formal lapse rate, per converted person-month).
    """
    steps = np.arange(1, months + 1, dtype=np.float64)
    growth = np.array([lever.growth_adjust_pct / 100 for lever in levers])
    lapse_change = np.array([lever.lapse_change_pct / 100 for lever in levers])
    overall = np.array([rate.overall for rate in rates])
    monthly_factor = (1 + growth) * (1 - lapse_change * overall)
    multiplier = np.power(monthly_factor[:, None], steps[None, :])
    retention = np.clip(1 - overall * (1 + lapse_change), 0.0, 1.0)
    starts = np.array([max(1, months_between(last, lever.campaign_start)) if lever.campaign_start else 1
                       for lever, last in zip(levers, last_months)], dtype=np.float64)
    campaign_months = np.clip(steps[None, :] - starts[:, None] + 1, 0, None)
    recruits = np.array([lever.extra_recruits_per_month for lever in levers])
    # Recruits of n campaign months still active: 1 + r + … + r^(n−1) per monthly intake, r the retention.
    kept = np.divide(1 - np.power(retention[:, None], campaign_months), 1 - retention[:, None],
                     out=campaign_months.copy(), where=retention[:, None] < 1)
    conversions = np.array([lever.conversion_per_month for lever in levers])
    lapse_gap = np.array([max(0.0, rate.informal - rate.formal) for rate in rates])
    converted_retained = (conversions * lapse_gap)[:, None] * steps[None, :] * (steps[None, :] - 1) / 2
    return multiplier, recruits[:, None] * kept + converted_retained


def add_months(month: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `month`'s month."""
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclasses.dataclass(frozen=True)
class ScopeInput:
    """One scope to project: its monthly series (oldest first, ending at `last_month`) and its target."""

    scope: str
    last_month: dt.date
    series: np.ndarray
    target_month: dt.date
    target_participants: float | None
    levers: Levers = BASELINE
    lapse_rates: LapseRates = NO_LAPSE_DATA
    target_date: dt.date | None = None      # the date as chosen or as the target states it (target_month is its month)
    # participants added on top of the projection 1, 2, … months after last_month (an association plan's campaigns
    # on the national series); past its end the last value holds
    added_participants: np.ndarray | None = None


@dataclasses.dataclass(frozen=True)
class ScopeProjection:
    """A scope's projection at its target month, and the monthly paths behind it (for fan charts)."""

    scope: str
    method: str
    window_months: int
    last_month: dt.date
    active_participants: int
    target_month: dt.date
    target_participants: float | None
    months_to_target: int
    projected_participants: float
    projected_shortfall: float | None          # target − projection at the target month (negative: above it)
    pace_per_month: float
    required_pace_per_month: float | None
    status: str | None
    band_participants: dict[float, float]      # quantile → participants at the target month
    probability_target_met: float | None
    month_reached: dt.date | None              # first month the projection is at or above the target
    path_months: tuple[dt.date, ...]           # last_month + 1 … target month
    path_central: np.ndarray                   # the projection in each of those months
    path_bands: np.ndarray                     # (len(BAND_QUANTILES), months): the bootstrap quantiles

    @property
    def p10(self) -> float:
        return self.band_participants[0.10]

    @property
    def p90(self) -> float:
        return self.band_participants[0.90]


def project_scopes(inputs: list[ScopeInput], method: str = DEFAULT_METHOD, window: int = DEFAULT_WINDOW_MONTHS,
                   paths: int = BOOTSTRAP_PATHS, seed: int = BOOTSTRAP_SEED, fan: bool = True) -> list[ScopeProjection]:
    """Project every scope at once: the projection by `method`, its bootstrap band, levers, pace and shortfall.

    Every simulated path is the baseline projection plus bootstrapped deviations, then the levers act on it
    (level · multiplier + addition), so the projection, its band and the chance of meeting the target all come
    from one model. `fan=False` simulates the target month only (a table of every scope): the same numbers at the
    target month, without the monthly paths (`path_*` empty) a fan chart draws.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1 month, got {window}")
    values, used = window_matrix([item.series for item in inputs], window)
    horizons = np.array([months_between(item.last_month, item.target_month) for item in inputs], dtype=np.int64)
    band_months = max(1, int(horizons.max(initial=1)))
    look_months = band_months + MONTHS_PAST_TARGET
    multiplier, addition = lever_effects([item.levers for item in inputs], [item.lapse_rates for item in inputs],
                                         [item.last_month for item in inputs], look_months)
    addition += added_matrix([item.added_participants for item in inputs], look_months)
    baseline = central_paths(method, values, used, np.arange(1, look_months + 1))
    central = baseline * multiplier + addition
    if not fan:
        rows, at = np.arange(len(inputs)), np.clip(horizons - 1, 0, None)
        simulated = bootstrap.deviations_at(values, used, horizons, paths, seed)      # (rows, paths)
        simulated += baseline[rows, at, None]
        simulated *= multiplier[rows, at, None]
        simulated += addition[rows, at, None]
        # the chance reads the paths in any order, so it is counted on the bands' partly sorted paths
        bands = sorted_quantiles(simulated)
        return _projections(inputs, method, used, central, simulated, horizons, bands)
    results = []
    # the bootstrap in blocks of scopes: rows × months × paths floats would take gigabytes for a thousand
    # scopes at once; a row's paths do not depend on the other rows, so the numbers are the same
    for first in range(0, len(inputs), BOOTSTRAP_BLOCK_ROWS):
        block = slice(first, first + BOOTSTRAP_BLOCK_ROWS)
        simulated = bootstrap_deviations(values[block], used[block], band_months, paths, seed)
        simulated += baseline[block, :band_months, None]
        simulated *= multiplier[block, :band_months, None]
        simulated += addition[block, :band_months, None]
        at_target = _levels_at_target(simulated, horizons[block])
        bands = sorted_quantiles(simulated)                                     # (quantiles, rows, months)
        on_target = bands[:, np.arange(bands.shape[1]), np.clip(horizons[block] - 1, 0, None)]
        results += _projections(inputs[block], method, used[block], central[block], at_target, horizons[block],
                                on_target, bands)
    return results


def added_matrix(added: list[np.ndarray | None], months: int) -> np.ndarray:
    """Each row's added participants over 1 … `months` months (zeros for None; the last value held past its end)."""
    matrix = np.zeros((len(added), months))
    for row, values in enumerate(added):
        if values is not None and len(values):
            matrix[row] = np.asarray(values, dtype=np.float64)[np.minimum(np.arange(months), len(values) - 1)]
    return matrix


def _levels_at_target(simulated: np.ndarray, horizons: np.ndarray) -> np.ndarray:
    """Each row's simulated levels at its own target month (rows, paths).

    Taken before `sorted_quantiles` reorders the paths in place.
    """
    rows = np.arange(simulated.shape[0])
    return simulated[rows, np.clip(horizons - 1, 0, simulated.shape[1] - 1), :].copy()


def _projections(inputs: list[ScopeInput], method: str, used: np.ndarray, central: np.ndarray,
                 levels_at_target: np.ndarray, horizons: np.ndarray, bands_at_target: np.ndarray,
                 path_bands: np.ndarray | None = None) -> list[ScopeProjection]:
    """ScopeProjections from the simulation: `levels_at_target` (rows, paths), `bands_at_target` (quantiles, rows),
    and with `path_bands` (quantiles, rows, months) the monthly paths for fan charts. Per-scope numbers are taken
    for all rows at once: a table of a thousand scopes spends no time in a Python loop of numpy calls."""
    rows = np.arange(len(inputs))
    targets = np.array([np.nan if item.target_participants is None else item.target_participants for item in inputs])
    active_now = np.array([float(item.series[-1]) for item in inputs])
    with np.errstate(invalid="ignore"):
        chances = np.mean(levels_at_target >= targets[:, None], axis=1)
        # the first projected month at or above the target, up to MONTHS_PAST_TARGET after the scope's own target
        # month, whatever else is projected with it
        above = (central >= targets[:, None]) & (np.arange(central.shape[1])[None, :]
                                                < np.maximum(horizons, 0)[:, None] + MONTHS_PAST_TARGET)
    first_above = np.where(above.any(axis=1), above.argmax(axis=1) + 1, 0)
    ahead = horizons > 0
    projected = np.where(ahead, central[rows, np.clip(horizons - 1, 0, None)], active_now)
    bands = np.where(ahead[None, :], bands_at_target, active_now[None, :]).T.tolist()
    window_start = np.array([float(item.series[len(item.series) - 1 - months])          # P_{t−W'}
                             for item, months in zip(inputs, used.tolist())])
    paces = np.divide(active_now - window_start, used, out=np.zeros(len(inputs)), where=used > 0)
    no_paths = np.empty((len(BAND_QUANTILES), 0))
    return [_scope_projection(item, method, int(used[row]), int(horizons[row]), float(projected[row]), bands[row],
                              float(paces[row]), float(chances[row]), int(first_above[row]),
                              (central[row], path_bands[:, row, :]) if path_bands is not None else (central[row][:0],
                                                                                                    no_paths))
            for row, item in enumerate(inputs)]


def _scope_projection(item: ScopeInput, method: str, used: int, months: int, projected: float, band_values: list,
                      pace: float, chance: float, first_above: int, paths: tuple[np.ndarray, np.ndarray]
                      ) -> ScopeProjection:
    active_now = float(item.series[-1])
    band = dict(zip(BAND_QUANTILES, band_values))
    target = item.target_participants
    if target is None:
        shortfall = required = status = probability = reached = None
    else:
        shortfall = target - projected
        required = required_pace(active_now, target, months)
        status = target_status(projected, band[0.90], target)
        probability = chance if months > 0 else float(active_now >= target)
        reached = item.last_month if active_now >= target else (
            add_months(item.last_month, first_above) if first_above else None)
    central, bands = paths
    shown = min(max(months, 0), len(central))
    return ScopeProjection(
        scope=item.scope, method=method, window_months=used, last_month=item.last_month,
        active_participants=int(round(active_now)), target_month=item.target_month, target_participants=target,
        months_to_target=months, projected_participants=projected, projected_shortfall=shortfall, pace_per_month=pace,
        required_pace_per_month=required, status=status, band_participants=band, probability_target_met=probability,
        month_reached=reached, path_months=tuple(add_months(item.last_month, k) for k in range(1, shown + 1)),
        path_central=central[:shown], path_bands=bands[:, :shown],
    )
