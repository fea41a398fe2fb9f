"""The deck as files to take to a venue: PPTX, PDF and one self-contained HTML file; single charts as PNG.

Titles, numbers and takeaways are real text (searchable, editable); charts are images. All chart images of a
deck are rendered in one kaleido session — one headless chromium for the whole deck, which is what keeps a
build to seconds — with plotly.js from the installed plotly package, MathJax switched off and chromium's own
traffic sent nowhere, so a deck builds with no network at all. PPTX and PDF share one slide geometry (`SlideGeometry`, in inches).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import html
import io
from pathlib import Path
from typing import Sequence

import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline

from cakupan import theme
from cakupan.i18n import Translator
from cakupan.presenter import slide_html
from cakupan.presenter.slides import Slide

FORMATS = ("pptx", "pdf", "html")
MIME_TYPES = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "pdf": "application/pdf", "html": "text/html", "png": "image/png", "csv": "text/csv"}
SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5
PIXELS_PER_INCH = 120    # chart layout size: stage fonts (22 px) read large on the slide; rendered at 2× for sharpness
IMAGE_SCALE = 2
GREEN, INK, GREY = "0B6E4F", "111111", "333333"
TONE_COLORS = {"neutral": INK, **{tone: theme.STATUS_COLORS[status].lstrip("#").upper()
                                  for status, tone in (("on_track", "good"), ("at_risk", "warn"), ("off_track", "bad"))}}
# Chromium phones home on start (update checks, time sync, a default search page) and would follow the
# HTTP(S)_PROXY variables to do it. Pointing its proxy at a closed local port keeps every request on this
# machine; plotly.js and the page come from local files, which no proxy touches.
NO_NETWORK_PROXY = "http://127.0.0.1:1"
FONT_CANDIDATES = (  # a TrueType font for the PDF, so that "—", "≥" and "×" print; Helvetica otherwise
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


@dataclasses.dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclasses.dataclass(frozen=True)
class SlideGeometry:
    """Where each part of a slide goes, in inches from the top-left corner of a 13.333 × 7.5 in slide."""
    kicker: Box
    title: Box
    takeaway: Box
    numbers: tuple[Box, ...]
    figure: Box | None
    title_size: int
    value_size: int


FOOTER = Box(0.5, 7.08, 12.33, 0.32)      # the data month and the source, under every slide


def geometry(slide: Slide) -> SlideGeometry:
    """Charts take the right two thirds with the numbers stacked beside them; without a chart the numbers
    form a grid of three to a row."""
    kicker = Box(0.5, 0.3, 12.33, 0.4)
    if slide.key == "title":
        return SlideGeometry(kicker, Box(0.5, 1.6, 12.33, 1.6), Box(0.5, 3.3, 12.33, 1.2),
                             _grid(len(slide.numbers), top=4.9, height=1.7), None, 44, 40)
    title, takeaway = Box(0.5, 0.8, 12.33, 0.75), Box(0.5, 1.55, 12.33, 1.0)
    if slide.figure is None:
        return SlideGeometry(kicker, title, takeaway, _grid(len(slide.numbers), top=2.85, height=2.0), None, 32, 44)
    count = max(1, len(slide.numbers))
    height = min(1.45, 4.6 / count)
    numbers = tuple(Box(0.5, 2.75 + index * height, 3.3, height) for index in range(len(slide.numbers)))
    return SlideGeometry(kicker, title, takeaway, numbers, Box(4.0, 2.65, 8.9, 4.6), 32, 30)


def _grid(count: int, top: float, height: float) -> tuple[Box, ...]:
    width = 12.33 / 3
    return tuple(Box(0.5 + (index % 3) * width, top + (index // 3) * height, width - 0.2, height)
                 for index in range(count))


def render_pngs(figures: Sequence[go.Figure], sizes: Sequence[tuple[int, int]]) -> list[bytes]:
    """PNG images of `figures` at (width, height) pixels, all through one kaleido browser session."""
    if not figures:
        return []
    # A thread of its own gives kaleido a fresh event loop even when the caller already runs one
    # (a Streamlit server thread, Playwright's sync API in a test session).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, _render_pngs(list(figures), list(sizes))).result()


async def _render_pngs(figures: list[go.Figure], sizes: list[tuple[int, int]]) -> list[bytes]:
    import kaleido  # imported late: starting the dashboard should not pay for it
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    async with kaleido.Kaleido(n=1, plotlyjs=str(plotly_js), mathjax=False, proxy_server=NO_NETWORK_PROXY) as renderer:
        return [await renderer.calc_fig(figure, opts={"format": "png", "width": width, "height": height, "scale": IMAGE_SCALE})
                for figure, (width, height) in zip(figures, sizes)]


def chart_png(figure: go.Figure, width: int = 1280, height: int = 720) -> bytes:
    """One chart as a PNG (the download under a chart, built when clicked)."""
    return render_pngs([figure], [(width, height)])[0]


def figure_images(deck: Sequence[Slide]) -> dict[int, bytes]:
    """The chart image of every slide that has a chart, by slide position, rendered in one batch."""
    with_figures = [(index, slide) for index, slide in enumerate(deck) if slide.figure is not None]
    sizes = [_pixels(geometry(slide).figure) for _, slide in with_figures]
    images = render_pngs([slide.figure for _, slide in with_figures], sizes)
    return {index: image for (index, _), image in zip(with_figures, images)}


def _pixels(box: Box) -> tuple[int, int]:
    return round(box.width * PIXELS_PER_INCH), round(box.height * PIXELS_PER_INCH)


def deck_pptx(deck: Sequence[Slide], images: dict[int, bytes]) -> bytes:
    """A 16:9 PowerPoint file, one slide per `Slide`: text boxes for the words and numbers, the chart as a picture."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    title_only = presentation.slide_layouts[5]  # the title stays a real title (outline, screen readers)
    for index, slide in enumerate(deck):
        page = presentation.slides.add_slide(title_only)
        place = geometry(slide)
        _pptx_text(page, place.kicker, [(f"{slide.kicker}   ·   {index + 1} / {len(deck)}", 14, True, GREEN)])
        _pptx_title(page.shapes.title, place.title, slide.title, place.title_size)
        _pptx_text(page, place.takeaway, [(slide.takeaway, 20, False, INK)])
        for number, box in zip(slide.numbers, place.numbers):
            _pptx_text(page, box, [(number.label, 14, True, GREY),
                                   (number.value, place.value_size, True, TONE_COLORS.get(number.tone, INK)),
                                   (number.detail, 12, False, GREY)])
        if place.figure is not None and index in images:
            page.shapes.add_picture(io.BytesIO(images[index]), Inches(place.figure.x), Inches(place.figure.y),
                                    Inches(place.figure.width), Inches(place.figure.height))
        _pptx_text(page, FOOTER, [(slide.footer, 11, False, GREY)])
        page.notes_slide.notes_text_frame.text = slide.notes
    output = io.BytesIO()
    presentation.save(output)
    return output.getvalue()


def _pptx_text(page, box: Box, paragraphs: list[tuple[str, int, bool, str]]):
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    shape = page.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.width), Inches(box.height))
    frame = shape.text_frame
    frame.word_wrap = True
    for position, (text, size, bold, color) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, RGBColor.from_string(color)
    return shape


def _pptx_title(shape, box: Box, text: str, size: int) -> None:
    """Move the layout's title placeholder into `box` and fill it, left-aligned like the rest of the slide."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    shape.left, shape.top, shape.width, shape.height = (Inches(box.x), Inches(box.y), Inches(box.width),
                                                        Inches(box.height))
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.TOP
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, RGBColor.from_string(INK)


def deck_pdf(deck: Sequence[Slide], images: dict[int, bytes], title: str = "Cakupan", notes_title: str = "") -> bytes:
    """A PDF with one 16:9 page per slide, the same geometry as the PPTX; text stays text. With `notes_title`, a
    page of speaker notes follows each slide."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    regular, bold = _pdf_fonts()
    output = io.BytesIO()
    page_width, page_height = SLIDE_WIDTH_IN * 72, SLIDE_HEIGHT_IN * 72
    pdf = canvas.Canvas(output, pagesize=(page_width, page_height), pageCompression=1)
    pdf.setTitle(title)
    for index, slide in enumerate(deck):
        place = geometry(slide)
        _pdf_text(pdf, place.kicker, [(f"{slide.kicker}   ·   {index + 1} / {len(deck)}", 14, bold, GREEN)])
        _pdf_text(pdf, place.title, [(slide.title, place.title_size, bold, INK)])
        _pdf_text(pdf, place.takeaway, [(slide.takeaway, 20, regular, INK)])
        for number, box in zip(slide.numbers, place.numbers):
            _pdf_text(pdf, box, [(number.label, 14, bold, GREY),
                                 (number.value, place.value_size, bold, TONE_COLORS.get(number.tone, INK)),
                                 (number.detail, 12, regular, GREY)])
        if place.figure is not None and index in images:
            box = place.figure
            pdf.drawImage(ImageReader(io.BytesIO(images[index])), box.x * 72, page_height - (box.y + box.height) * 72,
                          width=box.width * 72, height=box.height * 72)
        _pdf_text(pdf, FOOTER, [(slide.footer, 11, regular, GREY)])
        pdf.showPage()
        if notes_title:
            _pdf_text(pdf, place.kicker, [(f"{notes_title} · {index + 1} / {len(deck)}", 14, bold, GREEN)])
            _pdf_text(pdf, Box(0.5, 0.8, 12.33, 0.7), [(slide.title, 24, bold, INK)])
            _pdf_text(pdf, Box(0.5, 1.6, 12.33, 5.4), [(line or " ", 15, regular, INK)
                                                        for line in slide.notes.splitlines()])
            pdf.showPage()
    pdf.save()
    return output.getvalue()


def _pdf_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular_path, bold_path in FONT_CANDIDATES:
        if Path(regular_path).exists() and Path(bold_path).exists():
            if "CakupanSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("CakupanSans", regular_path))
                pdfmetrics.registerFont(TTFont("CakupanSans-Bold", bold_path))
            return "CakupanSans", "CakupanSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _pdf_text(pdf, box: Box, paragraphs: list[tuple[str, int, str, str]]) -> None:
    """Paragraphs stacked from the top of `box`, each wrapped to its width."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    page_height = SLIDE_HEIGHT_IN * 72
    top = page_height - box.y * 72
    for text, size, font, color in paragraphs:
        if not text:
            continue
        style = ParagraphStyle("slide", fontName=font, fontSize=size, leading=size * 1.2, textColor=HexColor(f"#{color}"))
        paragraph = Paragraph(html.escape(text), style)
        _, height = paragraph.wrap(box.width * 72, box.height * 72)
        paragraph.drawOn(pdf, box.x * 72, top - height)
        top -= height + size * 0.15


def deck_html(deck: Sequence[Slide], t: Translator) -> str:
    """One self-contained HTML file: plotly.js inlined once, every slide a full-screen section; arrow keys,
    Page Up/Down and space step through it, N shows the speaker notes. Opens from a USB stick with no network."""
    css = theme.SLIDES_CSS.read_text(encoding="utf-8")
    sections = []
    for index, slide in enumerate(deck):
        chart = ""
        if slide.figure is not None:
            figure = go.Figure(slide.figure).update_layout(height=780)
            chart = pio.to_html(figure, full_html=False, include_plotlyjs=False, default_width="100%",
                                config={"displaylogo": False, "responsive": True})
        body = (f'<div class="beside"><div class="side">{slide_html.numbers_html(slide)}</div>'
                f'<div class="chart">{chart}</div></div>' if chart else slide_html.numbers_html(slide))
        sections.append(f'<div class="page">{slide_html.heading_html(slide, index + 1, len(deck))}{body}'
                        f'{slide_html.footer_html(slide)}{slide_html.notes_html(slide, t)}</div>')
    return f"""<!DOCTYPE html>
<html lang="{t.lang}"><head><meta charset="utf-8"><title>{html.escape(deck[0].title)} · Cakupan</title>
<style>{css}
html, body {{ margin: 0; background: #fff; }}
body {{ scroll-snap-type: y mandatory; overflow-y: scroll; height: 100vh; }}
.page {{ box-sizing: border-box; height: 100vh; padding: 24px 48px; scroll-snap-align: start; overflow: hidden;
          position: relative; }}
.page .slide-footer {{ position: absolute; left: 48px; bottom: 16px; }}
body:not(.show-notes) .speaker-notes {{ display: none; }}
.speaker-notes {{ position: absolute; right: 24px; bottom: 48px; width: 40%; max-height: 60%; overflow: auto;
                  background: #f6f6f6; border: 2px solid #888888; padding: 12px; font-size: 18px; white-space: pre-wrap; }}
.beside {{ display: flex; gap: 36px; align-items: flex-start; }}
.beside .side {{ flex: 0 0 24%; }} .beside .chart {{ flex: 1 1 auto; min-width: 0; }}
@media print {{ .page {{ page-break-after: always; height: auto; }} }}
</style>
<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>
</head><body>
{"".join(sections)}
<script>
var pages = Array.from(document.querySelectorAll(".page"));
function shownPage() {{  // the page whose top is nearest the top of the window
  var tops = pages.map(function (page) {{ return Math.abs(page.getBoundingClientRect().top); }});
  return tops.indexOf(Math.min.apply(null, tops));
}}
document.addEventListener("keydown", function (event) {{
  if (event.key === "n" || event.key === "N") {{ document.body.classList.toggle("show-notes"); return; }}
  var step = ["ArrowRight", "ArrowDown", "PageDown", " "].includes(event.key) ? 1
           : ["ArrowLeft", "ArrowUp", "PageUp"].includes(event.key) ? -1 : 0;
  if (!step) return;
  event.preventDefault();
  pages[Math.min(Math.max(shownPage() + step, 0), pages.length - 1)].scrollIntoView();
}});
</script>
</body></html>"""


def build_deck(fmt: str, deck: Sequence[Slide], t: Translator, notes: bool = False) -> bytes:
    """The deck in `fmt` (`pptx`, `pdf` or `html`) as bytes. The PPTX always carries speaker notes, the HTML
    shows them with the N key; the PDF gets a notes page after each slide when `notes` is set."""
    if fmt == "html":
        return deck_html(deck, t).encode("utf-8")
    images = figure_images(deck)
    if fmt == "pptx":
        return deck_pptx(deck, images)
    if fmt == "pdf":
        return deck_pdf(deck, images, title=deck[0].title, notes_title=t("presenter.notes_title") if notes else "")
    raise ValueError(f"unknown deck format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_name(fmt: str, lang: str, notes: bool = False) -> str:
    """`cakupan_deck_id.pptx`: the language in the name, so the Indonesian and English decks never clash;
    `cakupan_deck_id_notes.pdf` for the PDF with speaker notes."""
    return f"cakupan_deck_{lang}{'_notes' if notes else ''}.{fmt}"
