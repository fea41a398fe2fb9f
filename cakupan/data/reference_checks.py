"""Check a reference table shipped in sample_data/ before it is loaded: every problem at once, in words.

So far one table has rules of its own: `labour_force.csv`, the employed population per BPS Sakernas round that
divides active participants into coverage of the workforce. A bad row there would turn every coverage figure
wrong without any error, so the database is not built from it: `check_reference_file` lists what is wrong (row as
a spreadsheet numbers it, header = row 1; column; value; what would be right) and `build_database` refuses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from cakupan import i18n
from cakupan.data.snapshot_files import Problem, error

LABOUR_FORCE_COLUMNS = ("survey_month", "employed_persons", "source")
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
WHOLE_NUMBER = re.compile(r"^\d+$")


class ReferenceDataError(ValueError):
    """A reference file that breaks its rules; `problems` says where and how, `describe` puts it in words."""

    def __init__(self, file_name: str, problems: list[Problem]):
        self.file_name = file_name
        self.problems = problems
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        """Every problem, one per line, under a line naming the file, in `lang`."""
        lines = [i18n.translate("reference.refused", lang, file=self.file_name)]
        return "\n".join(lines + [f"- {describe(problem, lang)}" for problem in self.problems])


def describe(problem: Problem, lang: str) -> str:
    """One problem in words, in the chosen language."""
    values = {"row": problem.row, "column": problem.column, "value": problem.value, **dict(problem.details)}
    return i18n.translate(f"reference.{problem.code}", lang, **values)


def check_labour_force(cells: pd.DataFrame) -> list[Problem]:
    """Problems of labour_force.csv read as text (`read_cells`): exact columns, months `YYYY-MM` each given once,
    whole positive numbers of people, a source on every row."""
    missing = [column for column in LABOUR_FORCE_COLUMNS if column not in cells.columns]
    unknown = [column for column in cells.columns if column not in LABOUR_FORCE_COLUMNS]
    problems = [error("missing_column", 1, column) for column in missing]
    problems += [error("unknown_column", 1, column, known=", ".join(LABOUR_FORCE_COLUMNS)) for column in unknown]
    if missing:
        return problems
    if cells.empty:
        return problems + [error("no_rows")]
    seen: dict[str, int] = {}
    for row, record in zip(spreadsheet_rows(cells), cells.to_dict("records")):
        problems += month_problems(row, record["survey_month"], seen)
        problems += count_problems(row, record["employed_persons"])
        if not record["source"].strip():
            problems.append(error("missing_source", row, "source"))
    return problems


def month_problems(row: int, text: str, seen: dict[str, int]) -> list[Problem]:
    """A survey month that is not `YYYY-MM`, or that an earlier row already gave (`seen`: month → its row)."""
    month = text.strip()
    if not MONTH_PATTERN.match(month):
        return [error("bad_month", row, "survey_month", text)]
    if month in seen:
        return [error("duplicate_month", row, "survey_month", text, first_row=seen[month])]
    seen[month] = row
    return []


def count_problems(row: int, text: str) -> list[Problem]:
    """People as a whole number above zero, written without separators."""
    number = text.strip()
    if not WHOLE_NUMBER.match(number):
        return [error("not_whole_number", row, "employed_persons", text)]
    if int(number) == 0:
        return [error("zero_employed", row, "employed_persons", text)]
    return []


def spreadsheet_rows(cells: pd.DataFrame) -> range:
    """Row numbers as a spreadsheet shows them: the header is row 1, the first data row is 2."""
    return range(2, len(cells) + 2)


def read_cells(path: Path) -> pd.DataFrame:
    """A reference CSV as text cells, headers trimmed, nothing turned into NaN."""
    cells = pd.read_csv(path, dtype=str, keep_default_na=False)
    return cells.rename(columns=lambda header: str(header).strip())


CHECKS = {"labour_force": check_labour_force}


def check_reference_file(table: str, path: Path) -> None:
    """Raise ReferenceDataError when the reference file of `table` breaks its rules; tables without rules pass."""
    if table in CHECKS:
        problems = CHECKS[table](read_cells(path))
        if problems:
            raise ReferenceDataError(path.name, problems)

