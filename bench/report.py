"""The benchmark's table, its one-line summary, and the goals it is checked against (issue 6)."""

from __future__ import annotations

# Goals at the largest size measured, checked on medians (the table shows p95 as well).
GOALS = {"page_warm_s": 0.5, "query_s": 0.2, "what_if_s": 0.1, "ingest_s": 60.0, "peak_memory_bytes": 4e9}

COLUMNS = ("size", "measure", "p50 s", "p95 s", "pandas csv s", "x csv", "pandas mem s", "x mem")


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _ratio(baseline: float | None, ours: float | None) -> str:
    return "—" if baseline is None or not ours else f"{baseline / ours:.0f}x" if baseline / ours >= 10 \
        else f"{baseline / ours:.1f}x"


def _rows(result: dict) -> list[tuple]:
    size, ours, pandas = result["size"], result["dashboard"], result["baseline"]["pages"]
    rows = []
    for method, timing in ours["ingest"].items():
        rows.append((size, f"ingest {method}", timing["p50_s"], timing["p95_s"], None, None))
    for name, timing in ours["queries"].items():
        rows.append((size, f"query {name}", timing["p50_s"], timing["p95_s"], None, None))
    for name, timing in ours.get("queries_parquet_source", {}).items():
        rows.append((size, f"parquet-source query {name}", timing["p50_s"], timing["p95_s"], None, None))
    for page, timings in ours["pages"].items():
        baseline = pandas.get(page, {})
        csv, in_memory = baseline.get("csv", {}).get("p50_s"), baseline.get("in_memory", {}).get("p50_s")
        rows.append((size, f"data {page} (its queries, uncached)", ours["page_data_s"][page], None, csv, in_memory))
        for state in ("cold", "warm", "rerun"):
            rows.append((size, f"page {page} ({state})", timings[state]["p50_s"], timings[state]["p95_s"],
                         csv, in_memory))
    for name, timing in ours["what_if"].items():
        rows.append((size, f"what-if {name} ({timing['scopes']} scopes)", timing["p50_s"], timing["p95_s"],
                     None, None))
    return rows


def table(results: list[dict]) -> str:
    """Fixed-width text: one line per measure, pandas baseline and ratio next to each page."""
    lines = []
    for result in results:
        ours = result["dashboard"]
        lines.append(f"\n{result['size']}: {ours['rows']:,} rows; database file {ours['database_bytes'] / 1e6:.0f} MB;"
                     f" peak memory: dashboard {ours['peak_memory_bytes'] / 1e9:.2f} GB,"
                     f" pandas baseline {result['baseline']['peak_memory_bytes'] / 1e9:.2f} GB")
        cells = [COLUMNS] + [
            (size, measure, _seconds(p50), _seconds(p95), _seconds(csv), _ratio(csv, p50), _seconds(mem),
             _ratio(mem, p50))
            for size, measure, p50, p95, csv, mem in _rows(result)]
        widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
        for row in cells:
            lines.append("  ".join(cell.ljust(width) if i < 2 else cell.rjust(width)
                                   for i, (cell, width) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def goal_check(result: dict) -> dict[str, tuple[float, float, bool]]:
    """Each goal: (measured, goal, met) at one size."""
    ours = result["dashboard"]
    measured = {
        "page_warm_s": max(t["warm"]["p50_s"] for t in ours["pages"].values()),
        "query_s": max(t["p50_s"] for t in ours["queries"].values()),
        # what a change of lever, method or window recomputes: every scope's KPIs and projection with bands
        "what_if_s": ours["what_if"]["kpi.summarize, all scopes"]["p50_s"]
        + ours["what_if"]["projection with bands, all scopes"]["p50_s"],
        "ingest_s": max(t["p50_s"] for t in ours["ingest"].values()),
        "peak_memory_bytes": float(ours["peak_memory_bytes"]),
    }
    return {name: (value, GOALS[name], value <= GOALS[name]) for name, value in measured.items()}


def _ratio_range(ratios: list[float]) -> str:
    """`14x`, or `1.3-200x` from the smallest to the largest ratio."""
    low, high = (f"{r:.1f}" if r < 10 else f"{r:.0f}" for r in (min(ratios), max(ratios)))
    return f"{low}x" if low == high else f"{low}-{high}x"


def summary(results: list[dict]) -> str:
    """One line: the goals at the largest size measured and the page ratios against pandas at every size."""
    largest = results[-1]
    checks = goal_check(largest)
    ratios = []
    for result in results:
        pandas, ours = result["baseline"]["pages"], result["dashboard"]
        data = [pandas[p]["csv"]["p50_s"] / ours["page_data_s"][p] for p in ours["pages"] if p in pandas]
        script = [pandas[p]["csv"]["p50_s"] / ours["pages"][p]["warm"]["p50_s"] for p in ours["pages"] if p in pandas]
        ratios.append(f"{result['size']} data {_ratio_range(data)}, whole warm page {_ratio_range(script)}")
    missed = [name for name, (_, _, met) in checks.items() if not met]
    parts = [f"{name} {value / 1e9:.2f} GB/{goal / 1e9:.0f}" if name.endswith("bytes") else
             f"{name} {value:.3f}/{goal:g}" for name, (value, goal, _) in checks.items()]
    verdict = "all goals met" if not missed else f"goals missed: {', '.join(missed)}"
    return (f"SUMMARY at {largest['size']} ({largest['dashboard']['rows']:,} rows): {'; '.join(parts)} -> {verdict};"
            f" faster than pandas over CSV: {'; '.join(ratios)}")
