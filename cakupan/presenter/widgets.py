"""The presenter page's widgets: one slide filling the screen, a control bar that stays out of the audience's
sight (it appears on mouse move), a keyboard and clicker, and the presenter view with the speaker notes.

The slide shown lives in the URL (`?slide=3`, 1-based) so that a reload or a second screen lands on the same
slide, and so does the auto-advance interval (`?auto=20`). Moving between slides is `navigation`; the slide's HTML
is `slide_html`; the keys are assets/presenter_keys.js.
"""

from __future__ import annotations

import datetime as dt
import functools
import time

import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components

from cakupan import i18n, theme, ui
from cakupan.data import db, workbook
from cakupan.i18n import Translator
from cakupan.presenter import deck_files, deck_inputs, navigation, slide_html, slides
from cakupan.presenter.slides import Slide

AUTO_ADVANCE_SECONDS = (0, 10, 20, 30, 60)
SHOWN_KEY = "_presenter_shown"
AUTO_KEY = "presenter_auto"
NOTES_REFRESH_SECONDS = 1


def deck(t: Translator, associations: list[str], period, scenario: deck_inputs.ScenarioSlideData | None,
         today: dt.date) -> slides.Deck:
    """The deck for these choices, shared by the sessions of this server process until the data changes: each
    slide is built once, the first time any session shows it (`slides.Deck` builds slides when asked for)."""
    scenario_key = None if scenario is None else (
        scenario.name, scenario.scope, scenario.levers, scenario.scenario.method, scenario.scenario.window_months,
        scenario.scenario.target_month)
    return _deck(db.data_version(), t.lang, tuple(associations), tuple(period) if period else None, scenario_key,
                 scenario, today)


@st.cache_resource(max_entries=16, show_spinner=False)
def _deck(version: int, lang: str, associations: tuple[str, ...], period, scenario_key, _scenario,
          today: dt.date) -> slides.Deck:
    # today is in the key: the foot line says how old the data is
    return slides.build_slides(deck_inputs.gather_inputs(ui.query, associations, period, _scenario),
                               i18n.translator(lang), today)


def current_index(count: int) -> int:
    """The slide the URL asks for (0-based), and the language written into the URL so a link keeps it."""
    st.query_params["lang"] = i18n.normalize_language(st.session_state.get("lang"))
    return navigation.slide_index(st.query_params.get("slide", "1"), count)


def notes_view_requested() -> bool:
    """`?notes=1`: the presenter view (speaker notes) in a second window, following the presenting one."""
    return st.query_params.get("notes") == "1"


def go_to(index: int) -> None:
    st.query_params["slide"] = str(navigation.slide_number(index))


def _move(count: int, where: str) -> None:
    """A button's or key's move, from the slide the URL holds when it runs: two quick presses move two slides."""
    index = navigation.slide_index(st.query_params.get("slide", "1"), count)
    go_to(navigation.MOVES[where](index, count))


def show_slide(slide: Slide, index: int, count: int) -> None:
    """Heading across the top; beneath it the chart with the numbers beside it, or the numbers alone, filling the
    screen down to the foot line (data month and source)."""
    keyboard()
    st.html(f"<style>{theme.SLIDES_CSS.read_text(encoding='utf-8')}</style>"
            f"{slide_html.heading_html(slide, navigation.slide_number(index), count)}")
    with st.container(key="slide_body"):
        if slide.figure is None:
            st.html(slide_html.numbers_html(slide))
        else:
            side, main = st.columns([1.3, 3], gap="large")  # room for "+380 thousand" in stage type
            side.html(slide_html.numbers_html(slide))
            main.plotly_chart(go.Figure(slide.figure).update_layout(height=None, autosize=True),
                              key=f"slide_{slide.key}_chart", width="stretch", height="stretch", theme=None,
                              config={"displayModeBar": False, "displaylogo": False, "responsive": True})
    st.html(slide_html.footer_html(slide))
    publish_position(index)


@st.cache_resource
def _shown_slide() -> dict:
    """The slide the presenting window shows, for the presenter view in another window (one per server process)."""
    return {}


def publish_position(index: int) -> None:
    _shown_slide()["index"] = index


def controls(deck: list[Slide], index: int, scenarios: list[deck_inputs.ScenarioSlideData], t: Translator) -> int:
    """First / previous / counter / next / last, auto-advance, downloads and the way out, in a bar that shows
    while the mouse moves; the keyboard and clicker drive the same buttons. Returns the auto-advance seconds."""
    count = len(deck)
    with st.container(key="presenter_controls"):
        first, back, counter, forward, last, auto, downloads, notes, leave = st.columns(
            [0.6, 1.2, 1.1, 1.2, 0.6, 1.5, 1.1, 1.2, 1.5], vertical_alignment="center")
        _move_button(first, "first", "", ":material/first_page:", index == 0, count, t)
        _move_button(back, "previous", t("presenter.previous"), ":material/chevron_left:", index == 0, count, t)
        counter.markdown(f"**{t('presenter.counter', position=navigation.slide_number(index), count=count)}**")
        _move_button(forward, "next", t("presenter.next"), ":material/chevron_right:",
                     navigation.is_last(index, count), count, t)
        _move_button(last, "last", "", ":material/last_page:", navigation.is_last(index, count), count, t)
        if AUTO_KEY not in st.session_state:
            st.session_state[AUTO_KEY] = navigation.auto_seconds(st.query_params.get("auto"), AUTO_ADVANCE_SECONDS)
        seconds = auto.selectbox(t("presenter.auto_advance"), AUTO_ADVANCE_SECONDS, key=AUTO_KEY,
                                 on_change=_remember_auto, label_visibility="collapsed",
                                 format_func=lambda s: t("presenter.auto_seconds", seconds=s) if s else t(
                                     "presenter.auto_off"))
        with downloads.popover(t("presenter.downloads"), icon=":material/download:", width="stretch"):
            download_menu(deck, index, scenarios, t)
        notes.link_button(t("presenter.open_notes"), f"?notes=1&lang={t.lang}", icon=":material/speaker_notes:",
                          width="stretch", help=t("presenter.open_notes_help"))
        if leave.button(t("presenter.exit"), key="presenter_exit", icon=":material/close:", width="stretch"):
            st.switch_page("dashboard.py")
    return seconds or 0


def keyboard() -> None:
    """The keys and the clicker (assets/presenter_keys.js), drawn first so they work as soon as the page opens."""
    with st.container(key="presenter_keys"):
        components.html(f"<script>{theme.PRESENTER_KEYS_JS.read_text(encoding='utf-8')}</script>", height=0)


def _move_button(column, where: str, label: str, icon: str, disabled: bool, count: int, t: Translator) -> None:
    column.button(label, key=f"presenter_{where}", icon=icon, on_click=_move, args=(count, where), disabled=disabled,
                  type="primary" if where == "next" else "secondary", width="stretch",
                  help=t(f"presenter.key_{where}"))


def _remember_auto() -> None:
    """Keep the interval in the URL (`?auto=20`), so a kiosk link starts the loop by itself."""
    seconds = st.session_state[AUTO_KEY]
    if seconds:
        st.query_params["auto"] = str(seconds)
    else:
        st.query_params.pop("auto", None)


def download_menu(deck: list[Slide], index: int, scenarios: list[deck_inputs.ScenarioSlideData], t: Translator) -> None:
    """Deck files and the current slide's chart and data; every file is built only when its button is clicked."""
    slide = deck[index]
    if scenarios:
        names = [scenario.name for scenario in scenarios]
        st.selectbox(t("presenter.scenario_choice"), ["", *names], key="presenter_scenario",
                     format_func=lambda name: name or t("presenter.no_scenario"))
    for key, fmt, with_notes in (("pptx", "pptx", False), ("pdf", "pdf", False), ("pdf_notes", "pdf", True),
                                 ("html", "html", False)):
        st.download_button(t(f"presenter.deck_{key}"), data=lambda fmt=fmt, with_notes=with_notes: deck_files.build_deck(
                               fmt, deck, t, notes=with_notes),
                           file_name=deck_files.file_name(fmt, t.lang, notes=with_notes),
                           mime=deck_files.MIME_TYPES[fmt], key=f"presenter_deck_{key}", on_click="ignore",
                           width="stretch")
    if slide.figure is not None:
        st.download_button(t("presenter.slide_png"), data=lambda: deck_files.chart_png(slide.figure),
                           file_name=f"cakupan_slide_{slide.key}.png", mime="image/png",
                           key="presenter_slide_png", on_click="ignore", width="stretch")
    if slide.data is not None:
        st.download_button(t("presenter.slide_csv"), data=i18n.csv_bytes(slide.data, t.lang),
                           file_name=f"cakupan_slide_{slide.key}.csv", mime="text/csv",
                           key="presenter_slide_csv", on_click="ignore", width="stretch")
        st.download_button(t("presenter.slide_xlsx"),
                           data=functools.partial(workbook.table_workbook_bytes, f"slide_{slide.key}", slide.data, t.lang),
                           file_name=f"cakupan_slide_{slide.key}.xlsx", mime=workbook.XLSX_MIME,
                           key="presenter_slide_xlsx", on_click="ignore", width="stretch")
    st.download_button(t("presenter.deck_xlsx"),
                       data=functools.partial(workbook.page_workbook_bytes, slides.chart_tables(deck), t.lang),
                       file_name=f"cakupan_deck_data_{t.lang}.xlsx", mime=workbook.XLSX_MIME,
                       key="presenter_deck_xlsx", on_click="ignore", width="stretch")


def chosen_scenario(scenarios: list[deck_inputs.ScenarioSlideData]) -> deck_inputs.ScenarioSlideData | None:
    """The scenario picked in the download menu on the previous run (the menu is drawn after the slide)."""
    name = st.session_state.get("presenter_scenario")
    return next((scenario for scenario in scenarios if scenario.name == name), None)


def auto_advance(seconds: int, index: int, count: int) -> None:
    """Every `seconds`, move to the next slide (round to the first after the last); nothing when 0."""
    shown = st.session_state.get(SHOWN_KEY)
    if not shown or shown[0] != index:
        st.session_state[SHOWN_KEY] = (index, time.monotonic())
    if not seconds:
        return

    @st.fragment(run_every=seconds)
    def timer() -> None:
        shown_index, shown_at = st.session_state[SHOWN_KEY]
        if shown_index == index and navigation.is_due(shown_at, time.monotonic(), seconds):
            go_to(navigation.step(index, count, 1, wrap=True))
            st.rerun()

    timer()


def notes_view(deck: list[Slide], t: Translator) -> None:
    """The presenter view: the slide the presenting window shows, its notes and what comes next; it follows that
    window (checked every second) and, until it has shown one, the slide in this window's own URL."""

    @st.fragment(run_every=NOTES_REFRESH_SECONDS)
    def follow() -> None:
        index = navigation.within(_shown_slide().get("index", current_index(len(deck))), len(deck))
        st.html(f"<style>{theme.SLIDES_CSS.read_text(encoding='utf-8')}</style>"
                f"{slide_html.notes_view_html(deck, index, t)}")

    follow()
