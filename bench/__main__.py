"""Cakupan's benchmark: ingest, page queries, page scripts, what-if, goal seek and memory at 100k, 1M and 10M rows,
against a same-run pandas baseline; at the largest size also publishing a load (bench.publish) and the cold start.
Prints a table and a one-line summary; writes JSON to bench/out/.

    python -m bench                          # all three sizes (the 10M size takes several minutes)
    python -m bench --sizes 100k,1m          # a quick run
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import datasets, report


def run_child(size: str, part: str, runs: int, ingest_runs: int, cold_start: bool = False) -> dict:
    """One part at one size in a fresh Python process (its own peak memory); its JSON result.

    The child's log goes to bench/out/<size>-<part>.log (AppTest outside `streamlit run` warns on every
    cached call); it is shown when the child fails.
    """
    datasets.OUT.mkdir(parents=True, exist_ok=True)
    log_path = datasets.OUT / f"{size}-{part}.log"
    with tempfile.TemporaryDirectory(prefix="cakupan-bench-") as scratch, open(log_path, "wb") as log:
        out = Path(scratch) / "result.json"
        finished = subprocess.run(
            [sys.executable, "-m", "bench.child", "--size", size, "--part", part, "--runs", str(runs),
             "--ingest-runs", str(ingest_runs), "--out", str(out), *(["--cold-start"] if cold_start else [])],
            cwd=datasets.ROOT, stdout=log, stderr=subprocess.STDOUT)
        if finished.returncode != 0:
            sys.stderr.write(log_path.read_text(errors="replace")[-4000:])
            raise SystemExit(f"benchmark part {part} at {size} failed; log: {log_path}")
        return json.loads(out.read_text())


def parse_sizes(text: str) -> list[str]:
    sizes = [size.strip().lower() for size in text.split(",") if size.strip()]
    unknown = [size for size in sizes if size not in datasets.SIZES]
    if unknown or not sizes:
        raise argparse.ArgumentTypeError(f"sizes must be among {','.join(datasets.SIZES)}; got {text!r}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(datasets.SIZES),
                        help=f"comma-separated, among {','.join(datasets.SIZES)} (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure, after one warm-up (default 5)")
    parser.add_argument("--ingest-runs", type=int, default=3, help="timed runs per ingest (default 3)")
    parser.add_argument("--baseline-runs", type=int, default=3, help="timed runs per pandas page (default 3)")
    args = parser.parse_args(argv)

    results = []
    for size in args.sizes:
        for fmt in datasets.FORMATS:
            datasets.dataset(size, fmt)  # generated outside the measured processes
        print(f"… measuring {size}", file=sys.stderr, flush=True)
        # the cold start (a fresh server and browser) once, at the largest size
        dashboard = run_child(size, "dashboard", args.runs, args.ingest_runs, cold_start=size == args.sizes[-1])
        baseline = run_child(size, "baseline", args.baseline_runs, args.ingest_runs)
        results.append({"size": size, "dashboard": dashboard, "baseline": baseline})
        if size == args.sizes[-1]:  # publishing a one-month load as a new version (bench.publish), at the largest
            results[-1]["publish"] = run_child(size, "publish", args.runs, args.ingest_runs)
        print(report.table([results[-1]]), flush=True)

    summary = report.summary(results)
    print(summary)
    datasets.OUT.mkdir(parents=True, exist_ok=True)
    document = {"measured_at": dt.datetime.now().isoformat(timespec="seconds"), "goals": report.GOALS,
                "results": results, "summary": summary}
    for name in (f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json", "latest.json"):
        (datasets.OUT / name).write_text(json.dumps(document, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
