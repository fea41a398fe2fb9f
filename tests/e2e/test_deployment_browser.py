"""Two dashboard processes behind nginx (as `make serve` starts them) in a real browser: each process serves pages
through the proxy, and a snapshot loaded through the Data page of one process shows, with its numbers, in a session
on the other."""
import hashlib

import pytest

from cakupan import i18n
from cakupan.data import db
from tests.e2e.browser_steps import cards, wait_for_card_change, wait_for_charts, wait_until_up_to_date
from tests.e2e.served import cookie_for_each_process, deployed_dashboard, screenshot
from tests.snapshot_builders import november_rows

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-deploy"
SCOPE = "ABADI — Asosiasi Bisnis Alih Daya Indonesia"


@pytest.fixture(scope="module")
def steward_deployment(tmp_path_factory, sample_db_path):
    """Two processes behind nginx with a steward password, on their own copy of the sample database."""
    password_hash = {"CAKUPAN_STEWARD_PASSWORD_SHA256": hashlib.sha256(PASSWORD.encode()).hexdigest()}
    with deployed_dashboard(sample_db_path, tmp_path_factory.mktemp("deployed-steward"), 2, password_hash) as served:
        yield served


def browser_on(browser, deployment, cookie: str):
    """A new browser that nginx keeps on the process of `cookie`."""
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="id-ID")
    context.add_cookies([{"name": "cakupan_process", "value": cookie, "url": deployment.url}])
    return context.new_page()


def open_through_nginx(page, url: str, charts: int) -> str:
    """Open `url` and wait for its charts; the process nginx sent the page to."""
    response = page.goto(url)
    wait_for_charts(page, charts)
    return response.headers["x-cakupan-process"]


def association_cards(database, code: str) -> dict[str, str]:
    """The home cards "Active participants" and "Change over a month" of one association, in English, read from
    the published database (not from a page)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAKUPAN_DB", str(database))
        try:
            active = db.run("associations_total_monthly", associations=[code])["active_participants"]
        finally:
            db.close_all()
    return {"Active participants": i18n.format_card_number(active.iloc[-1], "en"),
            "Change over a month": i18n.format_signed(int(active.iloc[-1]) - int(active.iloc[-2]), "en")}


def choose_scope(page, label: str, before: dict[str, str] | None = None) -> None:
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=label, exact=True).click()
    if before:
        wait_for_card_change(page, "Active participants", before["Active participants"])
    wait_until_up_to_date(page)


def sidebar_filters_drawn(page) -> None:
    """Wait until the sidebar's filters are drawn (the period slider names its months), not placeholders."""
    page.wait_for_function("() => /20[0-9][0-9]/.test(document.querySelector('[data-testid=\"stSidebar\"]').innerText)",
                           timeout=60_000)


def shown(page, expected: dict[str, str]) -> dict[str, str]:
    return {label: value for label, value in cards(page).items() if label in expected}


def test_each_process_serves_the_pages_through_nginx(browser, steward_deployment):
    cookies = cookie_for_each_process(steward_deployment.url, steward_deployment.process_urls)
    for number, (process_url, cookie) in enumerate(sorted(cookies.items()), start=1):
        page = browser_on(browser, steward_deployment, cookie)
        assert f"http://{open_through_nginx(page, steward_deployment.url, 1)}" == process_url
        assert cards(page)["Peserta aktif"] == "40,2 juta"
        page.get_by_role("link", name="Pertumbuhan", exact=True).click()  # same session, over the websocket
        page.wait_for_selector("h1:has-text('Pertumbuhan')", timeout=60_000)
        wait_for_charts(page, 3)
        sidebar_filters_drawn(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, f"deployment_process_{number}_growth")
        page.context.close()


def test_a_load_through_one_process_shows_in_a_session_on_the_other(browser, steward_deployment):
    deployment = steward_deployment
    cookies = cookie_for_each_process(deployment.url, deployment.process_urls)
    loader_process, viewer_process = deployment.process_urls
    database = deployment.run_dir.parent / "cakupan.duckdb"
    before = association_cards(database, "ABADI")

    viewer = browser_on(browser, deployment, cookies[viewer_process])
    assert f"http://{open_through_nginx(viewer, f'{deployment.url}/?lang=en', 1)}" == viewer_process
    choose_scope(viewer, SCOPE)
    viewer.wait_for_function("want => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
                             ".some(v => v.innerText.trim() === want)", arg=before["Active participants"],
                             timeout=60_000)
    wait_until_up_to_date(viewer)
    assert shown(viewer, before) == before
    assert "Nov 2023" not in viewer.inner_text('[data-testid="stSidebar"]')

    loader = browser_on(browser, deployment, cookies[loader_process])
    response = loader.goto(f"{deployment.url}/data?lang=en")
    assert f"http://{response.headers['x-cakupan-process']}" == loader_process
    loader.wait_for_selector("text=Check a monthly snapshot file", timeout=60_000)
    loader.get_by_label("Steward password").fill(PASSWORD)
    loader.get_by_role("button", name="Sign in as steward").click()
    loader.wait_for_selector("text=Data steward access: signed in", timeout=60_000)
    loader.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files=[
        {"name": "november.csv", "mimeType": "text/csv", "buffer": november_rows().to_csv(index=False).encode()}])
    loader.wait_for_selector("text=The file passes every check", timeout=60_000)
    loader.get_by_label("Your name (recorded in the history)").fill("Siti")
    loader.keyboard.press("Tab")
    loader.get_by_role("button", name="Load this file").click()
    loader.wait_for_selector("text=Loaded as load 2", timeout=60_000)
    wait_until_up_to_date(loader)
    screenshot(loader, "deployment_loaded_on_one_process")

    after = association_cards(database, "ABADI")
    assert after["Active participants"] != before["Active participants"]
    # the viewer's session, still open on the other process, asks again as a person does: a click
    viewer.get_by_role("link", name="Growth", exact=True).click()
    viewer.wait_for_selector("h1:has-text('Growth')", timeout=60_000)
    wait_for_charts(viewer, 3)
    sidebar_filters_drawn(viewer)
    assert "Nov 2023" in viewer.inner_text('[data-testid="stSidebar"]')
    viewer.get_by_role("link", name="Overview", exact=True).click()
    viewer.wait_for_selector("h1:has-text('Coverage overview')", timeout=60_000)
    wait_for_charts(viewer, 1)
    choose_scope(viewer, SCOPE, before)
    assert shown(viewer, after) == after
    assert viewer.locator('[data-testid="stException"]').count() == 0
    screenshot(viewer, "deployment_new_month_on_the_other_process")
    loader.context.close()
    viewer.context.close()
