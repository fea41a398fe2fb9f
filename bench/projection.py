"""How long recomputing every scope's projection with bands takes: vectorised engine against plain loops.

    python -m bench.projection [--repeats N]

Reads the sample database (built into a temporary file), projects national + 11 associations with 2,000
bootstrap paths each, and reports the median time of three ways to do it, as ratios to a plain Python loop:
  - python loop: per scope, per path, per month, `random.choice` of a monthly change (the baseline);
  - per-scope engine: `engine.project_scopes` called once per scope;
  - vectorised engine: `engine.project_scopes` called once for all scopes (what the pages do).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from cakupan.data import db
from cakupan.planner import engine, scopes


def python_loop(inputs: list[engine.ScopeInput], window: int, paths: int) -> list[tuple[float, float, float]]:
    """The straightforward way: trend by hand, bootstrap path by path; (projected, p10, p90) per scope."""
    chooser = random.Random(engine.BOOTSTRAP_SEED)
    answers = []
    for item in inputs:
        points = [float(v) for v in item.series[-(window + 1):]]
        months = engine.months_between(item.last_month, item.target_month)
        xs = list(range(-(len(points) - 1), 1))
        mean_x, mean_y = sum(xs) / len(xs), sum(points) / len(points)
        slope = (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, points))
                 / sum((x - mean_x) ** 2 for x in xs))
        projected = mean_y + slope * (months - mean_x)
        changes = [b - a for a, b in zip(points, points[1:])]
        finals = []
        for _ in range(paths):
            level = points[-1]
            for _ in range(months):
                level += chooser.choice(changes)
            finals.append(level)
        finals.sort()
        answers.append((projected, finals[int(0.1 * paths)], finals[int(0.9 * paths)]))
    return answers


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        os.environ["CAKUPAN_DB"] = str(path)
        inputs = scopes.scope_inputs(db.run("scope_monthly_active"), db.run("targets"))
        db.close_all()
    window, paths = engine.DEFAULT_WINDOW_MONTHS, engine.BOOTSTRAP_PATHS
    vectorised = engine.project_scopes(inputs, window=window)
    loop_answers = python_loop(inputs, window, paths)
    assert np.allclose([r.projected_participants for r in vectorised], [a[0] for a in loop_answers])

    baseline = median_seconds(lambda: python_loop(inputs, window, paths), max(1, args.repeats // 3))
    per_scope = median_seconds(lambda: [engine.project_scopes([item], window=window) for item in inputs],
                               args.repeats)
    together = median_seconds(lambda: engine.project_scopes(inputs, window=window), args.repeats)
    print(f"scopes: {len(inputs)}, bootstrap paths: {paths}, months to target: "
          f"{engine.months_between(inputs[0].last_month, inputs[0].target_month)}")
    print(f"{'way':<22}{'median ms':>12}{'ratio to python loop':>24}")
    for name, seconds in (("python loop", baseline), ("per-scope engine", per_scope),
                          ("vectorised engine", together)):
        print(f"{name:<22}{1000 * seconds:>12.1f}{seconds / baseline:>24.3f}")


if __name__ == "__main__":
    main()
