"""The snapshot file's columns as the data contract (section 1) defines them: names, Indonesian aliases, kinds,
and the shapes a month and a count may be written in. Data, not logic: the checks read it."""

from __future__ import annotations

import dataclasses

MAX_PEOPLE = 1_000_000_000  # more than Indonesia's population: a larger count is a unit or separator slip



@dataclasses.dataclass(frozen=True)
class ColumnSpec:
    name: str
    alias: str  # the Indonesian header accepted for it
    kind: str  # "month", "association", "segment", "province" or "count"
    required: bool = True


COLUMNS = (
    ColumnSpec("snapshot_month", "bulan", "month"),
    ColumnSpec("association_code", "kode_asosiasi", "association"),
    ColumnSpec("segment", "segmen", "segment"),
    ColumnSpec("province_code", "kode_provinsi", "province"),
    ColumnSpec("active_participants", "peserta_aktif", "count"),
    ColumnSpec("new_participants", "peserta_baru", "count"),
    ColumnSpec("lapsed_participants", "peserta_nonaktif", "count"),
    ColumnSpec("eligible_workers", "pekerja_eligible", "count", required=False),
)
COLUMN_NAMES = tuple(spec.name for spec in COLUMNS)
KEY_COLUMNS = ("snapshot_month", "association_code", "segment", "province_code")
COUNT_COLUMNS = tuple(spec.name for spec in COLUMNS if spec.kind == "count")
HEADER_NAMES = {header: spec for spec in COLUMNS for header in (spec.name, spec.alias)}

# A month written YYYY-MM, or a date in it (YYYY-MM-DD, optionally with a time, as Excel dates read)
MONTH_TEXT = r"^\s*(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$"
# A whole number, plain or with Indonesian thousands dots; an optional minus so negatives get their own message
COUNT_TEXT = r"^\s*(-?)\s*(\d+|\d{1,3}(?:\.\d{3})+)\s*$"
MAX_COUNT_DIGITS = 18  # fits a BIGINT; longer is too large anyway
