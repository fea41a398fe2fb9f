"""The tests mirror the package and stand on shared helpers, never on each other."""
import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TEST_FILES = sorted(TESTS.rglob("test_*.py"))


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_module_imports_another_test_module_or_a_conftest(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    assert not [name for name in imported if name.startswith("tests.")
                and (name.rsplit(".", 1)[-1].startswith("test_") or name.endswith("conftest"))]


def test_each_fixture_is_defined_once():
    names = []
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                    "fixture" in ast.unparse(decorator) for decorator in node.decorator_list):
                names.append(node.name)
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_feature_tests_sit_in_the_folder_of_their_feature():
    for feature in ("data", "planner", "presenter", "deploy"):
        assert (TESTS / feature).is_dir() and list((TESTS / feature).glob("test_*.py")), feature
