"""The executive's journey in a real browser, in Indonesian: the national picture on the home page, one
association and its status, the growth page from the menu, a new period chosen with the keyboard and with the
mouse, and the data behind a chart downloaded. Every step checks what the executive reads: the numbers on a card
against the table behind it, the status against the sentence under the chart, the chosen months against the chart.
"""
import re

import pytest

from cakupan import i18n
from tests.e2e.browser_steps import (assert_no_errors, card_deltas, cards, chart, chart_takeaway, csv_rows, digits,
                                     download, help_text, t, wait_for_card_change, wait_for_charts,
                                     wait_until_up_to_date)
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

STATUSES = {t(f"status.{status}") for status in ("on_track", "at_risk", "off_track")}
FIRST_MONTH, LAST_MONTH = "2019-01", "2023-10"          # the sample data
DEFAULT_PERIOD = ("Okt 2020", "Okt 2023")               # the last 37 months


def status_shown(page) -> str:
    """The one status word on the cards."""
    shown = [delta for delta in card_deltas(page).values() if delta in STATUSES]
    assert len(shown) == 1, card_deltas(page)
    return shown[0]


def active_in_full(page) -> int:
    """The active participants as the card's help gives them in full (`40.200.000 · Okt 2023`)."""
    return digits(help_text(page, t("home.active_now")).split("·")[0])


def chart_csv_row(page, *cells: str) -> list[str]:
    """The row of the first chart's downloaded data that holds all of `cells` (a month prefix, a group...)."""
    rows = csv_rows(download(page, t("ui.download_csv"), page.locator('[data-testid="stExpander"]').first))
    matching = [row for row in rows[1:] if all(any(cell.startswith(text) for cell in row) for text in cells)]
    assert len(matching) == 1, (cells, rows[:3])
    return matching[0]


def numbers_in(row: list[str]) -> list[int]:
    return [digits(cell) for cell in row if re.fullmatch(r"[+-]?[\d.,]+", cell.strip())]


def period_shown(page) -> list[str]:
    """The months the sidebar's period range shows (two thumbs while it is a range)."""
    thumbs = page.locator('[data-testid="stSidebar"] [data-testid="stSliderThumbValue"]')
    thumbs.first.wait_for(timeout=30_000)
    return thumbs.all_inner_texts()


def months_drawn(page) -> tuple[str, str]:
    """The first and last month of the growth chart's lines."""
    months = sorted({x[:7] for trace in chart(page, 0) for x in trace["x"]})
    return months[0], months[-1]


def test_executive_reads_the_national_picture_and_one_association(own_server, pages):
    page = pages(own_server)
    national = cards(page)
    assert national[t("home.active_now")] == "40,2 juta"
    full = active_in_full(page)
    assert i18n.format_card_number(full, "id") == national[t("home.active_now")]
    assert full in numbers_in(chart_csv_row(page, LAST_MONTH))     # the card's number is the table's last month
    status = status_shown(page)
    assert status.lower() in chart_takeaway(page)                         # the card and the sentence say the same
    screenshot(page, "journey_executive_home")

    scope = page.get_by_role("combobox", name=t("home.scope"))
    scope.click()
    scope.press_sequentially("ABUJAPI")
    scope.press("Enter")
    association_active = wait_for_card_change(page, t("home.active_now"), national[t("home.active_now")])
    assert_no_errors(page)
    assert re.fullmatch(r"\d{1,3}\.\d{3}", association_active)      # under a million: in full
    full = active_in_full(page)
    assert digits(association_active) == full
    assert full in numbers_in(chart_csv_row(page, LAST_MONTH))
    sentence = chart_takeaway(page)
    assert sentence.startswith("ABUJAPI — ") and i18n.format_compact(full, "id") in sentence
    assert status_shown(page).lower() in sentence
    assert page.get_by_text(t("ui.illustrative_note")).is_visible()
    screenshot(page, "journey_executive_association")


def test_executive_opens_growth_from_the_menu(own_server, pages):
    page = pages(own_server)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=t("nav.growth")).click()
    page.get_by_role("heading", name=t("growth.title")).wait_for(timeout=60_000)
    wait_for_charts(page, 3)
    assert page.url.endswith("/growth")
    assert period_shown(page) == list(DEFAULT_PERIOD)
    assert months_drawn(page) == ("2020-10", LAST_MONTH)            # the chart follows the period shown
    assert_no_errors(page)
    screenshot(page, "journey_executive_growth")


def wait_for_period(page, start: str, end: str, first_month: str, last_month: str) -> None:
    """Wait until the range shows `start`–`end` and the chart is redrawn for it, or the range stops being a
    range (then the assertions after it say what went wrong)."""
    page.wait_for_function(
        """([start, end, first, last]) => {
             const thumbs = [...document.querySelectorAll(
               '[data-testid="stSidebar"] [data-testid="stSliderThumbValue"]')].map(e => e.innerText.trim());
             if (thumbs.length !== 2) return true;
             const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
             const months = plot.data.flatMap(trace => Array.from(trace.x)).map(x => x.slice(0, 7)).sort();
             return thumbs[0] === start && thumbs[1] === end && months[0] === first && months.at(-1) === last;
           }""", arg=[start, end, first_month, last_month], timeout=60_000)
    wait_until_up_to_date(page)


def test_executive_changes_the_period_with_the_keyboard(own_server, pages):
    page = pages(f"{own_server}/growth", charts=3)
    start = page.get_by_role("slider", name=f"{t('filters.period')} — start")
    start.focus()
    start.press("ArrowRight")
    start.press("ArrowRight")
    wait_for_period(page, "Des 2020", "Okt 2023", "2020-12", LAST_MONTH)
    assert period_shown(page) == ["Des 2020", "Okt 2023"]
    end = page.get_by_role("slider", name=f"{t('filters.period')} — end")
    end.focus()
    end.press("ArrowLeft")
    wait_for_period(page, "Des 2020", "Sep 2023", "2020-12", "2023-09")
    assert period_shown(page) == ["Des 2020", "Sep 2023"] and months_drawn(page) == ("2020-12", "2023-09")
    assert_no_errors(page)
    screenshot(page, "journey_executive_period_keyboard")


def test_executive_changes_the_period_with_the_mouse(own_server, pages):
    page = pages(f"{own_server}/growth", charts=3)
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first
    track = slider.locator('[data-testid="stSliderTickBar"]').bounding_box()
    months = int(page.get_by_role("slider", name=f"{t('filters.period')} — end").get_attribute("max"))

    def drag(thumb_name: str, to_index: int) -> None:
        thumb = page.get_by_role("slider", name=f"{t('filters.period')} — {thumb_name}").locator("xpath=../..")
        box = thumb.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(track["x"] + track["width"] * to_index / months, box["y"] + box["height"] / 2, steps=10)
        page.mouse.up()

    drag("end", months - 12)                                          # a year earlier: Okt 2022
    wait_for_period(page, "Okt 2020", "Okt 2022", "2020-10", "2022-10")
    assert period_shown(page) == ["Okt 2020", "Okt 2022"] and months_drawn(page) == ("2020-10", "2022-10")
    drag("start", 24)                                                 # Jan 2021
    wait_for_period(page, "Jan 2021", "Okt 2022", "2021-01", "2022-10")
    assert period_shown(page) == ["Jan 2021", "Okt 2022"] and months_drawn(page) == ("2021-01", "2022-10")
    assert_no_errors(page)
    screenshot(page, "journey_executive_period_mouse")


def test_executive_downloads_the_data_of_the_period_shown(own_server, pages):
    page = pages(f"{own_server}/growth", charts=3)
    rows = csv_rows(download(page, t("ui.download_csv"), page.locator('[data-testid="stExpander"]').first))
    months = sorted({cell[:7] for row in rows[1:] for cell in row if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", cell)})
    assert (months[0], months[-1], len(months)) == ("2020-10", LAST_MONTH, 37)   # the period the range shows
    abujapi = next(trace for trace in chart(page, 0) if trace["name"] == "ABUJAPI")
    last_point = digits(abujapi["hover"][-1][1])                     # what a hover on October 2023 shows
    row = next(row for row in rows[1:] if "ABUJAPI" in row and any(c.startswith(LAST_MONTH) for c in row))
    assert last_point in numbers_in(row)                             # the chart and the downloaded table agree
