"""Named queries on hand-written rows (tests/fixtures/tiny): whole results compared with answers counted by eye."""

import pytest

from cakupan.data import db
from tests.helpers import ALL_CODES, FEB_2023, FIXTURES, JAN_2023, records


def test_national_monthly_adds_segments_and_formal_share(tiny_db):
    assert records(db.run("national_monthly")) == [
        {"snapshot_month": "2023-01-01", "active_participants": 1000, "formal_participants": 600, "formal_share_pct": 60.0},
        {"snapshot_month": "2023-02-01", "active_participants": 1100, "formal_participants": 660, "formal_share_pct": 60.0},
    ]


def test_associations_total_monthly_sums_the_chosen_associations(tiny_db):
    assert records(db.run("associations_total_monthly", associations=["AAA"])) == [
        {"snapshot_month": "2022-01-01", "active_participants": 150, "formal_participants": 100, "formal_share_pct": 66.67},
        {"snapshot_month": "2022-02-01", "active_participants": 155, "formal_participants": 110, "formal_share_pct": 70.97},
        {"snapshot_month": "2023-01-01", "active_participants": 180, "formal_participants": 120, "formal_share_pct": 66.67},
        {"snapshot_month": "2023-02-01", "active_participants": 180, "formal_participants": 130, "formal_share_pct": 72.22},
    ]


def test_growth_by_association_has_net_additions_and_year_on_year(tiny_db):
    growth = db.run("growth", breakdown="association", from_month=JAN_2023, to_month=FEB_2023, **ALL_CODES)
    assert records(growth) == [
        {"snapshot_month": "2023-01-01", "group_key": "AAA", "active_participants": 180, "new_participants": 21,
         "lapsed_participants": 5, "net_additions": None, "yoy_growth_pct": 20.0},
        {"snapshot_month": "2023-01-01", "group_key": "BBB", "active_participants": 50, "new_participants": 7,
         "lapsed_participants": 1, "net_additions": None, "yoy_growth_pct": 25.0},
        {"snapshot_month": "2023-02-01", "group_key": "AAA", "active_participants": 180, "new_participants": 25,
         "lapsed_participants": 25, "net_additions": 0, "yoy_growth_pct": 16.13},
        {"snapshot_month": "2023-02-01", "group_key": "BBB", "active_participants": 40, "new_participants": 0,
         "lapsed_participants": 10, "net_additions": -10, "yoy_growth_pct": -9.09},
    ]


@pytest.mark.parametrize("breakdown, filters, expected", [
    ("total", {}, [("2023-01-01", "total", 230), ("2023-02-01", "total", 220)]),
    ("segment", {}, [("2023-01-01", "BPU", 60), ("2023-01-01", "PU", 170),
                     ("2023-02-01", "BPU", 50), ("2023-02-01", "PU", 170)]),
    ("province", {}, [("2023-01-01", "31", 120), ("2023-01-01", "32", 110),
                      ("2023-02-01", "31", 130), ("2023-02-01", "32", 90)]),
    ("total", {"provinces": ["32"]}, [("2023-01-01", "total", 110), ("2023-02-01", "total", 90)]),
    ("total", {"segments": ["BPU"]}, [("2023-01-01", "total", 60), ("2023-02-01", "total", 50)]),
    ("association", {"associations": ["BBB"]}, [("2023-01-01", "BBB", 50), ("2023-02-01", "BBB", 40)]),
])
def test_growth_breakdowns_and_filters(tiny_db, breakdown, filters, expected):
    growth = db.run("growth", breakdown=breakdown, from_month=JAN_2023, to_month=FEB_2023, **(ALL_CODES | filters))
    assert list(growth[["snapshot_month", "group_key", "active_participants"]].astype(
        {"snapshot_month": str}).itertuples(index=False, name=None)) == expected


def test_growth_period_is_inclusive(tiny_db):
    growth = db.run("growth", breakdown="total", from_month=FEB_2023, to_month=FEB_2023, **ALL_CODES)
    assert records(growth) == [{"snapshot_month": "2023-02-01", "group_key": "total", "active_participants": 220,
                                "new_participants": 25, "lapsed_participants": 35, "net_additions": -10,
                                "yoy_growth_pct": 10.55}]


def test_sector_split_shares_add_up_per_month(tiny_db):
    split = db.run("sector_split", from_month=JAN_2023, to_month=FEB_2023, **ALL_CODES)
    assert records(split) == [
        {"snapshot_month": "2023-01-01", "sector": "formal", "active_participants": 170, "share_pct": 73.91},
        {"snapshot_month": "2023-01-01", "sector": "informal", "active_participants": 60, "share_pct": 26.09},
        {"snapshot_month": "2023-02-01", "sector": "formal", "active_participants": 170, "share_pct": 77.27},
        {"snapshot_month": "2023-02-01", "sector": "informal", "active_participants": 50, "share_pct": 22.73},
    ]


def test_sector_split_national(tiny_db):
    split = db.run("sector_split_national", from_month=FEB_2023, to_month=FEB_2023)
    assert records(split) == [
        {"snapshot_month": "2023-02-01", "sector": "formal", "active_participants": 660, "share_pct": 60.0},
        {"snapshot_month": "2023-02-01", "sector": "informal", "active_participants": 440, "share_pct": 40.0},
    ]


def test_formal_share_ranking(tiny_db):
    ranking = db.run("formal_share_by_association", month=FEB_2023, **ALL_CODES)
    assert records(ranking) == [
        {"association_code": "BBB", "formal_participants": 40, "active_participants": 40, "formal_share_pct": 100.0,
         "formal_share_rank": 1},
        {"association_code": "AAA", "formal_participants": 130, "active_participants": 180, "formal_share_pct": 72.22,
         "formal_share_rank": 2},
    ]


def test_segment_composition(tiny_db):
    composition = db.run("segment_composition", month=JAN_2023, **ALL_CODES)
    assert records(composition) == [
        {"association_code": "AAA", "segment": "BPU", "active_participants": 60, "share_pct": 33.33},
        {"association_code": "AAA", "segment": "PU", "active_participants": 120, "share_pct": 66.67},
        {"association_code": "BBB", "segment": "PU", "active_participants": 50, "share_pct": 100.0},
    ]


def test_reference_queries_and_month_range(tiny_db):
    assert list(db.run("associations")["association_code"]) == ["AAA", "BBB"]
    assert list(db.run("provinces")["province_code"]) == ["31", "32"]
    assert records(db.run("targets")) == [
        {"scope": "AAA", "target_date": "2026-12-31", "target_participants": 400, "source": "test"},
        {"scope": "BBB", "target_date": "2026-12-31", "target_participants": 100, "source": "test"},
        {"scope": "national", "target_date": "2026-12-31", "target_participants": 1000, "source": "test"},
    ]
    assert records(db.run("month_range")) == [{
        "first_enrollment_month": "2022-01-01", "last_enrollment_month": "2023-02-01",
        "first_national_month": "2023-01-01", "last_national_month": "2023-02-01"}]


def test_sample_load_is_recorded_with_file_hash(tiny_db):
    assert db.data_version() == 1
    history = db.run("loads")
    assert records(history.drop(columns=["loaded_at"])) == [{
        "load_id": 1, "file_name": "enrollment.csv", "sha256": db.file_sha256(FIXTURES / "tiny" / "enrollment.csv"),
        "rows": 12, "months": "2022-01..2023-02", "associations": "AAA,BBB", "loaded_by": "sample_data",
        "status": "active", "undone_at": None, "replaced_rows": 0}]
