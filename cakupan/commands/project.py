"""`python -m cakupan project`: the projection of every scope (or one) at its target month, as table, CSV or JSON."""

from __future__ import annotations

import argparse
import dataclasses
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
    add_projection_arguments(parser)
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table", dest="output_format")
    parser.add_argument("--extra-recruits-per-month", type=number, default=0.0, metavar="N",
                        help="what-if lever: extra active participants recruited each month from the month after the "
                             "last data month; they lapse at the scope's lapse rate (the what-if page's recruits)")
    parser.add_argument("--growth-adjust-pct", type=number, default=0.0, metavar="X",
                        help="what-if lever: percentage points added to the monthly growth (0.25 = 25 basis points "
                             "on the what-if page)")
    parser.add_argument("--accuracy", action="store_true",
                        help="print how far past projections were from what happened, per method and window, over "
                             "every origin (mean absolute %% error at 6, 12, 24 months; share inside the 80%% band; "
                             "error relative to 'no change'); the best 12-month record is marked")


def add_projection_arguments(parser: argparse.ArgumentParser) -> None:
    """--method, --window and --target-date, shared with `solve`."""
    parser.add_argument("--method", choices=engine.METHODS, default=engine.DEFAULT_METHOD,
                        help="trend (least squares line) or growth (compound monthly growth); default trend")
    parser.add_argument("--window", type=_positive_int, default=engine.DEFAULT_WINDOW_MONTHS, metavar="MONTHS",
                        help="months of history the method reads (default 12)")
    parser.add_argument("--target-date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="project to this date's month (default: each scope's own target)")


def run(args: argparse.Namespace) -> int:
    if args.extra_recruits_per_month < 0:
        return refuse("goal_seek.cli_negative_recruits", args.lang, value=f"{args.extra_recruits_per_month:g}")
    low, high = engine.GROWTH_ADJUST_LIMITS
    if not low <= args.growth_adjust_pct <= high:
        return refuse("goal_seek.cli_growth_limits", args.lang, value=f"{args.growth_adjust_pct:g}", low=low, high=high)
    try:
        data = load_planner_data()
    except db.DatabaseBusy:
        return refuse("goal_seek.cli_database_busy", args.lang)
    known = list(data.series)
    scope = known_scope(args.scope, known) if args.scope else None
    if args.scope and scope is None:
        return refuse("planner.cli_unknown_scope", args.lang, scope=args.scope, known=", ".join(known))
    if args.accuracy:
        records = accuracy.accuracy_records(data.monthly, [scope] if scope else None)
        sys.stdout.write(render(records, args.output_format, accuracy.ACCURACY_KEYS))
        return 0
    # the what-if page's levers: campaign from the month after the last data month, the scope's lapse rates
    levers = dataclasses.replace(scopes.default_levers(data), extra_recruits_per_month=args.extra_recruits_per_month,
                                 growth_adjust_pct=args.growth_adjust_pct)
    inputs = [scopes.what_if_input(data, name, args.target_date, levers) for name in ([scope] if scope else known)]
    results = engine.project_scopes(inputs, args.method, args.window, fan=False)  # the target month is printed
    records = [scopes.contract_record(item, result) for item, result in zip(inputs, results)]
    sys.stdout.write(render(records, args.output_format))
    return 0


def load_planner_data() -> scopes.PlannerData:
    """Every scope's series, the targets and the recent lapse rates, as the planner pages read them."""
    monthly = db.run("scope_monthly_active")
    last_month = scopes.latest_month(scopes.series_by_scope(monthly))
    rates = db.run("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
    return scopes.planner_data(monthly, db.run("targets"), rates, "national")


def refuse(label: str, lang: str, **values) -> int:
    """The input is refused: the message on standard error, nothing on standard output, exit status 1."""
    print(i18n.translate(label, lang, **values), file=sys.stderr)
    return 1


def render(records: list[dict], output_format: str, keys: tuple[str, ...] = scopes.CONTRACT_KEYS) -> str:
    """The records as one JSON document, CSV with `keys` as header, or an aligned text table."""
    if output_format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    frame = pd.DataFrame(records, columns=list(keys))
    if output_format == "csv":
        return frame.to_csv(index=False)
    return frame.to_string(index=False, float_format=lambda value: f"{value:.2f}") + "\n"


def known_scope(text: str, known: list[str]) -> str | None:
    """The scope as the data spells it (codes are case-insensitive on input), or None."""
    by_folded = {scope.casefold(): scope for scope in known}
    return by_folded.get(text.strip().casefold())


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


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
