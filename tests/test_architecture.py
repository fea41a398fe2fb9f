"""The house rules that keep the tree readable: SQL only in queries/, DuckDB only in db.py, no arithmetic in pages."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON_FILES = sorted(p for folder in ("cakupan", "pages", "bench", "tests") for p in (ROOT / folder).rglob("*.py")) + [
    ROOT / "dashboard.py"]
PAGE_FILES = sorted((ROOT / "pages").glob("*.py")) + [ROOT / "dashboard.py"]
SQL_TEXT = re.compile(r"\b(select\s+[\w*].*\s+from|insert\s+into|create\s+table|delete\s+from|update\s+\w+\s+set)\b",
                      re.IGNORECASE | re.DOTALL)
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_text_outside_queries(path):
    offending = [text for text in string_constants(path) if SQL_TEXT.search(text)]
    assert not offending, f"SQL text in {path.name}: {offending[:1]}"


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_db_module_imports_duckdb(path):
    if path == ROOT / "cakupan" / "db.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert "duckdb" not in imported


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_do_no_arithmetic(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    operations = [ast.unparse(node) for node in ast.walk(tree)
                  if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ARITHMETIC)]
    assert not operations, f"arithmetic in {path.name}: {operations}"


def test_every_query_file_has_a_header_comment():
    for path in (ROOT / "queries").rglob("*.sql"):
        assert path.read_text(encoding="utf-8").startswith("--"), path
