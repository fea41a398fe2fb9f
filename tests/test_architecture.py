"""The house rules that keep the tree readable, checked on the repository — and each rule checked against a planted
violation, so a rule that stops catching what it claims fails here too.

- SQL text lives only in queries/ (found in the file text, f-strings and "a " + "b" concatenations included);
- only cakupan/data/db.py imports duckdb; only ui modules (cakupan/ui.py, cakupan/*/widgets.py, cakupan/*/*_widgets.py) import streamlit
  inside the package (pages and tests may);
- pages and widget modules do no arithmetic: no operators, no unary minus, no pandas arithmetic methods;
- no module imports or reaches for another module's _private names;
- pages stay ≤ 65 lines, modules ≤ 400, at most 10 modules at the top of cakupan/.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cakupan"
CODE_FOLDERS = ("cakupan", "pages", "bench", "sample_data", "tests")
PYTHON_FILES = sorted(p for folder in CODE_FOLDERS for p in (ROOT / folder).rglob("*.py")) + [ROOT / "dashboard.py"]
PAGE_FILES = sorted((ROOT / "pages").glob("*.py")) + [ROOT / "dashboard.py"]
WIDGET_MODULES = [PACKAGE / "ui.py", *sorted(PACKAGE.glob("*/*widgets.py"))]
MAX_PAGE_LINES, MAX_MODULE_LINES, MAX_TOP_MODULES = 65, 400, 10

# SQL statements as they start: a select list ending in `from <relation>`, and the writing statements
SELECT_ITEM = r"(?:\*|\{[^}]*\}|[\w.]+(?:\([^)]*\))?(?:\s+as\s+\w+)?)"
SQL_TEXT = re.compile(
    rf"\bselect\s+(?:distinct\s+)?{SELECT_ITEM}(?:\s*,\s*{SELECT_ITEM})*\s+from\s+[\w.{{]"
    r"|\binsert\s+into\s+[\w{]|\bcreate\s+(?:or\s+replace\s+)?(?:table|view|macro)\s+[\w{]|\bdelete\s+from\s+[\w{]"
    r"|\bupdate\s+\w+\s+set\s+\w+\s*=",
    re.IGNORECASE)
ARITHMETIC_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)
PANDAS_ARITHMETIC = {"add", "sub", "mul", "div", "truediv", "floordiv", "mod", "pow", "radd", "rsub", "rmul",
                     "rdiv", "mean", "sum", "median", "cumsum", "cumprod", "diff", "pct_change", "prod", "std",
                     "var", "abs", "round", "clip", "divide", "multiply", "subtract"}


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --- the rules: each returns what it finds wrong in one file's text -------------------------------------------

def sql_outside_queries(text: str) -> list[str]:
    """SQL statements written in Python: the file's text with quotes, `+` joins and f-prefixes taken out."""
    joined = re.sub(r"""(?:\b[rfbu]{1,2})?(?:'''|\"\"\"|'|")""", " ", text, flags=re.IGNORECASE)
    joined = re.sub(r"\s*\+\s*", " ", joined)
    joined = re.sub(r"\s+", " ", joined)
    return [match.group(0) for match in SQL_TEXT.finditer(joined)]


def imported_modules(tree: ast.AST) -> set[str]:
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return names


def imports_of(text: str, top_level: str) -> list[str]:
    return [name for name in imported_modules(ast.parse(text)) if name.split(".")[0] == top_level]


def arithmetic(text: str) -> list[str]:
    """Operators, unary minus or plus, and pandas arithmetic methods."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ARITHMETIC_OPERATORS):
            found.append(ast.unparse(node))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            found.append(ast.unparse(node))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in PANDAS_ARITHMETIC):
            found.append(ast.unparse(node))
    return found


def private_names_of_others(text: str) -> list[str]:
    """`from x import _y`, and `module._y` where `module` is an imported module (dunder names are public)."""
    tree = ast.parse(text)
    private = lambda name: name.startswith("_") and not name.startswith("__")  # noqa: E731
    found = [f"from {node.module} import {alias.name}" for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) for alias in node.names if private(alias.name)]
    modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
               if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    found += [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Attribute)
              and isinstance(node.value, ast.Name) and node.value.id in modules and private(node.attr)]
    return found


def too_long(text: str, limit: int) -> list[str]:
    lines = len(text.splitlines())
    return [f"{lines} lines (at most {limit})"] if lines > limit else []


# --- the rules applied to the repository ------------------------------------------------------------------------

@pytest.mark.parametrize("path", PYTHON_FILES, ids=relative)
def test_no_sql_text_outside_queries(path):
    if path == Path(__file__):
        return  # the planted violations below are SQL on purpose
    assert not sql_outside_queries(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PYTHON_FILES, ids=relative)
def test_only_the_db_module_imports_duckdb(path):
    if path != PACKAGE / "data" / "db.py":
        assert not imports_of(path.read_text(encoding="utf-8"), "duckdb")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=relative)
def test_only_ui_modules_import_streamlit(path):
    if path not in WIDGET_MODULES:
        assert not imports_of(path.read_text(encoding="utf-8"), "streamlit")


@pytest.mark.parametrize("path", PAGE_FILES + WIDGET_MODULES, ids=relative)
def test_pages_and_widgets_do_no_arithmetic(path):
    assert not arithmetic(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PYTHON_FILES, ids=relative)
def test_no_module_uses_another_modules_private_names(path):
    assert not private_names_of_others(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=relative)
def test_pages_stay_short(path):
    assert not too_long(path.read_text(encoding="utf-8"), MAX_PAGE_LINES)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=relative)
def test_modules_stay_readable(path):
    assert not too_long(path.read_text(encoding="utf-8"), MAX_MODULE_LINES)


def test_the_top_of_the_package_holds_few_modules():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_every_query_file_has_a_header_comment():
    for path in (ROOT / "queries").rglob("*.sql"):
        assert path.read_text(encoding="utf-8").startswith("--"), path


# --- each rule catches a planted violation ----------------------------------------------------------------------

@pytest.mark.parametrize("planted", [
    'query = f"select {column} from enrollment"',
    'query = "select " + "x from enrollment"',
    "query = 'SELECT active_participants, segment FROM enrollment'",
    'query = """\n    select sum(active_participants) as active\n    from enrollment\n"""',
    'statement = "insert into loads values (1)"',
    'statement = "delete from enrollment where true"',
    "statement = 'create or replace view latest as ...'",
    'statement = "update loads set status = 1"',
])
def test_sql_rule_catches(planted):
    assert sql_outside_queries(planted)


@pytest.mark.parametrize("prose", [
    '"""Select the month from the list, then press Load."""',
    "# pick one to select from the menu",
    't("filters.period")',
])
def test_sql_rule_lets_prose_through(prose):
    assert not sql_outside_queries(prose)


@pytest.mark.parametrize("planted, top_level", [
    ("import duckdb", "duckdb"), ("from duckdb import connect", "duckdb"),
    ("import streamlit as st", "streamlit"), ("from streamlit.testing.v1 import AppTest", "streamlit"),
])
def test_import_rules_catch(planted, top_level):
    assert imports_of(planted, top_level)


@pytest.mark.parametrize("planted", [
    "share = 100 * formal / total", "gap = target - active", "count += 1", "months = origins[-12]",
    "change = -delta", "ratio = frame['a'].div(frame['b'])", "average = frame['a'].mean()",
    "total = table.sum()",
])
def test_arithmetic_rule_catches(planted):
    assert arithmetic(planted)


def test_arithmetic_rule_lets_calls_and_text_through():
    assert not arithmetic('st.metric(card.label, card.value)\nname = f"{code} — {name}"\nfirst = items[0]')


@pytest.mark.parametrize("planted", [
    "from cakupan.ui import _persistent_widget", "from cakupan import charts\nfigure = charts._finish(figure)",
    "import cakupan.ui as ui\nui._remember_widget('a', 'b')",
])
def test_private_names_rule_catches(planted):
    assert private_names_of_others(planted)


def test_private_names_rule_lets_own_and_dunder_names_through():
    assert not private_names_of_others("def _mine():\n    return _mine\nname = module.__name__\nself._cache = 1")


def test_length_rule_catches():
    assert too_long("x = 1\n" * 66, MAX_PAGE_LINES) and not too_long("x = 1\n" * 65, MAX_PAGE_LINES)
