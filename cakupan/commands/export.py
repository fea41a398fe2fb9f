"""`python -m cakupan export`: the presenter deck as a PPTX, PDF or offline HTML file, without a browser."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from cakupan import i18n

HELP = "write the presenter deck (PPTX, PDF or one offline HTML file)"
# the formats presenter.deck_files builds (a test keeps the two equal); named here so that an unknown format
# is refused before the deck's libraries (DuckDB, Plotly, python-pptx, fpdf) are even imported
FORMATS = ("pptx", "pdf", "html")


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True, help="file format of the deck")
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
    content = deck_files.build_deck(args.format, deck, t, notes=args.notes)
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as problem:
        print(t("export.cannot_write", path=str(out), reason=problem.strerror or str(problem)), file=sys.stderr)
        return 1
    print(t("export.written", slides=len(deck), fmt=args.format.upper(), seconds=i18n.format_decimal(
        time.perf_counter() - started, args.lang)), file=sys.stderr)
    print(out)
    return 0
