"""Goal seek — "what does it take": the smallest value of one lever with which a scope's chance of meeting its
target at the target month reaches a wanted probability (data contract, section 4: `solve`).

The chance grows with either lever (more recruits or more growth lift every simulated path), so the answer is
found by bisection over whole steps of the lever: whole people per month for recruits, whole basis points
(0.01 percentage points) for growth. Every trial reuses the same bootstrap paths (common random numbers): the
paths at the target month are drawn once and only the levers' effect is recomputed, with the engine's own
arithmetic in the engine's order, so a solved value fed back into `engine.project_scopes` (the what-if page,
`project --extra-recruits-per-month`) gives exactly the chance the solver saw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from cakupan.planner import engine, scenarios
from cakupan.planner.engine import Levers, ScopeInput, ScopeProjection

LEVERS = ("recruits", "growth")
CHANCES = (0.5, 0.8, 0.9)              # the chances the what-if page offers
DEFAULT_PROBABILITY = 0.5
# The largest values searched: the what-if page's own limits, so a solved value always fits its lever widget.
RECRUITS_BOUND = 10_000_000            # people per month
GROWTH_BOUND_BP = scenarios.basis_points(engine.GROWTH_ADJUST_LIMITS[1])   # 100 basis points = 1 pp a month

# What a search can end in; only "solved" and "already_met" carry a value.
SOLVED, ALREADY_MET, UNREACHABLE, NO_TARGET, TARGET_NOT_AHEAD = (
    "solved", "already_met", "unreachable", "no_target", "target_not_ahead")


@dataclasses.dataclass(frozen=True)
class GoalSeek:
    """The answer for one scope, lever and wanted chance.

    steps: the lever in whole steps (people per month, or basis points); None when no value up to `bound_steps`
    reaches the chance (then `probability_target_met` is the chance at the bound) or when there is nothing to seek.
    """

    scope: str
    lever: str
    probability: float                     # the chance asked for
    outcome: str
    steps: int | None
    bound_steps: int
    probability_target_met: float | None   # the chance at the answer (at the bound when unreachable)
    levers: Levers | None                  # the scope's levers with the answer applied

    @property
    def value(self) -> float | None:
        """The lever's value in its own unit: people per month, or percentage points of monthly growth."""
        return None if self.steps is None else lever_value(self.lever, self.steps)

    @property
    def bound(self) -> float:
        return lever_value(self.lever, self.bound_steps)

    @property
    def found(self) -> bool:
        return self.outcome in (SOLVED, ALREADY_MET)


def lever_value(lever: str, steps: int) -> float:
    """Whole steps of a lever in its own unit (recruits: people per month; growth: percentage points)."""
    return float(steps) if lever == "recruits" else scenarios.percent_points(steps)


def bound_steps(lever: str) -> int:
    """The largest value searched, in whole steps of the lever."""
    return RECRUITS_BOUND if lever == "recruits" else GROWTH_BOUND_BP


def with_lever(levers: Levers, lever: str, steps: int) -> Levers:
    """`levers` with one lever set to `steps` whole steps (as the what-if widgets would set it)."""
    if lever == "recruits":
        return dataclasses.replace(levers, extra_recruits_per_month=float(steps))
    if lever == "growth":
        return dataclasses.replace(levers, growth_adjust_pct=scenarios.percent_points(steps))
    raise ValueError(f"unknown lever {lever!r}; expected one of {LEVERS}")


class TargetPaths:
    """Scopes' simulated levels at their target months as the levers change them, with the bootstrap drawn once.

    Level of a path at the target month h = (projection + bootstrap deviation) · multiplier + addition, where only
    the multiplier and the addition depend on the levers (engine.lever_effects). Rows are scopes; the bootstrap
    runs in the engine's blocks of scopes and only each scope's paths at its own target month are kept.
    """

    def __init__(self, items: list[ScopeInput], method: str = engine.DEFAULT_METHOD,
                 window: int = engine.DEFAULT_WINDOW_MONTHS):
        self.items = items
        self.months = np.array([max(1, engine.months_between(item.last_month, item.target_month)) for item in items],
                               dtype=np.int64)
        self.look_months = int(self.months.max(initial=1))
        values, used = engine.window_matrix([item.series for item in items], window)
        rows = np.arange(len(items))
        self.projection = engine.central_paths(method, values, used, np.arange(1, self.look_months + 1))[
            rows, self.months - 1]
        self.deviations = np.empty((len(items), engine.BOOTSTRAP_PATHS))
        for first in range(0, len(items), engine.BOOTSTRAP_BLOCK_ROWS):
            block = slice(first, first + engine.BOOTSTRAP_BLOCK_ROWS)
            simulated = engine.bootstrap_deviations(values[block], used[block], self.look_months)
            self.deviations[block] = simulated[np.arange(simulated.shape[0]), self.months[block] - 1, :]
        self.targets = np.array([item.target_participants for item in items], dtype=np.float64)

    def chances(self, levers: list[Levers]) -> np.ndarray:
        """Each scope's share of paths at or above its target at its target month, under its `levers`."""
        multiplier, addition = engine.lever_effects(levers, [item.lapse_rates for item in self.items],
                                                    [item.last_month for item in self.items], self.look_months)
        rows = np.arange(len(self.items))
        levels = self.deviations + self.projection[:, None]
        levels *= multiplier[rows, self.months - 1][:, None]
        levels += addition[rows, self.months - 1][:, None]
        return np.mean(levels >= self.targets[:, None], axis=1)


def seek(item: ScopeInput, lever: str, probability: float = DEFAULT_PROBABILITY,
         method: str = engine.DEFAULT_METHOD, window: int = engine.DEFAULT_WINDOW_MONTHS) -> GoalSeek:
    """The smallest whole-step value of `lever` with which the chance of meeting the target is ≥ `probability`;
    the scope's other levers (`item.levers`) stay as they are."""
    return seek_all([item], lever, probability, method, window)[0]


def seek_all(items: list[ScopeInput], lever: str, probability: float = DEFAULT_PROBABILITY,
             method: str = engine.DEFAULT_METHOD, window: int = engine.DEFAULT_WINDOW_MONTHS,
             paths: TargetPaths | None = None) -> list[GoalSeek]:
    """`seek` for many scopes at once, each bisection step one vectorised trial for every scope still searching.
    `paths` reuses draws already made for exactly the seekable `items` (see `target_paths`)."""
    if lever not in LEVERS:
        raise ValueError(f"unknown lever {lever!r}; expected one of {LEVERS}")
    if not 0 < probability < 1:
        raise ValueError(f"the chance must be between 0 and 1 (exclusive), got {probability}")
    bound = bound_steps(lever)
    seekable = [item for item in items if _seekable(item)]
    if seekable and paths is None:
        paths = TargetPaths(seekable, method, window)
    chances_at = lambda steps: paths.chances([with_lever(item.levers, lever, int(step))  # noqa: E731
                                              for item, step in zip(seekable, steps)])
    steps, chances = smallest_reaching(chances_at, probability, bound, len(seekable)) if seekable else ([], [])
    found = {id(item): (step, chance) for item, step, chance in zip(seekable, steps, chances)}
    return [_answer(item, lever, probability, bound, *found.get(id(item), (None, None))) for item in items]


def target_paths(items: list[ScopeInput], method: str = engine.DEFAULT_METHOD,
                 window: int = engine.DEFAULT_WINDOW_MONTHS) -> TargetPaths:
    """The draws `seek_all` would make for `items`, to reuse for several chances."""
    return TargetPaths([item for item in items if _seekable(item)], method, window)


def _answer(item: ScopeInput, lever: str, probability: float, bound: int, steps: int | None,
            chance: float | None) -> GoalSeek:
    answer = dict(scope=item.scope, lever=lever, probability=probability, bound_steps=bound,
                  probability_target_met=chance)
    if item.target_participants is None:
        return GoalSeek(**answer, outcome=NO_TARGET, steps=None, levers=None)
    if not _seekable(item):
        return GoalSeek(**answer, outcome=TARGET_NOT_AHEAD, steps=None, levers=None)
    if steps is None:
        return GoalSeek(**answer, outcome=UNREACHABLE, steps=None, levers=None)
    return GoalSeek(**answer, outcome=ALREADY_MET if steps == 0 else SOLVED, steps=steps,
                    levers=with_lever(item.levers, lever, steps))


def _seekable(item: ScopeInput) -> bool:
    return item.target_participants is not None and engine.months_between(item.last_month, item.target_month) > 0


def smallest_reaching(chances_at, wanted: float, bound: int, rows: int) -> tuple[list, list]:
    """Bisection over whole steps 0 … `bound`, for `rows` non-decreasing curves at once: `chances_at(steps)` takes
    one step per row and returns each row's chance. Per row, the smallest step whose chance is ≥ `wanted` and that
    chance; (None, chance at the bound) when even the bound falls short."""
    at_zero = np.asarray(chances_at(np.zeros(rows, dtype=np.int64)), dtype=np.float64)
    at_bound = np.asarray(chances_at(np.full(rows, bound, dtype=np.int64)), dtype=np.float64)
    low, high = np.zeros(rows, dtype=np.int64), np.full(rows, bound, dtype=np.int64)
    best = at_bound.copy()                                   # the chance at `high`, which always reaches `wanted`
    searching = (at_zero < wanted) & (at_bound >= wanted)   # chance at low < wanted ≤ chance at high
    while (searching & (high - low > 1)).any():
        searching &= high - low > 1
        middle = (low + high) // 2
        chances = np.asarray(chances_at(np.where(searching, middle, high)), dtype=np.float64)
        passed, failed = searching & (chances >= wanted), searching & (chances < wanted)
        high, best = np.where(passed, middle, high), np.where(passed, chances, best)
        low = np.where(failed, middle, low)
    steps = [0 if zero >= wanted else None if top < wanted else int(step)
             for zero, top, step in zip(at_zero, at_bound, high)]
    chances = [float(zero) if zero >= wanted else float(top) if top < wanted else float(chance)
               for zero, top, chance in zip(at_zero, at_bound, best)]
    return steps, chances


def solved_projection(item: ScopeInput, answer: GoalSeek, method: str = engine.DEFAULT_METHOD,
                      window: int = engine.DEFAULT_WINDOW_MONTHS) -> ScopeProjection | None:
    """The scope's projection with the answer applied (what the what-if page shows once the value is applied)."""
    if answer.levers is None:
        return None
    return engine.project_scopes([dataclasses.replace(item, levers=answer.levers)], method, window)[0]


def record(answer: GoalSeek, projection: ScopeProjection | None, item: ScopeInput, method: str,
           window: int) -> dict:
    """The answer as `solve --format json` prints it (whole people; growth in percentage points)."""
    reached: dt.date | None = projection.month_reached if projection else None
    whole = lambda value: None if value is None else int(round(value))  # noqa: E731
    return {
        "scope": answer.scope, "lever": answer.lever,
        "value": None if answer.value is None else (int(answer.steps) if answer.lever == "recruits" else answer.value),
        "unit": "people_per_month" if answer.lever == "recruits" else "percentage_points_per_month",
        "probability": answer.probability, "outcome": answer.outcome,
        "probability_target_met": answer.probability_target_met,
        "projected_participants": whole(projection.projected_participants) if projection else None,
        "target_participants": whole(item.target_participants),
        "target_date": (item.target_date or item.target_month).isoformat(),
        "month_reached": reached.strftime("%Y-%m") if reached else None,
        "status": projection.status if projection else None,
        "method": method, "window_months": projection.window_months if projection else window,
        "campaign_start": item.levers.campaign_start.strftime("%Y-%m") if item.levers.campaign_start else None,
        "bound": int(answer.bound) if answer.lever == "recruits" else answer.bound,
    }
