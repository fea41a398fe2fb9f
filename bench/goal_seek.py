"""How long goal seek takes for one scope: the solver (bisection on draws made once) against brute force.

    python -m bench.goal_seek [--repeats N]

Reads the sample database (built into a temporary file) and, for every scope and for the recruits lever at an 80%
chance, times three ways to find the smallest value, reporting medians and ratios to the brute-force baseline:
  - brute force: ten candidates per decade (1,000,000s, then 100,000s, … then single people), each batch a fresh
    `engine.project_scopes` run, as one would search by hand with the what-if page's engine;
  - bisection, redrawing: the same bisection, but each trial a fresh `engine.project_scopes` run;
  - solver: `goal_seek.seek` — bisection on the bootstrap paths drawn once (what the page and `solve` do).
The goal: under 0.3 s for one scope. All three must give the same answer; the run stops if they do not.
Then the target-gap page's "what it takes" table (every scope, 50% and 80%): all scopes in one vectorised search
against one search per scope, on the sample scopes and on the sample scopes repeated to 1,152 (the 10M dataset's
scale of about 1,141 scopes).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from cakupan.data import db
from cakupan.planner import engine, goal_seek, scopes, what_it_takes

GOAL_SECONDS = 0.3
CHANCE = 0.8


def engine_chances(item: engine.ScopeInput, steps: list[int]) -> list[float]:
    """The engine's chance with each value of the recruits lever, in one fresh run."""
    batch = [dataclasses.replace(item, levers=goal_seek.with_lever(item.levers, "recruits", s)) for s in steps]
    return [result.probability_target_met for result in engine.project_scopes(batch)]


def brute_force(item: engine.ScopeInput) -> int | None:
    if engine_chances(item, [0])[0] >= CHANCE:
        return 0
    low, step = 0, 10 ** (len(str(goal_seek.RECRUITS_BOUND)) - 1)
    while True:
        candidates = [low + step * i for i in range(1, 11) if low + step * i <= goal_seek.RECRUITS_BOUND]
        passing = [c for c, chance in zip(candidates, engine_chances(item, candidates)) if chance >= CHANCE]
        if not passing or step == 1:
            return passing[0] if passing else None
        low, step = passing[0] - step, step // 10


def bisection_redrawing(item: engine.ScopeInput) -> int | None:
    steps, _ = goal_seek.smallest_reaching(lambda s: engine_chances(item, [int(s[0])]), CHANCE, goal_seek.RECRUITS_BOUND,
                                           rows=1)
    return steps[0]


def solver(item: engine.ScopeInput) -> int | None:
    return goal_seek.seek(item, "recruits", CHANCE).steps


def measure_table(data: scopes.PlannerData, repeats: int) -> None:
    """The what-it-takes table: one vectorised search over all scopes against a search per scope."""
    items = [scopes.what_if_input(data, scope, None, scopes.default_levers(data)) for scope in data.series]
    gap = scopes.gap_table(items, engine.project_scopes(items))
    for copies in (1, 96):
        many, many_gap = items * copies, pd.concat([gap] * copies, ignore_index=True)
        table = lambda _: what_it_takes.requirements_table(many, many_gap, engine.DEFAULT_METHOD,  # noqa: E731
                                                           engine.DEFAULT_WINDOW_MONTHS)
        one_by_one = lambda _: [goal_seek.seek(item, "recruits", chance)  # noqa: E731
                                for item in many for chance in what_it_takes.TABLE_CHANCES]
        vectorised = median_seconds(table, None, repeats)
        looped = median_seconds(one_by_one, None, 1)
        print(f"what-it-takes table, {len(many)} scopes × 2 chances: vectorised {1000 * vectorised:.0f} ms, "
              f"per scope {1000 * looped:.0f} ms (ratio {vectorised / looped:.3f})")


def median_seconds(function, item, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function(item)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CAKUPAN_DB"] = str(Path(folder) / "bench.duckdb")
        monthly = db.run("scope_monthly_active")
        last_month = scopes.latest_month(scopes.series_by_scope(monthly))
        rates = db.run("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
        data = scopes.planner_data(monthly, db.run("targets"), rates, "national")
        db.close_all()
    ways = (("brute force", brute_force), ("bisection, redrawing", bisection_redrawing), ("solver", solver))
    print(f"recruits lever, {CHANCE:.0%} chance, {engine.BOOTSTRAP_PATHS} bootstrap paths; median of {args.repeats}")
    print(f"{'scope':<10}{'answer':>10}" + "".join(f"{name + ' ms':>26}" for name, _ in ways)
          + f"{'solver / brute force':>22}")
    slowest = 0.0
    for scope in data.series:
        item = scopes.what_if_input(data, scope, None, scopes.default_levers(data))
        answers = {name: way(item) for name, way in ways}
        if len(set(answers.values())) != 1:
            raise SystemExit(f"{scope}: the ways disagree: {answers}")
        seconds = [median_seconds(way, item, args.repeats if name == "solver" else max(1, args.repeats // 2))
                   for name, way in ways]
        slowest = max(slowest, seconds[-1])
        answer = answers["solver"]
        print(f"{scope:<10}{'–' if answer is None else answer:>10}" + "".join(f"{1000 * s:>26.1f}" for s in seconds)
              + f"{seconds[-1] / seconds[0]:>22.3f}")
    measure_table(data, args.repeats)
    verdict = "met" if slowest < GOAL_SECONDS else "MISSED"
    print(f"slowest solver run: {1000 * slowest:.1f} ms for one scope (goal < {1000 * GOAL_SECONDS:.0f} ms: {verdict})")


if __name__ == "__main__":
    main()
