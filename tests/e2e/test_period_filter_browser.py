"""The sidebar period range in a real browser: moved by keyboard and by mouse it stays a two-ended range, the
charts follow it, and it carries over to the other page with the sidebar filters, in both languages."""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.browser_steps import UP_TO_DATE, wait_for_charts
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

PERIOD = '[data-testid="stSidebar"] [data-testid="stSlider"]'
# what a person sees: the month on each thumb, and the first chart's first and last month (YYYY-MM)
SHOWN_PERIOD = """() => {
  const labels = [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stSlider"] input')]
    .map(thumb => thumb.getAttribute('aria-valuetext'));
  const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const months = (chart && chart.data || []).flatMap(trace => Array.from(trace.x || [], x => String(x).slice(0, 7)))
    .sort();
  return {labels, months: [months[0], months[months.length - 1]]};
}"""


def thumbs(page):
    return page.locator(PERIOD).get_by_role("slider")


def wait_for_period(page, labels: list[str], months: list[str]) -> None:
    """Wait until the rerun is over, then the slider must show `labels` and the first chart span `months`."""
    expected = {"labels": labels, "months": months}
    try:
        page.wait_for_function(
            f"""expected => ({UP_TO_DATE})()
                 && JSON.stringify(({SHOWN_PERIOD})()) === JSON.stringify(expected)""", arg=expected, timeout=60_000)
    except PlaywrightTimeout:
        pass  # the assertion below says what is shown instead
    assert page.evaluate(SHOWN_PERIOD) == expected
    assert page.locator('[data-testid="stException"]').count() == 0


def drag_thumb(page, thumb: int, months_to_move: int) -> None:
    """Drag a thumb with the mouse by a number of months (the step width measured from the two thumbs)."""
    start, end = (thumbs(page).nth(i).locator("xpath=../..").bounding_box() for i in (0, 1))
    first, last = (int(thumbs(page).nth(i).get_attribute("value")) for i in (0, 1))
    step = (end["x"] - start["x"]) / (last - first)
    box = start if thumb == 0 else end
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + months_to_move * step, y, steps=12)
    page.mouse.up()


def test_period_range_survives_keyboard_mouse_page_switch_and_language(app_server, page):
    page.goto(f"{app_server}/growth?lang=id")
    wait_for_charts(page, 3)
    wait_for_period(page, ["Okt 2020", "Okt 2023"], ["2020-10", "2023-10"])

    thumbs(page).first.focus()
    page.keyboard.press("ArrowRight")
    wait_for_period(page, ["Nov 2020", "Okt 2023"], ["2020-11", "2023-10"])
    thumbs(page).first.press("ArrowRight")
    wait_for_period(page, ["Des 2020", "Okt 2023"], ["2020-12", "2023-10"])
    thumbs(page).last.press("ArrowLeft")
    wait_for_period(page, ["Des 2020", "Sep 2023"], ["2020-12", "2023-09"])

    drag_thumb(page, 0, -11)
    wait_for_period(page, ["Jan 2020", "Sep 2023"], ["2020-01", "2023-09"])
    drag_thumb(page, 1, -6)
    wait_for_period(page, ["Jan 2020", "Mar 2023"], ["2020-01", "2023-03"])
    screenshot(page, "period_growth_after_keyboard_and_mouse")

    page.get_by_role("link", name="Formal vs informal").click()
    page.wait_for_selector("text=Peringkat asosiasi menurut porsi formal, Mar 2023", timeout=60_000)
    wait_for_charts(page, 3)
    wait_for_period(page, ["Jan 2020", "Mar 2023"], ["2020-01", "2023-03"])
    thumbs(page).last.press("ArrowRight")
    wait_for_period(page, ["Jan 2020", "Apr 2023"], ["2020-01", "2023-04"])
    assert "Peringkat asosiasi menurut porsi formal, Apr 2023" in page.inner_text("body")

    page.get_by_text("English", exact=True).click()
    page.wait_for_selector("text=Associations ranked by formal share, Apr 2023", timeout=60_000)
    wait_for_period(page, ["Jan 2020", "Apr 2023"], ["2020-01", "2023-04"])  # the same month names in English
    page.get_by_role("link", name="Growth").click()
    page.wait_for_selector("text=Active participants over time", timeout=60_000)
    wait_for_charts(page, 3)
    wait_for_period(page, ["Jan 2020", "Apr 2023"], ["2020-01", "2023-04"])
    thumbs(page).first.press("ArrowLeft")
    wait_for_period(page, ["Dec 2019", "Apr 2023"], ["2019-12", "2023-04"])
    screenshot(page, "period_growth_en_after_page_switches")
