"""The bootstrap behind the projection bands: running sums of monthly draws, with replacement, from a window's
de-meaned changes (data contract, projection methods version 2).

The draws are one fixed table of uniform numbers (month-major, `seed`), shared by every row. A row with W' window
changes turns draw u into change number ⌊u·W'⌋, so every row with the same W' picks the same change numbers. The
running sum after k months is then Σ_j c_j·n_j − k·c̄, with n_j how often change j was picked in those k months:
one matrix product per W' instead of a gather per row, month and path. For whole-number changes (participant
counts) the sums are exact, so the deviation at a month is the same number whether every month is computed (the
fan chart) or only the target month (a table of every scope).
"""

from __future__ import annotations

import numpy as np

# Quantiles of the simulated paths: the 95% band, the 80% band (p10–p90) and the median.
BAND_QUANTILES = (0.025, 0.10, 0.50, 0.90, 0.975)


def uniform_draws(months: int, paths: int, seed: int) -> np.ndarray:
    """The shared table of uniform numbers, (months, paths); its first k rows do not depend on `months`."""
    return np.random.default_rng(seed).random((months, paths))


def window_changes(values: np.ndarray, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's monthly changes (rows, W; the last W' count, NaN padding as 0) and their mean over W'."""
    changes = np.nan_to_num(np.diff(values, axis=1))
    rows, width = changes.shape
    counted = np.arange(width)[None, :] >= (width - used[:, None])
    mean_change = np.divide(np.where(counted, changes, 0.0).sum(axis=1), used, out=np.zeros(rows), where=used > 0)
    return changes, mean_change


def picked(draws: np.ndarray, used: int) -> np.ndarray:
    """Whether each draw (months, paths) picked each of `used` changes: (months, used, paths)."""
    # a draw just below 1 can round up to `used` when multiplied: it picks the last change
    picks = np.minimum((draws * used).astype(np.int64), used - 1)
    return picks[:, None, :] == np.arange(used)[None, :, None]


def pick_counts(draws: np.ndarray, used: int) -> np.ndarray:
    """How often each path (column of `draws`) picked each of `used` changes over all its months: (used, paths)."""
    paths = draws.shape[1]
    picks = np.minimum((draws * used).astype(np.int64), used - 1)
    cells = (picks * paths + np.arange(paths)[None, :]).ravel()
    return np.bincount(cells, minlength=used * paths).reshape(used, paths).astype(np.float64)


def deviations(values: np.ndarray, used: np.ndarray, months: int, paths: int, seed: int) -> np.ndarray:
    """Simulated deviations from the projection 1 … `months` months after the last value, (rows, months, paths)."""
    draws = uniform_draws(months, paths, seed)
    changes, mean_change = window_changes(values, used)
    rows, width = changes.shape
    result = np.zeros((rows, months, paths))
    elapsed = np.arange(1, months + 1, dtype=np.float64)
    for window in np.unique(used[used > 0]):
        group = np.flatnonzero(used == window)
        counts = np.cumsum(picked(draws, int(window)), axis=0, dtype=np.float64)   # (months, W', paths)
        sums = changes[group, width - window:] @ counts.transpose(1, 0, 2).reshape(int(window), -1)
        result[group] = (sums.reshape(len(group), months, paths)
                         - elapsed[None, :, None] * mean_change[group, None, None])
    return result


def deviations_at(values: np.ndarray, used: np.ndarray, horizons: np.ndarray, paths: int, seed: int) -> np.ndarray:
    """Each row's simulated deviations at its own horizon only, (rows, paths): the same numbers as
    `deviations(...)[row, horizon − 1]`; 0 where the horizon is not ahead."""
    draws = uniform_draws(max(1, int(horizons.max(initial=1))), paths, seed)
    changes, mean_change = window_changes(values, used)
    rows, width = changes.shape
    result = np.zeros((rows, paths))
    ahead = (used > 0) & (horizons > 0)
    for window, horizon in sorted(set(zip(used[ahead].tolist(), horizons[ahead].tolist()))):
        group = np.flatnonzero((used == window) & (horizons == horizon))
        sums = changes[group, width - window:] @ pick_counts(draws[:horizon], window)
        sums -= float(horizon) * mean_change[group, None]
        if group.size == rows:      # one window and one horizon for every row, as a table of scopes usually has
            return sums
        result[group] = sums
    return result


def sorted_quantiles(simulated: np.ndarray) -> np.ndarray:
    """BAND_QUANTILES over the last axis, as numpy.quantile's default (linear) computes them; reorders in place.

    Only the order statistics the quantiles need are put in place (a partition, not a full sort): the same
    values, several times faster with 2,000 paths.
    """
    positions = np.asarray(BAND_QUANTILES) * (simulated.shape[-1] - 1)
    below = np.floor(positions).astype(np.int64)
    above = np.minimum(below + 1, simulated.shape[-1] - 1)
    simulated.partition(np.unique(np.concatenate([below, above])), axis=-1)
    weight = positions - below
    low, high = simulated[..., below], simulated[..., above]
    return np.moveaxis(low + (high - low) * weight, -1, 0)
