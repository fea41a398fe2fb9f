"""The baseline: each page's answers computed the way a typical Streamlit app does — pandas over the raw CSVs.

`csv` reads the files again on every run (a script that calls `pd.read_csv` at the top, no cache);
`in memory` computes on frames read once (a script that caches the raw frame and redoes the group-bys).
Answers follow the dashboard's queries at the default filters: the last 37 months, every code selected.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bench.timing import measure, peak_memory_bytes

PERIOD_MONTHS = 37  # the sidebar's default period (ui.sidebar_filters)


def read_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """Every CSV a page's answers can come from, as a typical app's `load_data()` reads them."""
    text_codes = {"province_code": str}
    return {
        "enrollment": pd.read_csv(folder / "enrollment.csv", dtype=text_codes, parse_dates=["snapshot_month"]),
        "national": pd.read_csv(folder / "national_participation.csv", parse_dates=["snapshot_month"]),
        "segments": pd.read_csv(folder / "segments.csv"),
        "associations": pd.read_csv(folder / "associations.csv"),
        "targets": pd.read_csv(folder / "targets.csv", parse_dates=["target_date"]),
    }


def _with_formal_share(rows: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Monthly active and formal participants and the formal share, from rows with a segment column."""
    rows = rows.merge(segments[["segment", "sector"]], on="segment")
    rows["formal"] = rows["active_participants"].where(rows["sector"] == "formal", 0)
    monthly = rows.groupby("snapshot_month", as_index=False)[["active_participants", "formal"]].sum()
    monthly["formal_share_pct"] = (100 * monthly["formal"] / monthly["active_participants"]).round(2)
    return monthly


def home(frames: dict) -> dict:
    """Home: the national series (default scope) and the all-associations series the scope selector offers."""
    return {"national": _with_formal_share(frames["national"], frames["segments"]),
            "all": _with_formal_share(frames["enrollment"], frames["segments"]),
            "targets": frames["targets"], "associations": frames["associations"]}


def _period(enrollment: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    months = sorted(enrollment["snapshot_month"].unique())
    return months[max(0, len(months) - PERIOD_MONTHS)], months[-1]


def _growth(enrollment: pd.DataFrame, group_column: str | None) -> pd.DataFrame:
    """Active/new/lapsed per month and group, with net additions and year-on-year growth (the growth query)."""
    first, last = _period(enrollment)
    rows = enrollment[enrollment["snapshot_month"] >= first - pd.DateOffset(months=12)]
    keys = ["snapshot_month"] + ([group_column] if group_column else [])
    monthly = rows.groupby(keys, as_index=False)[
        ["active_participants", "new_participants", "lapsed_participants"]].sum()
    previous = monthly[keys + ["active_participants"]].assign(
        snapshot_month=monthly["snapshot_month"] + pd.DateOffset(months=1))
    year_before = monthly[keys + ["active_participants"]].assign(
        snapshot_month=monthly["snapshot_month"] + pd.DateOffset(months=12))
    monthly = monthly.merge(previous, on=keys, how="left", suffixes=("", "_previous"))
    monthly = monthly.merge(year_before, on=keys, how="left", suffixes=("", "_year_before"))
    monthly["net_additions"] = monthly["active_participants"] - monthly["active_participants_previous"]
    monthly["yoy_growth_pct"] = (100 * (monthly["active_participants"]
                                        / monthly["active_participants_year_before"] - 1)).round(2)
    return monthly[monthly["snapshot_month"].between(first, last)].sort_values(keys)


def growth(frames: dict) -> dict:
    """Growth: by association (the default breakdown) and the total."""
    return {"growth": _growth(frames["enrollment"], "association_code"),
            "total": _growth(frames["enrollment"], None)}


def formal_informal(frames: dict) -> dict:
    """Formal vs informal (default: national scope): the sector split, the formal-share ranking, the composition."""
    first, last = _period(frames["enrollment"])
    sectors = frames["segments"][["segment", "sector"]]
    national = frames["national"][frames["national"]["snapshot_month"].between(first, last)].merge(sectors)
    split = national.groupby(["snapshot_month", "sector"], as_index=False)["active_participants"].sum()
    split["share_pct"] = (100 * split["active_participants"]
                          / split.groupby("snapshot_month")["active_participants"].transform("sum")).round(2)
    month = frames["enrollment"][frames["enrollment"]["snapshot_month"] == last].merge(sectors)
    month["formal"] = month["active_participants"].where(month["sector"] == "formal", 0)
    ranking = month.groupby("association_code", as_index=False)[["formal", "active_participants"]].sum()
    ranking["formal_share_pct"] = (100 * ranking["formal"] / ranking["active_participants"]).round(2)
    ranking = ranking.sort_values("formal_share_pct", ascending=False)
    composition = month.groupby(["association_code", "segment"], as_index=False)["active_participants"].sum()
    composition["share_pct"] = (100 * composition["active_participants"] / composition.groupby(
        "association_code")["active_participants"].transform("sum")).round(2)
    return {"split": split, "ranking": ranking, "composition": composition}


PAGES = {"home": home, "growth": growth, "formal_informal": formal_informal}


def measure_size(folder: Path, runs: int) -> dict:
    """Per page: seconds with the CSVs read on every run, and with the frames already in memory."""
    results = {}
    frames = read_frames(folder)
    for page, answers in PAGES.items():
        results[page] = {
            "csv": measure(lambda: answers(read_frames(folder)), runs=runs).as_dict(),
            "in_memory": measure(lambda: answers(frames), runs=runs).as_dict(),
        }
    return {"pages": results, "peak_memory_bytes": peak_memory_bytes()}
