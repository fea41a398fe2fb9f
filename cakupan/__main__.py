"""The command line: `python -m cakupan COMMAND …` (docs/data-contract.md, section 4).

Each command is a module in `cakupan/commands/`; a command whose module is not there yet is not offered.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from cakupan import i18n

COMMANDS = ("ingest", "loads", "undo", "project", "export")


def available_commands() -> dict:
    """The command modules present, by name, in the contract's order."""
    modules = {}
    for name in COMMANDS:
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
    modules = available_commands()
    args = build_parser(modules).parse_args(argv)
    if args.db:
        os.environ["CAKUPAN_DB"] = args.db
    return modules[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
