"""One part of the benchmark at one size, in its own process so that its peak memory is its own.

    python -m bench.child --size 1m --part dashboard --runs 5 --ingest-runs 3 --out result.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import datasets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(datasets.SIZES), required=True)
    parser.add_argument("--part", choices=["dashboard", "baseline", "publish"], required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ingest-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cold-start", action="store_true", help="also time a fresh server and browser")
    args = parser.parse_args(argv)
    if args.part == "dashboard":
        from bench import dashboard_measures
        result = dashboard_measures.measure_size(args.size, args.runs, args.ingest_runs, args.cold_start)
    elif args.part == "publish":
        from bench import publish
        result = publish.measure_publish(args.size, args.ingest_runs)
    else:
        from bench import pandas_baseline
        result = pandas_baseline.measure_size(datasets.dataset(args.size, "csv"), args.runs)
    args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
