"""The association plan page in AppTest: the associations' extras reach the national cards and table; plans save,
reload, compare and delete; bad levers, names and links give a clear message and change nothing."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from cakupan.planner import plans
from cakupan.planner.engine import Levers
from tests.helpers import figures, table_checksums

PAGE = "pages/7_plan.py"
PROJECTED, ADDED = "Proyeksi nasional Des 2026", "Tambahan dari asosiasi"


def open_plan_page(**query) -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def people(text: str) -> int:
    """A whole number as the page writes it in Indonesian (`+427.068`, `55.306.265`)."""
    return int(text.replace(".", "").replace("+", ""))


def association_rows(at: AppTest) -> dict[str, dict]:
    return {row["Asosiasi"]: row for row in at.dataframe[-1].value.to_dict("records")}


def set_levers(at: AppTest, levers: dict[str, tuple[int, int, int]]) -> None:
    for code, (recruits, growth_bp, conversion) in levers.items():
        at.number_input(key=f"plan_recruits_{code}").set_value(recruits)
        at.number_input(key=f"plan_growth_bp_{code}").set_value(growth_bp)
        at.number_input(key=f"plan_conversion_{code}").set_value(conversion)
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def test_the_associations_extras_add_up_to_the_national_card_and_row(sample_db):
    at = open_plan_page()
    before = metrics(at)
    assert (before[PROJECTED], before[ADDED]) == ("55,3 juta", "0")
    assert at.info[0].value.startswith("Asumsi: kampanye asosiasi menambah seri nasional; seri nasional sudah memuat "
                                       "anggota asosiasi saat ini.")
    set_levers(at, {"ABADI": (20_000, 0, 0), "APKLINDO": (5_000, 10, 1_000), "IFICA": (0, 25, 0)})
    rows = association_rows(at)
    assert list(rows) == ["Nasional", "ABADI", "ABUJAPI", "AKIDA", "AKTI", "APKLINDO", "APSyFI", "APTISI", "ASPEKTI",
                          "ASPEPPI", "ASPPHAMI", "IFICA"]
    assert rows["AKIDA"]["Tambahan"] == "0" and rows["AKIDA"]["Tuas"] == "tanpa tuas (sama dengan dasar)"
    national = rows.pop("Nasional")
    added = sum(people(row["Tambahan"]) for row in rows.values())
    # what a person checks: the card, the nation's row and the associations' rows tell the same sum
    assert abs(people(metrics(at)[ADDED]) - added) <= len(rows)         # each row rounded to a whole person
    assert metrics(at)[ADDED] == national["Tambahan"]
    assert people(national["Proyeksi rencana"]) - people(national["Proyeksi dasar"]) == pytest.approx(
        people(national["Tambahan"]), abs=1)
    assert metrics(at)[PROJECTED] != before[PROJECTED]
    assert rows["ABADI"]["Tuas"] == "+20.000 rekrutmen/bulan sejak Nov 2023"
    assert rows["APKLINDO"]["Tuas"] == ("+5.000 rekrutmen/bulan sejak Nov 2023; pertumbuhan +0,10 pp/bulan; "
                                        "konversi BPU→PU 1.000/bulan")
    assert {row["Status"] for row in rows.values()} <= {"Sesuai jalur", "Berisiko", "Tertinggal"}
    # the fan chart's dashed lines end (hover text) at the table's national numbers
    lines = {trace.get("name"): trace for trace in figures(at)[0]["data"]}
    assert lines["Dengan rencana"]["customdata"][-1][1] == national["Proyeksi rencana"]
    assert lines["Dasar nasional"]["customdata"][-1][1] == national["Proyeksi dasar"]
    assert "levers=ABADI:20000:0:0,APKLINDO:5000:10:1000,IFICA:0:25:0" in at.code[0].value
    assert at.query_params["levers"] == "ABADI:20000:0:0,APKLINDO:5000:10:1000,IFICA:0:25:0"   # the address too


def test_the_page_in_english(sample_db):
    at = open_plan_page(lang="en")
    assert at.title[0].value == "Association plan"
    assert at.info[0].value.startswith("Assumption: association campaigns add to the national series; the national "
                                       "series already includes the associations' current members.")
    set_levers(at, {"ABADI": (400_000, 20, 0)})
    levers = at.dataframe[-1].value.set_index("Association")["Levers"]
    assert levers["ABADI"] == "+400,000 recruits/month from Nov 2023; growth +0.20 pp/month"
    assert levers["ABUJAPI"] == "no levers (the same as the baseline)"
    assert levers["National"] == "ABADI: +400,000 recruits/month from Nov 2023; growth +0.20 pp/month"
    assert metrics(at)["Added by associations"].startswith("+") and "," in metrics(at)["Added by associations"]


def test_save_reload_compare_and_delete_plans(writable_db):
    at = open_plan_page()
    set_levers(at, {"ABADI": (50_000, 0, 0)})
    at.text_input(key="plan_name").set_value("Kampanye ABADI").run()
    at.button(key="plan_save").click().run()
    assert at.success[0].value == "Rencana \"Kampanye ABADI\" disimpan."
    campaign = metrics(at)
    set_levers(at, {"ABADI": (0, 0, 0), "IFICA": (10_000, 0, 0), "AKTI": (3_000, 0, 0)})
    at.text_input(key="plan_name").set_value("IFICA + AKTI").run()
    at.button(key="plan_save").click().run()
    set_levers(at, {"IFICA": (0, 0, 0), "AKTI": (0, 0, 0)})
    at.text_input(key="plan_name").set_value("Dasar").run()
    at.button(key="plan_save").click().run()
    assert not at.exception and [p.name for p in plans.saved_plans()] == ["Dasar", "IFICA + AKTI", "Kampanye ABADI"]
    assert at.dataframe[-1].value["Tuas"].tolist() == [
        "tanpa tuas asosiasi (sama dengan dasar)",
        "AKTI: +3.000 rekrutmen/bulan sejak Nov 2023 · IFICA: +10.000 rekrutmen/bulan sejak Nov 2023",
        "ABADI: +50.000 rekrutmen/bulan sejak Nov 2023"]

    campaign_id = next(p.plan_id for p in plans.saved_plans() if p.name == "Kampanye ABADI")
    at.selectbox(key="plan_choice").set_value(campaign_id).run()
    at.button(key="plan_reload").click().run()
    assert at.number_input(key="plan_recruits_ABADI").value == 50_000
    assert at.number_input(key="plan_recruits_IFICA").value == 0
    assert metrics(at) == campaign

    at.multiselect(key="plan_compare").set_value([p.plan_id for p in plans.saved_plans()]).run()
    assert not at.exception and len(at.get("plotly_chart")) == 2
    comparison = at.dataframe[-1].value
    assert comparison["Rencana"].tolist() == ["Dasar", "IFICA + AKTI", "Kampanye ABADI"]
    assert comparison["Tambahan"].tolist()[0] == "0"
    assert comparison.set_index("Rencana").loc["Kampanye ABADI", "Peluang"] == campaign["Peluang mencapai target"]
    assert set(comparison["Status"]) <= {"Sesuai jalur", "Berisiko", "Tertinggal"}

    at.button(key="plan_delete").click().run()
    assert [p.name for p in plans.saved_plans()] == ["Dasar", "IFICA + AKTI"]


def test_comparing_more_than_three_plans_compares_the_first_three_and_says_so(writable_db):
    for k in range(4):
        plans.save(plans.Plan(f"P{k}", "trend", 12, dt.date(2026, 12, 31),
                              {"ABADI": Levers(extra_recruits_per_month=1000 * (k + 1))},
                              data_last_month=dt.date(2023, 10, 1)), {"ABADI"})
    at = open_plan_page()
    picked = [p.plan_id for p in sorted(plans.saved_plans(), key=lambda p: p.name)]
    at.multiselect(key="plan_compare").set_value(picked).run()
    assert not at.exception and at.dataframe[-1].value["Rencana"].tolist() == ["P0", "P1", "P2"]
    assert "Yang dibandingkan: 3 rencana pertama yang dipilih." in [caption.value for caption in at.caption]


def test_negative_recruits_say_which_row_and_column_and_save_nothing(writable_db):
    at = open_plan_page()
    before = table_checksums()
    set_levers(at, {"ABADI": (-500, 0, 0)})
    assert at.error[0].value == ("Rencana ini belum bisa dipakai — perbaiki dulu:\n- Baris ABADI, kolom \"Rekrutmen "
                                 "tambahan/bulan\": -500 tidak bisa dipakai. Isi angka 0 sampai 10.000.000 per bulan.")
    assert not at.get("plotly_chart") and not at.button      # nothing projected, no way to save it
    assert table_checksums() == before


def test_saving_without_a_name_warns_and_saves_nothing(writable_db):
    at = open_plan_page()
    set_levers(at, {"ABADI": (1_000, 0, 0)})
    at.button(key="plan_save").click().run()
    assert at.warning[-1].value == "Rencana ini belum bisa dipakai — perbaiki dulu:\n- Beri nama rencana dulu."
    assert plans.saved_plans() == []


@pytest.mark.parametrize("link, message", [
    ("ABADI:20000:0:0,XYZ:5:0:0", "- Asosiasi \"XYZ\" tidak dikenal dalam data. Pakai salah satu kode: ABADI, ABUJAPI, "
                                  "AKIDA, AKTI, APKLINDO, APSyFI, APTISI, ASPEKTI, ASPEPPI, ASPPHAMI, IFICA."),
    ("ABADI:-20000:0:0", "- Baris ABADI, kolom \"Rekrutmen tambahan/bulan\": -20.000 tidak bisa dipakai. Isi angka 0 "
                         "sampai 10.000.000 per bulan."),
    ("ABADI:20000:500:0", "- Baris ABADI, kolom \"Penyesuaian pertumbuhan (basis poin/bulan)\": 500 di luar batas. "
                          "Isi antara -100 dan 100 basis poin."),
    ("ABADI:dua-puluh-ribu", "- Bagian \"ABADI:dua-puluh-ribu\" tidak terbaca. Bentuknya "
                             "KODE:rekrutmen:basis_poin:konversi, misalnya ABADI:20000:10:0."),
])
def test_a_bad_link_changes_nothing_and_says_what_to_fix(sample_db, link, message):
    at = open_plan_page(levers=link)
    assert at.error[0].value == f"Tautan rencana tidak dipakai (tidak ada yang diubah) — perbaiki tautannya:\n{message}"
    assert at.number_input(key="plan_recruits_ABADI").value == 0
    assert metrics(at)[ADDED] == "0" and len(at.get("plotly_chart")) == 1


def test_a_link_sets_the_grid_and_gives_the_same_numbers_as_typing_them(sample_db):
    typed = open_plan_page()
    set_levers(typed, {"ABADI": (20_000, 0, 0), "APKLINDO": (0, 15, 0)})
    link = typed.code[0].value
    query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
    assert query["levers"] == "ABADI:20000:0:0,APKLINDO:0:15:0"
    opened = open_plan_page(levers=query["levers"])
    assert opened.number_input(key="plan_recruits_ABADI").value == 20_000
    assert opened.number_input(key="plan_growth_bp_APKLINDO").value == 15
    assert metrics(opened) == metrics(typed)
    assert opened.dataframe[-1].value.equals(typed.dataframe[-1].value)
