"""Goal seek in a real browser: the panel answers, its button moves the lever and the cards then show the chance
asked for; the growth lever takes a value off its slider's steps; the "what it takes" table is on the target-gap page."""

import pytest

from cakupan import i18n
from tests.e2e.browser_steps import (
    assert_no_errors,
    cards,
    downloaded_file,
    t,
    wait_for_card_change,
    wait_until_up_to_date,
)
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

CHANCE = t("what_if.probability")


def panel(page):
    """The goal-seek panel, unfolded."""
    if not page.locator(".st-key-goal_seek_panel").is_visible():
        page.locator('[data-testid="stExpander"]').filter(
            has=page.locator(".st-key-goal_seek_panel")).locator("summary").click()
    page.locator(".st-key-goal_seek_panel").wait_for(timeout=30_000)
    return page.locator(".st-key-goal_seek_panel")


def test_goal_seek_panel_applies_the_recruits_it_finds(own_server, pages):
    page = pages(f"{own_server}/what_if?scope=AKTI")
    assert_no_errors(page)
    text = panel(page).inner_text()
    assert "dibutuhkan" in text and "target tercapai:" in text
    before = cards(page)[CHANCE]
    screenshot(page, "what_if_goal_seek")
    panel(page).get_by_role("button", name=t("goal_seek.apply")).click()
    after = wait_for_card_change(page, CHANCE, before)
    assert after == "80%"
    recruits = page.get_by_role("spinbutton", name=t("what_if.recruits")).input_value()
    assert recruits.replace(".", "") in text.replace(".", "")             # the value the panel named
    page.get_by_text(t("goal_seek.applied")).wait_for(timeout=30_000)
    assert_no_errors(page)
    screenshot(page, "what_if_goal_seek_applied")


def test_goal_seek_growth_at_90_percent(own_server, pages):
    page = pages(f"{own_server}/what_if?scope=ABUJAPI")
    panel(page).get_by_text(t("goal_seek.lever_growth"), exact=True).click()
    wait_until_up_to_date(page)
    panel(page).get_by_text("90%", exact=True).click()
    page.wait_for_function("() => document.querySelector('.st-key-goal_seek_panel').innerText.includes('pp/bulan')",
                           timeout=60_000)
    wait_until_up_to_date(page)
    before = cards(page)[CHANCE]
    panel(page).get_by_role("button", name=t("goal_seek.apply")).click()
    after = wait_for_card_change(page, CHANCE, before)
    assert int(after.rstrip("%")) >= 90
    page.get_by_text(t("goal_seek.applied")).wait_for(timeout=30_000)
    assert_no_errors(page)
    screenshot(page, "what_if_goal_seek_growth")


def test_what_it_takes_table_on_the_target_gap_page(own_server, pages):
    page = pages(f"{own_server}/target_gap", charts=3)
    heading = page.get_by_text(t("goal_seek.table_title"))
    heading.scroll_into_view_if_needed()
    assert_no_errors(page)
    assert "Nasional: peluang 50% butuh +" in page.inner_text("body")
    screenshot(page, "target_gap_what_it_takes")
    lines = downloaded_file(page, page.locator(".st-key-what_it_takes_csv button")).decode("utf-8").splitlines()
    assert lines[0] == ("\ufeffcakupan;status;peluang_target_tercapai;laju_per_bulan;laju_dibutuhkan_per_bulan;"
                        "rekrutmen_tambahan_peluang_50_per_bulan;rekrutmen_tambahan_peluang_80_per_bulan")
    national = lines[1].split(";")
    shown = page.get_by_text("Nasional: peluang 50% butuh +").inner_text()
    assert national[0] == "national" and f"+{i18n.format_number(int(national[-2]), 'id')}" in shown
    assert f"+{i18n.format_number(int(national[-1]), 'id')}" in shown


def test_goal_seek_panel_in_english(own_server, pages):
    page = pages(f"{own_server}/what_if?lang=en&scope=national")
    text = panel(page).inner_text()
    assert "it takes +" in text and "recruits/month from Nov 2023" in text
    assert_no_errors(page)
    screenshot(page, "what_if_goal_seek_en")
