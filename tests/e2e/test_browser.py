"""Every page in a real browser, in both languages: charts drawn, no error element, a screenshot to look at."""
import re

import pytest

from tests.e2e.browser_steps import wait_for_charts
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

PAGES = [  # (url path, charts drawn, text that must show in Indonesian, in English)
    ("", 1, "40,2 juta", "40.2 million"),
    ("growth", 3, "Peserta aktif dari waktu ke waktu", "Active participants over time"),
    ("formal_informal", 3, "Porsi formal", "Formal share"),
    ("coverage", 3, "Cakupan angkatan kerja", "Workforce coverage"),
]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path, charts, text_id, text_en", PAGES, ids=[p[0] or "home" for p in PAGES])
def test_page_renders_in_browser(app_server, page, path, charts, text_id, text_en, lang):
    page.goto(f"{app_server}/{path}?lang={lang}")
    wait_for_charts(page, charts)
    expected = text_id if lang == "id" else text_en
    # the charts can be drawn while the script is still sending the rest of the page: wait for the text as a reader would
    page.get_by_text(expected).first.wait_for(timeout=60_000)
    body = page.inner_text("body")
    assert expected in body
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    if lang == "id":
        assert re.search(r"\d+,\d juta|\d+,\d%", body), "Indonesian number format missing"
    screenshot(page, f"{path or 'home'}_{lang}")


def test_language_toggle_in_browser_persists_across_pages(app_server, page):
    page.goto(app_server)
    wait_for_charts(page, 1)
    page.get_by_text("English", exact=True).click()
    page.wait_for_selector("text=Coverage overview", timeout=30_000)
    page.get_by_role("link", name="Growth").click()
    page.wait_for_selector("text=Participant growth", timeout=30_000)
    wait_for_charts(page, 3)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "growth_after_toggle_en")
