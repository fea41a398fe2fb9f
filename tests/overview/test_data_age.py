"""The data-age warning under a frozen clock: the words, the threshold, every page, the slides and the deck."""
import datetime as dt
import io

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from cakupan import i18n, ui
from cakupan.data import db
from cakupan.overview import data_age
from cakupan.presenter import deck_files, deck_inputs, slides

ID, EN = i18n.translator("id"), i18n.translator("en")
OCTOBER_2023 = dt.date(2023, 10, 1)
PAGES = ["dashboard.py", "pages/1_growth.py", "pages/2_formal_informal.py", "pages/3_target_gap.py",
         "pages/4_what_if.py", "pages/6_data.py"]


@pytest.mark.parametrize("today, expected_id, expected_en", [
    (dt.date(2026, 11, 15), "Data terakhir: Okt 2023 — 37 bulan lalu", "Latest data: Oct 2023 — 37 months ago"),
    (dt.date(2026, 12, 2), "Data terakhir: Okt 2023 — 38 bulan lalu", "Latest data: Oct 2023 — 38 months ago"),
    (dt.date(2024, 1, 1), "Data terakhir: Okt 2023 — 3 bulan lalu", "Latest data: Oct 2023 — 3 months ago"),
    (dt.date(2023, 12, 31), None, None),      # two months: a snapshot usually arrives a month or two late
    (dt.date(2023, 10, 20), None, None),
])
def test_the_banner_words_under_a_frozen_clock(today, expected_id, expected_en):
    assert data_age.data_age_text(OCTOBER_2023, today, ID) == expected_id
    assert data_age.data_age_text(OCTOBER_2023, today, EN) == expected_en


def test_no_data_means_no_age():
    assert data_age.data_age_text(None, dt.date(2026, 12, 2), ID) is None
    row = pd.Series({"last_enrollment_month": pd.NaT, "last_national_month": pd.NaT})
    assert data_age.latest_data_month(row) is None


def test_the_latest_of_the_two_series_counts():
    row = pd.Series({"last_enrollment_month": pd.Timestamp("2023-09-01"), "last_national_month": pd.Timestamp("2023-10-01")})
    assert data_age.latest_data_month(row) == OCTOBER_2023


@pytest.fixture
def frozen_today(monkeypatch):
    """Pages read the date through ui.today: fixed at 15 November 2026."""
    monkeypatch.setattr(ui, "today", lambda: dt.date(2026, 11, 15))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_warns_about_old_data(sample_db, frozen_today, page):
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception
    assert [w.value for w in at.warning][:1] == ["Data terakhir: Okt 2023 — 37 bulan lalu"]


def test_recent_data_shows_no_banner(sample_db, monkeypatch):
    monkeypatch.setattr(ui, "today", lambda: dt.date(2023, 11, 3))
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    assert not at.exception
    assert not [w for w in at.warning if "Data terakhir" in w.value]


def test_the_slides_and_the_deck_carry_the_age(sample_db):
    deck = slides.build_slides(deck_inputs.gather_inputs(db.run), EN, today=dt.date(2026, 11, 15))
    assert {slide.footer.split(" · ")[0] for slide in deck} == {"Latest data: Oct 2023 — 37 months ago"}
    html = deck_files.deck_html(deck, EN)
    assert "Latest data: Oct 2023 — 37 months ago" in html
    # without a date (or with fresh data) the foot line keeps its month and source alone
    fresh = slides.build_slides(deck_inputs.gather_inputs(db.run), ID, today=dt.date(2023, 11, 3))
    assert fresh[0].footer.startswith("Data: Oktober 2023 · ")


def test_the_pptx_and_pdf_decks_carry_the_age(sample_db):
    deck = slides.build_slides(deck_inputs.gather_inputs(db.run), ID, today=dt.date(2026, 11, 15))
    age = "Data terakhir: Okt 2023 — 37 bulan lalu"
    presentation = Presentation(io.BytesIO(deck_files.deck_pptx(deck, {})))
    for page in presentation.slides:
        assert any(age in shape.text_frame.text for shape in page.shapes if shape.has_text_frame)
    pdf = PdfReader(io.BytesIO(deck_files.deck_pdf(deck, {})))
    assert all(age in page.extract_text() for page in pdf.pages)
