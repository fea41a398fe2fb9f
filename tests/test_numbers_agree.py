"""One number, one name, everywhere: for each scope, the home page, the target-gap page, the slides, the deck and the
command line report the same status and the same projected shortfall (data contract, projection methods v2)."""
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cakupan import i18n
from cakupan.data import db
from cakupan.presenter import deck_files, deck_inputs, slides

ROOT = Path(__file__).resolve().parent.parent
ID = i18n.translator("id")
STATUS_WORDS = {ID(f"status.{status}"): status for status in ("on_track", "at_risk", "off_track")}


@pytest.fixture(scope="module")
def cli_records(sample_db_path, tmp_path_factory) -> dict[str, dict]:
    copy = tmp_path_factory.mktemp("agree") / "cakupan.duckdb"
    shutil.copy(sample_db_path, copy)
    result = subprocess.run([sys.executable, "-m", "cakupan", "project", "--db", str(copy), "--format", "json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return {record["scope"]: record for record in json.loads(result.stdout)}


def shortfall_cell(shortfall: int) -> str:
    """How the target-gap table writes a projected shortfall."""
    amount = i18n.format_number(abs(shortfall), "id")
    return amount if shortfall > 0 else ID("status.above_target", amount=amount)


def shortfall_words(shortfall: int) -> str:
    """How a takeaway sentence writes it."""
    amount = i18n.format_compact(abs(shortfall), "id")
    return ID("status.shortfall_phrase", amount=amount) if shortfall > 0 else ID("status.above_target", amount=amount)


def test_target_gap_page_agrees_with_the_command_line(sample_db, cli_records):
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    at.switch_page("pages/3_target_gap.py").run()
    assert not at.exception
    table = at.dataframe[1].value
    assert len(table) == len(cli_records) == 12
    for record, (_, row) in zip(cli_records.values(), table.iterrows()):
        assert STATUS_WORDS[row["Status"]] == record["status"], record["scope"]
        assert row["Proyeksi kekurangan"] == shortfall_cell(record["gap_participants"]), record["scope"]


def test_home_page_agrees_with_the_command_line_for_every_scope(sample_db, cli_records):
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    for scope, record in cli_records.items():
        at.selectbox(key="home_scope").set_value(scope).run()
        assert not at.exception
        card = next(metric for metric in at.metric if metric.label == "Proyeksi Des 2026")
        assert STATUS_WORDS[card.proto.delta] == record["status"], scope
        assert card.value == i18n.format_card_number(record["projected_participants"], "id"), scope
        takeaway = at.caption[-2].value if scope != "national" else at.caption[-1].value
        assert shortfall_words(record["gap_participants"]) in takeaway, scope
        # the headline at the top of the page: the same status on its pill, the same words in its sentence
        top = next(element.proto.body for element in at.get("html") if "cakupan-headline" in element.proto.body)
        pill, sentence = re.search(r'cakupan-status"[^>]*>([^<]+)</span>.*headline-text">([^<]+)<', top).groups()
        assert STATUS_WORDS[pill] == record["status"], scope
        assert html.unescape(shortfall_words(record["gap_participants"])) in html.unescape(sentence), scope
        assert i18n.format_compact(record["projected_participants"], "id") in sentence, scope


def number_cell(text: str) -> int:
    """A whole number as the target-gap table writes it in Indonesian (`1.234.567`)."""
    return int(text.replace(".", ""))


def test_home_association_grid_agrees_with_the_target_gap_page(sample_db, cli_records):
    home = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    grid = next(element.proto.body for element in home.get("html") if "cakupan-tiles" in element.proto.body)
    tiles = {code: (STATUS_WORDS[word], reached) for code, word, reached in re.findall(
        r'data-code="([^"]+)">.*?cakupan-tile-status[^>]*>([^<]+)</span><span class="cakupan-tile-reached">([^<]+)<',
        grid)}
    gap = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    gap.switch_page("pages/3_target_gap.py").run()
    table = gap.dataframe[1].value.set_index("Cakupan")
    associations = [scope for scope in cli_records if scope != "national"]
    assert sorted(tiles) == sorted(associations) and len(tiles) == 11
    for code in associations:
        row = table.loc[code]
        reached = 100 * number_cell(row["Aktif kini"]) / number_cell(row["Target"])
        assert tiles[code] == (STATUS_WORDS[row["Status"]],
                               ID("overview.of_target", percent=i18n.format_percent(reached, "id", digits=0))), code
        assert tiles[code][0] == cli_records[code]["status"], code


def test_slides_and_deck_agree_with_the_command_line(sample_db, cli_records):
    deck = slides.build_slides(deck_inputs.gather_inputs(db.run), ID)
    kpis, gap = deck[1], deck[5]
    status_number = next(number for number in kpis.numbers if number.label == ID("presenter.status"))
    assert STATUS_WORDS[status_number.value] == cli_records["national"]["status"]
    assert shortfall_words(cli_records["national"]["gap_participants"]) in kpis.takeaway
    progress = gap.data.set_index("association_code")
    assert len(progress) == 11
    for code, row in progress.iterrows():
        assert (row["status"], row["projected_shortfall"]) == (
            cli_records[code]["status"], cli_records[code]["gap_participants"]), code
    # the deck as a file carries the same: each association's bar sits in its status' trace, labelled with its
    # shortfall; the national status word is on the KPI slide
    html = deck_files.deck_html(deck, ID)
    figure = gap.figure
    for trace in figure.data:
        for code, text in zip(trace.y, trace.text):
            if text:
                assert STATUS_WORDS[trace.name] == cli_records[code]["status"], code
                record_words = shortfall_words(cli_records[code]["gap_participants"])
                assert text.startswith(re.sub(r"^proyeksi kekurangan ", "", record_words)), code
                assert json.dumps(text)[1:-1] in html, code          # as the deck's figure JSON writes it
    assert ID(f"status.{cli_records['national']['status']}") in html


def test_what_if_baseline_agrees_with_the_command_line_for_every_scope(sample_db, cli_records):
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    at.switch_page("pages/4_what_if.py").run()
    for scope, record in cli_records.items():
        at.selectbox(key="scope").set_value(scope).run()
        assert not at.exception
        shortfall = record["gap_participants"]
        label = ID("status.projected_shortfall") if shortfall > 0 else ID("status.above_target_label")
        card = next(metric for metric in at.metric if metric.label == label)
        assert card.value == i18n.format_card_number(abs(shortfall), "id"), scope
        assert STATUS_WORDS[card.proto.delta] == record["status"], scope
