"""KPI cards and takeaway sentences: the words and numbers a person reads, pinned down."""
import datetime as dt

import pandas as pd

from cakupan import i18n, kpi, takeaways

SUMMARY = kpi.summarize(
    pd.DataFrame({"snapshot_month": pd.date_range("2022-10-01", periods=13, freq="MS"),
                  "active_participants": [39_000_000 + 100_000 * k for k in range(13)],
                  "formal_share_pct": [61.0] * 13}),
    kpi.Target("national", dt.date(2026, 12, 31), 70_000_000))


def test_kpi_cards_in_indonesian():
    cards = takeaways.kpi_cards(SUMMARY, i18n.translator("id"))
    # +100.000 a month, every month: the anchored trend lands on 40,2 + 3,8 = 44,0 juta in Dec 2026, with a band of
    # no width (every change is the same), far below 70 juta: off track
    assert [(card.label, card.value, card.delta) for card in cards] == [
        ("Peserta aktif", "40,2 juta", None),
        ("Perubahan sebulan", "+100.000", "+0,2%"),
        ("Perubahan setahun", "+1.200.000", "+3,1%"),
        ("Porsi formal (PU)", "61,0%", None),
        ("Capaian target", "57,4%", None),
        ("Kekurangan saat ini", "29,8 juta", None),
        ("Laju saat ini per bulan", "100.000", "perlu 784.211"),
        ("Proyeksi Des 2026", "44 juta", "Tertinggal"),
    ]
    assert cards[-1].delta_color == "red"
    assert cards[-1].help_text.startswith("proyeksi kekurangan 26 juta; pita 80%: 44 juta–44 juta; peluang")


def test_home_takeaway_in_english():
    text = takeaways.home_takeaway("National", SUMMARY, i18n.translator("en"))
    assert text == ("National: 40.2 million active participants in Oct 2023. At the last 12 months' pace (+100,000 a "
                    "month), 44 million by Dec 2026 — a projected shortfall of 26 million (target 70 million, 0% "
                    "chance): off track.")


def test_distances_are_never_signed_numbers():
    t = i18n.translator("id")
    assert takeaways.shortfall_phrase(15_543_309, t) == "proyeksi kekurangan 15,5 juta"
    assert takeaways.shortfall_phrase(-1_200_000, t) == "melampaui target 1,2 juta"
    assert takeaways.gap_now_phrase(29_800_000, t) == "kekurangan saat ini 29,8 juta"
    above = takeaways.distance_card("status.projected_shortfall", -43_005, t, "status.projected_shortfall_help")
    assert (above.label, above.value) == ("Melampaui target", "43.005")   # on a card: under a million in full
    short = takeaways.distance_card("status.gap_now", 82_059, i18n.translator("en"), "status.gap_now_help")
    assert (short.label, short.value) == ("Gap now", "82,059") and "+" not in short.value


def test_a_shrinking_scope_is_off_track_and_never_praised():
    shrinking = kpi.summarize(
        pd.DataFrame({"snapshot_month": pd.date_range("2022-10-01", periods=13, freq="MS"),
                      "active_participants": [50_000 - 500 * k for k in range(13)], "formal_share_pct": [90.0] * 13}),
        kpi.Target("AKIDA", dt.date(2026, 12, 31), 60_000))
    assert shrinking.status == "off_track"
    text = takeaways.home_takeaway("AKIDA", shrinking, i18n.translator("id"))
    assert text == ("AKIDA: 44 ribu peserta aktif pada Okt 2023. Dengan laju 12 bulan terakhir (-500 per bulan), "
                    "proyeksi 25 ribu pada Des 2026 — proyeksi kekurangan 35 ribu (target 60 ribu, peluang 0%): "
                    "tertinggal.")


def test_year_on_year_takeaway_never_calls_a_shrinking_group_the_highest_growth():
    month = pd.Timestamp("2023-10-01")
    growth = pd.DataFrame({"snapshot_month": [month, month], "group_key": ["AKIDA", "APSyFI"],
                           "yoy_growth_pct": [-1.5, -12.0], "active_participants": [10_839, 24_923]})
    text = takeaways.yoy_takeaway(growth, {}, i18n.translator("id"))
    assert text == ("Pada Okt 2023, semua kelompok menyusut dibanding setahun sebelumnya; penurunan terkecil: AKIDA "
                    "(-1,5%); terbesar: APSyFI (-12,0%).")
    growing = growth.assign(yoy_growth_pct=[3.0, -12.0])
    assert "pertumbuhan tahunan tertinggi: AKIDA (+3,0%)" in takeaways.yoy_takeaway(growing, {}, i18n.translator("id"))
