"""Numbers, months and labels in both languages."""
import datetime as dt

import pytest

from cakupan import i18n


@pytest.mark.parametrize("function, value, lang, expected", [
    (i18n.format_number, 40_200_000, "id", "40.200.000"),
    (i18n.format_number, 40_200_000, "en", "40,200,000"),
    (i18n.format_number, 1234.6, "id", "1.235"),
    (i18n.format_number, None, "id", "–"),
    (i18n.format_number, float("nan"), "en", "–"),
    (i18n.format_compact, 40_200_000, "id", "40,2 juta"),
    (i18n.format_compact, 40_200_000, "en", "40.2 million"),
    (i18n.format_compact, 402_000, "id", "402 ribu"),
    (i18n.format_compact, 29_800_000, "en", "29.8 million"),
    (i18n.format_compact, 9_876, "id", "9.876"),
    (i18n.format_card_number, 40_200_000, "id", "40,2 juta"),
    (i18n.format_card_number, 40_200_000, "en", "40.2 million"),
    (i18n.format_card_number, 999_999.6, "id", "1.000.000"),
    (i18n.format_card_number, 784_211, "id", "784.211"),
    (i18n.format_card_number, -25_690, "en", "-25,690"),
    (i18n.format_card_number, None, "en", "–"),
    (i18n.format_signed, 706_261, "id", "+706.261"),
    (i18n.format_signed, -25_690, "en", "-25,690"),
    (i18n.format_percent, 61.234, "id", "61,2%"),
    (i18n.format_percent, 61.234, "en", "61.2%"),
])
def test_number_formats(function, value, lang, expected):
    assert function(value, lang) == expected


@pytest.mark.parametrize("value, lang, digits, signed, expected", [
    (-1.84, "id", 1, True, "-1,8"),
    (2.25, "en", 2, True, "+2.25"),
    (1234.5, "id", 1, False, "1.234,5"),
])
def test_decimal_format(value, lang, digits, signed, expected):
    assert i18n.format_decimal(value, lang, digits=digits, signed=signed) == expected


@pytest.mark.parametrize("month, lang, long, expected", [
    (dt.date(2023, 10, 1), "id", False, "Okt 2023"),
    (dt.date(2023, 10, 1), "id", True, "Oktober 2023"),
    (dt.date(2023, 5, 1), "en", False, "May 2023"),
    (dt.date(2026, 12, 31), "en", True, "December 2026"),
    (dt.date(2019, 8, 1), "id", False, "Agu 2019"),
])
def test_month_names(month, lang, long, expected):
    assert i18n.format_month(month, lang, long=long) == expected


def test_every_label_has_both_languages_and_the_same_placeholders():
    import string
    for key, texts in i18n.labels().items():
        assert set(texts) == {"id", "en"}, key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in texts.items()}
        assert fields["id"] == fields["en"], key


def test_translator_fills_placeholders_and_falls_back_to_indonesian():
    assert i18n.translator("en")("ui.latest_data", month="Oct 2023") == "Latest data: Oct 2023"
    assert i18n.translator("xx")("nav.growth") == "Pertumbuhan"
    assert i18n.plotly_separators("id") == ",." and i18n.plotly_separators("en") == ".,"
