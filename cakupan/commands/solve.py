"""`python -m cakupan solve`: goal seek — the smallest lever value with which a scope meets its target at a chance."""

from __future__ import annotations

import argparse
import json
import sys

from cakupan import i18n
from cakupan.commands import project
from cakupan.data import db
from cakupan.planner import goal_seek, scopes, what_it_takes

HELP = ("what it takes: the smallest extra recruits per month (or growth adjustment) with which the scope's chance "
        "of meeting its target at the target date is at least P")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scope", required=True, help="'national' or an association code")
    parser.add_argument("--lever", required=True, choices=goal_seek.LEVERS,
                        help="recruits (whole people per month) or growth (percentage points a month, to 0.01)")
    parser.add_argument("--probability", type=project.number, default=goal_seek.DEFAULT_PROBABILITY, metavar="P",
                        help="the chance of meeting the target to reach, between 0 and 1 (default 0.5)")
    project.add_projection_arguments(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table", dest="output_format")


def run(args: argparse.Namespace) -> int:
    if not 0 < args.probability < 1:
        return project.refuse("goal_seek.cli_probability", args.lang, value=f"{args.probability:g}")
    try:
        data = project.load_planner_data()
    except db.DatabaseBusy:
        return project.refuse("goal_seek.cli_database_busy", args.lang)
    scope = project.known_scope(args.scope, list(data.series))
    if scope is None:
        return project.refuse("planner.cli_unknown_scope", args.lang, scope=args.scope, known=", ".join(data.series))
    item = scopes.what_if_input(data, scope, args.target_date, scopes.default_levers(data))
    answer = goal_seek.seek(item, args.lever, args.probability, args.method, args.window)
    if not answer.found:
        values = what_it_takes.refusal_values(answer, item, scope, i18n.translator(args.lang))
        return project.refuse(f"goal_seek.{answer.outcome}", args.lang, **values)
    result = goal_seek.record(answer, goal_seek.solved_projection(item, answer, args.method, args.window), item,
                              args.method, args.window)
    if args.output_format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(project.render([result], "table", tuple(result)))
    return 0
