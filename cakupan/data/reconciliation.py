"""Reconciliation, the contract's one warning: active ≈ previous active + new − lapsed, within 1% (or 10 people)
per row, where the previous month is known — from the file itself where it holds that month, else as loaded."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

from cakupan.data import db
from cakupan.data.contract import KEY_COLUMNS
from cakupan.data.snapshot_files import Problem, warning

RECONCILIATION_SHARE, RECONCILIATION_PEOPLE = 0.01, 10


def previous_active(rows: pd.DataFrame) -> pd.DataFrame:
    """Active participants of the month before each row: from the file itself where it has that month, else loaded.

    One row per (snapshot_month, association_code, segment, province_code) of the *previous* month.
    """
    months_before = sorted({month_before(month) for month in rows["snapshot_month"].unique()})
    loaded = db.run("ingest/previous_active", months=months_before,
                    associations=sorted(rows["association_code"].unique()))
    loaded["snapshot_month"] = pd.to_datetime(loaded["snapshot_month"]).dt.date
    in_file = rows[list(KEY_COLUMNS) + ["active_participants"]]
    # where the file has a month of an association, its rows win: a file replacing two months reconciles in itself
    file_pairs = in_file[["snapshot_month", "association_code"]].drop_duplicates()
    marked = loaded.merge(file_pairs, on=["snapshot_month", "association_code"], how="left", indicator=True)
    not_in_file = loaded[marked["_merge"].to_numpy() == "left_only"]
    return pd.concat([in_file, not_in_file], ignore_index=True)


@functools.cache
def month_before(month: dt.date) -> dt.date:
    return (pd.Timestamp(month) - pd.DateOffset(months=1)).date()


def reconcile(rows: pd.DataFrame, previous: pd.DataFrame, headers: dict[str, str]) -> list[Problem]:
    """Warnings where active ≠ previous active + new − lapsed by more than 1% (and more than 10 people)."""
    expected = reconciliation_gaps(rows, previous)
    off = expected[expected["off"]]
    return [warning("reconciliation", row=int(row), column=headers.get("active_participants", "active_participants"),
                    value=item.active_participants, previous=int(item.previous_active), new=int(item.new_participants),
                    lapsed=int(item.lapsed_participants), expected_active=int(item.expected_active))
            for row, item in off.iterrows()]


def reconciliation_gaps(rows: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """For each row whose previous month is known: expected active, and whether the row is off by too much.

    rows: the snapshot rows (index = sheet row); previous: (KEY_COLUMNS, active_participants) of earlier months.
    """
    shifted = previous.rename(columns={"active_participants": "previous_active"})
    shifted["snapshot_month"] = shifted["snapshot_month"].map(month_after)
    joined = rows.rename_axis("sheet_row").reset_index().merge(shifted, on=list(KEY_COLUMNS), how="inner")
    joined["expected_active"] = (joined["previous_active"] + joined["new_participants"]
                                 - joined["lapsed_participants"]).astype("int64")
    difference = (joined["active_participants"] - joined["expected_active"]).abs()
    tolerance = (joined["expected_active"].abs() * RECONCILIATION_SHARE).clip(lower=RECONCILIATION_PEOPLE)
    joined["off"] = difference > tolerance
    return joined.set_index("sheet_row").sort_index()


@functools.cache
def month_after(month: dt.date) -> dt.date:
    return (pd.Timestamp(month) + pd.DateOffset(months=1)).date()

