"""The what-if cards as a person reads them: short enough for a card, the full sentence in the help text."""
import dataclasses
import datetime as dt

import numpy as np
import pytest

from cakupan import i18n
from cakupan.planner import engine, plan_words, plans, words

BASE = engine.ScopeProjection(
    scope="national", method="trend", window_months=12, last_month=dt.date(2023, 10, 1), active_participants=40_200_000,
    target_month=dt.date(2026, 12, 1), target_participants=70_000_000.0, months_to_target=38,
    projected_participants=54_512_345.0, projected_shortfall=15_487_655.0, pace_per_month=380_000.0,
    required_pace_per_month=784_211.0, status="off_track", band_participants={0.10: 52e6, 0.90: 57e6},
    probability_target_met=0.0, month_reached=None, path_months=(), path_central=np.array([]),
    path_bands=np.empty((0, 0)))


def reached_card(result, lang):
    return [card for card in words.what_if_cards(result, result, i18n.translator(lang))][-1]


@pytest.mark.parametrize("month_reached, lang, value, delta, help_text", [
    (None, "id", "> Des 2029", None, "tidak sebelum Des 2029 · Dasar: tidak sebelum Des 2029"),
    (None, "en", "> Dec 2029", None, "not before Dec 2029 · Baseline: not before Dec 2029"),
    (dt.date(2026, 3, 1), "id", "Mar 2026", None, "Mar 2026 · Dasar: Mar 2026"),
    (dt.date(2023, 8, 1), "id", "Agu 2023", "sudah tercapai", "sudah (Agu 2023) · Dasar: sudah (Agu 2023)"),
    (dt.date(2023, 10, 1), "en", "Oct 2023", "already met", "already (Oct 2023) · Baseline: already (Oct 2023)"),
])
def test_target_reached_card_is_short_and_its_help_says_it_in_full(month_reached, lang, value, delta, help_text):
    card = reached_card(dataclasses.replace(BASE, month_reached=month_reached), lang)
    assert (card.value, card.delta, card.help_text) == (value, delta, help_text)


def test_what_if_cards_show_millions_in_words_and_smaller_numbers_in_full():
    small = dataclasses.replace(BASE, projected_participants=409_748.4, projected_shortfall=90_251.6)
    cards = words.what_if_cards(small, small, i18n.translator("id"))
    assert [(card.label, card.value) for card in cards[:3]] == [
        ("Proyeksi Des 2026", "409.748"), ("Proyeksi kekurangan", "90.252"), ("Peluang mencapai target", "0%")]
    assert words.what_if_cards(BASE, BASE, i18n.translator("en"))[0].value == "54.5 million"


JAN_2024 = dt.date(2024, 1, 1)


@pytest.mark.parametrize("levers, lang, expected", [
    (engine.Levers(growth_adjust_pct=0.2, extra_recruits_per_month=400_000, campaign_start=JAN_2024), "id",
     "+400.000 rekrutmen/bulan sejak Jan 2024; pertumbuhan +0,20 pp/bulan"),
    (engine.Levers(growth_adjust_pct=0.2, extra_recruits_per_month=400_000, campaign_start=JAN_2024), "en",
     "+400,000 recruits/month from Jan 2024; growth +0.20 pp/month"),
    (engine.Levers(growth_adjust_pct=-0.05, conversion_per_month=12_500, lapse_change_pct=-20), "id",
     "pertumbuhan -0,05 pp/bulan; konversi BPU→PU 12.500/bulan; laju nonaktif -20%"),
    (engine.Levers(growth_adjust_pct=-0.05, conversion_per_month=12_500, lapse_change_pct=-20), "en",
     "growth -0.05 pp/month; BPU→PU conversion 12,500/month; lapse rate -20%"),
    (engine.Levers(extra_recruits_per_month=1500), "en", "+1,500 recruits/month from next month"),
    (engine.Levers(campaign_start=JAN_2024), "id", "tanpa tuas (sama dengan dasar)"),
    (engine.Levers(), "en", "no levers (the same as the baseline)"),
])
def test_levers_in_words(levers, lang, expected):
    assert words.levers_sentence(levers, i18n.translator(lang)) == expected


@pytest.mark.parametrize("lang, expected", [
    ("id", "ABADI: +20.000 rekrutmen/bulan sejak Jan 2024 · APKLINDO: pertumbuhan +0,10 pp/bulan"),
    ("en", "ABADI: +20,000 recruits/month from Jan 2024 · APKLINDO: growth +0.10 pp/month"),
])
def test_a_plans_levers_in_words(lang, expected):
    levers = {"ABADI": engine.Levers(extra_recruits_per_month=20_000, campaign_start=JAN_2024),
              "APKLINDO": engine.Levers(growth_adjust_pct=0.1, campaign_start=JAN_2024)}
    t = i18n.translator(lang)
    assert plan_words.plan_levers_sentence(levers, t) == expected
    assert plan_words.plan_levers_sentence({}, t) == t("plan.none")


@pytest.mark.parametrize("lang, expected", [
    ("id", "Baris ABADI, kolom \"Konversi BPU → PU/bulan\": -1.500 tidak bisa dipakai. Isi angka 0 sampai "
           "10.000.000 per bulan."),
    ("en", "Row ABADI, column \"BPU → PU conversion/month\": -1,500 cannot be used. Enter a number from 0 to "
           "10,000,000 a month."),
])
def test_a_plan_problem_names_row_column_value_and_fix_in_the_users_language(lang, expected):
    problem, = plans.lever_problems({"ABADI": engine.Levers(conversion_per_month=-1500)}, {"ABADI"})
    assert plan_words.problem_text(problem, i18n.translator(lang)) == expected
