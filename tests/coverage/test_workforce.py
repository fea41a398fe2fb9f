"""Coverage of the workforce against numbers worked out by hand: the Sakernas rounds are published twice a year, so a
month between rounds divides by the straight line between them, a month after the last round by the last round —
and every row says which. The card, the sentence and the chart say the same numbers as the table."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cakupan import i18n
from cakupan.coverage import figures, workforce
from cakupan.data import db
from tests.helpers import records

ROUNDS = pd.DataFrame({"survey_month": pd.to_datetime(["2022-12-01", "2023-02-01", "2023-08-01"]),
                       "employed_persons": [4000, 4400, 4100], "source": ["a", "b", "c"]})


def months(*texts: str) -> pd.Series:
    return pd.Series(pd.to_datetime([f"{text}-01" for text in texts]))


def test_employed_population_between_rounds_is_interpolated_and_after_the_last_carried_forward():
    employed = workforce.employed_by_month(ROUNDS, months("2022-11", "2022-12", "2023-01", "2023-02", "2023-05",
                                                          "2023-08", "2023-10"))
    assert records(employed) == [  # November 2022 is before the first round: no coverage for it
        {"snapshot_month": "2022-12-01", "employed_persons": 4000, "denominator_basis": "survey"},
        {"snapshot_month": "2023-01-01", "employed_persons": 4200, "denominator_basis": "interpolated"},
        {"snapshot_month": "2023-02-01", "employed_persons": 4400, "denominator_basis": "survey"},
        {"snapshot_month": "2023-05-01", "employed_persons": 4250, "denominator_basis": "interpolated"},
        {"snapshot_month": "2023-08-01", "employed_persons": 4100, "denominator_basis": "survey"},
        {"snapshot_month": "2023-10-01", "employed_persons": 4100, "denominator_basis": "carried_forward"}]


def test_tiny_national_coverage_is_active_over_employed(tiny_db):
    coverage = workforce.national_coverage(db.run("national_monthly"), db.run("labour_force"))
    # tiny: 1,000 active in Jan 2023 and 1,100 in Feb; rounds 4,000 (Dec 2022) and 4,400 (Feb 2023)
    assert records(coverage) == [
        {"snapshot_month": "2023-01-01", "active_participants": 1000, "employed_persons": 4200,
         "coverage_pct": 23.81, "denominator_basis": "interpolated"},
        {"snapshot_month": "2023-02-01", "active_participants": 1100, "employed_persons": 4400,
         "coverage_pct": 25.0, "denominator_basis": "survey"}]


@pytest.mark.parametrize("month, employed, coverage_pct, basis", [
    ("2021-08-01", 131_050_000, 22.28, "survey"),          # 29.2 m ÷ 131.05 m, the first round
    ("2022-11-01", 136_965_000, 26.08, "interpolated"),    # 135.30 m + 3/6 × (138.63 m − 135.30 m)
    ("2023-10-01", 139_850_000, 28.75, "carried_forward"),  # 40.2 m ÷ the August 2023 round
])
def test_sample_national_coverage_matches_a_hand_computation(sample_db, month, employed, coverage_pct, basis):
    coverage = workforce.national_coverage(db.run("national_monthly"), db.run("labour_force"))
    row = coverage[coverage["snapshot_month"] == pd.Timestamp(month)].iloc[0]
    assert (row["employed_persons"], row["coverage_pct"], row["denominator_basis"]) == (employed, coverage_pct, basis)
    assert coverage["snapshot_month"].min() == pd.Timestamp("2021-08-01")  # no Sakernas round before it here


def test_card_and_sentence_say_the_tables_numbers(sample_db):
    coverage = workforce.national_coverage(db.run("national_monthly"), db.run("labour_force"))
    year_before = coverage.loc[coverage["snapshot_month"] == pd.Timestamp("2022-10-01"), "coverage_pct"].iloc[0]
    now = workforce.coverage_now(coverage)
    assert now.month == dt.date(2023, 10, 1) and now.coverage_pct == 28.75
    assert now.change_12m_pp == pytest.approx(28.75 - year_before) and now.to_target_pp == pytest.approx(37.24 - 28.75)
    t = i18n.translator("id")
    card = workforce.coverage_card(now, t)
    assert (card.label, card.value) == ("Cakupan angkatan kerja", "28,8%")
    assert card.delta == f"{i18n.format_decimal(28.75 - year_before, 'id', signed=True)} poin setahun"
    assert workforce.national_takeaway(coverage, i18n.translator("en")).startswith(
        "October 2023: 28.8% of the working population are active participants, +2.6 points on a year before — "
        "8.5 points below the RPJMN target of 37.24% for 2024 (denominator: last Sakernas round, carried forward).")


def test_no_labour_force_rows_means_no_coverage_and_says_so():
    empty = ROUNDS.iloc[0:0]
    coverage = workforce.national_coverage(pd.DataFrame({"snapshot_month": months("2023-01"),
                                                         "active_participants": [5]}), empty)
    assert coverage.empty and workforce.coverage_now(coverage) is None
    t = i18n.translator("en")
    assert workforce.coverage_cards(coverage, t)[0].value == "–"
    assert workforce.national_takeaway(coverage, t).startswith("There are no employed-population figures")


def test_the_line_marks_rounds_dashes_the_carried_months_and_draws_the_rpjmn_target(sample_db):
    coverage = workforce.national_coverage(db.run("national_monthly"), db.run("labour_force"))
    figure = figures.coverage_line(coverage, i18n.translator("id"))
    measured, carried, rounds = figure.data
    assert len(measured.x) + len(carried.x) == len(coverage) + 1  # the dashed part starts at the last measured month
    assert carried.line.dash == "dot" and list(pd.to_datetime(carried.x)) == list(
        pd.to_datetime(["2023-08-01", "2023-09-01", "2023-10-01"]))
    assert list(pd.to_datetime(rounds.x)) == list(pd.to_datetime(
        ["2021-08-01", "2022-02-01", "2022-08-01", "2023-02-01", "2023-08-01"]))
    # active ÷ employed in each round month, from the CSVs: 29.2 m ÷ 131.05 m, …, 38.84 m ÷ 139.85 m
    assert np.allclose(np.asarray(rounds.y, dtype=float), [22.28, 22.72, 25.76, 25.46, 27.77], atol=0.005)
    target = figure.layout.shapes[0]
    assert (target.y0, target.y1) == (37.24, 37.24)
    assert figure.layout.annotations[0].text == "Target RPJMN 2024: 37,24%"
    assert "putaran Sakernas terakhir, dibawa maju" in carried.customdata[-1][4]


def test_association_coverage_is_active_over_eligible_rows_that_give_it(tiny_db):
    coverage = db.run("association_coverage", from_month=dt.date(2023, 2, 1), to_month=dt.date(2023, 2, 1),
                      associations=["AAA", "BBB"], segments=["PU", "BPU"], provinces=["31", "32"])
    # Feb 2023: AAA 130 + 50 active of 200 + 100 eligible; BBB's row gives no eligible workers, so it is left out
    assert records(coverage) == [{"snapshot_month": "2023-02-01", "association_code": "AAA",
                                  "active_participants": 180, "eligible_workers": 300, "coverage_pct": 60.0}]
    assert workforce.association_takeaway(coverage, i18n.translator("en")) == (
        "Feb 2023: AAA covers 60.0% of its ecosystem, the highest; AAA 60.0%, the lowest.")
