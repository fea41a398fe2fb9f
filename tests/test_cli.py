"""The command line's shared conventions: usage errors exit 2, help works without a database."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cakupan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cakupan", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_help_exits_zero():
    result = cakupan("--help")
    assert result.returncode == 0 and "COMMAND" in result.stdout


def test_unknown_command_is_a_usage_error():
    result = cakupan("no-such-command")
    assert result.returncode == 2 and result.stdout == "" and "invalid choice" in result.stderr


DECK_LIBRARIES = {"duckdb", "pandas", "plotly", "kaleido", "pptx", "fpdf"}


def imported_packages(importtime_log: str) -> set[str]:
    """Top-level packages named in `python -X importtime` output."""
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in importtime_log.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_an_unknown_deck_format_is_refused_before_anything_is_built(tmp_path):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "cakupan", "export", "--format", "XYZ",
                             "--out", str(tmp_path / "deck.xyz")], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stdout) == (2, "")
    assert "argument --format: invalid choice: 'XYZ' (choose from 'pptx', 'pdf', 'html', 'xlsx')" in result.stderr
    loaded = imported_packages(result.stderr)
    assert "cakupan" in loaded and not loaded & DECK_LIBRARIES  # no database, chart or slide library touched
    assert not list(tmp_path.iterdir())


def test_the_command_line_offers_the_formats_the_deck_builder_makes():
    from cakupan.commands import export as export_command
    from cakupan.presenter import deck_files
    assert export_command.DECK_FORMATS == deck_files.FORMATS
    assert export_command.FORMATS == deck_files.FORMATS + ("xlsx",)
