"""The Data page in a real browser: a bad file's report, a steward's load that every page shows, and its undo."""
import hashlib

import pytest

from tests.e2e.browser_steps import wait_until_up_to_date
from tests.e2e.served import screenshot, served_dashboard
from tests.snapshot_builders import HEADERS, november_rows

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-browser"
BAD_FILE = (",".join(HEADERS) + "\n2023-11,ABADI,XX,31,-4,1,1,10\n2999-01,<b>ZZZ</b>,PU,31,5,1,1,10\n").encode()


@pytest.fixture(scope="module")
def steward_server(tmp_path_factory, sample_db_path):
    """The dashboard with a steward password configured, on its own copy of the sample database."""
    password_hash = {"CAKUPAN_STEWARD_PASSWORD_SHA256": hashlib.sha256(PASSWORD.encode()).hexdigest()}
    with served_dashboard(sample_db_path, tmp_path_factory.mktemp("steward"), password_hash) as url:
        yield url


def settle(page) -> None:
    wait_until_up_to_date(page)


def upload(page, name: str, content: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def test_check_load_and_undo_in_the_browser(steward_server, page):
    page.goto(f"{steward_server}/data?lang=en")
    page.wait_for_selector("text=Check a monthly snapshot file", timeout=60_000)

    upload(page, "<img src=x onerror=alert(1)>.csv", BAD_FILE)
    page.wait_for_selector("text=This file cannot be loaded", timeout=60_000)
    settle(page)
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert page.locator("img[src=x]").count() == 0  # the file name stays text
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "data_bad_file_en")

    page.get_by_label("Steward password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in as steward").click()
    page.wait_for_selector("text=Data steward access: signed in", timeout=60_000)
    upload(page, "november.csv", november_rows().to_csv(index=False).encode())
    page.wait_for_selector("text=The file passes every check", timeout=60_000)
    settle(page)
    screenshot(page, "data_preview_en")
    page.get_by_label("Your name (recorded in the history)").fill("Siti")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Load this file").click()
    page.wait_for_selector("text=Loaded as load 2", timeout=60_000)
    settle(page)
    screenshot(page, "data_loaded_en")

    page.get_by_role("link", name="Growth").click()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    settle(page)
    assert "Nov 2023" in page.inner_text('[data-testid="stSidebar"]')
    screenshot(page, "growth_after_load_en")

    page.get_by_role("link", name="Data").click()
    page.wait_for_selector("text=Data steward access: signed in", timeout=60_000)
    page.get_by_role("tab", name="Load history").click()
    page.get_by_role("button", name="Undo this load").click()
    page.wait_for_selector("text=Load 2 undone", timeout=60_000)
    settle(page)
    page.get_by_role("tab", name="Load history").click()
    screenshot(page, "data_undone_en")
    assert page.locator('[data-testid="stException"]').count() == 0

    page.get_by_role("link", name="Growth").click()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    settle(page)
    assert "Nov 2023" not in page.inner_text('[data-testid="stSidebar"]')
