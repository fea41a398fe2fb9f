"""The association plan page in a real browser: levers typed into the grid move the national projection, and the
plan's share link, opened in a fresh browser context, shows the same national projection and association table."""
import pytest

from tests.e2e.browser_steps import (assert_no_errors, cards, open_page, query_param, t, table_with_column,
                                     wait_for_card_change, wait_for_charts, wait_until_up_to_date)
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

TALL = 4200   # the grid of eleven associations, the table and the saved plans on one screenshot


def type_lever(page, field: str, code: str, value: str) -> None:
    """Type a lever into the grid (its cell's label names the column and the association) and leave the cell."""
    cell = page.get_by_label(f"{t(f'plan.col_{field}')} · {code}", exact=True)
    cell.fill(value)
    cell.press("Enter")


def test_a_plans_share_link_shows_the_same_national_projection(browser, own_server):
    page = open_page(browser, f"{own_server}/plan", height=TALL)
    added, projected = t("plan.added"), t("plan.national_projected", date="Des 2026")
    baseline = cards(page)
    assert added in baseline, baseline
    assert baseline[added] == "0" and baseline[projected] == "55,3 juta"
    assert t("plan.assumption") in page.inner_text("body")
    screenshot(page, "plan_baseline")

    type_lever(page, "recruits", "ABADI", "200000")
    abadi_only = wait_for_card_change(page, added, "0")
    type_lever(page, "growth_bp", "APKLINDO", "15")
    wait_for_card_change(page, added, abadi_only)
    planned = cards(page)
    assert planned[projected] == "59,6 juta"   # 55,3 juta + ABADI's 200.000 a month (less lapses) + APKLINDO
    # the table is redrawn a moment after the cards: wait until its national row shows what the card shows
    page.wait_for_function("""want => [...document.querySelectorAll('[data-testid="stDataFrame"] tr')].some(
        row => row.innerText.includes(want))""", arg=planned[added], timeout=60_000)
    rows = {row["Asosiasi"]: row for row in table_with_column(page, t("plan.col_planned"))}
    assert len(rows) == 12 and list(rows)[0] == "Nasional"
    assert rows["Nasional"]["Tambahan"] == planned[added]
    assert rows["ABADI"]["Tuas"] == "+200.000 rekrutmen/bulan sejak Nov 2023"
    assert query_param(page.url, "levers") == "ABADI:200000:0:0,APKLINDO:0:15:0"     # the address carries the plan

    page.get_by_role("textbox", name=t("plan.name")).fill("Rakernas")
    page.get_by_role("textbox", name=t("plan.name")).press("Enter")
    page.get_by_role("button", name=t("plan.save")).click()
    page.wait_for_selector(f"text={t('plan.saved', name='Rakernas')}", timeout=60_000)
    page.wait_for_selector(f"text={t('plan.share_saved', name='Rakernas')}", timeout=60_000)
    wait_until_up_to_date(page)
    link = page.locator('[data-testid="stCode"]').last.inner_text().strip()
    assert link.startswith(f"{own_server}/plan?") and "levers=ABADI:200000:0:0,APKLINDO:0:15:0" in link
    screenshot(page, "plan_saved")

    fresh = open_page(browser, link, height=TALL)
    try:
        assert_no_errors(fresh)
        assert cards(fresh) == planned
        assert fresh.get_by_label(f"{t('plan.col_recruits')} · ABADI", exact=True).input_value() == "200000"
        fresh_rows = {row["Asosiasi"]: row for row in table_with_column(fresh, t("plan.col_planned"))}
        assert fresh_rows == rows
        screenshot(fresh, "plan_from_link")
    finally:
        fresh.context.close()

    # a second plan and the comparison of the two
    type_lever(page, "recruits", "ABADI", "0")
    wait_for_card_change(page, added, planned[added])
    page.get_by_role("textbox", name=t("plan.name")).fill("Hanya APKLINDO")
    page.get_by_role("textbox", name=t("plan.name")).press("Enter")
    page.get_by_role("button", name=t("plan.save")).click()
    page.wait_for_selector(f"text={t('plan.saved', name='Hanya APKLINDO')}", timeout=60_000)
    wait_until_up_to_date(page)
    page.get_by_role("combobox", name=t("plan.compare")).click()
    for name in ("Rakernas", "Hanya APKLINDO"):
        page.get_by_role("option", name=name).click()
    page.keyboard.press("Escape")
    wait_for_charts(page, 2)
    comparison = {row["Rencana"]: row for row in table_with_column(page, t("planner.col_band"))}
    assert comparison["Rakernas"]["Proyeksi"] == rows["Nasional"]["Proyeksi rencana"]
    assert_no_errors(page)
    screenshot(page, "plan_compare")
    page.context.close()
