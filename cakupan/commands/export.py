"""`python -m cakupan export`: the presenter deck as a PPTX, PDF or offline HTML file, or every chart's data as one
Excel workbook (a sheet per chart), without a browser."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from cakupan import i18n

HELP = "write the presenter deck (PPTX, PDF or one offline HTML file) or every chart's data (XLSX)"
# the formats presenter.deck_files builds (a test keeps the two equal); named here so that an unknown format
# is refused before the deck's libraries (DuckDB, Plotly, python-pptx, fpdf) are even imported
DECK_FORMATS = ("pptx", "pdf", "html")
FORMATS = DECK_FORMATS + ("xlsx",)


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True,
                        help="file format: a deck (pptx, pdf, html) or every chart's data as a workbook (xlsx)")
    parser.add_argument("--out", required=True, help="where to write the deck (folders are created)")
    parser.add_argument("--associations", default="",
                        help="comma-separated association codes for the association slides (default: all)")
    parser.add_argument("--notes", action="store_true",
                        help="PDF: a page of speaker notes after each slide (the PPTX always carries its notes)")


def run(args) -> int:
    # heavy (DuckDB, Plotly, python-pptx, fpdf): imported only once the arguments are valid
    from cakupan.data import db
    from cakupan.presenter import deck_files, deck_inputs, slides

    t = i18n.translator(args.lang)
    started = time.perf_counter()
    codes = [code.strip() for code in args.associations.split(",") if code.strip()]
    unknown = sorted(set(codes) - set(db.run("associations")["association_code"]))
    if unknown:
        print(t("export.unknown_associations", codes=", ".join(unknown)), file=sys.stderr)
        return 1
    deck = slides.build_slides(deck_inputs.gather_inputs(db.run, codes), t, today=dt.date.today())
    if args.format == "xlsx":
        from cakupan.data import workbook
        sheets = chart_tables(db.run, deck, codes, t)
        content = workbook.workbook_bytes(sheets, args.lang)
        done = t("export.written_workbook", sheets=len(sheets), seconds="{seconds}")
    else:
        content = deck_files.build_deck(args.format, deck, t, notes=args.notes)
        done = t("export.written", slides=len(deck), fmt=args.format.upper(), seconds="{seconds}")
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as problem:
        print(t("export.cannot_write", path=str(out), reason=problem.strerror or str(problem)), file=sys.stderr)
        return 1
    print(done.format(seconds=i18n.format_decimal(time.perf_counter() - started, args.lang)), file=sys.stderr)
    print(out)
    return 0


def chart_tables(run, deck, codes: list[str], t) -> dict:
    """Every chart's data, by sheet title in the language: the home chart, each slide with data, and the coverage
    page's charts (national coverage, coverage per association, the province map of the last month) — for all
    associations and segments, or the `codes` given."""
    from cakupan.coverage import workforce
    from cakupan.data import workbook
    from cakupan.presenter import slides

    associations = codes or list(run("associations")["association_code"])
    segments = list(run("segments")["segment"])
    months = run("month_range").iloc[0]
    national = run("national_monthly")
    tables = {"home_trend": national} | slides.chart_tables(deck)
    tables["coverage_national"] = workforce.national_coverage(national, run("labour_force"))
    tables["coverage_associations"] = run(
        "association_coverage", from_month=months["first_enrollment_month"], to_month=months["last_enrollment_month"],
        associations=associations, segments=segments, provinces=list(run("provinces")["province_code"]))
    tables["coverage_map"] = run(
        "province_map", month=months["last_enrollment_month"], associations=associations, segments=segments)
    return {workbook.sheet_title(key, t.lang): table for key, table in tables.items()}
