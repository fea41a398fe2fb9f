"""The presenter page on a 1920×1080 screen, as a hall sees it and a presenter drives it: every slide filling the
screen with no app chrome and no empty band, the control bar out of sight until the mouse moves, a clicker's and a
keyboard's keys moving the slide in the URL, full screen, leaving, and the presenter view following the slide."""
import datetime as dt
from pathlib import Path

import pytest

from cakupan import i18n
from cakupan.overview import data_age
from tests.e2e.browser_steps import wait_until_up_to_date
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

HALL_SCREEN = {"width": 1920, "height": 1080}
CHROME = ['[data-testid="stSidebar"]', 'header[data-testid="stHeader"]', '[data-testid="stToolbar"]',
          '[data-testid="stSidebarCollapsedControl"]', '[data-testid="stDecoration"]', '[data-testid="stMainMenu"]']
SLIDE_COUNT = 6
COUNTER = {"id": "Slide {n} dari {count}", "en": "Slide {n} of {count}"}
NEXT = {"id": "Berikutnya", "en": "Next"}
SOURCE = {"id": "sumber: BPJS Ketenagakerjaan", "en": "source: BPJS Ketenagakerjaan"}
TITLES = {"id": ["Menuju 70 juta", "Posisi nasional", "Pertumbuhan nasional", "Sektor formal vs informal",
                 "Capaian 11 asosiasi", "Proyeksi kekurangan terhadap target 2026"],
          "en": ["Towards 70 million", "Where the nation stands", "National growth", "Formal vs informal",
                 "11 PKS associations", "Projected shortfall against the 2026 target"]}


def footer_start(lang: str) -> str:
    """The foot line as the served page writes it on today's date: the October 2023 sample data is stale, so the
    line says how old it is (`Data terakhir: Okt 2023 — 38 bulan lalu · sumber: …`), else its month."""
    t = i18n.translator(lang)
    age = data_age.data_age_text(dt.date(2023, 10, 1), dt.date.today(), t)
    month = i18n.format_month(dt.date(2023, 10, 1), lang, long=True)
    return f"{age} · {SOURCE[lang]}" if age else f"Data: {month} · {SOURCE[lang]}"


@pytest.fixture
def hall_page(browser):
    context = browser.new_context(viewport=HALL_SCREEN, locale="id-ID")
    opened = context.new_page()
    yield opened
    context.close()


def wait_for_slide(page, lang: str, n: int) -> None:
    page.wait_for_selector(f"text={COUNTER[lang].format(n=n, count=SLIDE_COUNT)}", timeout=60_000)
    page.wait_for_selector(f'.cakupan-slide[data-slide="{n}"]', timeout=60_000)
    wait_until_up_to_date(page)
    page.wait_for_function("() => window.__cakupanPresenterKeys === true", timeout=60_000)   # keys listen


def show_controls(page) -> None:
    """Move the mouse, as a presenter does to reach the control bar; it then shows for a few seconds."""
    page.mouse.move(960, 500)
    page.mouse.move(980, 520)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.st-key-presenter_controls')).opacity === '1'",
                           timeout=10_000)


def empty_bands(page) -> list[float]:
    """Vertical gaps (as a share of the screen) between the slide's visible blocks, from the top to the foot line."""
    return page.evaluate("""() => {
      const blocks = Array.from(document.querySelectorAll(
          '.cakupan-slide .kicker, .cakupan-slide h1.slide-title, .cakupan-slide p.takeaway, .cakupan-number, ' +
          '[data-testid="stPlotlyChart"] .main-svg, .cakupan-slide.slide-footer'))
        .map(el => el.getBoundingClientRect()).filter(r => r.height > 0)
        .sort((a, b) => a.top - b.top);
      const gaps = []; let bottom = blocks[0].bottom;
      for (const r of blocks.slice(1)) { gaps.push((r.top - bottom) / window.innerHeight); bottom = Math.max(bottom, r.bottom); }
      return gaps; }""")


def assert_stage_clean(page) -> None:
    for selector in CHROME:
        assert not page.locator(selector).first.is_visible(), f"app chrome visible: {selector}"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    if page.locator(".cakupan-slide.with-figure").count():
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    controls = page.locator(".st-key-presenter_controls")
    # out of the audience's view: hidden, or fading within seconds of the presenter's last mouse move
    page.mouse.move(960, 300)
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.st-key-presenter_controls')).opacity === '0'", timeout=10_000)
    box = controls.bounding_box()
    assert box and box["y"] + box["height"] <= HALL_SCREEN["height"], "controls pushed off the screen"
    body = page.locator(".st-key-slide_body").bounding_box()
    assert box["y"] >= body["y"] + body["height"], "the control bar would cover the slide, not just its foot line"
    title = page.locator(".cakupan-slide h1.slide-title").last.bounding_box()
    assert title["x"] >= 0 and title["x"] + title["width"] <= HALL_SCREEN["width"]
    assert max(empty_bands(page)) < 0.25, f"an empty band across the slide: {empty_bands(page)}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_presenter_steps_through_every_slide(own_server, hall_page, lang):
    page = hall_page
    page.goto(f"{own_server}/presenter?lang={lang}")
    for n in range(1, SLIDE_COUNT + 1):
        wait_for_slide(page, lang, n)
        if page.locator(".cakupan-slide.with-figure").count():
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
        assert TITLES[lang][n - 1] in page.locator(".cakupan-slide h1.slide-title").last.inner_text()
        assert_stage_clean(page)
        assert f"slide={n}" in page.url or n == 1
        screenshot(page, f"presenter_{lang}_{n}")
        assert page.locator(".cakupan-slide.slide-footer").inner_text().startswith(footer_start(lang))
        if n < SLIDE_COUNT:
            show_controls(page)
            page.get_by_role("button", name=NEXT[lang]).click()
    assert page.get_by_role("button", name=NEXT[lang]).is_disabled()


def test_a_link_to_a_slide_lands_on_it_after_reload(own_server, hall_page):
    page = hall_page
    page.goto(f"{own_server}/presenter?lang=en&slide=4")
    wait_for_slide(page, "en", 4)
    page.reload()
    wait_for_slide(page, "en", 4)
    assert "Formal vs informal" in page.locator(".cakupan-slide h1.slide-title").last.inner_text()
    show_controls(page)
    page.get_by_role("button", name="Previous").click()
    wait_for_slide(page, "en", 3)
    assert "slide=3" in page.url


def test_auto_advance_from_a_link_moves_on_by_itself(own_server, hall_page):
    page = hall_page
    page.goto(f"{own_server}/presenter?lang=en&slide=5&auto=10")
    wait_for_slide(page, "en", 5)
    wait_for_slide(page, "en", 6)  # nobody clicks: the 10-second timer moves on
    assert "slide=6" in page.url and "auto=10" in page.url
    assert_stage_clean(page)


def test_chart_png_download_works_in_the_browser(own_server, page):
    """The modebar camera of an ordinary chart saves a PNG made in the browser itself (no server, no network)."""
    page.goto(own_server)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.locator('[data-testid="stPlotlyChart"]').first.hover()
    with page.expect_download(timeout=30_000) as download_info:
        page.locator('[data-testid="stPlotlyChart"] .modebar-btn[data-title="Download plot as a PNG"]').first.click()
    download = download_info.value
    assert download.suggested_filename == "cakupan_home_trend.png"
    assert Path(download.path()).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("button, suffix, magic", [("Deck PDF", ".pdf", b"%PDF"), ("Offline HTML deck", ".html", b"<!DOCTYPE")])
def test_deck_downloads_from_the_presenter(own_server, hall_page, button, suffix, magic):
    page = hall_page
    lang = "id" if button == "Deck PDF" else "en"
    page.goto(f"{own_server}/presenter?lang={lang}&slide=3")
    wait_for_slide(page, lang, 3)
    show_controls(page)
    page.locator(".st-key-presenter_controls").get_by_role("button", name="Unduh" if suffix == ".pdf" else "Download").click()
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name=button, exact=button == "Deck PDF").click()   # not the one with notes
    download = download_info.value
    assert download.suggested_filename.endswith(suffix)
    assert Path(download.path()).read_bytes().startswith(magic)
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("keys, expected", [
    (["ArrowRight"], 2), (["PageDown", "PageDown"], 3), ([" ", "Enter", "ArrowRight"], 4),
    (["End"], SLIDE_COUNT), (["End", "ArrowLeft"], SLIDE_COUNT - 1), (["End", "PageUp", "Backspace"], SLIDE_COUNT - 2),
    (["End", "Home"], 1),
])
def test_a_clicker_and_the_keyboard_move_the_slide_without_clicking_into_the_page(own_server, hall_page, keys,
                                                                                   expected):
    page = hall_page
    page.goto(f"{own_server}/presenter?lang=en")
    wait_for_slide(page, "en", 1)
    for key in keys:
        shown = int(page.locator(".cakupan-slide[data-slide]").first.get_attribute("data-slide"))
        page.keyboard.press(key)
        moved = {"Home": 1, "End": SLIDE_COUNT}.get(key, shown + (1 if key in ("ArrowRight", "PageDown", " ", "Enter") else -1))
        wait_for_slide(page, "en", moved)
    assert f"slide={expected}" in page.url
    assert TITLES["en"][expected - 1] in page.locator(".cakupan-slide h1.slide-title").last.inner_text()
    assert_stage_clean(page)


def test_f_is_full_screen_and_escape_leaves_the_presentation(own_server, hall_page):
    page = hall_page
    page.goto(f"{own_server}/presenter?lang=en&slide=2")
    wait_for_slide(page, "en", 2)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null", timeout=10_000)
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "/presenter" not in url, timeout=60_000)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)   # the home page's cards


def test_the_control_bar_shows_on_mouse_move_and_fades(own_server, hall_page):
    page = hall_page
    page.goto(f"{own_server}/presenter?lang=en&slide=3")
    wait_for_slide(page, "en", 3)
    controls = page.locator(".st-key-presenter_controls")
    assert controls.evaluate("el => getComputedStyle(el).opacity") == "0"
    show_controls(page)
    screenshot(page, "presenter_controls_shown")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.st-key-presenter_controls')).opacity === '0'", timeout=10_000)


def test_the_presenter_view_follows_the_presenting_window(own_server, browser):
    stage = browser.new_context(viewport=HALL_SCREEN).new_page()
    laptop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    stage.goto(f"{own_server}/presenter?lang=en&slide=1")
    wait_for_slide(stage, "en", 1)
    laptop.goto(f"{own_server}/presenter?lang=en&notes=1")
    laptop.wait_for_selector('.presenter-view[data-slide="1"]', timeout=60_000)
    assert "Message: How close we are" in laptop.locator(".presenter-view .notes").inner_text()
    stage.keyboard.press("PageDown")
    wait_for_slide(stage, "en", 2)
    laptop.wait_for_selector('.presenter-view[data-slide="2"]', timeout=30_000)
    notes = laptop.locator(".presenter-view .notes").inner_text()
    assert "Gap now: 29,800,000" in notes and "48%" in notes
    assert laptop.locator(".presenter-view .next").inner_text() == "Next: National growth"
    screenshot(laptop, "presenter_view_notes")
    stage.context.close()
    laptop.context.close()
