"""The what-if cards as a person reads them: short enough for a card, the full sentence in the help text."""
import dataclasses
import datetime as dt

import numpy as np
import pytest

from cakupan import i18n
from cakupan.planner import engine, words

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
