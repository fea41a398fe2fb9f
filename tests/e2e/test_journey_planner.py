"""The planner's journey in a real browser, in Indonesian. Target gap: another method, window and target date, a
scope for the fan chart, an earlier backtest origin. What-if: every lever moved with the keyboard, two scenarios
saved and compared, a saved scenario's link opened in a new browser. Every step checks what the planner reads: the
chart against the table, the cards against the comparison table, the link against the page it came from.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cakupan import i18n
from tests.e2e.browser_steps import (assert_no_errors, card_deltas, cards, chart, chart_takeaway, digits, help_text,
                                     open_page, query_param, row_of, t, table_with_column, wait_for_delta_change,
                                     wait_until_up_to_date)
from tests.e2e.served import screenshot

pytestmark = pytest.mark.browser

PROJECTED = t("what_if.projected", date="Des 2026")


# --- target gap ---------------------------------------------------------------------------------------------

def gap_table(page) -> list[dict[str, str]]:
    # by the gap-now column, its own: the "what it takes" table has a status column, the backtest a projection one
    return table_with_column(page, t("planner.col_gap_now"))


def projected_in_table(page, scope: str) -> str:
    return row_of(gap_table(page), t("planner.col_scope"), scope)[t("planner.col_projected")]


def fan_end(page) -> tuple[str, str, str]:
    """The fan chart's projection line: its name, its last month, and the number a hover there shows."""
    line = next(trace for trace in chart(page, 1) if trace["hover"] and trace["name"] != t("charts.observed"))
    return line["name"], line["x"][-1][:7], line["hover"][-1][1]


def wait_for_table_change(page, scope: str, before: str) -> str:
    page.wait_for_function(
        """([scope, before, column]) => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
             .filter(frame => [...frame.querySelectorAll('th')].some(cell => cell.innerText.trim() === column))
             .some(frame => [...frame.querySelectorAll('table tr')].some(row => {
               const cells = [...row.querySelectorAll('td')].map(cell => cell.innerText.trim());
               return cells[0] === scope && !cells.includes(before); }))""",
        arg=[scope, before, t("planner.col_gap_now")], timeout=60_000)
    wait_until_up_to_date(page)
    return projected_in_table(page, scope)


def wait_for_fan_end(page, number: str) -> None:
    """Wait until the fan chart's projection line ends on `number` (hover text), and the page is up to date."""
    page.wait_for_function(
        """number => {
             const plot = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')][1];
             return plot && plot.data.some(trace => trace.customdata && trace.customdata.length
               && trace.customdata[trace.customdata.length - 1][1] === number); }""", arg=number, timeout=60_000)
    wait_until_up_to_date(page)


def assert_fan_agrees_with_table(page, scope: str, method: str, month: str) -> None:
    """The fan chart draws the chosen method to the target month, ending on the number the table gives."""
    assert fan_end(page) == (t(f"planner.method_{method}"), month, projected_in_table(page, scope))


def choose(page, combobox_name: str, typed: str) -> None:
    """Pick an option of a select box with the keyboard: type part of it, Enter."""
    box = page.get_by_role("combobox", name=combobox_name)
    box.click()
    box.press_sequentially(typed)
    box.press("Enter")


def test_planner_sets_up_the_target_gap(own_server, pages):
    page = pages(f"{own_server}/target_gap", charts=3)
    national = t("home.scope_national")
    before = projected_in_table(page, national)
    assert_fan_agrees_with_table(page, national, "trend", "2026-12")

    page.get_by_role("radio", name=t("planner.method_growth")).or_(
        page.get_by_role("button", name=t("planner.method_growth"))).first.click()         # method, by mouse
    after_method = wait_for_table_change(page, national, before)
    assert query_param(page.url, "gap_method") == t("planner.method_growth")
    assert_fan_agrees_with_table(page, national, "growth", "2026-12")

    window = page.get_by_role("slider", name=t("planner.window"))                        # window, by keyboard
    window.focus()
    window.press("ArrowRight")
    after_window = wait_for_table_change(page, national, after_method)
    assert query_param(page.url, "gap_window") == "18"
    assert page.get_by_text(t("planner.methods_help", window=18)).is_visible()
    assert_fan_agrees_with_table(page, national, "growth", "2026-12")

    choose(page, t("planner.target_date"), "Desember 2027")                              # target date
    page.get_by_role("heading", name=t("target_gap.chart_title", date="Desember 2027")).wait_for(timeout=60_000)
    wait_for_table_change(page, national, after_window)
    assert query_param(page.url, "gap_target") == "Desember 2027"
    assert_fan_agrees_with_table(page, national, "growth", "2027-12")

    choose(page, t("target_gap.fan_scope"), "ABADI")                                     # fan scope
    page.wait_for_function("() => new URLSearchParams(location.search).get('gap_fan_scope') === 'ABADI'",
                           timeout=60_000)
    wait_for_fan_end(page, projected_in_table(page, "ABADI"))
    assert_fan_agrees_with_table(page, "ABADI", "growth", "2027-12")

    origin = page.get_by_role("slider", name=t("target_gap.backtest_origin"))           # backtest origin
    first_origin = origin.get_attribute("aria-valuetext")
    origin.focus()
    for _ in range(3):
        origin.press("ArrowLeft")
    page.wait_for_function("([element, before]) => element.getAttribute('aria-valuetext') !== before",
                           arg=[origin.element_handle(), first_origin], timeout=30_000)
    moved = origin.get_attribute("aria-valuetext")
    page.wait_for_function(
        """month => [...document.querySelectorAll('[data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"])'
             + ' + [data-testid="stElementContainer"] [data-testid="stCaptionContainer"]')][2].innerText.includes(month)""",
        arg=moved, timeout=60_000)                                   # the backtest's sentence names the new origin
    wait_until_up_to_date(page)
    assert moved != first_origin and moved in chart_takeaway(page, 2)
    assert table_with_column(page, t("planner.col_horizon"))
    assert_no_errors(page)
    screenshot(page, "journey_planner_target_gap")


# --- what-if ------------------------------------------------------------------------------------------------

def share_link(page) -> str:
    return page.locator('[data-testid="stCode"]').first.inner_text().strip()


def press_lever(page, name: str, key: str, times: int, url_key: str, expected: str) -> None:
    """Move a slider lever with the arrow keys; wait until the page has recomputed the scenario."""
    before = card_deltas(page).get(PROJECTED)
    lever = page.get_by_role("slider", name=name)
    lever.focus()
    for _ in range(times):
        lever.press(key)
    wait_for_delta_change(page, PROJECTED, before)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('{url_key}') === '{expected}'",
                           timeout=60_000)
    wait_until_up_to_date(page)


def type_lever(page, name: str, value: str, url_key: str) -> None:
    """Type a number into a lever's box and press Enter; wait until the page has recomputed the scenario."""
    before = card_deltas(page).get(PROJECTED)
    box = page.get_by_role("spinbutton", name=name)
    box.focus()
    box.press("ControlOrMeta+a")
    box.press_sequentially(value)
    box.press("Enter")
    wait_for_delta_change(page, PROJECTED, before)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('{url_key}') === '{value}'",
                           timeout=60_000)
    wait_until_up_to_date(page)


def save_scenario(page, name: str) -> int:
    """Save the current levers under `name`; the projection in full, as the card's help gives it."""
    field = page.get_by_role("textbox", name=t("what_if.name"))
    field.fill(name)
    field.press("Enter")
    page.get_by_role("button", name=t("what_if.save")).click()
    page.get_by_text(t("what_if.saved", name=name)).wait_for(timeout=60_000)
    wait_until_up_to_date(page)
    return digits(help_text(page, PROJECTED))


def choose_many(page, label: str, names: list[str]) -> None:
    """Pick `names` in the multiselect `label` as a person does: open it, type a name, click its option, and look
    that its chip is there; once more when the list did not open (seen after two saves in a row)."""
    box = page.get_by_role("combobox", name=label)
    widget = page.locator('[data-testid="stMultiSelect"]').filter(has=box)
    for name in names:
        chip = widget.locator('[data-testid="stMultiSelectTagsContainer"]').get_by_text(name, exact=True)
        for _attempt in range(3):
            wait_until_up_to_date(page)
            box.click()
            box.press_sequentially(name)   # typing filters the list and opens it, also where a click alone does not
            option = page.get_by_role("option", name=name)
            try:
                option.wait_for(timeout=15_000)
                option.click()
                chip.wait_for(timeout=30_000)
                break
            except PlaywrightTimeout:
                box.press("Escape")
        else:
            raise AssertionError(f"{name!r} could not be chosen in {label!r}")
    box.press("Escape")
    wait_until_up_to_date(page)


def test_planner_moves_every_lever_saves_compares_and_shares(own_server, pages, browser):
    page = pages(f"{own_server}/what_if")
    baseline = cards(page)[PROJECTED]
    assert card_deltas(page).get(PROJECTED) is None                 # no lever moved: the scenario is the baseline

    press_lever(page, t("what_if.growth"), "ArrowRight", 5, "growth_bp", "25")
    press_lever(page, t("what_if.lapse"), "ArrowLeft", 4, "lapse", "-20")
    type_lever(page, t("what_if.recruits"), "20000", "recruits")
    before = card_deltas(page)[PROJECTED]
    choose(page, t("what_if.start"), "Jan 2024")                    # the campaign a month later
    wait_for_delta_change(page, PROJECTED, before)
    assert query_param(page.url, "start") == "Jan 2024"
    type_lever(page, t("what_if.conversion"), "5000", "conversion")
    thumbs = page.locator('[data-testid="stSliderThumbValue"]').all_inner_texts()
    assert "25" in thumbs and "-20" in thumbs
    link = share_link(page)
    for part in ("growth_bp=25", "lapse=-20", "recruits=20000", "start=Jan+2024", "conversion=5000"):
        assert part in link                                          # the link carries every lever
    assert cards(page)[PROJECTED] != baseline and card_deltas(page)[PROJECTED].startswith("+")
    first = save_scenario(page, "Kampanye A")

    type_lever(page, t("what_if.recruits"), "40000", "recruits")
    second = save_scenario(page, "Kampanye B")
    assert second > first
    assert cards(page)[PROJECTED] == i18n.format_card_number(second, "id")

    choose_many(page, t("what_if.compare", scope=t("home.scope_national")), ["Kampanye A", "Kampanye B"])
    comparison = table_with_column(page, t("planner.col_difference"))
    wait_until_up_to_date(page)
    assert [(row[t("planner.col_name")], digits(row[t("planner.col_projected")]),
             row[t("planner.col_difference")]) for row in comparison] == [
        ("Kampanye A", first, i18n.format_signed(0, "id")),
        ("Kampanye B", second, i18n.format_signed(second - first, "id"))]
    compared = {trace["name"] for trace in chart(page, 1)}
    assert {"Kampanye A", "Kampanye B"} <= compared                  # the comparison chart draws both
    assert_no_errors(page)
    screenshot(page, "journey_planner_what_if")

    choose(page, t("what_if.choose"), "Kampanye A")
    page.get_by_text(t("what_if.share_saved", name="Kampanye A")).wait_for(timeout=60_000)
    wait_until_up_to_date(page)
    saved_link = page.locator('[data-testid="stCode"]').last.inner_text().strip()
    assert "recruits=20000" in saved_link and "growth_bp=25" in saved_link and "start=Jan+2024" in saved_link

    shared = open_page(browser, saved_link)                          # a new browser: nothing remembered
    try:
        assert digits(help_text(shared, PROJECTED)) == first
        assert cards(shared)[PROJECTED] == i18n.format_card_number(first, "id")
        assert shared.get_by_role("spinbutton", name=t("what_if.recruits")).input_value() == "20000"
        assert shared.get_by_role("spinbutton", name=t("what_if.conversion")).input_value() == "5000"
        shared_thumbs = shared.locator('[data-testid="stSliderThumbValue"]').all_inner_texts()
        assert "25" in shared_thumbs and "-20" in shared_thumbs
        assert_no_errors(shared)
        screenshot(shared, "journey_planner_shared_link")
    finally:
        shared.context.close()
