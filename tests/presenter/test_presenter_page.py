"""The presenter page in AppTest on the sample data: slides step, the URL holds the slide, language and
filters carry over from the other pages, and the page has no sidebar."""
from streamlit.testing.v1 import AppTest

from cakupan.planner import engine

PRESENTER = "pages/5_presenter.py"


def open_presenter(query: dict | None = None, before=None) -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if before:
        before(at)
    at.switch_page(PRESENTER).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown_html(at: AppTest) -> str:
    return " ".join(element.proto.body for element in at.get("html"))


def test_presenter_starts_on_the_title_slide_without_a_sidebar(sample_db):
    at = open_presenter()
    assert 'data-slide="1"' in shown_html(at) and "Menuju 70 juta peserta aktif" in shown_html(at)
    assert at.markdown[0].value == "**Slide 1 dari 6**"
    assert at.button(key="presenter_previous").disabled and not at.button(key="presenter_next").disabled
    assert not at.sidebar.children and not at.radio  # no menu, no language toggle, no filters
    # PPTX, PDF, PDF with notes, HTML, every slide's data as a workbook; the title slide has no chart or data
    assert [button.key for button in at.get("download_button")] == [
        "presenter_deck_pptx", "presenter_deck_pdf", "presenter_deck_pdf_notes", "presenter_deck_html",
        "presenter_deck_xlsx"]


def test_next_and_previous_move_the_slide_and_the_url(sample_db):
    at = open_presenter()
    at.button(key="presenter_next").click().run()
    at.button(key="presenter_next").click().run()
    assert not at.exception
    assert at.query_params["slide"] == "3"
    assert "Pertumbuhan nasional" in shown_html(at) and len(at.get("plotly_chart")) == 1
    assert len(at.get("download_button")) == 8  # plus this slide's chart (PNG) and data (CSV and Excel)
    at.button(key="presenter_previous").click().run()
    assert at.query_params["slide"] == "2" and "Posisi nasional, Oktober 2023" in shown_html(at)


def test_a_link_opens_its_slide_in_its_language(sample_db):
    at = open_presenter({"lang": "en", "slide": "6"})
    assert "Projected shortfall against the 2026 target per association" in shown_html(at)
    assert at.markdown[0].value == "**Slide 6 of 6**" and at.button(key="presenter_next").disabled


def test_language_and_filters_carry_into_the_presenter(sample_db):
    def choose_english_and_two_associations(at):
        at.radio(key="lang_choice").set_value("en").run()
        at.switch_page("pages/1_growth.py").run()
        at.multiselect(key="filter_associations").set_value(["ABADI", "AKTI"]).run()

    at = open_presenter({"slide": "5"}, before=choose_english_and_two_associations)
    assert "2 PKS associations against their 2026 targets" in shown_html(at)
    assert at.query_params["lang"] == "en"


def test_auto_advance_is_off_unless_chosen_and_kept_in_the_url(sample_db):
    at = open_presenter()
    auto = at.selectbox(key="presenter_auto")
    assert auto.value == 0 and auto.options[0] == "Ganti otomatis: mati" and "Ganti otomatis: 20 detik" in auto.options
    at.selectbox(key="presenter_auto").set_value(20).run()
    assert not at.exception and at.query_params["auto"] == "20"
    at.selectbox(key="presenter_auto").set_value(0).run()
    assert "auto" not in at.query_params


def test_auto_advance_interval_comes_from_the_url(sample_db):
    assert open_presenter({"auto": "30"}).selectbox(key="presenter_auto").value == 30


def test_a_saved_scenario_becomes_the_last_slide(writable_db):
    import datetime as dt

    from cakupan.planner import scenarios

    levers = engine.Levers(extra_recruits_per_month=50_000, campaign_start=dt.date(2023, 11, 1))
    at = open_presenter()
    assert at.markdown[0].value == "**Slide 1 dari 6**"
    scenarios.save(scenarios.Scenario("Kampanye PKS", "national", "trend", 12, dt.date(2026, 12, 31), levers,
                                      data_last_month=dt.date(2023, 10, 1)))
    at.run()
    at.selectbox(key="presenter_scenario").set_value("Kampanye PKS").run()
    assert not at.exception
    assert at.markdown[0].value == "**Slide 1 dari 7**"
    at.query_params["slide"] = "7"
    at.switch_page(PRESENTER).run()
    assert "Skenario: Kampanye PKS" in shown_html(at)
