"""Real snapshot files for the ingest tests: a valid November 2023 built from the sample's October rows, written
as CSV (comma or semicolon, with or without BOM, thousands dots), Excel (openpyxl) or Parquet (pyarrow)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["snapshot_month", "association_code", "segment", "province_code", "active_participants",
           "new_participants", "lapsed_participants", "eligible_workers"]
INDONESIAN_HEADERS = ["bulan", "kode_asosiasi", "segmen", "kode_provinsi", "peserta_aktif", "peserta_baru",
                      "peserta_nonaktif", "pekerja_eligible"]


def sample_rows(month: str = "2023-10") -> pd.DataFrame:
    """The sample snapshot rows of one month, codes as text."""
    sample = pd.read_csv(ROOT / "sample_data" / "enrollment.csv", dtype={"province_code": str})
    return sample[sample["snapshot_month"] == month].reset_index(drop=True)


def november_rows() -> pd.DataFrame:
    """A November 2023 that reconciles exactly with the sample's October: same flows, active carried forward."""
    october = sample_rows("2023-10")
    november = october.copy()
    november["snapshot_month"] = "2023-11"
    november["lapsed_participants"] = october["lapsed_participants"].clip(
        upper=october["active_participants"] + october["new_participants"])
    november["active_participants"] = (october["active_participants"] + october["new_participants"]
                                       - november["lapsed_participants"])
    november["eligible_workers"] = november[["eligible_workers", "active_participants"]].max(axis=1)
    return november


def with_thousands_dots(value) -> str:
    return f"{int(value):,}".replace(",", ".")


def write_csv(rows: pd.DataFrame, path: Path, sep: str = ",", bom: bool = False, dots: bool = False,
              headers: list[str] | None = None, encoding: str = "utf-8") -> Path:
    """A CSV as a spreadsheet program writes it; `dots` writes counts as 1.234.567."""
    table = rows.copy()
    if dots:
        for column in HEADERS[4:]:
            table[column] = [with_thousands_dots(v) if pd.notna(v) else "" for v in table[column]]
    table.columns = headers or list(table.columns)
    text = table.to_csv(index=False, sep=sep, lineterminator="\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def write_bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def write_xlsx(path: Path, rows: list[list], sheets: dict[str, list[list]] | None = None,
               sheet_title: str = "Data") -> Path:
    """An Excel workbook whose first sheet holds `rows` (a list of cell lists, header first); more sheets after."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for title, other_rows in (sheets or {}).items():
        other = workbook.create_sheet(title)
        for row in other_rows:
            other.append(row)
    workbook.save(path)
    return path


def xlsx_rows(rows: pd.DataFrame, month_as_date: bool = True) -> list[list]:
    """Rows as Excel cells: months as real dates, counts as numbers."""
    cells = [list(rows.columns)]
    for record in rows.itertuples(index=False):
        values = list(record)
        if month_as_date:
            year, month = map(int, values[0].split("-"))
            values[0] = dt.datetime(year, month, 1)
        values[3] = str(values[3])
        cells.append([None if isinstance(v, float) and pd.isna(v) else (int(v) if isinstance(v, float) else v)
                      for v in values])
    return cells


def write_parquet(rows: pd.DataFrame, path: Path, month_as_date: bool = True) -> Path:
    """A Parquet file with typed columns: months as dates, counts as int64."""
    table = rows.copy()
    if month_as_date:
        table["snapshot_month"] = pd.to_datetime(table["snapshot_month"]).dt.date
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path)
    return path


def big_snapshot(months: int, first_month: str = "1940-01") -> pd.DataFrame:
    """A valid snapshot of every association × segment × province for `months` months (1,672 rows a month)."""
    associations = pd.read_csv(ROOT / "sample_data" / "associations.csv")["association_code"]
    provinces = pd.read_csv(ROOT / "sample_data" / "provinces.csv", dtype=str)["province_code"]
    segments = pd.read_csv(ROOT / "sample_data" / "segments.csv")["segment"]
    month_texts = pd.period_range(first_month, periods=months, freq="M").strftime("%Y-%m")
    rows = pd.MultiIndex.from_product([month_texts, associations, segments, provinces],
                                      names=HEADERS[:4]).to_frame(index=False)
    rows[HEADERS[4:]] = [100, 0, 0, 200]  # flat: active carried forward exactly, so every month reconciles
    return rows
