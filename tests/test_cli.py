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
