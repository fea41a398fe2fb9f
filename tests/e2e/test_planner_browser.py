"""Target gap and what-if in a real browser: charts drawn, no error; a saved scenario's link reproduces it."""
import pytest

from tests.e2e.browser_steps import wait_for_charts, wait_until_up_to_date
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser


def metric_values(page) -> dict[str, str]:
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    return dict(zip([label.strip() for label in labels], [value.strip() for value in values]))


def assert_no_errors(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


@pytest.mark.parametrize("lang, text", [("id", "Proyeksi sebagai % dari target"), ("en", "Projection as % of target")])
def test_target_gap_renders(app_server, page, lang, text):
    page.goto(f"{app_server}/target_gap?lang={lang}")
    wait_for_charts(page, 3)
    assert text in page.inner_text("body")
    assert_no_errors(page)
    screenshot(page, f"target_gap_{lang}")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_what_if_renders(app_server, page, lang):
    page.goto(f"{app_server}/what_if?lang={lang}&scope=ABUJAPI&recruits=800&lapse=-20")
    wait_for_charts(page, 1)
    assert_no_errors(page)
    assert page.get_by_label("Scope" if lang == "en" else "Cakupan").first.is_visible()
    screenshot(page, f"what_if_{lang}")


def test_share_link_reproduces_a_saved_scenario(app_server, page, browser):
    page.goto(f"{app_server}/what_if")
    wait_for_charts(page, 1)
    baseline = metric_values(page)["Proyeksi Des 2026"]
    recruits = page.get_by_role("spinbutton", name="Rekrutmen tambahan per bulan")
    recruits.fill("60000")
    recruits.press("Enter")
    page.wait_for_function(
        "b => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')].some(e => e.innerText.trim() !== b)",
        arg=baseline, timeout=30_000)
    wait_until_up_to_date(page)
    page.get_by_role("textbox", name="Nama skenario").fill("Kampanye browser")
    page.get_by_role("textbox", name="Nama skenario").press("Enter")
    page.get_by_role("button", name="Simpan skenario").click()
    page.wait_for_selector("text=Skenario \"Kampanye browser\" disimpan.", timeout=30_000)
    saved_metrics = metric_values(page)
    assert saved_metrics["Proyeksi Des 2026"] != baseline
    page.wait_for_selector("text=Tautan untuk \"Kampanye browser\":", timeout=30_000)
    link = page.locator('[data-testid="stCode"]').last.inner_text().strip()
    assert link.startswith(f"{app_server}/what_if?") and "recruits=60000" in link
    screenshot(page, "what_if_saved")

    fresh = browser.new_context(viewport={"width": 1440, "height": 2200}).new_page()
    fresh.goto(link)
    wait_for_charts(fresh, 1)
    assert_no_errors(fresh)
    assert fresh.get_by_role("spinbutton", name="Rekrutmen tambahan per bulan").input_value() == "60000"
    assert metric_values(fresh) == saved_metrics
    screenshot(fresh, "what_if_from_link")
    fresh.context.close()
