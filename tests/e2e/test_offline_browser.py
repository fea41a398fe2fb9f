"""Nothing leaves the machine: every page, used as a person uses it, asks only the dashboard on 127.0.0.1.

Every request the pages make is recorded (documents, scripts, fonts, the tab icon, media) and every websocket opened, and any address
outside 127.0.0.1/localhost fails the test; `data:` and `blob:` URLs stay inside the browser. Chromium's own
background traffic (updates, sync, safe browsing, …) is switched off by its launch flags, not filtered out here.
"""
from urllib.parse import urlsplit

import pytest

from tests.e2e.browser_steps import wait_for_charts, wait_until_up_to_date
from tests.e2e.served import CHROMIUM, CHROMIUM_ARGS, screenshot

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
IN_BROWSER_SCHEMES = {"data", "blob"}
# on top of the shared flags: no pings, no domain-reliability reports, no phishing or translate look-ups
OFFLINE_ARGS = CHROMIUM_ARGS + ["--no-pings", "--disable-domain-reliability",
                                "--disable-client-side-phishing-detection", "--disable-default-apps",
                                "--disable-features=Translate,OptimizationHints,MediaRouter"]
PAGES = [  # (url path, charts drawn when it opens)
    ("", 1), ("growth", 3), ("formal_informal", 3), ("target_gap", 3), ("what_if", 1), ("plan", 1), ("presenter", 0),
    ("data", 0), ("coverage", 3)]


@pytest.fixture(scope="module")
def offline_browser(browser):
    """Debian chromium with the flags above, from the same Playwright as the shared `browser` (one per process)."""
    launched = browser.browser_type.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
    yield launched
    launched.close()


def leaves_the_machine(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in IN_BROWSER_SCHEMES and parts.hostname not in LOCAL_HOSTS


def settle(page) -> None:
    wait_until_up_to_date(page)


def use_the_page(page, path: str, charts: int) -> None:
    """What a person does there: read the charts, open the data behind one, step through slides, open tabs."""
    if charts:
        wait_for_charts(page, charts)
        page.locator('[data-testid="stPlotlyChart"]').first.hover()  # the chart's toolbar appears
        page.get_by_text("Lihat data di balik grafik").first.click()
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    if path == "presenter":
        for number in range(2, 7):
            page.get_by_role("button", name="Berikutnya").click()
            page.wait_for_selector(f'.cakupan-slide[data-slide="{number}"]', timeout=60_000)
    if path == "data":
        for tab in ("Riwayat pemuatan", "Kamus data", "Unduh tabel"):
            page.get_by_role("tab", name=tab).click()
        page.get_by_role("tab", name="Kamus data").click()
        page.get_by_text("Kamus data lengkap").click()
    settle(page)


@pytest.mark.parametrize("path, charts", PAGES, ids=[path or "home" for path, _ in PAGES])
def test_no_request_leaves_the_machine(app_server, offline_browser, path, charts):
    context = offline_browser.new_context(viewport={"width": 1440, "height": 2200}, locale="id-ID")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: requested.append(socket.url))
    try:
        page.goto(f"{app_server}/{path}")
        page.wait_for_selector('[data-testid="stSidebar"], .cakupan-slide', timeout=60_000)
        use_the_page(page, path, charts)
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, f"offline_{path or 'home'}")
    finally:
        context.close()
    assert any(url.startswith(f"{app_server}/") for url in requested)  # the recording saw the page load
    assert [url for url in requested if leaves_the_machine(url)] == []
