"""What many tests share: where the hand-written fixtures are, exact comparison of query results, the tables'
fingerprints, and reading a chart's figure out of an AppTest."""
import datetime as dt
import json
from pathlib import Path

import pandas as pd

from cakupan.data import db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the tiny fixture's codes and months (tests/fixtures/tiny)
ALL_CODES = {"associations": ["AAA", "BBB"], "segments": ["PU", "BPU"], "provinces": ["31", "32"]}
JAN_2023, FEB_2023 = dt.date(2023, 1, 1), dt.date(2023, 2, 1)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, dates as ISO text and missing values as None, for exact comparison."""
    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def table_checksums() -> dict[str, tuple[int, str]]:
    """Every table's row count and content fingerprint in the current database."""
    checksums = db.run("table_checksums")
    return {row.table_name: (int(row.rows), row.content_md5) for row in checksums.itertuples()}


def figures(at) -> list[dict]:
    """The Plotly figures an AppTest run drew, as JSON."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
