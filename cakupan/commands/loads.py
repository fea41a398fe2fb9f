"""`loads`: the load history, newest first, as a table or one JSON document (data contract §4)."""

from __future__ import annotations

import json
import sys

import pandas as pd

from cakupan import i18n
from cakupan.data import db, loads

HELP = "list the loads (load history), newest first"


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")


def run(args) -> int:
    try:
        history = loads.load_history()
    except db.DatabaseBusy as busy:  # only when building a missing database waited for another writer
        print(i18n.translate("ingest.database_busy", args.lang, seconds=round(busy.seconds)), file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(history_records(history), ensure_ascii=False, indent=2))
    else:
        print(history.to_string(index=False))
    return 0


def history_records(history: pd.DataFrame) -> list[dict]:
    """The history as JSON-ready objects: times in ISO 8601, missing values as null."""
    records = []
    for record in history.to_dict("records"):
        records.append({key: timestamp_text(value) if key in ("loaded_at", "undone_at") else plain(value)
                        for key, value in record.items()})
    return records


def timestamp_text(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).isoformat()


def plain(value):
    """A value json can write: numpy integers as int, missing as None."""
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
