"""The presenter's slides from hand-written rows (tests/fixtures/tiny): every number and sentence counted by eye."""
import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cakupan import i18n, theme
from cakupan.data import db
from cakupan.planner import engine, scenarios, scopes
from cakupan.presenter import deck_inputs, navigation, slide_html, slides
from tests.helpers import records

ID, EN = i18n.translator("id"), i18n.translator("en")


@pytest.fixture
def tiny_inputs(tiny_db) -> deck_inputs.DeckInputs:
    return deck_inputs.gather_inputs(db.run)


def numbers(slide: slides.Slide) -> list[tuple[str, str, str, str]]:
    return [(n.label, n.value, n.detail, n.tone) for n in slide.numbers]


def test_monthly_per_association_keeps_associations_apart(tiny_db):
    assert records(db.run("monthly_per_association", associations=["BBB"])) == [
        {"association_code": "BBB", "snapshot_month": month, "active_participants": active,
         "formal_participants": active, "formal_share_pct": 100.0}
        for month, active in [("2022-01-01", 40), ("2022-02-01", 44), ("2023-01-01", 50), ("2023-02-01", 40)]]
    assert records(db.run("monthly_per_association", associations=["AAA"]))[-1] == {
        "association_code": "AAA", "snapshot_month": "2023-02-01", "active_participants": 180,
        "formal_participants": 130, "formal_share_pct": 72.22}


def test_association_progress_hand_worked(tiny_inputs):
    # AAA: 150 → 180 over 3 steps = 10/month; 220 to go in 46 months (Feb 2023 → Dec 2026) = 4.78/month;
    #      trend anchored at 180 with the least-squares slope of its 4 points, 46 months on: above 400, on track.
    # BBB: 40 → 40 = 0/month; 60 to go = 1.30/month; its points 40, 44, 50, 40 slope up a little: 68 projected,
    #      short of 100, but 100 is inside the 80% band: at risk.
    progress = deck_inputs.association_progress(tiny_inputs)
    active = tiny_inputs.by_association.pivot(index="snapshot_month", columns="association_code",
                                              values="active_participants")
    slope = {code: np.polyfit(np.arange(4), active[code].to_numpy(dtype=float), 1)[0] for code in ("AAA", "BBB")}
    projected = {code: round(active[code].iloc[-1] + slope[code] * 46) for code in ("AAA", "BBB")}
    assert projected == {"AAA": 709, "BBB": 68}
    rows = records(progress)
    assert [{key: row[key] for key in row if key != "probability_target_met"} for row in rows] == [
        {"association_code": "AAA", "last_month": dt.date(2023, 2, 1), "active_participants": 180,
         "target_date": dt.date(2026, 12, 31), "target_participants": 400, "target_reached_pct": 45.0,
         "gap_now_participants": 220, "projected_participants": 709, "projected_shortfall": -309,
         "pace_per_month": 10.0, "required_pace_per_month": 4.8, "status": "on_track"},
        {"association_code": "BBB", "last_month": dt.date(2023, 2, 1), "active_participants": 40,
         "target_date": dt.date(2026, 12, 31), "target_participants": 100, "target_reached_pct": 40.0,
         "gap_now_participants": 60, "projected_participants": 68, "projected_shortfall": 32,
         "pace_per_month": 0.0, "required_pace_per_month": 1.3, "status": "at_risk"},
    ]
    assert rows[0]["probability_target_met"] == 1.0 and 0 < rows[1]["probability_target_met"] < 0.5


def test_deck_order_and_titles_in_both_languages(tiny_inputs):
    assert [(s.key, s.title) for s in slides.build_slides(tiny_inputs, ID)] == [
        ("title", "Menuju 1.000 peserta aktif pada Desember 2026"),
        ("kpis", "Posisi nasional, Februari 2023"),
        ("growth", "Pertumbuhan nasional"),
        ("formal_informal", "Sektor formal vs informal"),
        ("progress", "Capaian 2 asosiasi PKS terhadap target 2026"),
        ("gap", "Proyeksi kekurangan terhadap target 2026 per asosiasi"),
    ]
    english = slides.build_slides(tiny_inputs, EN)
    assert [s.title for s in english][1:3] == ["Where the nation stands, February 2023", "National growth"]
    assert {s.kicker for s in english} == {"BPJS Ketenagakerjaan × Kadin · February 2023"}


def test_kpi_slide_numbers_and_sentence(tiny_inputs):
    kpis = slides.build_slides(tiny_inputs, ID)[1]
    # national: 1.000 in Jan 2023, 1.100 in Feb 2023 (60% PU); target 1.000 by Dec 2026: already met.
    assert numbers(kpis) == [
        ("Peserta aktif", "1.100", "1.100", "neutral"),
        ("Perubahan setahun", "–", "", "neutral"),
        ("Porsi formal (PU)", "60,0%", "", "neutral"),
        ("Capaian target", "110,0%", "dari 1.000 (Des 2026)", "neutral"),
        ("Melampaui target", "100", "100", "good"),
        ("Status", "Sesuai jalur", "proyeksi 5.700 pada Des 2026", "good"),
    ]
    # +100 a month from 1.100 for 46 months: 5.700, 4.700 above the target
    assert kpis.takeaway == ("1.100 pekerja terlindungi — 110,0% dari target 1.000; melampaui target 100 dengan 46 "
                             "bulan tersisa. Dengan laju sekarang: 5.700 pada Des 2026, melampaui target 4.700.")
    assert kpis.figure is None


def test_growth_slide_says_the_target_is_met(tiny_inputs):
    growth = slides.build_slides(tiny_inputs, EN)[2]
    assert growth.takeaway == "The 1,000 target is already met; the last 12 months added 100 participants a month."
    assert numbers(growth) == [("Current pace per month (12 mo)", "+100", "", "neutral"),
                               ("Required pace per month", "0", "", "good")]
    assert growth.figure is not None and len(growth.data) == 2


def test_formal_informal_and_association_slides(tiny_inputs):
    deck = slides.build_slides(tiny_inputs, ID)
    formal, progress, gap = deck[3], deck[4], deck[5]
    assert [n.value for n in formal.numbers] == ["60,0%", "40,0%", "+0,0 poin"]
    assert formal.takeaway == "Porsi formal 60,0% pada Feb 2023 (+0,0 poin persentase sejak Jan 2023)."
    assert progress.takeaway == ("Bersama, 2 asosiasi mencapai 44,0% dari target 500; terdepan di antara yang "
                                 "tumbuh dan tidak tertinggal: AAA (45,0%); terendah BBB (40,0%).")
    assert [n.value for n in progress.numbers] == ["220", "500", "44,0%"]
    assert [(n.label, n.value, n.tone) for n in gap.numbers] == [
        ("Sesuai jalur", "1", "good"), ("Berisiko", "1", "warn"), ("Tertinggal", "0", "bad")]
    assert gap.takeaway == ("BBB perlu menambah 1 peserta per bulan hingga Desember 2026, padahal 12 bulan terakhir "
                            "berubah +0 per bulan.")


def test_association_filter_narrows_the_association_slides(tiny_db):
    deck = slides.build_slides(deck_inputs.gather_inputs(db.run, associations=["AAA", "NOT-A-CODE"]), ID)
    assert deck[4].title == "Capaian 1 asosiasi PKS terhadap target 2026"
    assert list(deck[5].data["association_code"]) == ["AAA"]
    assert deck[5].takeaway == "Semua 1 asosiasi sesuai jalur menuju target 2026."


def test_association_slides_are_left_out_without_association_data(tiny_inputs):
    empty = dataclasses.replace(tiny_inputs, by_association=tiny_inputs.by_association.iloc[0:0])
    assert [s.key for s in slides.build_slides(empty, ID)] == ["title", "kpis", "growth", "formal_informal"]


@pytest.mark.parametrize("pace, required, expected", [
    (639.2, 4392.0, "ABADI perlu menambah 4.392 peserta per bulan hingga Desember 2026 — 6,9× laju 12 bulan "
                    "terakhir (639 per bulan)."),
    (-74.6, 265.2, "ABADI perlu menambah 265 peserta per bulan hingga Desember 2026, padahal 12 bulan terakhir "
                   "berubah -75 per bulan."),
    (50.0, 0.0, "ABADI sudah mencapai targetnya."),
    (380_000.0, 784_211.0, "ABADI perlu menambah 784,2 ribu peserta per bulan hingga Desember 2026 — 2,1× laju 12 "
                           "bulan terakhir (380 ribu per bulan)."),
])
def test_pace_sentence(pace, required, expected):
    assert slides.pace_sentence("presenter.gap_takeaway", pace, required, ID, code="ABADI",
                                date="Desember 2026") == expected


def test_chart_period_follows_the_filters_when_they_fit(tiny_inputs):
    national = tiny_inputs.national
    jan, feb = dt.date(2023, 1, 1), dt.date(2023, 2, 1)
    assert deck_inputs.chart_period((feb, feb), national) == (feb, feb)
    assert deck_inputs.chart_period((dt.date(2019, 1, 1), feb), national) == (jan, feb)
    assert deck_inputs.chart_period(None, national) == (jan, feb)


def saved_campaign(writable_db) -> deck_inputs.ScenarioSlideData:
    """A national campaign of 400.000 recruits a month from Nov 2023 with +0,20 pp growth, saved and read back."""
    levers = engine.Levers(growth_adjust_pct=0.2, extra_recruits_per_month=400_000, campaign_start=dt.date(2023, 11, 1))
    scenarios.save(scenarios.Scenario("Kampanye PKS", "national", "trend", 12, dt.date(2026, 12, 31), levers,
                                      data_last_month=dt.date(2023, 10, 1)))
    saved, = deck_inputs.scenarios_for_slides(db.run, db.run("scenarios"))
    return saved


def test_scenario_slide_lists_its_levers_draws_both_fans_and_names_the_difference(writable_db):
    inputs = deck_inputs.gather_inputs(db.run)
    assert "scenario" not in [s.key for s in slides.build_slides(inputs, ID)]
    campaign = saved_campaign(writable_db)
    deck = slides.build_slides(dataclasses.replace(inputs, scenario=campaign), ID)
    scenario = deck[-1]
    result, baseline = campaign.scenario, campaign.baseline
    difference = i18n.format_compact(result.projected_participants - baseline.projected_participants, "id")
    assert (len(deck), scenario.key, scenario.title) == (7, "scenario", "Skenario: Kampanye PKS")
    assert scenario.takeaway.startswith("Skenario Kampanye PKS (+400.000 rekrutmen/bulan sejak Nov 2023; "
                                        "pertumbuhan +0,20 pp/bulan): nasional diproyeksikan ")
    assert f"+{difference} dibanding dasar" in scenario.takeaway
    assert [n.label for n in scenario.numbers] == ["Proyeksi Des 2026", "Melampaui target" if
                                                   result.projected_shortfall <= 0 else "Proyeksi kekurangan",
                                                   "Peluang mencapai target"]
    assert scenario.numbers[0].detail == "dasar: " + i18n.format_compact(baseline.projected_participants, "id")
    names = [trace.name for trace in scenario.figure.data]
    assert "Dasar" in names and "Kampanye PKS" in names                 # the fan of each, against each other
    assert set(scenario.data["projection"]) == {"Dasar", "Kampanye PKS"}
    assert not scenario.illustrative and "seri nasional resmi" in scenario.footer
    assert "Tuas skenario \"Kampanye PKS\": +400.000 rekrutmen/bulan sejak Nov 2023" in scenario.notes


def test_saved_scenarios_are_projected_on_the_current_data(writable_db):
    assert deck_inputs.scenarios_for_slides(db.run, db.run("scenarios")) == []
    campaign = saved_campaign(writable_db)
    # the same projection computed the what-if page's way, for the same settings and levers
    monthly = db.run("scope_monthly_active")
    data = scopes.planner_data(monthly, db.run("targets"),
                               db.run("scope_lapse_rates", from_month=dt.date(2022, 11, 1)), "Nasional")
    baseline, expected = scenarios.project_with_levers(
        data, scopes.Settings("national", "trend", 12, dt.date(2026, 12, 31)), [engine.BASELINE, campaign.levers])
    assert (campaign.name, campaign.scope) == ("Kampanye PKS", "national")
    assert campaign.scenario.projected_participants == expected.projected_participants
    assert campaign.scenario.probability_target_met == expected.probability_target_met
    assert campaign.baseline.projected_participants == baseline.projected_participants
    assert campaign.scenario.projected_participants > baseline.projected_participants


def test_every_slide_has_a_footer_with_the_data_month_and_its_source(tiny_inputs):
    deck = slides.build_slides(tiny_inputs, ID)
    footers = {slide.key: slide.footer for slide in deck}
    assert footers["kpis"] == "Data: Februari 2023 · sumber: BPJS Ketenagakerjaan, seri nasional resmi"
    assert footers["progress"] == footers["gap"] == \
        "Data: Februari 2023 · sumber: BPJS Ketenagakerjaan; angka asosiasi ilustratif"
    english = slides.build_slides(tiny_inputs, EN)
    assert english[1].footer == "Data: February 2023 · source: BPJS Ketenagakerjaan, official national series"


def test_speaker_notes_carry_the_message_the_numbers_and_the_caveats(tiny_inputs):
    deck = {slide.key: slide for slide in slides.build_slides(tiny_inputs, ID)}
    kpis = deck["kpis"].notes
    assert kpis.startswith("Pesan: " + deck["kpis"].takeaway)
    assert "Peserta aktif Feb 2023: 1.100 (pekerja dengan iuran berjalan)." in kpis
    assert "Kekurangan saat ini: melampaui target 100" in kpis
    assert "bukan angka 48% di siaran pers" in kpis and "Status: sesuai jalur bila" in kpis
    assert "ilustratif" not in kpis                                        # national numbers only
    gap = deck["gap"].notes
    assert "Sesuai jalur 1, berisiko 1, tertinggal 0." in gap
    assert "BBB: 40,0% dari target, proyeksi 68 (proyeksi kekurangan 32), berisiko." in gap
    assert "Angka per asosiasi dalam data ini ilustratif" in gap
    english = slides.build_slides(tiny_inputs, EN)[2].notes
    assert english.startswith("Message: ") and "Current pace: +100/month" in english


@pytest.mark.parametrize("requested, expected", [
    (None, 0), ("1", 0), ("3", 2), ("6", 5), ("99", 5), ("0", 0), ("-2", 0), ("drei", 0), ("", 0), ("2.5", 0)])
def test_slide_index_from_the_url(requested, expected):
    assert navigation.slide_index(requested, 6) == expected


@pytest.mark.parametrize("requested, expected", [(None, 0), ("20", 20), ("10", 10), ("15", 0), ("x", 0), ("", 0)])
def test_auto_seconds_from_the_url(requested, expected):
    assert navigation.auto_seconds(requested, (0, 10, 20, 30, 60)) == expected


@pytest.mark.parametrize("index, delta, wrap, expected", [
    (0, -1, False, 0), (0, 1, False, 1), (5, 1, False, 5), (5, 1, True, 0), (0, -1, True, 5), (2, -1, False, 1)])
def test_step(index, delta, wrap, expected):
    assert navigation.step(index, 6, delta, wrap) == expected


@pytest.mark.parametrize("shown_at, now, expected", [(None, 100.0, False), (100.0, 109.0, False),
                                                     (100.0, 109.6, True), (100.0, 130.0, True)])
def test_is_due(shown_at, now, expected):
    assert navigation.is_due(shown_at, now, 10) == expected


def test_slide_html_escapes_every_value():
    slide = slides.Slide("gap", "<b>Judul</b>", "A & B", (slides.BigNumber("<i>", "1 < 2", "x\"y", tone="evil"),),
                         kicker="<script>")
    heading, body = slide_html.heading_html(slide, 2, 6), slide_html.numbers_html(slide)
    assert "<b>" not in heading and "&lt;b&gt;Judul&lt;/b&gt;" in heading and "A &amp; B" in heading
    assert "&lt;script&gt;" in heading and '<span class="counter">2 / 6</span>' in heading
    assert "1 &lt; 2" in body and "&lt;i&gt;" in body and "tone-neutral" in body and "evil" not in body


def progress_rows(*rows) -> pd.DataFrame:
    """association_progress-shaped rows from (code, reached %, pace, status)."""
    return pd.DataFrame([{"association_code": code, "last_month": dt.date(2023, 10, 1), "active_participants": 100,
                          "target_date": dt.date(2026, 12, 31), "target_participants": 200,
                          "target_reached_pct": reached, "gap_now_participants": 100, "projected_participants": 150,
                          "projected_shortfall": 50, "probability_target_met": 0.1, "pace_per_month": pace,
                          "required_pace_per_month": 2.6, "status": status} for code, reached, pace, status in rows],
                        columns=deck_inputs.PROGRESS_COLUMNS)


def test_progress_takeaway_never_praises_a_shrinking_or_off_track_association():
    # AKIDA is furthest along its target but shrinking; ABADI is growing but off track; APKLINDO qualifies
    progress = progress_rows(("AKIDA", 95.0, -40.0, "off_track"), ("ABADI", 90.0, 10.0, "off_track"),
                             ("APKLINDO", 80.0, 50.0, "on_track"), ("AKTI", 30.0, 5.0, "at_risk"))
    slide = slides.progress_slide(progress, ID)
    assert "AKIDA (95,0%)" not in slide.takeaway and "ABADI (90,0%)" not in slide.takeaway
    assert "terdepan di antara yang tumbuh dan tidak tertinggal: APKLINDO (80,0%)" in slide.takeaway


def test_progress_takeaway_when_no_association_grows_on_track():
    progress = progress_rows(("AKIDA", 95.0, -40.0, "off_track"), ("ABADI", 90.0, 0.0, "at_risk"))
    slide = slides.progress_slide(progress, EN)
    assert slide.takeaway == ("Together the 2 associations have reached 50.0% of their 400 target; none is both "
                              "growing and not off track — 1 of 2 are off track; lowest ABADI (90.0%).")


def test_progress_bars_are_coloured_by_status():
    progress = progress_rows(("AKIDA", 95.0, -40.0, "off_track"), ("APKLINDO", 80.0, 50.0, "on_track"),
                             ("AKTI", 30.0, 5.0, "at_risk"))
    figure = slides.progress_slide(progress, ID).figure
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours == {"Sesuai jalur": theme.ON_TRACK_COLOR, "Berisiko": theme.AT_RISK_COLOR,
                       "Tertinggal": theme.OFF_TRACK_COLOR}
    bars = {trace.name: [code for code, x in zip(trace.y, trace.x) if x == x] for trace in figure.data}
    assert bars == {"Sesuai jalur": ["APKLINDO"], "Berisiko": ["AKTI"], "Tertinggal": ["AKIDA"]}


def test_a_thousand_associations_put_the_largest_fifteen_on_the_slides_and_say_so():
    progress = progress_rows(*[(f"A{i:04d}", 50.0, 1.0, "at_risk") for i in range(1_146)])
    progress["active_participants"] = range(1_146)              # A1145 has the most members
    progress["projected_shortfall"] = [(i * 7) % 1_146 for i in range(1_146)]
    staged = slides.progress_slide(progress, ID).figure
    drawn = {code for trace in staged.data for code, x in zip(trace.y, trace.x) if x == x}
    assert drawn == {f"A{i:04d}" for i in range(1_131, 1_146)}
    assert staged.layout.xaxis.title.text == "Capaian target (%)<br><sup>15 asosiasi terbesar dari 1.146</sup>"
    gap = slides.gap_slide(progress, EN).figure
    largest_shortfalls = set(progress.nlargest(15, "projected_shortfall")["association_code"])
    assert {code for trace in gap.data for code, x in zip(trace.y, trace.x) if x == x} == largest_shortfalls
    assert gap.layout.xaxis.title.text.endswith("<sup>The 15 largest projected shortfalls of 1,146 associations</sup>")


def test_eleven_associations_all_stand_on_the_slides_without_a_note():
    progress = progress_rows(*[(f"A{i}", 50.0, 1.0, "at_risk") for i in range(11)])
    assert len(slides.gap_slide(progress, ID).figure.layout.yaxis.categoryarray) == 11
    assert slides.progress_slide(progress, ID).figure.layout.xaxis.title.text == "Capaian target (%)"


@pytest.mark.parametrize("where, index, expected", [("first", 4, 0), ("previous", 4, 3), ("previous", 0, 0),
                                                    ("next", 4, 5), ("next", 5, 5), ("last", 1, 5)])
def test_moves_of_the_control_bar_and_the_keys(where, index, expected):
    assert navigation.MOVES[where](index, 6) == expected


def test_slide_numbers_and_the_deck_end():
    assert navigation.slide_number(0) == 1 and navigation.is_last(5, 6) and not navigation.is_last(4, 6)
    assert navigation.within(9, 6) == 5 and navigation.within(-1, 6) == 0
