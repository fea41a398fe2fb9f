"""Random corruption of valid files (hypothesis): never a crash, never a partial load.

Whatever a file becomes — bytes flipped, cut short, cells replaced by odd text — checking it returns a report,
and loading it either writes all of its rows or nothing at all.
"""
import io
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cakupan.data import contract_checks, db, loads
from tests.helpers import table_checksums
from tests.snapshot_builders import (HEADERS, november_rows, write_csv, write_parquet, write_xlsx, xlsx_rows)

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("valid")
    rows = november_rows().head(6)
    return {
        "n.csv": write_csv(rows, folder / "n.csv").read_bytes(),
        "n.xlsx": write_xlsx(folder / "n.xlsx", xlsx_rows(rows)).read_bytes(),
        "n.parquet": write_parquet(rows, folder / "n.parquet").read_bytes(),
    }


@pytest.fixture(scope="module")
def property_db(sample_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("property") / "cakupan.duckdb"
    shutil.copy(sample_db_path, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAKUPAN_DB", str(path))
        yield path
    db.close_all()


def load_or_refuse(report: contract_checks.Report) -> None:
    """Load the file if it is clean, undo it, and check the database ends exactly where it started."""
    before = table_checksums()
    enrollment_rows = before["enrollment"][0]
    if not report.ok:
        with pytest.raises(loads.LoadRefused):
            loads.load(report, "hypothesis")
        assert table_checksums() == before
        return
    result = loads.load(report, "hypothesis")
    after = table_checksums()
    assert after["enrollment"][0] == enrollment_rows - result.replaced_rows + len(report.rows)
    loads.undo(result.load_id)
    restored = table_checksums()
    assert restored["enrollment"] == before["enrollment"]
    assert restored["enrollment_history"] == before["enrollment_history"]


corruptions = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.integers(0, 255)),
)


@SETTINGS
@given(name=st.sampled_from(["n.csv", "n.xlsx", "n.parquet"]), changes=st.lists(corruptions, min_size=1, max_size=4))
def test_corrupted_bytes_never_crash_and_never_load_partly(property_db, valid_files, name, changes):
    content = bytearray(valid_files[name])
    for kind, position, value in changes:
        if not content:
            break
        position %= len(content)
        if kind == "flip":
            content[position] ^= value
        elif kind == "cut":
            del content[position:]
        else:
            content.insert(position, value)
    load_or_refuse(contract_checks.check_bytes(bytes(content), name))


odd_text = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", " ", "-1", "1.000", "1,5", "1e3", "NaN", "∞", "2023-11", "2999-01", "abadi", "pu", "31", "99",
     "=A1", "<script>", "'; drop table loads; --", "\x00", "１２３", "9" * 30]))


@SETTINGS
@given(cells=st.lists(st.tuples(st.integers(0, 5), st.sampled_from(HEADERS), odd_text), min_size=1, max_size=5),
       fmt=st.sampled_from(["csv", "xlsx"]))
def test_corrupted_cells_never_crash_and_never_load_partly(property_db, tmp_path, cells, fmt):
    rows = november_rows().head(6).astype(object)
    for index, column, text in cells:
        rows.loc[index, column] = text
    if fmt == "csv":
        content = rows.to_csv(index=False).encode("utf-8", errors="surrogatepass")
    else:
        buffer = io.BytesIO()
        write_xlsx(buffer, [list(rows.columns)] + [[_excel_safe(v) for v in record]
                                                   for record in rows.itertuples(index=False)])
        content = buffer.getvalue()
    report = contract_checks.check_bytes(content, f"cells.{fmt}")
    assert all(problem.row is None or problem.row >= 1 for problem in report.problems)
    for problem in report.problems:
        contract_checks.describe(problem, "en")
    load_or_refuse(report)


def _excel_safe(value):
    """openpyxl refuses control characters in cells; a steward's Excel could not hold them either."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return None if isinstance(value, float) and pd.isna(value) else value
