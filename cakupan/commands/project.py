"""`python -m cakupan project`: the projection of every scope (or one) at its target month, as table, CSV or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

import pandas as pd

from cakupan import i18n
from cakupan.data import db
from cakupan.planner import accuracy, engine, scopes

HELP = ("projection, projected shortfall, pace, chance and status at the target date, per scope (national and each "
        "association); --accuracy: the rolling-origin accuracy scorecard instead")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scope", help="'national' or an association code (default: national and every association)")
    parser.add_argument("--method", choices=engine.METHODS, default=engine.DEFAULT_METHOD,
                        help="trend (least squares line) or growth (compound monthly growth); default trend")
    parser.add_argument("--window", type=_positive_int, default=engine.DEFAULT_WINDOW_MONTHS, metavar="MONTHS",
                        help="months of history the method reads (default 12)")
    parser.add_argument("--target-date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="project to this date's month (default: each scope's own target)")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table", dest="output_format")
    parser.add_argument("--accuracy", action="store_true",
                        help="print how far past projections were from what happened, per method and window, over "
                             "every origin (mean absolute %% error at 6, 12, 24 months; share inside the 80%% band; "
                             "error relative to 'no change'); the best 12-month record is marked")


def run(args: argparse.Namespace) -> int:
    monthly = db.run("scope_monthly_active")
    targets = db.run("targets")
    known = list(monthly["scope"].unique())
    scope = _known_scope(args.scope, known) if args.scope else None
    if args.scope and scope is None:
        print(i18n.translate("planner.cli_unknown_scope", args.lang, scope=args.scope, known=", ".join(known)),
              file=sys.stderr)
        return 1
    if args.accuracy:
        records = accuracy.accuracy_records(monthly, [scope] if scope else None)
        sys.stdout.write(render(records, args.output_format, accuracy.ACCURACY_KEYS))
        return 0
    inputs = scopes.scope_inputs(monthly, targets, args.target_date, [scope] if scope else None)
    results = engine.project_scopes(inputs, args.method, args.window, fan=False)  # the target month is printed
    records = [scopes.contract_record(item, result) for item, result in zip(inputs, results)]
    sys.stdout.write(render(records, args.output_format))
    return 0


def render(records: list[dict], output_format: str, keys: tuple[str, ...] = scopes.CONTRACT_KEYS) -> str:
    """The records as one JSON document, CSV with `keys` as header, or an aligned text table."""
    if output_format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    frame = pd.DataFrame(records, columns=list(keys))
    if output_format == "csv":
        return frame.to_csv(index=False)
    return frame.to_string(index=False, float_format=lambda value: f"{value:.2f}") + "\n"


def _known_scope(text: str, known: list[str]) -> str | None:
    """The scope as the data spells it (codes are case-insensitive on input), or None."""
    by_folded = {scope.casefold(): scope for scope in known}
    return by_folded.get(text.strip().casefold())


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of months: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"the window must be at least 1 month, got {value}")
    return value


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None
