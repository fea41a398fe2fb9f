"""Loading a checked snapshot all-or-nothing and undoing a load, each in one transaction, and what a load would
change (the preview).

    preview(report)          → what loading it would change, per month and association
    load(report, loaded_by)  → one transaction: replaced rows to history, new rows in, load recorded
    undo(load_id)            → one transaction: the load's rows out, the rows it replaced back
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from cakupan import i18n
from cakupan.data import db
from cakupan.data.contract_checks import Report
from cakupan.data.reconciliation import month_after


class LoadRefused(Exception):
    """A load or undo that cannot go ahead; `code` and `details` make its message (labels/ingest.toml)."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details

    def message(self, lang: str) -> str:
        return i18n.translate(f"ingest.{self.code}", lang, **self.details)


@dataclasses.dataclass(frozen=True)
class LoadResult:
    load_id: int
    rows: int
    replaced_rows: int


@dataclasses.dataclass(frozen=True)
class UndoResult:
    load_id: int
    removed_rows: int
    restored_rows: int


def preview(report: Report) -> pd.DataFrame:
    """Per (month, association) in the file: added or replaced, rows and active participants before → after."""
    current = db.run_with_frame("ingest/current_totals", "incoming", report.rows)
    current["snapshot_month"] = pd.to_datetime(current["snapshot_month"]).dt.date
    return change_summary(report.rows, current)


def change_summary(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """rows: the file's rows; current: (snapshot_month, association_code, rows_before, active_before) loaded now.

    One row per (snapshot_month, association_code): action ("add" or "replace"), rows and active before and
    after, and the change in active participants.
    """
    incoming = (rows.groupby(["snapshot_month", "association_code"], as_index=False)
                .agg(rows_after=("segment", "size"), active_after=("active_participants", "sum")))
    changes = incoming.merge(current, on=["snapshot_month", "association_code"], how="left")
    changes[["rows_before", "active_before"]] = changes[["rows_before", "active_before"]].fillna(0).astype("int64")
    changes["active_after"] = changes["active_after"].astype("int64")
    changes["action"] = ["replace" if before else "add" for before in changes["rows_before"]]
    changes["active_change"] = changes["active_after"] - changes["active_before"]
    columns = ["snapshot_month", "association_code", "action", "rows_before", "rows_after", "active_before",
               "active_after", "active_change"]
    return changes[columns].sort_values(["snapshot_month", "association_code"]).reset_index(drop=True)


def is_identical_to_loaded(report: Report) -> bool:
    """True when loading the file would put back exactly the rows that are loaded for its months now."""
    identical = int(db.run_with_frame("ingest/identical_rows", "incoming", report.rows)["identical_rows"].iloc[0])
    loaded = int(preview(report)["rows_before"].sum())
    return identical == len(report.rows) == loaded


def load(report: Report, loaded_by: str) -> LoadResult:
    """Load a checked file in one transaction; a file with any error is refused and nothing is written."""
    if not report.ok:
        raise LoadRefused("load_refused", value=len(report.errors))
    try:
        with db.transaction() as cur:
            return apply_load(cur, report, loaded_by)
    except db.DatabaseBusy as busy:
        raise LoadRefused("database_busy", seconds=round(busy.seconds)) from busy
    except db.Error as failed:
        raise LoadRefused("load_failed", value=type(failed).__name__) from failed


def apply_load(cur, report: Report, loaded_by: str) -> LoadResult:
    """The write path of a load, step by step, inside the caller's transaction.

    Tables derived from enrollment (rollups) are refreshed here, after the rows change and before the
    data version moves on, so that readers see them change together.
    """
    db.register_frame(cur, "incoming", report.rows)
    load_id = int(db.run_in(cur, "ingest/next_load_id")["load_id"].iloc[0])
    replaced = affected_rows(db.run_in(cur, "ingest/archive_replaced_rows", load_id=load_id))
    db.run_in(cur, "ingest/remove_replaced_rows")
    db.run_in(cur, "ingest/insert_incoming_rows", load_id=load_id)
    db.run_in(cur, "ingest/record_load", load_id=load_id, file_name=report.file_name, sha256=report.sha256,
              rows=len(report.rows), months=month_list(report.rows["snapshot_month"]),
              associations=",".join(sorted(report.rows["association_code"].unique())),
              loaded_by=(loaded_by or "").strip()[:100] or "?", replaced_rows=replaced)
    db.refresh_rollups(cur, sorted(set(report.rows["snapshot_month"])))
    db.run_in(cur, "ingest/bump_data_version")
    return LoadResult(load_id=load_id, rows=len(report.rows), replaced_rows=replaced)


def undo(load_id: int) -> UndoResult:
    """Undo one load in one transaction: its rows go, the rows it replaced come back exactly as they were."""
    try:
        with db.transaction() as cur:
            return apply_undo(cur, load_id)
    except db.DatabaseBusy as busy:
        raise LoadRefused("database_busy", seconds=round(busy.seconds)) from busy
    except db.Error as failed:
        raise LoadRefused("load_failed", value=type(failed).__name__) from failed


def apply_undo(cur, load_id: int) -> UndoResult:
    """The write path of an undo, inside the caller's transaction (see apply_load about derived tables)."""
    record = db.run_in(cur, "ingest/load_record", load_id=load_id)
    if record.empty:
        raise LoadRefused("undo_unknown_load", load_id=load_id)
    if record["status"].iloc[0] != "active":
        raise LoadRefused("undo_already_undone", load_id=load_id)
    later = db.run_in(cur, "ingest/later_replacements", load_id=load_id)
    if not later.empty:
        raise LoadRefused("undo_later_load_first", load_id=load_id, later=", ".join(map(str, later["load_id"])))
    if int(db.run_in(cur, "ingest/rows_left_after_undo", load_id=load_id)["rows_left"].iloc[0]) == 0:
        raise LoadRefused("undo_would_empty", load_id=load_id)
    months = list(pd.to_datetime(db.run_in(cur, "ingest/load_months", load_id=load_id)["snapshot_month"]).dt.date)
    removed = affected_rows(db.run_in(cur, "ingest/remove_load_rows", load_id=load_id))
    restored = affected_rows(db.run_in(cur, "ingest/restore_replaced_rows", load_id=load_id))
    db.run_in(cur, "ingest/forget_restored_rows", load_id=load_id)
    db.run_in(cur, "ingest/mark_load_undone", load_id=load_id)
    db.refresh_rollups(cur, months)
    db.run_in(cur, "ingest/bump_data_version")
    return UndoResult(load_id=load_id, removed_rows=removed, restored_rows=restored)


def affected_rows(result: pd.DataFrame) -> int:
    """The row count DuckDB reports for an insert or delete."""
    return int(result.iloc[0, 0]) if not result.empty else 0


def month_list(months: pd.Series) -> str:
    """Months as the load history shows them: runs of consecutive months as `2019-01..2023-10`, comma separated."""
    ordered = sorted(set(months))
    runs: list[list[dt.date]] = []
    for month in ordered:
        if runs and month_after(runs[-1][-1]) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ",".join(run[0].strftime("%Y-%m") if len(run) == 1
                    else f"{run[0].strftime('%Y-%m')}..{run[-1].strftime('%Y-%m')}" for run in runs)


def load_history() -> pd.DataFrame:
    """Every load, newest first, as the loads table records it."""
    return db.run("loads")

