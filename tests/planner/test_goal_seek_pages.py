"""The goal-seek panel on the what-if page and the "what it takes" table on the target-gap page, in AppTest: the
panel's value is what `goal_seek` finds, applying it moves the lever and the cards show the chance reached."""
import io
import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from cakupan import __main__ as cakupan_main
from cakupan import i18n
from cakupan.data import db
from cakupan.planner import engine, goal_seek, scopes, what_it_takes


def open_page(page: str) -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def page_data():
    monthly = db.run("scope_monthly_active")
    last_month = scopes.latest_month(scopes.series_by_scope(monthly))
    rates = db.run("scope_lapse_rates", from_month=scopes.lapse_rates_from(last_month))
    return scopes.planner_data(monthly, db.run("targets"), rates, "Nasional")


def expected_answer(scope: str, lever: str, chance: float) -> goal_seek.GoalSeek:
    data = page_data()
    item = scopes.what_if_input(data, scope, scopes.default_target_date(data.targets), scopes.default_levers(data))
    return goal_seek.seek(item, lever, chance)


def panel_text(at: AppTest) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_apply_moves_the_recruits_lever_and_the_card_shows_the_chance_reached(sample_db):
    at = open_page("pages/4_what_if.py")
    assert metrics(at)["Peluang mencapai target"] == "0%"
    answer = expected_answer("national", "recruits", 0.8)                  # the panel opens on recruits, 80%
    value = i18n.format_number(answer.steps, "id")
    assert f"dibutuhkan **+{value} rekrutmen/bulan sejak Nov 2023**" in panel_text(at)
    assert "target tercapai: " in panel_text(at)
    at.button(key="seek_apply").click().run()
    assert not at.exception
    assert at.number_input(key="recruits").value == answer.steps
    assert metrics(at)["Peluang mencapai target"] == i18n.format_percent(100 * answer.probability_target_met, "id",
                                                                         digits=0) == "80%"
    assert not [button for button in at.button if button.key == "seek_apply"]   # applied: no button, a note
    assert "Nilai ini sudah terpasang pada tuas di atas." in [caption.value for caption in at.caption]
    assert f"recruits={answer.steps}" in at.code[0].value                  # the share link carries it


def test_growth_at_50_percent_for_an_association_applies_in_basis_points(sample_db):
    at = open_page("pages/4_what_if.py")
    at.selectbox(key="scope").set_value("AKTI").run()
    at.segmented_control(key="seek_lever").set_value("growth").run()
    at.segmented_control(key="seek_chance").set_value(0.5).run()
    answer = expected_answer("AKTI", "growth", 0.5)
    assert answer.outcome == goal_seek.SOLVED
    amount = i18n.format_decimal(answer.value, "id", digits=2, signed=True)
    assert f"**pertumbuhan {amount} pp/bulan**" in panel_text(at)
    at.button(key="seek_apply").click().run()
    assert not at.exception and at.slider(key="growth_bp").value == answer.steps
    assert metrics(at)["Peluang mencapai target"] == i18n.format_percent(100 * answer.probability_target_met, "id",
                                                                         digits=0)


def test_unreachable_and_already_met_say_so_without_a_button(sample_db):
    at = open_page("pages/4_what_if.py")
    at.selectbox(key="scope").set_value("ABADI").run()
    at.segmented_control(key="seek_lever").set_value("growth").run()
    assert "bahkan dengan pertumbuhan +1,00 pp/bulan (batas pencarian)" in panel_text(at)
    assert not [button for button in at.button if button.key == "seek_apply"]
    at.selectbox(key="scope").set_value("APKLINDO").run()
    assert "dengan tuas lain seperti yang dipasang" in panel_text(at)
    assert "tanpa penyesuaian pertumbuhan: yang dibutuhkan **0**" in panel_text(at)


def test_what_it_takes_table_equals_solve_for_each_scope_and_downloads(sample_db, capsys):
    at = open_page("pages/3_target_gap.py")
    table = at.dataframe[2].value
    data = page_data()
    assert list(table["Cakupan"]) == [data.scope_names[scope] for scope in data.series]
    fifty, eighty = "Rekrutmen tambahan/bln untuk peluang 50%", "Rekrutmen tambahan/bln untuk peluang 80%"
    for scope, row in zip(data.series, table.itertuples(index=False)):
        for column, chance in ((fifty, 0.5), (eighty, 0.8)):
            answer = expected_answer(scope, "recruits", chance)
            shown = row[list(table.columns).index(column)]
            assert shown == ("0 (sudah cukup)" if answer.steps == 0 else "+" + i18n.format_number(answer.steps, "id"))
    national = table.iloc[0]
    capsys.readouterr()
    assert cakupan_main.main(["solve", "--db", str(sample_db), "--scope", "national", "--lever", "recruits",
                              "--probability", "0.8", "--format", "json"]) == 0
    solved = json.loads(capsys.readouterr().out)
    assert national[eighty] == "+" + i18n.format_number(solved["value"], "id")
    assert national["Status"] == "Tertinggal" and national["Laju kini/bln"].startswith("+379.989")
    csv = at.get("download_button")
    button, = [b for b in csv if "what_it_takes" in b.proto.id]
    assert button.proto.label == "Unduh CSV"
    assert any("Nasional: peluang 50% butuh +" in caption.value for caption in at.caption)


def test_what_it_takes_csv_has_the_numbers_in_indonesian_columns(sample_db):
    data = page_data()
    inputs = [scopes.what_if_input(data, scope, None, scopes.default_levers(data)) for scope in data.series]
    gap = scopes.gap_table(inputs, engine.project_scopes(inputs))
    needed = what_it_takes.requirements_table(inputs, gap, "trend", 12)
    frame = pd.read_csv(io.BytesIO(i18n.csv_bytes(needed, "id")), sep=";", encoding="utf-8-sig")
    assert list(frame.columns[-2:]) == ["rekrutmen_tambahan_peluang_50_per_bulan",
                                        "rekrutmen_tambahan_peluang_80_per_bulan"]
    assert frame.iloc[0, -1] == expected_answer("national", "recruits", 0.8).steps
