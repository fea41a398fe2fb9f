"""Check a monthly enrollment snapshot against the data contract (section 1), all problems at once.

    check_bytes / check_file → Report: every problem in the file, and the validated rows ready to load

Reading files is `snapshot_files`; the columns are `contract`; values are checked with a pandera schema built
from the reference tables in the database, and each failure becomes a `Problem` that names the row (header =
row 1), the column as the file wrote it, and the value as the file showed it. Loading is `loads`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cakupan import i18n
from cakupan.data import db
from cakupan.data.contract import (COLUMN_NAMES, COLUMNS, COUNT_COLUMNS, COUNT_TEXT, HEADER_NAMES, KEY_COLUMNS,
                                   MAX_COUNT_DIGITS, MAX_PEOPLE, MONTH_TEXT)
from cakupan.data.reconciliation import previous_active, reconcile
from cakupan.data.snapshot_files import (MAX_FILE_BYTES, CellTable, Problem, error, formulas_of, read_cells,
                                         safe_file_name)

MAX_LISTED_PER_PROBLEM = 50  # a file with a systematic problem lists this many rows of it, then a count
MAX_KNOWN_CODES_SHOWN = 12
COUNT_DETAILS = ("limit", "previous", "new", "lapsed", "expected_active")  # people, formatted per language


@dataclasses.dataclass
class Report:
    """The outcome of checking one file: its identity, every problem, and the rows ready to load."""
    file_name: str
    sha256: str
    size_bytes: int
    problems: list[Problem]
    rows: pd.DataFrame | None = None  # validated rows, columns COLUMN_NAMES; None when the file has errors
    rows_read: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows is not None and not self.rows.empty


# --- checking -------------------------------------------------------------------------------------------


def check_file(path: Path | str, today: dt.date | None = None) -> Report:
    """Check a file on disk; a missing or oversized file is reported without reading it."""
    path = Path(path)
    name = safe_file_name(path.name)
    if not path.is_file():
        return Report(name, "", 0, [error("file_not_found", value=str(path))])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Report(name, "", size, [error("file_too_large", value=f"{size / 1024 / 1024:.1f}",
                                             limit_mb=f"{MAX_FILE_BYTES / 1024 / 1024:.1f}")])
    return check_bytes(path.read_bytes(), name, today)


def check_bytes(content: bytes, file_name: str, today: dt.date | None = None) -> Report:
    """Check a file's content against the data contract and the reference tables in the database."""
    file_name = safe_file_name(file_name)
    report = Report(file_name, hashlib.sha256(content).hexdigest(), len(content), [])
    table, problems = read_cells(content, file_name)
    report.problems.extend(problems)
    if table is None:
        return report
    table.headers = [" ".join(str(header).split()) for header in table.headers]
    columns, header_problems = map_headers(table)
    report.problems.extend(header_problems)
    report.rows_read = len(table.cells)
    if table.cells.empty and not report.errors:
        report.problems.append(error("no_rows"))
        return report
    headers = {name: table.headers[position] for name, position in columns.items()}
    parsed, cell_problems = parse_cells(table, columns, content)
    report.problems.extend(cell_problems)
    report.problems.extend(check_values(parsed, headers, current_month(today)))
    if not report.errors and all(spec.name in columns for spec in COLUMNS if spec.required):
        report.rows = validated_rows(parsed)
        report.problems.extend(reconcile(report.rows, previous_active(report.rows), headers))
    report.problems = limit_listed(report.problems)
    return report


def current_month(today: dt.date | None = None) -> dt.date:
    """The latest month a snapshot may be for: the current one."""
    return (today or dt.date.today()).replace(day=1)


def map_headers(table: CellTable) -> tuple[dict[str, int], list[Problem]]:
    """Which position holds each standard column (header aliases, case and spaces forgiven) and header problems."""
    columns: dict[str, int] = {}
    headers_used: dict[str, str] = {}
    problems = []
    for position, header in enumerate(table.headers):
        spec = HEADER_NAMES.get(header.strip().lower())
        if not header.strip():
            if position in table.cells and (table.cells[position] != "").any():
                problems.append(error("unnamed_column", row=1, value=position + 1))
        elif spec is None:
            problems.append(error("unknown_column", row=1, column=header, known=", ".join(COLUMN_NAMES)))
        elif spec.name in columns:
            problems.append(error("duplicate_column", row=1, column=header, value=headers_used[spec.name]))
        else:
            columns[spec.name] = position
            headers_used[spec.name] = header
    missing = [spec for spec in COLUMNS if spec.required and spec.name not in columns]
    problems += [error("missing_column", row=1, column=spec.name, value=spec.alias) for spec in missing]
    if missing and len(table.sheet_names) > 1:
        problems.append(error("first_sheet_used", value=table.sheet_names[0], sheets=", ".join(table.sheet_names[1:])))
    return columns, problems


def parse_cells(table: CellTable, columns: dict[str, int], content: bytes) -> tuple[pd.DataFrame, list[Problem]]:
    """The cells of each standard column as typed values (missing where unreadable), and why they are unreadable.

    Returns a frame indexed by sheet row with the standard columns present, plus `<name>__text`: the cell text.
    """
    parsed = pd.DataFrame(index=table.cells.index)
    problems: list[Problem] = []
    for spec in COLUMNS:
        if spec.name not in columns:
            continue
        text = table.cells[columns[spec.name]].astype(object)
        header = table.headers[columns[spec.name]]
        parsed[f"{spec.name}__text"] = text
        (empty,) = per_distinct_value(text, lambda distinct: (distinct.str.strip() == "",))
        empty = empty.astype(bool)
        if spec.required:
            problems += [error("missing_value", row=row, column=header) for row in text.index[empty]]
        if spec.kind == "month":
            parsed[spec.name], unreadable = per_distinct_value(text, parse_months)
            problems += cell_errors("bad_month", text, unreadable & ~empty, header)
        elif spec.kind == "count":
            parsed[spec.name], unreadable, too_long = per_distinct_value(text, parse_counts)
            problems += cell_errors("not_whole_number", text, unreadable & ~empty, header)
            problems += cell_errors("too_large", text, too_long, header, limit=MAX_PEOPLE)
        else:
            (parsed[spec.name],) = per_distinct_value(text, lambda distinct: (distinct.str.strip().replace("", None),))
    if table.kind == "excel":
        problems = explain_formulas(problems, table, columns, content)
    return parsed, problems


def per_distinct_value(text: pd.Series, parse) -> tuple[pd.Series, ...]:
    """`parse` run once per distinct cell text and spread back over the rows (a column repeats few values)."""
    positions, distinct = pd.factorize(text)
    return tuple(pd.Series(result.array.take(positions), index=text.index)
                 for result in parse(pd.Series(distinct, dtype=object)))


def parse_months(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First day of each cell's month, and which non-empty cells are not a month."""
    parts = text.str.extract(MONTH_TEXT)
    day = parts[2].fillna("1")
    dates = pd.to_datetime(parts[0] + "-" + parts[1] + "-" + day, format="%Y-%m-%d", errors="coerce")
    months = dates.dt.to_period("M").dt.to_timestamp()
    return months, months.isna()


def parse_counts(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each cell as a whole number (thousands dots allowed), which cells are not one, and which are too long."""
    parts = text.str.extract(COUNT_TEXT)
    digits = parts[1].str.replace(".", "", regex=False).str.lstrip("0").replace("", "0")
    too_long = digits.str.len() > MAX_COUNT_DIGITS
    readable = digits.notna() & ~too_long
    counts = pd.Series(pd.NA, index=text.index, dtype="Int64")
    signed = (parts[0][readable] + digits[readable]).astype("int64")
    counts[readable] = signed
    return counts, digits.isna(), too_long.fillna(False).astype(bool)


def cell_errors(code: str, text: pd.Series, where: pd.Series, header: str, **details) -> list[Problem]:
    return [error(code, row=row, column=header, value=value, **details) for row, value in text[where].items()]


def explain_formulas(problems: list[Problem], table: CellTable, columns: dict[str, int],
                     content: bytes) -> list[Problem]:
    """Empty-cell errors that are really formulas without a saved value get the formula and its own message."""
    position_of_header = {table.headers[position]: position for position in columns.values()}
    empty_cells = [(problem.row, position_of_header[problem.column]) for problem in problems
                   if problem.code == "missing_value"][:MAX_LISTED_PER_PROBLEM * 4]
    formulas = formulas_of(content, empty_cells) if empty_cells else {}
    if not formulas:
        return problems
    return [error("formula_without_value", row=problem.row, column=problem.column,
                  value=formulas[(problem.row, position_of_header[problem.column])])
            if problem.code == "missing_value" and (problem.row, position_of_header.get(problem.column)) in formulas
            else problem for problem in problems]


# --- rules on typed values (pandera) --------------------------------------------------------------------


def value_schema(latest_month: dt.date, associations: list[str], segments: list[str],
                 provinces: list[str]) -> pa.DataFrameSchema:
    """The contract's value rules; each check's name is the message code its failures get."""
    count_checks = [pa.Check(lambda values: values >= 0, name="negative"),
                    pa.Check(lambda values: values <= MAX_PEOPLE, name="too_large")]
    return pa.DataFrameSchema(
        {
            "snapshot_month": pa.Column("datetime64[s]", pa.Check(
                lambda months: months <= pd.Timestamp(latest_month), name="future_month"), nullable=True),
            "association_code": pa.Column(object, pa.Check(
                lambda codes: codes.isin(associations), name="unknown_association"), nullable=True),
            "segment": pa.Column(object, pa.Check(
                lambda codes: codes.isin(segments), name="unknown_segment"), nullable=True),
            "province_code": pa.Column(object, pa.Check(
                lambda codes: codes.isin(provinces), name="unknown_province"), nullable=True),
            **{name: pa.Column("Int64", count_checks, nullable=True) for name in COUNT_COLUMNS},
        },
        checks=[
            pa.Check(lambda rows: ~(rows["eligible_workers"] < rows["active_participants"]).fillna(False),
                     name="eligible_below_active"),
            pa.Check(lambda rows: ~rows.duplicated(list(KEY_COLUMNS), keep="first")
                     | rows[list(KEY_COLUMNS)].isna().any(axis=1), name="duplicate_key"),
        ],
        strict=False,
    )


def check_values(parsed: pd.DataFrame, headers: dict[str, str], latest_month: dt.date) -> list[Problem]:
    """Run the value rules on the cells that could be read; one problem per failing cell."""
    reference = reference_codes()
    typed = typed_frame(parsed, reference)
    schema = value_schema(latest_month, reference["associations"], reference["segments"], reference["provinces"])
    try:
        schema.validate(typed, lazy=True)
        return []
    except pa.errors.SchemaErrors as failed:
        failures = failed.failure_cases
    context = {"headers": headers, "latest": latest_month.strftime("%Y-%m"),
               "unknown_association": known_codes(reference["associations"]),
               "unknown_segment": known_codes(reference["segments"])}
    return [problem for check, cases in failures.groupby("check", sort=False)
            for problem in problems_of_check(str(check), cases, parsed, typed, context)]


def reference_codes() -> dict[str, list[str]]:
    """The codes a snapshot may use, as the reference tables list them."""
    return {
        "associations": list(db.run("associations")["association_code"]),
        "segments": list(db.run("segments")["segment"]),
        "provinces": list(db.run("provinces")["province_code"]),
    }


def typed_frame(parsed: pd.DataFrame, reference: dict[str, list[str]]) -> pd.DataFrame:
    """All standard columns with their types; codes spelled as the reference lists them (input case ignored)."""
    def column(name: str, empty: object, dtype: str) -> pd.Series:
        return parsed[name] if name in parsed else pd.Series(empty, index=parsed.index, dtype=dtype)

    typed = pd.DataFrame(index=parsed.index)
    typed["snapshot_month"] = column("snapshot_month", pd.NaT, "datetime64[s]").astype("datetime64[s]")
    for name, known in (("association_code", reference["associations"]), ("segment", reference["segments"])):
        spelled = {code.upper(): code for code in known}
        codes = column(name, None, "object").astype(object)
        as_listed = {code: spelled.get(code.upper(), code) for code in codes.dropna().unique()}
        typed[name] = codes.map(as_listed).astype(object)
    typed["province_code"] = column("province_code", None, "object").astype(object)
    for name in COUNT_COLUMNS:
        typed[name] = column(name, pd.NA, "Int64").astype("Int64")
    return typed


def problems_of_check(check: str, cases: pd.DataFrame, parsed: pd.DataFrame, typed: pd.DataFrame,
                      context: dict) -> list[Problem]:
    """Problems for one check's failure cases (pandera lists one case per failing cell, or per column of a row)."""
    rows = sorted(set(cases["index"].dropna().astype(int)))
    if check == "duplicate_key":
        return duplicate_problems(rows, typed)
    column = "eligible_workers" if check == "eligible_below_active" else str(cases["column"].iloc[0])
    details = {
        "too_large": {"limit": MAX_PEOPLE},
        "future_month": {"latest": context["latest"]},
        "unknown_association": {"known": context["unknown_association"]},
        "unknown_segment": {"known": context["unknown_segment"]},
    }.get(check, {})
    problems = []
    for row in rows:
        if check == "eligible_below_active":
            details = {"active": parsed.at[row, "active_participants__text"]}
        problems.append(error(check, row=row, column=context["headers"].get(column, column),
                              value=parsed.at[row, f"{column}__text"], **details))
    return problems


def known_codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:MAX_KNOWN_CODES_SHOWN])
    return shown if len(codes) <= MAX_KNOWN_CODES_SHOWN else f"{shown}, … ({len(codes)})"


def duplicate_problems(rows: list[int], typed: pd.DataFrame) -> list[Problem]:
    """Each repeated key names the row where the key first appeared."""
    keys = typed[list(KEY_COLUMNS)]
    first_rows = keys.rename_axis("sheet_row").reset_index().groupby(list(KEY_COLUMNS))["sheet_row"].min()
    problems = []
    for row in rows:
        key = tuple(keys.loc[row])
        shown = " · ".join([key[0].strftime("%Y-%m"), *map(str, key[1:])])
        problems.append(error("duplicate_key", row=row, value=shown, other_row=int(first_rows.loc[key])))
    return problems


def validated_rows(parsed: pd.DataFrame) -> pd.DataFrame:
    """The rows to load, in the enrollment table's shape: months as dates, codes as the reference spells them."""
    typed = typed_frame(parsed, reference_codes())
    rows = typed[list(COLUMN_NAMES)].copy()
    rows["snapshot_month"] = rows["snapshot_month"].dt.date
    for name in ("association_code", "segment", "province_code"):
        rows[name] = rows[name].astype(str)
    return rows


def limit_listed(problems: list[Problem]) -> list[Problem]:
    """At most MAX_LISTED_PER_PROBLEM rows of each (problem, column); the rest become one `more_like_this` line."""
    listed: dict[tuple[str, str, str | None], int] = {}
    kept: list[Problem] = []
    for problem in problems:
        group = (problem.severity, problem.code, problem.column)
        listed[group] = listed.get(group, 0) + 1
        if listed[group] <= MAX_LISTED_PER_PROBLEM:
            kept.append(problem)
    for (severity, code, column), count in listed.items():
        if count > MAX_LISTED_PER_PROBLEM:
            kept.append(Problem(severity, "more_like_this", None, column, str(count - MAX_LISTED_PER_PROBLEM),
                                (("about", code),)))
    return kept


# --- showing a report -----------------------------------------------------------------------------------


def describe(problem: Problem, lang: str) -> str:
    """The problem in words, in the chosen language."""
    details = {key: i18n.format_number(value, lang) if key in COUNT_DETAILS else value
               for key, value in problem.details}
    values = {"row": problem.row, "column": problem.column, "value": problem.value, **details}
    return i18n.translate(f"ingest.{problem.code}", lang, **values)


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem: severity, row, column, value, message — errors first, then by row."""
    table = pd.DataFrame({
        "severity": [i18n.translate(f"ingest.{problem.severity}", lang) for problem in problems],
        "row": pd.array([problem.row for problem in problems], dtype="Int64"),
        "column": [problem.column or "" for problem in problems],
        "value": [problem.value or "" for problem in problems],
        "message": [describe(problem, lang) for problem in problems],
        "is_error": [problem.severity == "error" for problem in problems],
    })
    return table.sort_values(["is_error", "row"], ascending=[False, True], kind="stable",
                             na_position="first").drop(columns="is_error").reset_index(drop=True)
