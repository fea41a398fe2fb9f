"""KPI cards and takeaway sentences: the words and numbers a person reads, pinned down."""
import datetime as dt

import pandas as pd

from cakupan import i18n, kpi, summaries

SUMMARY = kpi.summarize(
    pd.DataFrame({"snapshot_month": pd.date_range("2022-10-01", periods=13, freq="MS"),
                  "active_participants": [39_000_000 + 100_000 * k for k in range(13)],
                  "formal_share_pct": [61.0] * 13}),
    kpi.Target("national", dt.date(2026, 12, 31), 70_000_000))


def test_kpi_cards_in_indonesian():
    cards = summaries.kpi_cards(SUMMARY, i18n.translator("id"))
    assert [(card.label, card.value, card.delta) for card in cards] == [
        ("Peserta aktif", "40,2 juta", None),
        ("Perubahan sebulan", "+100.000", "+0,2%"),
        ("Perubahan setahun", "+1.200.000", "+3,1%"),
        ("Porsi formal (PU)", "61,0%", None),
        ("Capaian target", "57,4%", None),
        ("Kesenjangan ke target", "29,8 juta", None),
        ("Laju saat ini per bulan", "100 ribu", None),
        ("Laju dibutuhkan per bulan", "784,2 ribu", "Tertinggal"),
    ]


def test_home_takeaway_in_english():
    text = summaries.home_takeaway("National", SUMMARY, i18n.translator("en"))
    assert text == ("National: 40.2 million active participants in Oct 2023; 784,211 a month are needed to reach "
                    "70 million by Dec 2026, the last 12 months' pace is +100,000 a month — off track.")
