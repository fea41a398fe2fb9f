"""Rollup-backed answers equal base-table answers: each query of db.CELL_QUERIES over the province-less rollup
against the same query over enrollment, and the routing in db.run (rollup only when every province present is
chosen), also on a database file opened read-only."""
import datetime as dt

import pytest

from cakupan.data import contract_checks, db, loads
from tests.helpers import ALL_CODES, FEB_2023, FIXTURES, JAN_2023, records, table_checksums
from tests.snapshot_builders import november_rows, sample_rows, write_csv

PERIOD = {"from_month": JAN_2023, "to_month": FEB_2023}
FILTERS = [  # code lists as the sidebar sends them (empty choice = every code)
    ALL_CODES,
    ALL_CODES | {"associations": ["AAA"]},
    ALL_CODES | {"segments": ["BPU"]},
    ALL_CODES | {"associations": ["BBB"], "segments": ["PU"]},
    ALL_CODES | {"associations": []},
]
CASES = [  # (base query, parameters other than the code lists)
    ("growth", PERIOD | {"breakdown": "association"}),
    ("growth", PERIOD | {"breakdown": "segment"}),
    ("growth", PERIOD | {"breakdown": "total"}),
    ("growth", {"from_month": dt.date(2022, 2, 1), "to_month": JAN_2023, "breakdown": "total"}),
    ("sector_split", PERIOD),
    ("formal_share_by_association", {"month": FEB_2023}),
    ("formal_share_by_association", {"month": JAN_2023}),
    ("segment_composition", {"month": JAN_2023}),
    ("segment_composition", {"month": dt.date(2022, 2, 1)}),
]


PER_PROVINCE, ALL_PROVINCES = ({"cells": db.CELLS[key]} for key in ("per_province", "all_provinces"))


@pytest.mark.parametrize("codes", FILTERS, ids=lambda c: "-".join(f"{k[0]}{len(v)}" for k, v in c.items()))
@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{p.get('breakdown', '')}{i}" for i, (n, p) in
                                                     enumerate(CASES)])
def test_query_over_the_rollup_equals_the_query_over_enrollment(tiny_db, name, params, codes):
    with db.cursor() as cur:
        base = db.run_in(cur, name, **params, **codes, **PER_PROVINCE)
        rollup = db.run_in(cur, name, **params, **codes, **ALL_PROVINCES)
    assert records(rollup) == records(base)
    assert list(rollup.dtypes) == list(base.dtypes)


@pytest.mark.parametrize("provinces, expected_cells", [
    (["31", "32"], "all_provinces"),
    (["32", "31", "99"], "all_provinces"),  # a code with no rows filters nothing either
    (["31"], "per_province"),
    (["32"], "per_province"),
    ([], "per_province"),
])
def test_run_answers_from_the_rollup_only_when_every_province_is_chosen(tiny_db, provinces, expected_cells):
    params = {"month": FEB_2023, "associations": ["AAA", "BBB"], "segments": ["PU", "BPU"], "provinces": provinces}
    with db.cursor() as cur:
        chosen = db.cells_for(cur, params)
        base = db.run_in(cur, "formal_share_by_association", **params, **PER_PROVINCE)
    assert chosen == db.CELLS[expected_cells]
    assert records(db.run("formal_share_by_association", **params)) == records(base)


@pytest.mark.parametrize("provinces", [["31"], ["32"], ["31", "32"]])
def test_province_filtered_growth_through_run_equals_the_base_query(tiny_db, provinces):
    params = PERIOD | ALL_CODES | {"breakdown": "association", "provinces": provinces}
    with db.cursor() as cur:
        base = db.run_in(cur, "growth", **params, **PER_PROVINCE)
    assert records(db.run("growth", **params)) == records(base)


def test_province_breakdown_never_uses_the_rollup(tiny_db):
    params = PERIOD | ALL_CODES | {"breakdown": "province"}
    with db.cursor() as cur:
        assert db.cells_for(cur, params) == db.CELLS["per_province"]
    assert sorted(db.run("growth", **params)["group_key"].unique()) == ["31", "32"]


def test_rollup_keeps_every_province_present(tiny_db):
    assert list(db.run("enrollment_provinces")["province_code"]) == ["31", "32"]


def test_associations_total_monthly_from_the_rollup_equals_the_base_total(tiny_db):
    monthly = db.run("associations_total_monthly", associations=["AAA", "BBB"])
    with db.cursor() as cur:
        total = db.run_in(cur, "growth", breakdown="total", from_month=dt.date(2022, 1, 1), to_month=FEB_2023,
                          **ALL_CODES, **PER_PROVINCE)
    assert list(monthly["active_participants"]) == list(total["active_participants"]) == [190, 199, 230, 220]


def test_rollup_answers_equal_enrollment_answers_on_the_sample_data(sample_db):
    with db.cursor() as cur:
        codes = {"associations": list(db.run_in(cur, "associations")["association_code"]),
                 "segments": list(db.run_in(cur, "segments")["segment"]),
                 "provinces": list(db.run_in(cur, "provinces")["province_code"])}
        month_range = db.run_in(cur, "month_range").iloc[0]
        last = month_range["last_enrollment_month"].date()
        period = {"from_month": dt.date(2020, 10, 1), "to_month": last}
        for name, params in [("growth", period | {"breakdown": "association"}),
                             ("growth", period | {"breakdown": "total"}), ("sector_split", period),
                             ("formal_share_by_association", {"month": last}),
                             ("segment_composition", {"month": last})]:
            base = db.run_in(cur, name, **params, **codes, **PER_PROVINCE)
            rollup = db.run_in(cur, name, **params, **codes, **ALL_PROVINCES)
            assert len(base) > 10 and records(rollup) == records(base), name


def test_rebuilding_from_changed_files_refreshes_the_rollup(tmp_path):
    folder = tmp_path / "changed"
    folder.mkdir()
    for source in (FIXTURES / "tiny").iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    with open(folder / "enrollment.csv", "a", encoding="utf-8") as extra:
        extra.write("2023-02,BBB,BPU,31,7,7,0,\n")
    database = tmp_path / "changed.duckdb"
    db.build_database(database, folder)
    try:
        with db.cursor(database) as cur:
            monthly = db.run_in(cur, "associations_total_monthly", associations=["BBB"])
            ranking = db.run_in(cur, "formal_share_by_association", month=FEB_2023, associations=["BBB"],
                                segments=["PU", "BPU"], provinces=["31", "32"], **ALL_PROVINCES)
    finally:
        db.close_all()
    assert list(monthly["active_participants"]) == [40, 44, 50, 47]
    assert records(ranking) == [{"association_code": "BBB", "formal_participants": 40, "active_participants": 47,
                                 "formal_share_pct": 85.11, "formal_share_rank": 1}]


def test_a_database_built_before_the_rollups_gets_them_when_opened(tmp_path, monkeypatch):
    with monkeypatch.context() as old_code:
        old_code.setattr(db, "SCHEMA_STEPS", tuple(step for step in db.SCHEMA_STEPS if step != "rollups"))
        old_code.setattr(db, "refresh_rollups", lambda cur: None)
        db.build_database(tmp_path / "old.duckdb", FIXTURES / "tiny")
    monkeypatch.setenv("CAKUPAN_DB", str(tmp_path / "old.duckdb"))
    try:
        monthly = db.run("associations_total_monthly", associations=["AAA"])
        provinces = list(db.run("enrollment_provinces")["province_code"])
    finally:
        db.close_all()
    assert list(monthly["active_participants"]) == [150, 155, 180, 180]
    assert provinces == ["31", "32"]


def test_a_database_opened_read_only_answers_from_the_rollup_too(tiny_db, monkeypatch):
    """The shared definitions live in memory, not in the file: a read-only file (built by any version) has them."""
    params = PERIOD | ALL_CODES | {"breakdown": "association"}
    with db.cursor() as cur:
        base = db.run_in(cur, "growth", **params, **PER_PROVINCE)
    db.close_all()
    monkeypatch.setenv("CAKUPAN_READ_ONLY", "1")
    with db.cursor() as cur:
        assert db.cells_for(cur, params) == db.CELLS["all_provinces"]
    assert len(base) and records(db.run("growth", **params)) == records(base)


def test_loads_and_undos_refresh_the_months_they_change_exactly_as_a_full_rebuild(writable_db, tmp_path):
    """A load or undo refreshes only its months of the monthly rollup; the result equals rebuilding all of it."""
    before = table_checksums()["enrollment_by_association_segment"]
    october_again = sample_rows("2023-10")
    october_again[["active_participants", "eligible_workers"]] += 7  # replaces loaded rows of an earlier month
    steps = [lambda: loads.load(contract_checks.check_file(write_csv(november_rows(), tmp_path / "nov.csv")), "t"),
             lambda: loads.load(contract_checks.check_file(write_csv(october_again, tmp_path / "oct.csv")), "t"),
             lambda: loads.undo(3), lambda: loads.undo(2)]
    for step in steps:
        step()
        refreshed = table_checksums()["enrollment_by_association_segment"]
        with db.transaction() as cur:
            db.refresh_rollups(cur)  # every month, from scratch
        assert table_checksums()["enrollment_by_association_segment"] == refreshed
    assert refreshed == before  # both loads undone: the sample's rollup again
