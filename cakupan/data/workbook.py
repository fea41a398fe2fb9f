"""Tables as an Excel workbook (.xlsx), one sheet per table, for the reader's language.

The CSV downloads' twin (`i18n.csv_bytes`): the same column headers (labels/columns.toml through
`i18n.column_header`), but numbers stay numbers — numeric cells with a number format, never digits stored as text —
so a spreadsheet can add them up. Format codes in a file are always written in Excel's English notation
(`#,##0.00`); Excel shows them with its reader's locale, so an Indonesian Excel reads `40.200.000` and `61,23`.
Written with openpyxl, no hand-made XML.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cakupan import i18n

WHOLE_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
MONTH_FORMAT = "mmm yyyy"
DATE_FORMAT = "yyyy-mm-dd"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm"
MAX_SHEET_NAME = 31                      # Excel's limit
FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
MAX_COLUMN_WIDTH = 60
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_title(key: str, lang: str) -> str:
    """The sheet title of a chart's or table's data: its label in labels/sheets.toml, else its key."""
    label = f"sheets.{key}"
    return i18n.translate(label, lang) if label in i18n.labels() else key


def table_workbook_bytes(key: str, frame: pd.DataFrame, lang: str) -> bytes:
    """One chart's or table's data as a workbook of one sheet."""
    return workbook_bytes({sheet_title(key, lang): frame}, lang)


def page_workbook_bytes(tables: dict[str, pd.DataFrame], lang: str) -> bytes:
    """A whole page's chart data (`tables`: chart key → data, in page order) as one workbook, a sheet per chart."""
    return workbook_bytes({sheet_title(key, lang): frame for key, frame in tables.items()}, lang)


def workbook_bytes(sheets: dict[str, pd.DataFrame], lang: str) -> bytes:
    """An .xlsx file with one sheet per entry (`sheets`: sheet title → table), headers in `lang`. An empty dict
    gives one empty sheet saying so, since a workbook cannot have none."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    names: list[str] = []
    for title, frame in sheets.items():
        names.append(sheet_name(title, names))
        write_sheet(workbook.create_sheet(names[-1]), frame, lang)
    if not names:
        workbook.create_sheet(sheet_name(i18n.translate("export.no_tables", lang), []))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(title: str, taken: list[str]) -> str:
    """A legal, unique sheet name: Excel's forbidden characters replaced, at most 31 characters, ` (2)` … on a
    repeat (compared without case, as Excel does)."""
    base = FORBIDDEN_IN_SHEET_NAME.sub("-", title).strip().strip("'") or "Sheet"
    name, number = base[:MAX_SHEET_NAME], 1
    while name.lower() in {existing.lower() for existing in taken}:
        number += 1
        suffix = f" ({number})"
        name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
    return name


def write_sheet(sheet, frame: pd.DataFrame, lang: str) -> None:
    """Headers in bold on row 1 (frozen), then the rows; each column's cells get the format of its type."""
    sheet.append([i18n.column_header(column, lang) for column in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in frame.itertuples(index=False, name=None):
        sheet.append([cell_value(value) for value in row])
    for position, column in enumerate(frame.columns, start=1):
        number_format = column_format(column, frame[column])
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.number_format = number_format
        sheet.column_dimensions[get_column_letter(position)].width = column_width(sheet, position)


def column_format(column: str, values: pd.Series) -> str | None:
    """The number format of a column: whole numbers grouped, decimals with two digits, months as `Okt 2023`."""
    if pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_integer_dtype(values):
        return WHOLE_FORMAT
    if pd.api.types.is_float_dtype(values):
        return WHOLE_FORMAT if whole_numbers(values) and not column.endswith("_pct") else DECIMAL_FORMAT
    if pd.api.types.is_datetime64_any_dtype(values):
        return MONTH_FORMAT if column.endswith("_month") else timestamp_or_date(values)
    dates = values.dropna()
    if len(dates) and all(isinstance(value, dt.date) for value in dates):
        return MONTH_FORMAT if column.endswith("_month") else DATE_FORMAT
    return None


def whole_numbers(values: pd.Series) -> bool:
    """True when every value present is a whole number (a count that pandas holds as float because of a gap)."""
    present = values.dropna()
    return bool(len(present)) and bool((present == present.round()).all())


def timestamp_or_date(values: pd.Series) -> str:
    present = values.dropna()
    has_time = bool(len(present)) and bool((present != present.dt.normalize()).any())
    return TIMESTAMP_FORMAT if has_time else DATE_FORMAT


def cell_value(value):
    """A value as openpyxl stores it: numbers as numbers, missing values as empty cells, dates as dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()  # numpy scalars → Python numbers
    return value


def column_width(sheet, position: int) -> float:
    """Wide enough for the header and the first rows' text, within MAX_COLUMN_WIDTH."""
    # never past the last row: iter_rows creates the cells it visits, which would add empty rows to the sheet
    sample = sheet.iter_rows(min_row=1, max_row=min(50, sheet.max_row), min_col=position, max_col=position,
                             values_only=True)
    longest = max((len(str(value)) for (value,) in sample if value is not None), default=8)
    return min(MAX_COLUMN_WIDTH, max(10, longest + 2))
