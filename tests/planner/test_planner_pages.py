"""Target-gap and what-if pages in AppTest: levers move the projection; scenarios save, reload, compare, delete."""
import datetime as dt

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from cakupan.data import db, versions
from cakupan.planner import scenarios
from cakupan.planner.engine import Levers
from tests.helpers import figures


def open_page(page: str) -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def decoded(values) -> np.ndarray:
    """A Plotly ≥ 6 array (plain list or base64 with a dtype) as numbers."""
    if isinstance(values, dict):
        import base64
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
    return np.asarray(values, dtype=float)


def test_target_gap_renders_table_charts_and_thresholds(sample_db):
    at = open_page("pages/3_target_gap.py")
    assert len(at.get("plotly_chart")) == 3
    table = at.dataframe[1].value      # [0] is the data behind the chart
    assert len(table) == 12 and table.iloc[0, 0] == "Nasional"
    assert any("Berisiko: proyeksi di bawah target, tetapi target masih di dalam pita 80%" in caption.value
               for caption in at.caption)
    assert set(table["Status"]) <= {"Sesuai jalur", "Berisiko", "Tertinggal"}


def test_target_gap_method_and_window_change_the_projection(sample_db):
    at = open_page("pages/3_target_gap.py")
    before = decoded(figures(at)[0]["data"][0]["x"])
    at.segmented_control(key="gap_method").set_value("growth").run()
    after_method = decoded(figures(at)[0]["data"][0]["x"])
    at.select_slider(key="gap_window").set_value(24).run()
    after_window = decoded(figures(at)[0]["data"][0]["x"])
    assert not at.exception
    assert not np.allclose(before, after_method) and not np.allclose(after_method, after_window)


def test_target_gap_fan_scope_and_backtest_origin(sample_db):
    at = open_page("pages/3_target_gap.py")
    fan_before = figures(at)[1]
    accuracy_before = at.dataframe[-1].value
    at.selectbox(key="gap_fan_scope").set_value("ABADI").run()
    assert figures(at)[1] != fan_before
    assert not at.dataframe[-1].value.equals(accuracy_before)          # the accuracy scorecard follows the scope
    scorecard_before = at.dataframe[-2].value
    at.select_slider(key="gap_backtest_origin").set_value(dt.date(2021, 1, 1)).run()
    assert not at.exception
    assert not at.dataframe[-2].value.equals(scorecard_before) and len(at.dataframe[-2].value) == 16


def test_target_gap_accuracy_scorecard_marks_the_best_record(sample_db):
    at = open_page("pages/3_target_gap.py")
    accuracy = at.dataframe[-1].value
    assert len(accuracy) == 18                              # naive, trend, growth × 6 windows
    assert list(accuracy["Terbaik"]).count("★") == 1
    national_trend_12 = accuracy[accuracy["Metode · jendela"] == "Tren linear · 12 bln"].iloc[0]
    assert (national_trend_12["Galat 12 bln"], national_trend_12["vs tanpa perubahan (12 bln)"]) == ("12,8%", "1,19×")
    assert any("Pilihan Anda, Tren linear · 12 bln: 12,8%, 1,19×" in block.value for block in at.markdown)


def test_moving_a_lever_changes_the_projection_shown(sample_db):
    at = open_page("pages/4_what_if.py")
    before = metrics(at)
    chart_before = figures(at)[0]
    at.number_input(key="recruits").set_value(50_000).run()
    after = metrics(at)
    assert not at.exception
    assert before["Proyeksi Des 2026"] == "55,3 juta" and after["Proyeksi Des 2026"] != before["Proyeksi Des 2026"]
    assert figures(at)[0] != chart_before
    at.slider(key="growth_bp").set_value(50).run()
    assert metrics(at)["Proyeksi Des 2026"] != after["Proyeksi Des 2026"]
    assert "recruits=50000" in at.code[0].value and "growth_bp=50" in at.code[0].value
    assert "Tuas skenario ini: +50.000 rekrutmen/bulan sejak Nov 2023; pertumbuhan +0,50 pp/bulan." in [
        caption.value for caption in at.caption]


def test_scope_change_on_what_if(sample_db):
    at = open_page("pages/4_what_if.py")
    at.selectbox(key="scope").set_value("APKLINDO").run()
    assert not at.exception and metrics(at)["Proyeksi Des 2026"] == "418.005"   # under a million: in full


def test_save_reload_compare_and_delete_scenarios(writable_db):
    at = open_page("pages/4_what_if.py")
    at.number_input(key="recruits").set_value(100_000).run()
    at.text_input(key="scenario_name").set_value("Kampanye besar").run()
    at.button(key="scenario_save").click().run()
    campaign_projection = metrics(at)["Proyeksi Des 2026"]
    at.number_input(key="recruits").set_value(0).run()
    at.slider(key="lapse").set_value(-30).run()
    at.text_input(key="scenario_name").set_value("Retensi").run()
    at.button(key="scenario_save").click().run()
    assert not at.exception
    assert [s.name for s in scenarios.saved_scenarios()] == ["Retensi", "Kampanye besar"]

    campaign_id = next(s.scenario_id for s in scenarios.saved_scenarios() if s.name == "Kampanye besar")
    at.selectbox(key="scenario_choice").set_value(campaign_id).run()
    at.button(key="scenario_reload").click().run()
    assert at.number_input(key="recruits").value == 100_000 and at.slider(key="lapse").value == 0
    assert metrics(at)["Proyeksi Des 2026"] == campaign_projection

    at.multiselect(key="scenario_compare").set_value([s.scenario_id for s in scenarios.saved_scenarios()]).run()
    assert not at.exception and len(at.get("plotly_chart")) == 2
    comparison = at.dataframe[-1].value
    assert list(comparison["Skenario"]) == ["Retensi", "Kampanye besar"]
    assert list(comparison["Tuas"]) == ["laju nonaktif -30%", "+100.000 rekrutmen/bulan sejak Nov 2023"]

    at.button(key="scenario_delete").click().run()
    assert [s.name for s in scenarios.saved_scenarios()] == ["Retensi"]


def test_comparing_more_than_four_scenarios_compares_the_first_four_and_says_so(writable_db):
    for k in range(5):
        scenarios.save(scenarios.Scenario(f"S{k}", "national", "trend", 12, dt.date(2026, 12, 31),
                                          Levers(extra_recruits_per_month=1000 * k), data_last_month=dt.date(2023, 10, 1)))
    at = open_page("pages/4_what_if.py")
    picked = [s.scenario_id for s in sorted(scenarios.saved_scenarios(), key=lambda s: s.name)]
    at.multiselect(key="scenario_compare").set_value(picked).run()
    assert not at.exception
    assert list(at.dataframe[-1].value["Skenario"]) == ["S0", "S1", "S2", "S3"]
    assert "Yang dibandingkan: 4 skenario pertama yang dipilih." in [caption.value for caption in at.caption]


def test_saving_while_another_write_holds_the_database_says_so_and_saves_nothing(writable_db, monkeypatch):
    monkeypatch.setenv("CAKUPAN_WRITE_WAIT_SECONDS", "1")
    at = open_page("pages/4_what_if.py")
    at.text_input(key="scenario_name").set_value("Kampanye").run()
    with versions.write_lock(writable_db):  # a load in progress elsewhere
        at.button(key="scenario_save").click().run()
    assert not at.exception and [error.value for error in at.error] == [
        "Proses lain sedang menulis basis data (pemuatan, pembatalan, atau skenario yang disimpan) lebih dari 1 detik, "
        "jadi tidak ada yang diubah. Coba lagi sebentar lagi; dasbor tetap bisa dibaca selama itu."]
    assert scenarios.saved_scenarios() == []


def test_saving_without_a_name_warns(writable_db):
    at = open_page("pages/4_what_if.py")
    at.button(key="scenario_save").click().run()
    # the first warning on the page is how old the data is (overview.data_age); then the missing name
    assert at.warning[-1].value == "Beri nama skenario dulu." and scenarios.saved_scenarios() == []


def test_scenarios_table_is_added_to_a_database_built_before_it(tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    monkeypatch.setattr(db, "SCHEMA_STEPS", tuple(step for step in db.SCHEMA_STEPS if step != "scenarios"))
    db.build_database(old)
    monkeypatch.undo()
    monkeypatch.setenv("CAKUPAN_DB", str(old))
    try:
        assert scenarios.saved_scenarios() == []
        scenarios.save(scenarios.Scenario("a", "national", "trend", 12, dt.date(2026, 12, 31), Levers(),
                                          data_last_month=dt.date(2023, 10, 1)))
        assert [s.name for s in scenarios.saved_scenarios()] == ["a"]
    finally:
        db.close_all()


def test_saving_under_the_same_name_replaces(writable_db):
    first = scenarios.Scenario("x", "ABADI", "trend", 12, dt.date(2026, 12, 31), Levers(growth_adjust_pct=0.1),
                               data_last_month=dt.date(2023, 10, 1))
    scenarios.save(first)
    scenarios.save(first.__class__(**{**first.__dict__, "method": "growth"}))
    saved, = scenarios.saved_scenarios()
    assert (saved.name, saved.method, saved.levers, saved.data_last_month) == (
        "x", "growth", Levers(growth_adjust_pct=0.1), dt.date(2023, 10, 1))


@pytest.mark.parametrize("levers", [
    Levers(),
    Levers(growth_adjust_pct=-0.25, extra_recruits_per_month=1500, campaign_start=dt.date(2024, 3, 1),
           conversion_per_month=200, lapse_change_pct=-20),
])
def test_levers_round_trip_through_json_and_widget_values(levers):
    assert scenarios.levers_from_json(scenarios.levers_json(levers)) == levers
    scenario = scenarios.Scenario("s", "AKTI", "growth", 6, dt.date(2027, 12, 31), levers)
    values = scenarios.widget_values(scenario, default_start=dt.date(2024, 3, 1))
    assert scenarios.levers_from_widgets(values) == Levers(**{**levers.__dict__, "campaign_start": dt.date(2024, 3, 1)})
    assert (values["scope"], values["method"], values["window"], values["target"]) == (
        "AKTI", "growth", 6, "2027-12-31")
    assert set(scenarios.share_query(scenario, dt.date(2024, 3, 1), "en", "AKTI").split("&")) >= {
        "scope=AKTI", "method=Compound+growth", "window=6", "target=December+2027", "start=Mar+2024", "lang=en",
        f"growth_bp={round(levers.growth_adjust_pct * 100)}"}
