"""The presenter page on a 1920×1080 screen, as a hall sees it: every slide, no app chrome, nothing cut off."""
from pathlib import Path

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.browser

HALL_SCREEN = {"width": 1920, "height": 1080}
CHROME = ['[data-testid="stSidebar"]', 'header[data-testid="stHeader"]', '[data-testid="stToolbar"]',
          '[data-testid="stSidebarCollapsedControl"]', '[data-testid="stDecoration"]', '[data-testid="stMainMenu"]']
SLIDE_COUNT = 6
COUNTER = {"id": "Slide {n} dari {count}", "en": "Slide {n} of {count}"}
NEXT = {"id": "Berikutnya", "en": "Next"}
TITLES = {"id": ["Menuju 70 juta", "Posisi nasional", "Pertumbuhan nasional", "Sektor formal vs informal",
                 "Capaian 11 asosiasi", "Proyeksi kekurangan terhadap target 2026"],
          "en": ["Towards 70 million", "Where the nation stands", "National growth", "Formal vs informal",
                 "11 PKS associations", "Projected shortfall against the 2026 target"]}


@pytest.fixture
def hall_page(browser):
    context = browser.new_context(viewport=HALL_SCREEN, locale="id-ID")
    opened = context.new_page()
    yield opened
    context.close()


def wait_for_slide(page, lang: str, n: int) -> None:
    page.wait_for_selector(f"text={COUNTER[lang].format(n=n, count=SLIDE_COUNT)}", timeout=60_000)
    page.wait_for_selector(f'.cakupan-slide[data-slide="{n}"]', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"] svg')", timeout=60_000)


def assert_stage_clean(page) -> None:
    for selector in CHROME:
        assert not page.locator(selector).first.is_visible(), f"app chrome visible: {selector}"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    controls = page.locator(".st-key-presenter_controls").bounding_box()
    assert controls and controls["y"] + controls["height"] <= HALL_SCREEN["height"], "controls pushed off the screen"
    title = page.locator(".cakupan-slide h1.slide-title").last.bounding_box()
    assert title["x"] >= 0 and title["x"] + title["width"] <= HALL_SCREEN["width"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_presenter_steps_through_every_slide(app_server, hall_page, lang):
    page = hall_page
    page.goto(f"{app_server}/presenter?lang={lang}")
    for n in range(1, SLIDE_COUNT + 1):
        wait_for_slide(page, lang, n)
        if page.locator(".cakupan-slide.with-figure").count():
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
        assert TITLES[lang][n - 1] in page.locator(".cakupan-slide h1.slide-title").last.inner_text()
        assert_stage_clean(page)
        assert f"slide={n}" in page.url or n == 1
        screenshot(page, f"presenter_{lang}_{n}")
        if n < SLIDE_COUNT:
            page.get_by_role("button", name=NEXT[lang]).click()
    assert page.get_by_role("button", name=NEXT[lang]).is_disabled()


def test_a_link_to_a_slide_lands_on_it_after_reload(app_server, hall_page):
    page = hall_page
    page.goto(f"{app_server}/presenter?lang=en&slide=4")
    wait_for_slide(page, "en", 4)
    page.reload()
    wait_for_slide(page, "en", 4)
    assert "Formal vs informal" in page.locator(".cakupan-slide h1.slide-title").last.inner_text()
    page.get_by_role("button", name="Previous").click()
    wait_for_slide(page, "en", 3)
    assert "slide=3" in page.url


def test_auto_advance_from_a_link_moves_on_by_itself(app_server, hall_page):
    page = hall_page
    page.goto(f"{app_server}/presenter?lang=en&slide=5&auto=10")
    wait_for_slide(page, "en", 5)
    wait_for_slide(page, "en", 6)  # nobody clicks: the 10-second timer moves on
    assert "slide=6" in page.url and "auto=10" in page.url
    assert_stage_clean(page)


def test_chart_png_download_works_in_the_browser(app_server, page):
    """The modebar camera of an ordinary chart saves a PNG made in the browser itself (no server, no network)."""
    page.goto(app_server)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.locator('[data-testid="stPlotlyChart"]').first.hover()
    with page.expect_download(timeout=30_000) as download_info:
        page.locator('[data-testid="stPlotlyChart"] .modebar-btn[data-title="Download plot as a PNG"]').first.click()
    download = download_info.value
    assert download.suggested_filename == "cakupan_home_trend.png"
    assert Path(download.path()).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("button, suffix, magic", [("Deck PDF", ".pdf", b"%PDF"), ("Offline HTML deck", ".html", b"<!DOCTYPE")])
def test_deck_downloads_from_the_presenter(app_server, hall_page, button, suffix, magic):
    page = hall_page
    page.goto(f"{app_server}/presenter?lang={'id' if button == 'Deck PDF' else 'en'}&slide=3")
    page.wait_for_selector(".cakupan-slide[data-slide='3']", timeout=60_000)
    page.locator(".st-key-presenter_controls").get_by_role("button", name="Unduh" if suffix == ".pdf" else "Download").click()
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name=button).click()
    download = download_info.value
    assert download.suggested_filename.endswith(suffix)
    assert Path(download.path()).read_bytes().startswith(magic)
    assert page.locator('[data-testid="stException"]').count() == 0
