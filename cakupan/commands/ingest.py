"""`ingest FILE`: check a snapshot file and load it, all or nothing (data contract §1 and §4).

Standard error gets the report (every problem, in the language of --lang); standard output gets only the
result of a load, ending with the line `load_id: ID`. Exit 1 when the file is refused: nothing is written.
"""

from __future__ import annotations

import getpass
import sys

from cakupan import i18n
from cakupan.data import contract_checks, db, loads

HELP = "check a snapshot file (CSV, Excel, Parquet) and load it: all or nothing"


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the snapshot file")
    parser.add_argument("--by", help="who loads it, for the load history (default: your login name)")


def run(args) -> int:
    t = i18n.translator(args.lang)
    try:
        report = contract_checks.check_file(args.file)
        print_report(report, t)
        if report.errors:
            print(t("ingest.load_refused", value=len(report.errors)), file=sys.stderr)
            return 1
        print(t("ingest.writing", rows=len(report.rows)), file=sys.stderr, flush=True)
        result = loads.load(report, args.by or login_name())
    except db.DatabaseBusy as busy:  # only when building a missing database waited for another writer
        print(t("ingest.database_busy", seconds=round(busy.seconds)), file=sys.stderr)
        return 1
    except loads.LoadRefused as refused:
        print(refused.message(t.lang), file=sys.stderr)
        return 1
    print(t("ingest.loaded", load_id=result.load_id, rows=result.rows, replaced=result.replaced_rows),
          file=sys.stderr)
    print(f"file: {report.file_name}\nsha256: {report.sha256}\nrows: {result.rows}\n"
          f"replaced_rows: {result.replaced_rows}\nload_id: {result.load_id}")
    return 0


def print_report(report: contract_checks.Report, t) -> None:
    print(t("ingest.summary", file=report.file_name, rows=report.rows_read, errors=len(report.errors),
            warnings=len(report.warnings)), file=sys.stderr)
    for problem in contract_checks.problem_table(report.problems, t.lang).itertuples():
        print(f"{problem.severity}: {problem.message}", file=sys.stderr)


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "?"
