"""The shipped sample data: reference integrity, exact reconciliation, the published national
figures (sources in sample_data/README.md), and a generator that reproduces the committed files byte for byte."""

import hashlib
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

SAMPLE_DATA = Path(__file__).resolve().parents[1] / "sample_data"
KEY = ["association_code", "segment", "province_code"]
COUNTS = ["active_participants", "new_participants", "lapsed_participants", "eligible_workers"]
CODES_AS_TEXT = {
    "snapshot_month": str, "association_code": str, "segment": str, "province_code": str,
    "scope": str, "target_date": str, "pks_signed_on": str, "survey_month": str,
}
GENERATED_FILES = [
    "associations.csv", "provinces.csv", "segments.csv", "targets.csv",
    "national_participation.csv", "labour_force.csv", "enrollment.csv",
]


def read(name: str, folder: Path = SAMPLE_DATA) -> pd.DataFrame:
    """A sample-data CSV with codes kept as text (province "11", not 11)."""
    return pd.read_csv(folder / name, dtype=CODES_AS_TEXT)


def load_generator():
    """sample_data/generate.py as a module (sample_data is not a package)."""
    path = SAMPLE_DATA / "generate.py"
    spec = importlib.util.spec_from_file_location("sample_data_generate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def month_number(months: pd.Series) -> pd.Series:
    """YYYY-MM -> consecutive integers, so that 'previous month' is n - 1."""
    return months.str[:4].astype(int) * 12 + months.str[5:7].astype(int)


def with_previous(enrollment: pd.DataFrame) -> pd.DataFrame:
    """Rows whose previous month exists for the same key, with that month's active count."""
    rows = enrollment.assign(n=month_number(enrollment["snapshot_month"]))
    previous = rows[KEY + ["n", "active_participants"]].assign(n=rows["n"] + 1)
    return rows.merge(previous, on=KEY + ["n"], suffixes=("", "_previous"))


def reconciliation_errors(enrollment: pd.DataFrame) -> pd.DataFrame:
    """Rows where active != previous active + new - lapsed (should be none)."""
    rows = with_previous(enrollment)
    previous = rows["active_participants_previous"]
    expected = previous + rows["new_participants"] - rows["lapsed_participants"]
    return rows[rows["active_participants"] != expected]


def segment_share(month_rows: pd.DataFrame, segment: str) -> float:
    """One segment's share of the national total, from the rows of one month."""
    by_segment = month_rows.set_index("segment")["active_participants"]
    return by_segment[segment] / by_segment.sum()


@pytest.fixture(scope="module")
def enrollment() -> pd.DataFrame:
    return read("enrollment.csv")


@pytest.fixture(scope="module")
def national_totals() -> pd.Series:
    """National active participants per month, all segments."""
    return read("national_participation.csv").groupby("snapshot_month")["active_participants"].sum()


@pytest.fixture(scope="module")
def generator():
    return load_generator()


@pytest.fixture(scope="module")
def scaled(generator, tmp_path_factory) -> Path:
    """A --scale 3 data set in a temporary folder."""
    folder = tmp_path_factory.mktemp("scale3")
    generator.generate(folder, scale=3)
    return folder


# --- shape ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("associations.csv",
         ["association_code", "name", "industry_id", "industry_en", "pks_signed_on"]),
        ("provinces.csv", ["province_code", "name"]),
        ("segments.csv", ["segment", "sector", "label_id", "label_en"]),
        ("targets.csv", ["scope", "target_date", "target_participants", "source"]),
        ("national_participation.csv",
         ["snapshot_month", "segment", "active_participants", "source"]),
        ("labour_force.csv", ["survey_month", "employed_persons", "source"]),
        ("enrollment.csv", ["snapshot_month", *KEY, *COUNTS]),
    ],
)
def test_file_has_exactly_the_contract_columns(name, columns):
    assert read(name).columns.tolist() == columns


@pytest.mark.parametrize(
    ("name", "rows"),
    [("associations.csv", 11), ("provinces.csv", 38), ("segments.csv", 4), ("targets.csv", 12),
     ("national_participation.csv", 58 * 4), ("labour_force.csv", 5)],
)
def test_reference_table_row_count(name, rows):
    assert len(read(name)) == rows


def test_association_codes_are_the_eleven_pks_associations():
    assert sorted(read("associations.csv")["association_code"]) == sorted(
        ["ASPEKTI", "AKIDA", "ABADI", "APSyFI", "ABUJAPI", "AKTI", "APKLINDO", "APTISI",
         "ASPEPPI", "IFICA", "ASPPHAMI"]
    )


@pytest.mark.parametrize(
    ("code", "name"),
    [("11", "Aceh"), ("31", "DKI Jakarta"), ("36", "Banten"), ("65", "Kalimantan Utara"),
     ("91", "Papua Barat"), ("92", "Papua Barat Daya"), ("94", "Papua"), ("95", "Papua Selatan"),
     ("96", "Papua Tengah"), ("97", "Papua Pegunungan")],
)
def test_province_code_is_the_bps_code(code, name):
    provinces = read("provinces.csv").set_index("province_code")["name"]
    assert provinces[code] == name


@pytest.mark.parametrize(
    ("segment", "sector"),
    [("PU", "formal"), ("BPU", "informal"), ("JAKON", "construction"), ("PMI", "migrant")],
)
def test_segment_sector(segment, sector):
    assert read("segments.csv").set_index("segment")["sector"][segment] == sector


def test_months_run_from_january_2019_to_october_2023(enrollment):
    expected = pd.period_range("2019-01", "2023-10", freq="M").strftime("%Y-%m").tolist()
    assert sorted(enrollment["snapshot_month"].unique()) == expected
    assert sorted(read("national_participation.csv")["snapshot_month"].unique()) == expected


def test_enrollment_file_stays_small():
    assert (SAMPLE_DATA / "enrollment.csv").stat().st_size < 6_000_000


# --- enrollment rules -----------------------------------------------------------------------------

def test_enrollment_keys_are_unique(enrollment):
    assert not enrollment.duplicated(["snapshot_month", *KEY]).any()


def test_enrollment_counts_are_non_negative_integers(enrollment):
    assert all(pd.api.types.is_integer_dtype(enrollment[c]) for c in COUNTS)
    assert (enrollment[COUNTS] >= 0).all().all()


def test_eligible_workers_are_at_least_active(enrollment):
    assert (enrollment["eligible_workers"] >= enrollment["active_participants"]).all()


def test_every_row_with_a_previous_month_reconciles_exactly(enrollment):
    checked = with_previous(enrollment)
    first_rows = enrollment.groupby(KEY).ngroups  # every cell's first month has no predecessor
    assert len(checked) == len(enrollment) - first_rows
    assert reconciliation_errors(enrollment).empty


@pytest.mark.parametrize(
    ("active", "new", "lapsed", "errors"),
    [(100, 0, 0, 0), (110, 20, 10, 0), (90, 5, 15, 0), (111, 20, 10, 1), (100, 1, 0, 1)],
)
def test_reconciliation_check_catches_a_wrong_row(active, new, lapsed, errors):
    rows = pd.DataFrame(
        {
            "snapshot_month": ["2023-09", "2023-10"], "association_code": "ABADI",
            "segment": "PU", "province_code": "31", "active_participants": [100, active],
            "new_participants": [7, new], "lapsed_participants": [7, lapsed],
        }
    )
    assert len(reconciliation_errors(rows)) == errors


@pytest.mark.parametrize(
    ("column", "reference", "reference_column"),
    [("association_code", "associations.csv", "association_code"),
     ("segment", "segments.csv", "segment"),
     ("province_code", "provinces.csv", "province_code")],
)
def test_enrollment_codes_are_in_the_reference_tables(
    enrollment, column, reference, reference_column
):
    assert set(enrollment[column]) <= set(read(reference)[reference_column])


# Active participants in October 2023 per association: the orders of magnitude of the brief.
@pytest.mark.parametrize(
    ("code", "low", "high", "min_provinces", "max_provinces"),
    [("ABUJAPI", 300_000, 450_000, 30, 38), ("APKLINDO", 200_000, 400_000, 25, 38),
     ("ABADI", 150_000, 300_000, 25, 38), ("IFICA", 100_000, 250_000, 12, 30),
     ("AKTI", 50_000, 150_000, 12, 30), ("APSyFI", 15_000, 40_000, 5, 12),
     ("AKIDA", 5_000, 20_000, 5, 15), ("ASPEKTI", 2_000, 15_000, 5, 12),
     ("APTISI", 2_000, 15_000, 5, 12), ("ASPEPPI", 2_000, 15_000, 5, 12),
     ("ASPPHAMI", 2_000, 15_000, 5, 12)],
)
def test_association_size_and_reach(enrollment, code, low, high, min_provinces, max_provinces):
    rows = enrollment[enrollment["association_code"] == code]
    active = rows.loc[rows["snapshot_month"] == "2023-10", "active_participants"].sum()
    assert low <= active <= high
    assert min_provinces <= rows["province_code"].nunique() <= max_provinces


@pytest.mark.parametrize(
    ("code", "segments"),
    [("AKTI", {"JAKON", "PU", "BPU"}), ("ABADI", {"PU", "BPU", "PMI"}), ("ABUJAPI", {"PU", "BPU"}),
     ("APKLINDO", {"PU", "BPU"}), ("IFICA", {"PU", "JAKON"}), ("APSyFI", {"PU", "BPU"})],
)
def test_association_segments(enrollment, code, segments):
    assert set(enrollment.loc[enrollment["association_code"] == code, "segment"]) == segments


def test_akti_is_mostly_construction(enrollment):
    akti = enrollment[(enrollment["association_code"] == "AKTI")
                      & (enrollment["snapshot_month"] == "2023-10")]
    by_segment = akti.groupby("segment")["active_participants"].sum()
    assert by_segment["JAKON"] > 0.6 * by_segment.sum()


def test_gross_flows_are_larger_than_net_change(enrollment):
    """facts.md "Dynamics": many more join and lapse than the net change shows."""
    yearly = enrollment.assign(year=enrollment["snapshot_month"].str[:4]).groupby(
        ["association_code", "year"]
    )[["new_participants", "lapsed_participants"]].sum()
    gross = yearly["new_participants"] + yearly["lapsed_participants"]
    net = (yearly["new_participants"] - yearly["lapsed_participants"]).abs()
    assert (gross >= 3 * net).all()


def test_bpu_churns_more_than_pu(enrollment):
    rows = with_previous(enrollment)
    by_segment = rows.groupby("segment")[["lapsed_participants", "active_participants_previous"]]
    totals = by_segment.sum()
    lapse_rate = totals["lapsed_participants"] / totals["active_participants_previous"]
    assert lapse_rate["BPU"] > 2 * lapse_rate["PU"]


# --- targets --------------------------------------------------------------------------------------

def test_national_target_is_70_million_by_end_2026():
    targets = read("targets.csv")
    national = targets[targets["scope"] == "national"]
    assert national[["target_date", "target_participants"]].to_dict("records") == [
        {"target_date": "2026-12-31", "target_participants": 70_000_000}
    ]


def test_every_association_has_a_2026_target():
    targets = read("targets.csv")
    dated_2026 = targets.loc[targets["target_date"] == "2026-12-31", "scope"]
    assert set(read("associations.csv")["association_code"]) <= set(dated_2026)
    assert (targets["target_participants"] > 0).all()


# --- national series (sample_data/README.md) ----------------------------------------------------------

@pytest.mark.parametrize(
    ("month", "published"),
    [("2019-12", 34_170_000), ("2020-12", 29_980_000), ("2021-03", 27_790_000),
     ("2021-06", 28_700_000), ("2021-08", 29_200_000), ("2021-12", 30_660_000),
     ("2022-09", 35_600_000), ("2022-12", 35_860_000), ("2023-02", 35_300_000),
     ("2023-10", 40_200_000)],
)
def test_national_total_follows_published_figure(national_totals, month, published):
    assert national_totals[month] == pytest.approx(published, rel=0.005)


def test_pu_share_in_october_2023_is_the_official_one_not_48_percent():
    october = read("national_participation.csv").query("snapshot_month == '2023-10'")
    pu_share = segment_share(october, "PU")
    assert 0.58 <= pu_share <= 0.64


@pytest.mark.parametrize(
    ("month", "segment", "published_share"),
    [("2020-11", "PU", 19_447_746 / 31_018_686), ("2020-11", "BPU", 2_247_125 / 31_018_686),
     ("2020-11", "JAKON", 8_899_568 / 31_018_686), ("2021-11", "PU", 20_408_998 / 32_036_360),
     ("2021-11", "BPU", 3_270_555 / 32_036_360), ("2021-11", "JAKON", 8_109_267 / 32_036_360),
     ("2023-02", "PU", 22.58 / 35.3), ("2023-02", "BPU", 6.1 / 35.3)],
)
def test_national_segment_share_follows_published_split(month, segment, published_share):
    rows = read("national_participation.csv").query("snapshot_month == @month")
    share = segment_share(rows, segment)
    assert share == pytest.approx(published_share, abs=0.01)


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023])
def test_national_series_drops_after_the_year_end_peak(national_totals, year):
    assert national_totals[f"{year}-01"] < national_totals[f"{year - 1}-12"]


@pytest.mark.parametrize(
    ("month", "cited"),
    [("2019-12", "liputan6"), ("2021-12", "Satu Data Kemnaker"), ("2022-09", "jpnn"),
     ("2023-02", "IDN Times"), ("2023-10", "seed article"), ("2019-05", "interpolated")],
)
def test_national_source_cites_published_months(month, cited):
    sources = read("national_participation.csv").query("snapshot_month == @month")["source"]
    assert sources.str.contains(cited).all()


# --- the generator --------------------------------------------------------------------------------

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generator_reproduces_the_committed_files(generator, tmp_path):
    paths = generator.generate(tmp_path)
    assert sorted(p.name for p in paths.values()) == sorted(GENERATED_FILES)
    for name in GENERATED_FILES:
        assert sha256(tmp_path / name) == sha256(SAMPLE_DATA / name), name


def test_scaled_data_set_adds_associations_with_targets(scaled):
    associations = read("associations.csv", scaled)["association_code"]
    assert len(associations) == 11 + 12
    assert associations.is_unique
    assert set(associations) <= set(read("targets.csv", scaled)["scope"])


def test_scaled_enrollment_reconciles_and_covers_all_provinces(scaled):
    enrollment = read("enrollment.csv", scaled)
    associations = read("associations.csv", scaled)["association_code"]
    assert set(enrollment["association_code"]) == set(associations)
    assert enrollment["province_code"].nunique() == 38
    assert not enrollment.duplicated(["snapshot_month", *KEY]).any()
    assert (enrollment[COUNTS] >= 0).all().all()
    assert (enrollment["eligible_workers"] >= enrollment["active_participants"]).all()
    assert reconciliation_errors(enrollment).empty


def test_scaling_leaves_the_real_associations_unchanged(scaled, enrollment):
    big = read("enrollment.csv", scaled)
    real = big[big["association_code"].isin(enrollment["association_code"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(real, enrollment)


def test_parquet_output_holds_the_same_rows(generator, tmp_path, enrollment):
    generator.generate(tmp_path, fmt="parquet")
    parquet = pd.read_parquet(tmp_path / "enrollment.parquet")
    pd.testing.assert_frame_equal(parquet, enrollment, check_dtype=False)
