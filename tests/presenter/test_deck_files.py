"""The deck as files: PPTX read back with python-pptx, PDF pages counted with pypdf, the offline HTML deck,
and the export command run with every proxy pointed at a local listener that records any attempt to go out."""
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import plotly.offline
import pytest
from pptx import Presentation
from pypdf import PdfReader

from cakupan import i18n
from cakupan.data import db
from cakupan.presenter import deck_files, deck_inputs, slides

ROOT = Path(__file__).resolve().parents[2]
ID, EN = i18n.translator("id"), i18n.translator("en")


@pytest.fixture(scope="module")
def decks(sample_db_path):
    """The sample deck in both languages and its chart images (one kaleido session per language)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAKUPAN_DB", str(sample_db_path))
        inputs = deck_inputs.gather_inputs(db.run)
        built = {}
        for t in (ID, EN):
            deck = slides.build_slides(inputs, t)
            built[t.lang] = (deck, deck_files.figure_images(deck))
        db.close_all()
    yield built


def slide_texts(slide) -> list[str]:
    return [paragraph.text for shape in slide.shapes if shape.has_text_frame for paragraph in shape.text_frame.paragraphs]


def test_chart_images_are_pngs_of_the_chart_slides(decks):
    deck, images = decks["id"]
    assert sorted(images) == [index for index, slide in enumerate(deck) if slide.figure is not None] == [2, 3, 4, 5]
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for image in images.values())


def test_single_chart_png_has_the_asked_size_at_double_scale(decks):
    image = deck_files.chart_png(decks["en"][0][2].figure, width=640, height=360)
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert (int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")) == (1280, 720)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pptx_has_every_slide_with_real_titles_and_pictures(decks, lang):
    deck, images = decks[lang]
    presentation = Presentation(io.BytesIO(deck_files.deck_pptx(deck, images)))
    assert len(presentation.slides) == len(deck) == 6
    assert [slide.shapes.title.text for slide in presentation.slides] == [s.title for s in deck]
    expected_first = {"id": "Menuju 70 juta peserta aktif pada Desember 2026",
                      "en": "Towards 70 million active participants by December 2026"}[lang]
    assert presentation.slides[0].shapes.title.text == expected_first
    pictures = [sum(shape.shape_type == 13 for shape in slide.shapes) for slide in presentation.slides]
    assert pictures == [0, 0, 1, 1, 1, 1]
    for slide, source in zip(presentation.slides, deck):
        assert source.takeaway in slide_texts(slide)


def test_pptx_kpi_numbers_equal_the_database(decks, sample_db_path, monkeypatch):
    monkeypatch.setenv("CAKUPAN_DB", str(sample_db_path))
    national = db.run("national_monthly")
    active = int(national["active_participants"].iloc[-1])
    year_ago = int(national["active_participants"].iloc[-13])
    target = int(db.run("targets").query("scope == 'national'")["target_participants"].iloc[-1])
    formal_pct = float(national["formal_share_pct"].iloc[-1])
    deck, images = decks["id"]
    texts = slide_texts(Presentation(io.BytesIO(deck_files.deck_pptx(deck, images))).slides[1])
    # independent of the slide code: the raw figures, formatted as Indonesian readers expect them
    assert (active, target) == (40_200_000, 70_000_000)
    for expected in ["40,2 juta", "40.200.000", f"+{i18n.format_compact(active - year_ago, 'id')}",
                     i18n.format_percent(formal_pct, "id"), i18n.format_percent(100 * active / target, "id"),
                     "29,8 juta", "29.800.000", "Tertinggal"]:
        assert expected in texts, expected


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pdf_has_one_page_per_slide_with_text(decks, lang):
    deck, images = decks[lang]
    reader = PdfReader(io.BytesIO(deck_files.deck_pdf(deck, images)))
    assert len(reader.pages) == len(deck)
    for page, slide in zip(reader.pages, deck):
        assert slide.title.split()[0] in page.extract_text()
    assert ("40,2 juta" if lang == "id" else "40.2 million") in reader.pages[1].extract_text()


def test_html_deck_is_self_contained(decks):
    deck, _ = decks["en"]
    page = deck_files.deck_html(deck, EN)
    assert page.count('<div class="page">') == len(deck)
    plotly_js = plotly.offline.get_plotlyjs()
    assert plotly_js in page, "plotly.js must be inlined"
    # outside the library itself (which names its CDN for map data it never needs here): no address at all
    ours = page.replace(plotly_js, "")
    assert "http://" not in ours and "https://" not in ours and "<script src=" not in ours
    assert page.count('class="plotly-graph-div"') == 4 and "Projected shortfall against the 2026 target per association" in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pptx_carries_each_slides_speaker_notes_and_footer(decks, lang):
    deck, images = decks[lang]
    presentation = Presentation(io.BytesIO(deck_files.deck_pptx(deck, images)))
    for page, slide in zip(presentation.slides, deck):
        assert page.notes_slide.notes_text_frame.text == slide.notes and slide.notes
        assert slide.footer in slide_texts(page)
    first_notes = presentation.slides[1].notes_slide.notes_text_frame.text
    assert first_notes.startswith({"id": "Pesan: ", "en": "Message: "}[lang]) and "48%" in first_notes


def test_pdf_with_notes_has_a_notes_page_after_each_slide(decks):
    deck, images = decks["id"]
    reader = PdfReader(io.BytesIO(deck_files.deck_pdf(deck, images, notes_title="Catatan pembicara")))
    assert len(reader.pages) == 2 * len(deck)
    slide_page, notes_page = reader.pages[2].extract_text(), reader.pages[3].extract_text()
    assert deck[1].footer.split(" · ")[0] in slide_page           # "Data: Oktober 2023" on the slide
    assert "Catatan pembicara · 2 / 6" in notes_page and "Kekurangan saat ini: 29.800.000" in notes_page
    assert deck_files.file_name("pdf", "id", notes=True) == "cakupan_deck_id_notes.pdf"


def test_html_deck_has_footers_and_notes_behind_the_n_key(decks):
    deck, _ = decks["en"]
    page = deck_files.deck_html(deck, EN)
    assert page.count('class="cakupan-slide slide-footer"') == len(deck)
    assert page.count('class="cakupan-slide speaker-notes"') == len(deck)
    assert "Message: " in page and 'event.key === "n"' in page


def test_unknown_format_is_refused(decks):
    with pytest.raises(ValueError, match="docx"):
        deck_files.build_deck("docx", decks["id"][0], ID)


class RecordingProxy:
    """A local 'proxy' that answers nothing and remembers the first line of every request made to it."""

    def __init__(self):
        self.requests: list[bytes] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                self.requests.append(connection.recv(1024).split(b"\r\n")[0])


@pytest.mark.parametrize("fmt, lang", [("pptx", "id"), ("pdf", "en")])
def test_export_command_builds_the_deck_with_no_network(sample_db_path, tmp_path, fmt, lang):
    database = tmp_path / "copy.duckdb"
    shutil.copy(sample_db_path, database)
    proxy = RecordingProxy()
    proxies = {name: proxy.url for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                                            "all_proxy")}
    out = tmp_path / "decks" / f"deck.{fmt}"
    result = subprocess.run(
        [sys.executable, "-m", "cakupan", "export", "--format", fmt, "--out", str(out), "--lang", lang,
         "--db", str(database)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env=os.environ | proxies | {"NO_PROXY": "", "no_proxy": ""})
    proxy.server.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert proxy.requests == [], "the deck build tried to reach the network"
    if fmt == "pptx":
        titles = [slide.shapes.title.text for slide in Presentation(str(out)).slides]
        assert titles[1] == "Posisi nasional, Oktober 2023" and len(titles) == 6
    else:
        assert len(PdfReader(str(out)).pages) == 6
    assert ("6 slide" if lang == "id" else "6 slides") in result.stderr


@pytest.mark.parametrize("args, status, message", [
    (["--format", "docx", "--out", "x.docx"], 2, "invalid choice"),
    (["--format", "pdf"], 2, "--out"),
    (["--format", "pdf", "--out", "x.pdf", "--associations", "ABADI,NOPE"], 1,
     "Kode asosiasi tidak dikenal: NOPE"),
])
def test_export_command_refuses_bad_usage(sample_db_path, tmp_path, args, status, message):
    database = tmp_path / "copy.duckdb"
    shutil.copy(sample_db_path, database)
    result = subprocess.run([sys.executable, "-m", "cakupan", "export", "--db", str(database), *args], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert (result.returncode, result.stdout) == (status, "")
    assert message in result.stderr
    assert not (tmp_path / "x.pdf").exists()
