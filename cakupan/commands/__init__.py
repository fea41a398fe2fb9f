"""Command-line subcommands: one module per command, each with HELP, add_arguments(parser) and run(args) -> int.

Exit status follows the data contract: 0 success, 1 input refused, 2 wrong usage (argparse's own).
Standard output carries only the result; messages go to standard error.
"""
