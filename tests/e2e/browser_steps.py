"""What a person does and reads in the browser, for the user-journey tests: open a page, wait until it has
answered, read cards, tables, charts and downloads.

Waits are on what the page shows, never on time: after a click or a key, the journey waits until the thing it
expects to change has changed, then until Streamlit has replaced every element of the previous run.
"""
from __future__ import annotations

import csv
import io
import re
import urllib.parse
from pathlib import Path

from cakupan import i18n

# Settled: Streamlit's app root says no script run is going on or asked for (`data-test-script-state`, the same
# attribute Streamlit's own browser tests wait on), and no element of a previous run is still on the page marked
# stale, and no element is still a loading placeholder (a card with a sparkline, a chart: their code loads after
# the run; under load a read saw the placeholder instead of the card). Absence of stale elements alone is not enough:
# while a first run is still adding elements nothing is stale, and a read there saw a page without its last cards.
UP_TO_DATE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]');
}"""
# How long a page may take to draw and settle. The first page a freshly started server shows pays for its imports
# and its caches (every scope's projection for the home grid): seconds on a quiet laptop, over a minute on a shared
# 2-core machine under load (bench.cold_start measured 40 s there). A slow page still fails, a wrong one at once.
PAGE_SETTLES_MS = 150_000


def t(key: str, **values) -> str:
    """A label as the Indonesian page shows it."""
    return i18n.translate(key, "id", **values)


def open_page(browser, url: str, charts: int = 1, width: int = 1440, height: int = 2200):
    """A fresh browser context on `url`, once `charts` charts are drawn and the page is up to date."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    wait_for_charts(page, charts)
    return page


def wait_for_charts(page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= n", arg=count,
        timeout=PAGE_SETTLES_MS)
    wait_until_up_to_date(page)


def wait_until_up_to_date(page) -> None:
    page.wait_for_function(UP_TO_DATE, timeout=PAGE_SETTLES_MS)


def assert_no_errors(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


# The cards read in one pass over the page, so a rerun that adds or removes a card mid-read cannot leave the reader
# waiting for a card that is gone (locator by locator, the 9th card of one run vanished in the next).
READ_CARDS = """part => Object.fromEntries([...document.querySelectorAll('[data-testid="stMetric"]')].flatMap(card => {
    const label = card.querySelector('[data-testid="stMetricLabel"]');
    const value = card.querySelector(`[data-testid="${part}"]`);
    return label && value ? [[label.innerText.trim(), value.innerText.trim()]] : [];
}))"""


def cards(page) -> dict[str, str]:
    """KPI cards as label → value, read once the page has settled."""
    wait_until_up_to_date(page)
    return page.evaluate(READ_CARDS, "stMetricValue")


def card_deltas(page) -> dict[str, str]:
    """KPI cards with a delta, as label → delta, read once the page has settled."""
    wait_until_up_to_date(page)
    return page.evaluate(READ_CARDS, "stMetricDelta")


def wait_for_card_change(page, label: str, before: str) -> str:
    """Wait until the card `label` shows something else than `before` and the rerun is done; its new value."""
    page.wait_for_function(
        """([label, before]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(card =>
             card.querySelector('[data-testid="stMetricLabel"]').innerText.trim() === label
             && card.querySelector('[data-testid="stMetricValue"]').innerText.trim() !== before)""",
        arg=[label, before], timeout=60_000)
    wait_until_up_to_date(page)
    return cards(page)[label]


def wait_for_delta_change(page, label: str, before: str | None) -> str:
    """Wait until the delta under the card `label` (the difference from the baseline) changes; the new delta."""
    page.wait_for_function(
        """([label, before]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(card => {
             const delta = card.querySelector('[data-testid="stMetricDelta"]');
             return card.querySelector('[data-testid="stMetricLabel"]').innerText.trim() === label
               && (delta ? delta.innerText.trim() : null) !== before; })""", arg=[label, before], timeout=60_000)
    wait_until_up_to_date(page)
    return card_deltas(page).get(label)


def help_text(page, label: str) -> str:
    """The tooltip of the card `label`'s help icon, as a mouse user reads it."""
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    card.locator('[data-testid="stTooltipHoverTarget"]').hover()
    tooltip = page.locator('[data-testid="stTooltipContent"]').last
    tooltip.wait_for(timeout=30_000)
    text = tooltip.inner_text().strip()
    page.mouse.move(0, 0)
    return text


def table(frame) -> list[dict[str, str]]:
    """An st.dataframe's rows as its header → cell text (Streamlit's grid keeps an accessible copy in a table)."""
    rows = frame.evaluate("""element => [...element.querySelectorAll('table tr')].map(
        row => [...row.querySelectorAll('th, td')].map(cell => cell.innerText.trim()))""")
    header, *body = [row for row in rows if row]
    return [dict(zip(header, row)) for row in body]


def chart_takeaway(page, index: int = 0) -> str:
    """The one-line takeaway under the `index`-th chart of the page."""
    return page.locator('[data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) + '
                        '[data-testid="stElementContainer"] [data-testid="stCaptionContainer"]').nth(index).inner_text()


def table_with_column(page, header: str) -> list[dict[str, str]]:
    """The rows of the table on the page that has a column `header`."""
    frame = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th", has_text=re.compile(f"^{re.escape(header)}$"))).last
    frame.wait_for(timeout=60_000)
    return table(frame)


def row_of(rows: list[dict[str, str]], column: str, value: str) -> dict[str, str]:
    return next(row for row in rows if row[column] == value)


def chart(page, index: int = 0) -> list[dict]:
    """The traces of the `index`-th chart on the page as Plotly draws them: name, x, y and the hover texts
    (`customdata`: for most traces the month and the number in full, as a mouse user reads them)."""
    return page.evaluate(
        """i => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')][i].data.map(
             trace => ({name: trace.name, x: Array.from(trace.x || []), y: Array.from(trace.y || []),
                        hover: Array.from(trace.customdata || [])}))""", index)


def download(page, button_name: str, expander) -> bytes:
    """Open `expander` (the data behind a chart), click its download button, and return the file's bytes."""
    button = expander.get_by_role("button", name=button_name)
    if not button.is_visible():
        expander.locator("summary").click()
    return downloaded_file(page, button)


# Streamlit builds a file when its button is clicked and the browser then fetches it. In full suite runs on a
# busy machine, about one click in ten gave no download and no error at all (never reproduced alone, nor with the
# server slowed down on purpose); a person clicks a button that did nothing once more, and so does the test. The
# second click must bring the right file.
FIRST_CLICK_WAIT_MS = 30_000


def downloaded_file(page, button) -> bytes:
    """Click a download `button` on the settled page (a second time if the first brought nothing); its bytes."""
    wait_until_up_to_date(page)   # a person clicks a settled page: a button of a run being replaced may lose the click
    button.wait_for(timeout=PAGE_SETTLES_MS)
    for timeout in (FIRST_CLICK_WAIT_MS, PAGE_SETTLES_MS):
        try:
            with page.expect_download(timeout=timeout) as downloading:
                button.click()
            return Path(downloading.value.path()).read_bytes()
        except Exception as error:  # say what the page showed instead of the file
            shown = page.locator('[data-testid="stDownloadButtonError"]').all_inner_texts()
            print(f"no download after a click on {button}; the page shows {shown or 'no error'}")
            last = error
    raise AssertionError(f"no download after two clicks on {button}") from last


def csv_rows(content: bytes) -> list[list[str]]:
    """A downloaded CSV's rows (header first), whatever its separator and whether it starts with a BOM."""
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return list(csv.reader(io.StringIO(text), dialect))


def digits(text: str) -> int:
    """A whole number as a page writes it in either language (`40.200.000`, `+1,500`, `-25.690`) → int."""
    sign = -1 if text.strip().startswith(("-", "−")) else 1
    return sign * int(re.sub(r"[^\d]", "", text))


def query_param(url: str, name: str) -> str | None:
    """A parameter of the page's address, decoded (`Desember+2027` → `Desember 2027`)."""
    values = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get(name)
    return values[0] if values else None

