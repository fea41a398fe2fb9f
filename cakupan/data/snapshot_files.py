"""Read a snapshot file (CSV, Excel or Parquet) into a table of cell texts, numbered as a spreadsheet numbers rows.

Nothing here knows the data contract's rules: a file becomes a `CellTable` — the header texts of row 1 and one
text per cell, indexed by the row number a person sees in a spreadsheet (header = row 1) — or a list of
problems saying why it could not be read. Values stay text so every later message can quote the cell exactly
as the file showed it.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
from pathlib import PurePath

import numpy as np
import pandas as pd

MAX_FILE_BYTES = 50 * 1024 * 1024  # the same limit as server.maxUploadSize in .streamlit/config.toml
CSV_SUFFIXES = (".csv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
PARQUET_SUFFIXES = (".parquet", ".pq")
ZIP_MAGIC, OLE_MAGIC, PARQUET_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"PAR1"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_VALUE_CHARS = 60


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: what (`code`, a label in labels/ingest.toml), where, and the value."""
    severity: str  # "error" or "warning"
    code: str
    row: int | None = None  # as a spreadsheet shows it (header = 1); None for the whole file or a column
    column: str | None = None  # the header as the file wrote it
    value: str | None = None  # the cell as the file showed it, shortened
    details: tuple[tuple[str, object], ...] = ()  # further placeholders of the message


def error(code: str, row: int | None = None, column: str | None = None, value: object = None, **details) -> Problem:
    return Problem("error", code, row, column, shorten(value), tuple(details.items()))


def warning(code: str, row: int | None = None, column: str | None = None, value: object = None, **details) -> Problem:
    return Problem("warning", code, row, column, shorten(value), tuple(details.items()))


def shorten(value: object) -> str | None:
    """A value as a message quotes it: one line, at most MAX_VALUE_CHARS characters."""
    if value is None:
        return None
    text = " ".join(str(value).split()) if str(value).strip() else repr(str(value))
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


@dataclasses.dataclass
class CellTable:
    """A file's cells as text. `cells` has one column per header position (0, 1, …) and the sheet row as index."""
    headers: list[str]
    cells: pd.DataFrame
    kind: str  # "csv", "excel" or "parquet"
    sheet_names: tuple[str, ...] = ()


def safe_file_name(name: str | None) -> str:
    """The file's own name without any folder part, shortened: it is shown and stored, never used as a path."""
    base = PurePath(str(name or "").replace("\\", "/")).name.strip() or "upload"
    return base[:200]


def read_cells(content: bytes, file_name: str) -> tuple[CellTable | None, list[Problem]]:
    """The file's cells, or None and the problems that kept it from being read."""
    if len(content) > MAX_FILE_BYTES:
        return None, [error("file_too_large", value=_megabytes(len(content)), limit_mb=_megabytes(MAX_FILE_BYTES))]
    if not content.strip():
        return None, [error("empty_file")]
    kind = file_kind(content, file_name)
    if kind == "excel":
        return _read_excel(content)
    if kind == "parquet":
        return _read_parquet(content)
    if kind == "csv":
        return _read_csv(content)
    return None, [error("unsupported_format", value=PurePath(file_name).suffix or file_name)]


def file_kind(content: bytes, file_name: str) -> str | None:
    """"csv", "excel" or "parquet": by the file's first bytes where they are telling, else by its suffix."""
    suffix = PurePath(file_name).suffix.lower()
    if content.startswith((ZIP_MAGIC, OLE_MAGIC)) and suffix not in PARQUET_SUFFIXES:
        return "excel"
    if content.startswith(PARQUET_MAGIC):
        return "parquet"
    for kind, suffixes in (("csv", CSV_SUFFIXES), ("excel", EXCEL_SUFFIXES), ("parquet", PARQUET_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


# --- CSV ------------------------------------------------------------------------------------------------


def _read_csv(content: bytes) -> tuple[CellTable | None, list[Problem]]:
    if content.startswith(UTF16_BOMS):
        return None, [error("utf16")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        row = content[:bad.start].count(b"\n") + 1
        return None, [error("not_utf8", row=row, value=content[bad.start:bad.start + 4].hex(" "))]
    if "\x00" in text:
        return None, [error("binary_file", row=text[:text.index("\x00")].count("\n") + 1)]
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error as bad:
        return None, [error("csv_unreadable", row=reader.line_num, value=bad)]
    return _table_from_records(records)


def _table_from_records(records: list[list[str]]) -> tuple[CellTable | None, list[Problem]]:
    """Row 1 is the header; blank lines keep their row numbers but hold no data."""
    headers = records[0] if records else []
    width = len(headers)
    problems, kept_rows, kept_records = [], [], []
    for row, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != width and any(cell.strip() for cell in record[width:]) or len(record) < width:
            problems.append(error("wrong_field_count", row=row, value=len(record), expected=width))
            continue
        kept_rows.append(row)
        kept_records.append(record[:width])
    cells = pd.DataFrame(kept_records, index=pd.Index(kept_rows, dtype="int64"), columns=range(width), dtype=object)
    return CellTable(headers=headers, cells=cells.fillna(""), kind="csv"), problems


# --- Excel ----------------------------------------------------------------------------------------------


def _read_excel(content: bytes) -> tuple[CellTable | None, list[Problem]]:
    try:
        workbook = pd.ExcelFile(io.BytesIO(content), engine="calamine")
        sheet_names = tuple(str(name) for name in workbook.sheet_names)
        sheet = pd.read_excel(workbook, sheet_name=0, header=None, dtype=object)
    except Exception as bad:  # calamine raises its own error types for every kind of broken workbook
        return None, [error("unreadable_excel", value=_reason(bad))]
    if sheet.empty:
        return None, [error("empty_file")]
    # pandas numbers the sheet's rows from 0, leading blank rows included: sheet row = position + 1
    text = sheet.apply(column_text)
    text.index = pd.RangeIndex(1, len(text) + 1)
    headers = list(text.iloc[0])
    body = text.iloc[1:]
    body = body[(body != "").any(axis=1)]
    body.columns = range(len(headers))
    return CellTable(headers=headers, cells=body, kind="excel", sheet_names=sheet_names), []


def formulas_of(content: bytes, cells: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The formulas (text starting with `=`) of the first sheet at the given (sheet row, column position) cells.

    Excel saves a formula's last value next to it, which is what gets read; a file written by a program
    may hold the formula alone, which reads as an empty cell. This tells the two apart for the message.
    """
    import openpyxl

    wanted = set(cells)
    found: dict[tuple[int, int], str] = {}
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        for row_number, row in enumerate(sheet.iter_rows(max_row=max(r for r, _ in wanted), values_only=True), 1):
            for position, value in enumerate(row):
                if (row_number, position) in wanted and isinstance(value, str) and value.startswith("="):
                    found[(row_number, position)] = value
        workbook.close()
    except Exception:  # only used to improve a message: a workbook openpyxl cannot read keeps the plain one
        return {}
    return found


# --- Parquet --------------------------------------------------------------------------------------------


def _read_parquet(content: bytes) -> tuple[CellTable | None, list[Problem]]:
    import pyarrow.parquet as pq

    try:
        frame = pq.read_table(io.BytesIO(content)).to_pandas()
    except Exception as bad:  # pyarrow raises ArrowInvalid, OSError and others for broken files
        return None, [error("unreadable_parquet", value=_reason(bad))]
    headers = [str(name) for name in frame.columns]
    cells = frame.apply(column_text) if len(frame.columns) else frame
    cells.columns = range(len(headers))
    # no header row in Parquet: the first record is shown as row 2, as it would be once exported to a sheet
    cells.index = pd.RangeIndex(2, len(cells) + 2)
    return CellTable(headers=headers, cells=cells, kind="parquet"), []


def _reason(bad: Exception) -> str:
    return shorten(f"{type(bad).__name__}: {bad}") or type(bad).__name__


# --- cells as text --------------------------------------------------------------------------------------


def column_text(values: pd.Series) -> pd.Series:
    """Each cell as text the way a person reads it: whole floats without `.0`, dates as YYYY-MM-DD, empty as ""."""
    if pd.api.types.is_integer_dtype(values.dtype) and not values.hasnans:
        return values.astype(str).astype(object)
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    texts = np.array([cell_text(value) for value in distinct] + [""], dtype=object)
    return pd.Series(texts[positions], index=values.index, dtype=object)  # position -1 (missing) → ""


def cell_text(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).upper()
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(float(value))
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.strftime("%Y-%m-%d") if (value.hour, value.minute, value.second) == (0, 0, 0) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
