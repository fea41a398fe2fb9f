"""The presenter page's widgets: one slide on the whole screen, and a quiet control bar under it.

The slide shown lives in the URL (`?slide=3`, 1-based) so that a reload or a shared link lands on the same slide,
and so does the auto-advance interval (`?auto=20`). Moving between slides is `navigation`; the slide's HTML is
`slide_html`.
"""

from __future__ import annotations

import time

import plotly.graph_objects as go
import streamlit as st

from cakupan import i18n, theme
from cakupan.i18n import Translator
from cakupan.presenter import deck_files, deck_inputs, navigation, slide_html
from cakupan.presenter.slides import Slide

AUTO_ADVANCE_SECONDS = (0, 10, 20, 30, 60)
FIGURE_HEIGHT_PX = 700    # what is left of a 1080-pixel screen under the heading and above the controls
SHOWN_KEY = "_presenter_shown"
AUTO_KEY = "presenter_auto"


def current_index(count: int) -> int:
    """The slide the URL asks for (0-based), and the language written into the URL so a link keeps it."""
    st.query_params["lang"] = i18n.normalize_language(st.session_state.get("lang"))
    return navigation.slide_index(st.query_params.get("slide", "1"), count)


def go_to(index: int) -> None:
    st.query_params["slide"] = str(navigation.slide_number(index))


def show_slide(slide: Slide, index: int, count: int) -> None:
    """Heading across the top; beneath it the chart with the numbers beside it, or the numbers alone."""
    css = f"<style>{theme.SLIDES_CSS.read_text(encoding='utf-8')}</style>"
    st.html(f"{css}{slide_html.heading_html(slide, navigation.slide_number(index), count)}")
    if slide.figure is None:
        st.html(slide_html.numbers_html(slide))
        return
    side, main = st.columns([1.3, 3], gap="large")  # room for "+380 thousand" in stage type
    side.html(slide_html.numbers_html(slide))
    main.plotly_chart(go.Figure(slide.figure).update_layout(height=FIGURE_HEIGHT_PX), key=f"slide_{slide.key}_chart",
                      width="stretch", theme=None, config={"displayModeBar": False, "displaylogo": False})


def controls(deck: list[Slide], index: int, scenarios: list[deck_inputs.ScenarioSlideData], t: Translator) -> int:
    """Previous / counter / next, auto-advance, downloads and the way out; returns the auto-advance seconds."""
    count = len(deck)
    with st.container(key="presenter_controls"):
        back, counter, forward, auto, downloads, leave = st.columns([1.2, 1.2, 1.2, 1.4, 1.2, 1.6],
                                                                    vertical_alignment="center")
        back.button(t("presenter.previous"), key="presenter_previous", icon=":material/chevron_left:",
                    on_click=go_to, args=(navigation.previous_slide(index, count),), disabled=index == 0, width="stretch")
        counter.markdown(f"**{t('presenter.counter', position=navigation.slide_number(index), count=count)}**")
        forward.button(t("presenter.next"), key="presenter_next", icon=":material/chevron_right:", type="primary",
                       on_click=go_to, args=(navigation.next_slide(index, count),), disabled=navigation.is_last(index, count),
                       width="stretch")
        if AUTO_KEY not in st.session_state:
            st.session_state[AUTO_KEY] = navigation.auto_seconds(st.query_params.get("auto"), AUTO_ADVANCE_SECONDS)
        seconds = auto.selectbox(t("presenter.auto_advance"), AUTO_ADVANCE_SECONDS, key=AUTO_KEY,
                                 on_change=_remember_auto, label_visibility="collapsed",
                                 format_func=lambda s: t("presenter.auto_seconds", seconds=s) if s else t(
                                     "presenter.auto_off"))
        with downloads.popover(t("presenter.downloads"), icon=":material/download:", width="stretch"):
            download_menu(deck, index, scenarios, t)
        leave.page_link("dashboard.py", label=t("presenter.exit"), icon=":material/close:")
    return seconds or 0


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
    for fmt, label in (("pptx", "presenter.deck_pptx"), ("pdf", "presenter.deck_pdf"), ("html", "presenter.deck_html")):
        st.download_button(t(label), data=lambda fmt=fmt: deck_files.build_deck(fmt, deck, t),
                           file_name=deck_files.file_name(fmt, t.lang), mime=deck_files.MIME_TYPES[fmt],
                           key=f"presenter_deck_{fmt}", on_click="ignore", width="stretch")
    if slide.figure is not None:
        st.download_button(t("presenter.slide_png"), data=lambda: deck_files.chart_png(slide.figure),
                           file_name=f"cakupan_slide_{slide.key}.png", mime="image/png",
                           key="presenter_slide_png", on_click="ignore", width="stretch")
    if slide.data is not None:
        st.download_button(t("presenter.slide_csv"), data=slide.data.to_csv(index=False).encode("utf-8"),
                           file_name=f"cakupan_slide_{slide.key}.csv", mime="text/csv",
                           key="presenter_slide_csv", on_click="ignore", width="stretch")


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
