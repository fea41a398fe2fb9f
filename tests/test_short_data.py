"""Takeaways and notes on short or empty data: a clear sentence about what is missing, never an IndexError."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cakupan import i18n, takeaways
from cakupan.planner import accuracy, scopes, words

ID, EN = i18n.translator("id"), i18n.translator("en")
MONTHS = pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01"])


def growth_rows(active: list[int], net: list[float | None], yoy: list[float | None], group: str = "total"):
    """Rows of the `growth` query for one group, one per month from Jan 2023."""
    return pd.DataFrame({"snapshot_month": MONTHS[:len(active)], "group_key": group, "active_participants": active,
                         "net_additions": pd.array(net, dtype="Int64"),
                         "yoy_growth_pct": pd.array(yoy, dtype="Float64")})


def test_net_additions_of_a_single_month_say_two_months_are_needed():
    total = growth_rows([1000], [None], [None])
    assert not takeaways.has_values(total, "net_additions")
    assert takeaways.net_additions_takeaway(total, ID) == (
        "Data belum cukup untuk tambahan bersih: perlu data dua bulan berurutan.")
    assert takeaways.net_additions_takeaway(total, EN) == (
        "Not enough data for net additions: they need data for two months in a row.")


def test_net_additions_of_three_months_still_name_best_and_worst():
    total = growth_rows([1000, 1040, 1030], [None, 40, -10], [None, None, None])
    assert takeaways.has_values(total, "net_additions")
    assert takeaways.net_additions_takeaway(total, EN) == (
        "Average net additions of +15 a month over the period; best Feb 2023 (+40), worst Mar 2023 (-10).")


def test_year_on_year_without_a_year_of_data_says_so():
    growth = growth_rows([1000, 1040, 1030], [None, 40, -10], [None, None, None], group="ABADI")
    assert not takeaways.has_values(growth, "yoy_growth_pct")
    assert takeaways.yoy_takeaway(growth, {}, ID) == ("Data belum cukup untuk pertumbuhan tahunan: perlu data bulan "
                                                      "yang sama setahun sebelumnya (minimal 13 bulan).")
    assert takeaways.yoy_takeaway(growth, {}, EN) == ("Not enough data for year-on-year growth: it needs the same "
                                                      "month a year earlier (at least 13 months of data).")


def test_year_on_year_uses_the_last_month_that_has_it():
    growth = pd.concat([growth_rows([1000, 1040, 1030], [None, 40, -10], [2.5, 3.0, None], group="ABADI"),
                        growth_rows([500, 510, 520], [None, 10, 10], [-1.0, 4.0, None], group="AKTI")])
    assert takeaways.yoy_takeaway(growth, {}, EN) == (
        "In Feb 2023, the highest year-on-year growth: AKTI (+4.0%); the lowest: ABADI (+3.0%).")


def test_the_growth_takeaway_of_no_rows_is_the_no_data_note():
    empty = growth_rows([], [], [])
    assert takeaways.growth_active_takeaway(empty, empty, {}, EN) == (
        "No data for these filters. Widen the period or the filter choices.")


def split_rows(sectors: dict[str, list[float]]) -> pd.DataFrame:
    """Rows of a `sector_split` query: share_pct per month (Jan–Mar 2023) and sector."""
    return pd.DataFrame([{"snapshot_month": month, "sector": sector, "active_participants": 1, "share_pct": share}
                         for sector, shares in sectors.items() for month, share in zip(MONTHS, shares)])


def test_a_split_without_formal_participants_has_a_formal_share_of_zero():
    informal_only = split_rows({"informal": [100.0, 100.0, 100.0]})
    assert takeaways.split_takeaway(informal_only, ID) == (
        "Porsi formal 0,0% pada Mar 2023 (+0,0 poin persentase sejak Jan 2023).")


def test_a_split_with_formal_participants_keeps_its_sentence():
    split = split_rows({"formal": [60.0, 61.0, 62.5], "informal": [40.0, 39.0, 37.5]})
    assert takeaways.split_takeaway(split, EN) == (
        "Formal share 62.5% in Mar 2023 (+2.5 percentage points since Jan 2023).")


def test_an_empty_split_ranking_and_composition_say_there_is_no_data():
    empty_split = split_rows({})
    assert not takeaways.has_values(empty_split, "share_pct")
    assert takeaways.split_takeaway(empty_split, EN) == (
        "No data for these filters in this period. Widen the period or the filter choices.")
    ranking = pd.DataFrame(columns=["association_code", "formal_participants", "active_participants",
                                    "formal_share_pct", "formal_share_rank"])
    composition = pd.DataFrame(columns=["association_code", "segment", "active_participants", "share_pct"])
    assert not takeaways.has_values(ranking, "formal_share_pct")
    assert not takeaways.has_values(composition, "share_pct")
    for text in (takeaways.ranking_takeaway(ranking, ID), takeaways.composition_takeaway(composition, {}, ID)):
        assert text == "Tidak ada peserta untuk filter ini pada bulan ini. Perluas pilihan filter."
    assert takeaways.ranking_takeaway(ranking, EN) == (
        "No participants for these filters in this month. Widen the filter choices.")


def series_of(months: int) -> scopes.ScopeSeries:
    return scopes.ScopeSeries(dt.date(2023, 10, 1), np.arange(months, dtype=float) + 1000)


@pytest.mark.parametrize("months, origins, first_shown", [
    (9, 0, None), (10, 1, dt.date(2023, 4, 1)), (13, 4, dt.date(2023, 1, 1)), (58, 49, dt.date(2022, 5, 1))])
def test_backtest_origins_and_the_one_shown_first(months, origins, first_shown):
    choices = accuracy.backtest_origins(series_of(months))
    assert len(choices) == origins
    if origins:
        assert accuracy.default_backtest_origin(choices) == first_shown
        assert choices[-1] == dt.date(2023, 4, 1)      # six months of data after the last origin


def test_backtest_note_counts_the_months_needed_and_held():
    assert words.backtest_not_enough(series_of(3), ID) == (
        "Data belum cukup untuk uji mundur cakupan ini: perlu minimal 10 bulan data, tersedia 3.")
    assert words.backtest_not_enough(series_of(3), EN) == (
        "Not enough data for a backtest of this scope: it needs at least 10 months of data, there are 3.")


def test_a_projection_needs_two_months_in_some_scope():
    assert words.projection_not_enough({"national": series_of(1), "ABADI": series_of(1)}, EN) == (
        "Not enough data for a projection: it needs at least 2 months of data, there is 1.")
    assert words.projection_not_enough({"national": series_of(1), "ABADI": series_of(2)}, ID) is None
