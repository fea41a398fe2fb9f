"""Several processes serve one database at once, whatever $CAKUPAN_READ_ONLY says: every reader opens the published
version read-only, and writers build the next version beside it."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# holds its connection open until told to stop, so both processes have the file open at the same moment
READER = """
import sys
from cakupan.data import db
print(",".join(db.run("associations")["association_code"]), flush=True)
sys.stdin.readline()
"""


def start_reader(database: Path, read_only: bool) -> subprocess.Popen:
    env = os.environ | {"CAKUPAN_DB": str(database), "CAKUPAN_READ_ONLY": "1" if read_only else "0"}
    return subprocess.Popen([sys.executable, "-c", READER], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("read_only", [True, False])
def test_two_processes_serve_one_database(tiny_db_path, read_only):
    first = start_reader(tiny_db_path, read_only)
    try:
        assert first.stdout.readline().strip() == "AAA,BBB"  # the first holds the file open from here on
        second = start_reader(tiny_db_path, read_only)
        out, err = second.communicate("\n", timeout=60)
    finally:
        first.communicate("\n", timeout=60)
    assert out.strip() == "AAA,BBB", err[-500:]
