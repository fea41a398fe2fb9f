"""The executive's first look, in a real browser: on a phone (390×844) the menu is closed, the headline and its status
are in the first screenful, KPI cards sit two to a row and nothing makes the page wider than the phone; on a desktop,
home and growth in both languages, and a tile of the association grid opens its scope. Screenshots of each land in
artifacts/screenshots/ for a person to look at."""
import pytest

from cakupan import i18n
from tests.e2e.browser_steps import assert_no_errors, wait_for_charts, wait_until_up_to_date
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Where things are on the screen, as a person sees them: the sidebar's place, the headline's box, the cards' boxes.
LAYOUT = """() => {
  const box = element => { const r = element.getBoundingClientRect();
                           return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const headline = document.querySelector('.cakupan-headline');
  const status = document.querySelector('.cakupan-headline .cakupan-status');
  return {
    sidebar: sidebar ? box(sidebar) : null,
    headline: headline ? box(headline) : null,
    headline_text: headline ? headline.innerText : '',
    status: status ? status.innerText : '',
    cards: [...document.querySelectorAll('[data-testid="stMetric"]')].map(box),
    charts: [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(box),
    tables: [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(box),
    page_width: document.documentElement.scrollWidth,
  };
}"""


def open_at(browser, url: str, viewport: dict, charts: int = 1):
    context = browser.new_context(viewport=viewport, locale="id-ID", is_mobile=viewport["width"] < 600,
                                  has_touch=viewport["width"] < 600)
    page = context.new_page()
    page.goto(url)
    wait_for_charts(page, charts)
    return page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_on_a_phone_the_answer_is_in_the_first_screenful(browser, app_server, lang):
    t = i18n.translator(lang)
    home = open_at(browser, f"{app_server}/?lang={lang}", PHONE)
    try:
        assert_no_errors(home)
        layout = home.evaluate(LAYOUT)
        screenshot(home, f"phone_home_{lang}")
        assert layout["sidebar"]["right"] <= 0, "the menu covers the page on arrival"
        assert 0 <= layout["headline"]["top"] and layout["headline"]["bottom"] <= PHONE["height"], layout["headline"]
        assert layout["status"] in {t(f"status.{s}") for s in ("on_track", "at_risk", "off_track")}
        assert layout["headline_text"].startswith(f"{layout['status']} {t('home.scope_national')}: ")
        first, second, third = layout["cards"][:3]
        assert first["top"] == second["top"] and first["right"] <= second["left"], "two cards to a row"
        assert third["top"] > first["top"] and third["left"] == first["left"]
        assert all(card["right"] <= PHONE["width"] for card in layout["cards"])
        assert layout["page_width"] <= PHONE["width"], "the page scrolls sideways"
    finally:
        home.context.close()

    growth = open_at(browser, f"{app_server}/growth?lang={lang}", PHONE, charts=3)
    try:
        assert_no_errors(growth)
        layout = growth.evaluate(LAYOUT)
        screenshot(growth, f"phone_growth_{lang}")
        assert layout["sidebar"]["right"] <= 0
        assert all(0 <= chart["left"] and chart["right"] <= PHONE["width"] for chart in layout["charts"])
        assert layout["page_width"] <= PHONE["width"]
        assert growth.get_by_text(t("growth.view_small_multiples"), exact=True).is_visible()
    finally:
        growth.context.close()


def test_on_a_phone_a_wide_table_scrolls_inside_its_frame(browser, app_server):
    gap = open_at(browser, f"{app_server}/target_gap", PHONE, charts=2)
    try:
        assert_no_errors(gap)
        layout = gap.evaluate(LAYOUT)
        table = layout["tables"][0]
        assert 0 <= table["left"] and table["right"] <= PHONE["width"]
        assert layout["page_width"] <= PHONE["width"]
        screenshot(gap, "phone_target_gap_id")
    finally:
        gap.context.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_home_and_growth_on_a_desktop(browser, app_server, lang):
    t = i18n.translator(lang)
    home = open_at(browser, f"{app_server}/?lang={lang}", {"width": 1440, "height": 1800})
    try:
        assert_no_errors(home)
        layout = home.evaluate(LAYOUT)
        assert layout["sidebar"]["left"] >= 0 and layout["sidebar"]["width"] > 200, "the menu is open on a desktop"
        assert home.locator(".cakupan-tile").count() == 11
        assert home.get_by_text(t("overview.grid_title")).is_visible()
        screenshot(home, f"desktop_home_{lang}")
    finally:
        home.context.close()
    growth = open_at(browser, f"{app_server}/growth?lang={lang}", {"width": 1440, "height": 2200}, charts=3)
    try:
        assert_no_errors(growth)
        screenshot(growth, f"desktop_growth_{lang}")
        growth.get_by_text(t("growth.view_indexed"), exact=True).click()
        growth.wait_for_function("() => [...document.querySelectorAll('.ytitle')].some("
                                 f"e => e.textContent.includes({t('growth.index_title')!r}))", timeout=60_000)
        wait_until_up_to_date(growth)
        screenshot(growth, f"desktop_growth_indexed_{lang}")
    finally:
        growth.context.close()


def test_a_tile_opens_its_association_on_the_home_page(browser, app_server):
    home = open_at(browser, f"{app_server}/?lang=en", {"width": 1440, "height": 1800})
    try:
        home.locator('.cakupan-tile[data-code="AKTI"]').click()
        home.wait_for_url("**scope=AKTI**", timeout=60_000)
        home.wait_for_function("() => (document.querySelector('.cakupan-headline') || {}).innerText"
                               "?.includes('AKTI — ')", timeout=60_000)
        wait_for_charts(home, 1)
        assert home.locator('[data-testid="stSelectbox"] input').first.input_value().startswith("AKTI — ")
        assert home.get_by_text("Active participants", exact=True).first.is_visible()   # still in English
        screenshot(home, "desktop_home_akti_en")
    finally:
        home.context.close()
