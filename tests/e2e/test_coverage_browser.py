"""The coverage & map page in a real browser, as an executive uses it: the coverage cards and line, the map of 38
provinces with a hover that names the province and its numbers, a province link that opens the growth page filtered
to it, and the whole page's data as one Excel workbook — in Indonesian and in English, with screenshots."""
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cakupan import i18n, ui
from cakupan.data import workbook
from tests.e2e.browser_steps import assert_no_errors, cards, downloaded_file, wait_for_charts, wait_until_up_to_date
from tests.e2e.served import SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser
CHARTS = 3  # the coverage line, the association lines, the map
PAGE_SHEETS = ("coverage_national", "coverage_associations", "coverage_map")


def open_coverage(browser, url: str, lang: str):
    context = browser.new_context(viewport={"width": 1440, "height": 2600}, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{url}/coverage?lang={lang}")
    wait_for_charts(page, CHARTS)
    return page


def map_element(page):
    return page.locator('[data-testid="stPlotlyChart"]').nth(2)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_map_shows_every_province_and_names_it_on_hover(own_server, browser, lang):
    page = open_coverage(browser, own_server, lang)
    try:
        assert_no_errors(page)
        t = i18n.translator(lang)
        shown = cards(page)
        assert shown.get(t("coverage.card_label")) == i18n.format_percent(28.75, lang), shown  # 40.2 m ÷ 139.85 m
        provinces = map_element(page).locator("path.choroplethlocation")
        assert provinces.count() == 38
        map_element(page).scroll_into_view_if_needed()
        box = map_element(page).bounding_box()
        # Java lies low in the middle-left of Indonesia's outline: hover there until a province answers
        hover = page.locator(".hoverlayer .hovertext")
        for x_share, y_share in ((0.33, 0.72), (0.30, 0.70), (0.36, 0.73), (0.40, 0.74)):
            page.mouse.move(box["x"] + box["width"] * x_share, box["y"] + box["height"] * y_share)
            try:
                hover.first.wait_for(timeout=3_000)
                break
            except PlaywrightTimeout:
                continue
        text = hover.first.text_content()
        screenshot(page, f"coverage_map_{lang}")
        assert t("coverage.map_active") in text and t("coverage.map_share") in text and t("coverage.map_change") in text
        assert any(name in text for name in ("Jawa", "DKI Jakarta", "Banten", "Yogyakarta"))

        page.get_by_role("radio", name=t("coverage.map_change")).click()
        page.wait_for_function("title => [...document.querySelectorAll('.cbtitle')].some(e => e.textContent.includes(title))",
                               arg=t("coverage.map_change"), timeout=120_000)
        wait_until_up_to_date(page)
        assert map_element(page).locator("path.choroplethlocation").count() == 38
        screenshot(page, f"coverage_map_change_{lang}")
        # the province table with its links, below the map
        table = page.locator('[data-testid="stDataFrame"]').last
        table.scroll_into_view_if_needed()
        table.screenshot(path=str(SCREENSHOTS / f"coverage_table_{lang}.png"))
    finally:
        page.context.close()


def test_a_province_link_opens_growth_filtered_to_that_province(own_server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(f"{own_server}/{ui.province_link('growth', '32', 'en')}")
        wait_for_charts(page, 3)
        chosen = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(2)
        assert "Jawa Barat" in chosen.inner_text()
        assert "province=" not in page.url  # the link chose once; the filter is the reader's again
        assert page.get_by_role("heading", name="Participant growth").count() == 1
        screenshot(page, "coverage_link_growth_en")
    finally:
        context.close()


def test_the_whole_page_downloads_as_one_workbook_a_sheet_per_chart(own_server, browser):
    page = open_coverage(browser, own_server, "id")
    try:
        wait_until_up_to_date(page)
        book = load_workbook(io.BytesIO(downloaded_file(
            page, page.get_by_role("button", name=i18n.translate("ui.download_page_xlsx", "id")))))
        assert book.sheetnames == [workbook.sheet_title(key, "id") for key in PAGE_SHEETS]
        national = book[workbook.sheet_title("coverage_national", "id")]
        assert [cell.value for cell in national[1]] == [
            "bulan", "peserta_aktif", "penduduk_bekerja", "cakupan_persen", "dasar_penyebut"]
        last = [cell for cell in national[national.max_row]]
        assert isinstance(last[1].value, int) and last[1].number_format == "#,##0"
        assert last[3].value == pytest.approx(28.75) and last[3].number_format == "#,##0.00"
    finally:
        page.context.close()
