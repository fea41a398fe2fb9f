"""The command line: `python -m cakupan COMMAND …` (docs/data-contract.md, section 4).

Each command is a module in `cakupan/commands/`; a command whose module is not there yet is not offered.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from cakupan import i18n

COMMANDS = ("ingest", "loads", "undo", "project", "solve", "export", "serve")


def available_commands(names: tuple[str, ...] = COMMANDS) -> dict:
    """The command modules present among `names`, by name, in the contract's order."""
    modules = {}
    for name in names:
        try:
            modules[name] = importlib.import_module(f"cakupan.commands.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"cakupan.commands.{name}":
                raise
    return modules


def build_parser(modules: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cakupan", description=__doc__.splitlines()[0])
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in modules.items():
        command = subcommands.add_parser(name, help=module.HELP, description=module.HELP)
        command.add_argument("--db", help="database file (default: the dashboard's, built from sample_data/)")
        command.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE,
                             help="language of messages and output labels (default: id)")
        module.add_arguments(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Only the command asked for is imported, so bad arguments are refused before pandas, DuckDB or Plotly load;
    # without a known command (help, a typo) every command is offered.
    modules = available_commands((argv[0],) if argv and argv[0] in COMMANDS else COMMANDS)
    args = build_parser(modules).parse_args(argv)
    if args.db:
        os.environ["CAKUPAN_DB"] = args.db
    try:
        return modules[args.command].run(args)
    except Exception as problem:
        # a reference table in sample_data/ that breaks its rules refuses to build the database: say where, exit 1
        from cakupan.data.reference_checks import ReferenceDataError
        if not isinstance(problem, ReferenceDataError):
            raise
        print(problem.describe(args.lang), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
