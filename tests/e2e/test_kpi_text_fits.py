"""No KPI number or label is cut off — on the cards of home and what-if and the presenter's big numbers — at
1280×800, 1440×900 and 1920×1080, in Indonesian and in English. A screenshot of each lands in artifacts/screenshots/.

Each page is opened once per language and the window is then resized through the three sizes: the cards are laid
out by CSS alone, so a resize lays them out as a fresh load at that size would.
"""
import pytest

from tests.e2e.browser_steps import UP_TO_DATE
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

SCREENS = [(1920, 1080), (1440, 900), (1280, 800)]
NEXT = {"id": "Berikutnya", "en": "Next"}
CARD_PAGES = [("", 9), ("what_if", 4), ("coverage", 3)]  # (path, KPI cards shown)

# Every text of a card: st.metric's label, value and delta, and the presenter's label, value and detail.
KPI_TEXTS = ", ".join(f'[data-testid="{part}"] [data-testid="stMarkdownContainer"]'
                      for part in ("stMetricLabel", "stMetricValue", "stMetricDelta"))
KPI_TEXTS += ", .cakupan-number .label, .cakupan-number .value, .cakupan-number .detail"

# Which texts a person cannot read in full, and why. `scrollWidth` is rounded to whole pixels, so a value
# 0.08 px too wide (which Streamlit's CSS still ends in "…") passes that test: the text's own width is compared
# with its box as well, and with the card around it.
CUT_TEXTS = """selector => {
  const outside = (inner, outer) => inner.left < outer.left - 0.5 || inner.right > outer.right + 0.5;
  const cut = [];
  for (const element of document.querySelectorAll(selector)) {
    const words = element.innerText.trim();
    if (!words) continue;
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    const card = element.closest('[data-testid="stMetric"], .cakupan-number');
    const column = card.parentElement.closest('[data-testid="stColumn"], [data-testid="stMainBlockContainer"]');
    const style = getComputedStyle(element);
    const reasons = [];
    if ([element, ...element.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth))
      reasons.push('scrollWidth > clientWidth');
    if (text.width > box.width + 0.01)
      reasons.push(`text ${text.width.toFixed(2)} px in a ${box.width.toFixed(2)} px box`);
    if (style.textOverflow === 'ellipsis' && style.whiteSpace === 'nowrap') reasons.push('styled to end in "…"');
    if (outside(text, card.getBoundingClientRect())) reasons.push('text outside its card');
    if (outside(card.getBoundingClientRect(), column.getBoundingClientRect())) reasons.push('card outside its column');
    if (reasons.length) cut.push(`${words} (${reasons.join('; ')})`);
  }
  return cut;
}"""

# Plotly redraws a chart after a resize; the screenshot waits until every chart has the width of its box.
CHARTS_FIT = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart => {
  const svg = chart.querySelector('.main-svg');
  return svg && Math.abs(svg.getBoundingClientRect().width - chart.getBoundingClientRect().width) < 2;
})"""


@pytest.fixture
def screen_page(browser):
    context = browser.new_context(viewport={"width": SCREENS[0][0], "height": SCREENS[0][1]}, locale="id-ID")
    opened = context.new_page()
    yield opened
    context.close()


def cut_texts_at_every_size(page, name: str) -> list[str]:
    """Resize through the screens; the cut texts found at each, and a screenshot of each."""
    found = []
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(CHARTS_FIT, timeout=30_000)
        found += [f"{width}×{height}: {text}" for text in page.evaluate(CUT_TEXTS, KPI_TEXTS)]
        screenshot(page, f"kpi_{name}_{width}x{height}")
    return found




def wait_until_drawn(page) -> None:
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.wait_for_function(UP_TO_DATE, timeout=60_000)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path, cards", CARD_PAGES, ids=[path or "home" for path, _ in CARD_PAGES])
def test_no_card_text_is_cut(app_server, screen_page, path, cards, lang):
    page = screen_page
    page.goto(f"{app_server}/{path}?lang={lang}")
    page.wait_for_function(f"() => document.querySelectorAll('[data-testid=\"stMetricValue\"]').length === {cards}",
                           timeout=60_000)
    wait_until_drawn(page)
    assert page.locator('[data-testid="stMetricLabel"]').count() == cards
    cut = cut_texts_at_every_size(page, f"{path or 'home'}_{lang}")
    assert not cut, "cut off:\n" + "\n".join(cut)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_big_number_on_a_slide_is_cut(app_server, screen_page, lang):
    page = screen_page
    page.goto(f"{app_server}/presenter?lang={lang}")
    page.wait_for_selector('.cakupan-slide[data-slide="1"]', timeout=60_000)
    count = int(page.locator(".cakupan-slide .counter").first.inner_text().split("/")[1])
    cut = []
    for n in range(1, count + 1):
        page.wait_for_selector(f'.cakupan-slide[data-slide="{n}"]', timeout=60_000)
        page.wait_for_function(UP_TO_DATE, timeout=60_000)
        if page.locator(".cakupan-slide.with-figure").count():
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
        cut += [f"slide {n}, {text}" for text in cut_texts_at_every_size(page, f"presenter_slide{n}_{lang}")]
        if n < count:
            page.set_viewport_size({"width": SCREENS[0][0], "height": SCREENS[0][1]})
            page.get_by_role("button", name=NEXT[lang]).click()
    assert count >= 6
    assert not cut, "cut off:\n" + "\n".join(cut)
