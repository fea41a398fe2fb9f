"""CAKUPAN_SOURCE=parquet:DIR: the same named queries answered from views over Parquet (and the reference CSVs)
give exactly the answers of the database built from the same files."""
import datetime as dt
import shutil

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from cakupan.data import db
from tests.helpers import ALL_CODES, FEB_2023, FIXTURES, JAN_2023, records

PERIOD = {"from_month": JAN_2023, "to_month": FEB_2023}
QUERIES = [  # (name, parameters): every query the pages run, at all codes and with filters
    ("associations", {}), ("provinces", {}), ("segments", {}), ("targets", {}), ("month_range", {}),
    ("national_monthly", {}), ("sector_split_national", PERIOD),
    ("associations_total_monthly", {"associations": ["AAA", "BBB"]}),
    ("associations_total_monthly", {"associations": ["BBB"]}),
    ("growth", PERIOD | ALL_CODES | {"breakdown": "association"}),
    ("growth", PERIOD | ALL_CODES | {"breakdown": "province"}),
    ("growth", PERIOD | ALL_CODES | {"breakdown": "total", "provinces": ["32"]}),
    ("growth", PERIOD | ALL_CODES | {"breakdown": "segment", "associations": ["AAA"]}),
    ("sector_split", PERIOD | ALL_CODES), ("sector_split", PERIOD | ALL_CODES | {"provinces": ["31"]}),
    ("formal_share_by_association", {"month": FEB_2023} | ALL_CODES),
    ("segment_composition", {"month": JAN_2023} | ALL_CODES | {"segments": ["PU"]}),
    ("enrollment_provinces", {}), ("scope_monthly_active", {}),
    ("scope_lapse_rates", {"from_month": dt.date(2022, 2, 1)}),
    ("monthly_per_association", {"associations": ["AAA"]}), ("ingest/row_counts", {}),
]


@pytest.fixture(scope="module")
def parquet_folder(tmp_path_factory):
    """The tiny fixture as `generate.py --format parquet` lays a folder out: enrollment.parquet + reference CSVs."""
    folder = tmp_path_factory.mktemp("parquet_source")
    for source in (FIXTURES / "tiny").glob("*.csv"):
        if source.name != "enrollment.csv":
            shutil.copy(source, folder / source.name)
    text_columns = ["snapshot_month", "association_code", "segment", "province_code"]
    enrollment = pacsv.read_csv(FIXTURES / "tiny" / "enrollment.csv", convert_options=pacsv.ConvertOptions(
        column_types={column: pa.string() for column in text_columns}))
    pq.write_table(enrollment, folder / "enrollment.parquet")
    return folder


@pytest.mark.parametrize("name, params", QUERIES, ids=[f"{i}-{name}" for i, (name, _) in enumerate(QUERIES)])
def test_parquet_source_answers_like_the_database(tiny_db, parquet_folder, monkeypatch, name, params):
    from_database = db.run(name, **params)
    db.close_all()
    monkeypatch.setenv("CAKUPAN_SOURCE", f"parquet:{parquet_folder}")
    from_parquet = db.run(name, **params)
    assert len(from_parquet) and records(from_parquet) == records(from_database)
    assert list(from_parquet.dtypes) == list(from_database.dtypes)


def test_parquet_source_has_a_version_that_moves_with_the_files(tiny_db, parquet_folder, monkeypatch):
    monkeypatch.setenv("CAKUPAN_SOURCE", f"parquet:{parquet_folder}")
    before = db.data_version()
    (parquet_folder / "enrollment.parquet").touch()
    assert db.data_version() > before
    assert records(db.run("loads").drop(columns=["loaded_at"])) == [{
        "load_id": 1, "file_name": "enrollment.parquet", "sha256": "", "rows": 12, "months": "2022-01..2023-02",
        "associations": "AAA,BBB", "loaded_by": "parquet source", "status": "active", "undone_at": None,
        "replaced_rows": 0}]


@pytest.mark.parametrize("setting, problem", [
    ("postgres://somewhere", ValueError),
    ("parquet:/nonexistent/folder", FileNotFoundError),
])
def test_a_wrong_source_setting_is_refused_with_its_name(monkeypatch, setting, problem):
    monkeypatch.setenv("CAKUPAN_SOURCE", setting)
    with pytest.raises(problem, match="CAKUPAN_SOURCE"):
        db.parquet_source()
