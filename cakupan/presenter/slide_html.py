"""A slide's heading and big numbers as HTML, for the presenter page and the offline HTML deck (every value
escaped: names and numbers come from data)."""

from __future__ import annotations

import html

from cakupan.presenter.slides import Slide

TONES = ("neutral", "good", "warn", "bad")


def heading_html(slide: Slide, position: int, count: int) -> str:
    """The slide's kicker, counter, title and takeaway as HTML (every value escaped)."""
    escape = html.escape
    layout = "with-figure" if slide.figure is not None else "numbers-only"
    return (f'<section class="cakupan-slide {layout} slide-{escape(slide.key)}" data-slide="{position}">'
            f'<div class="kicker"><span>{escape(slide.kicker)}</span>'
            f'<span class="counter">{position} / {count}</span></div>'
            f'<h1 class="slide-title">{escape(slide.title)}</h1>'
            f'<p class="takeaway">{escape(slide.takeaway)}</p></section>')


def footer_html(slide: Slide) -> str:
    """The slide's foot line: the data month and the source."""
    return f'<div class="cakupan-slide slide-footer">{html.escape(slide.footer)}</div>'


def notes_html(slide: Slide, t) -> str:
    """The speaker notes, kept out of sight until asked for (the HTML deck's N key, the presenter view)."""
    return (f'<aside class="cakupan-slide speaker-notes"><strong>{html.escape(t("presenter.notes_title"))}</strong>'
            f'\n{html.escape(slide.notes)}</aside>')


def notes_view_html(deck: list[Slide], index: int, t) -> str:
    """The presenter view: which slide is up, its title, its speaker notes, and the next slide's title."""
    escape = html.escape
    slide = deck[index]
    following = deck[index + 1].title if index + 1 < len(deck) else t("presenter.notes_end")
    return (f'<section class="cakupan-slide presenter-view" data-slide="{index + 1}">'
            f'<div class="kicker"><span>{escape(t("presenter.notes_title"))}</span>'
            f'<span class="counter">{index + 1} / {len(deck)}</span></div>'
            f'<h1 class="slide-title">{escape(slide.title)}</h1>'
            f'<pre class="notes">{escape(slide.notes)}</pre>'
            f'<p class="next">{escape(t("presenter.notes_next", title=following))}</p></section>')


def numbers_html(slide: Slide) -> str:
    """The slide's big numbers as HTML: stacked beside a chart, or a grid of three to a row without one."""
    escape = html.escape
    layout = "stacked" if slide.figure is not None else "grid"
    cards = "".join(
        f'<div class="cakupan-number tone-{number.tone if number.tone in TONES else "neutral"}">'
        f'<div class="label">{escape(number.label)}</div><div class="value">{escape(number.value)}</div>'
        f'<div class="detail">{escape(number.detail)}</div></div>' for number in slide.numbers)
    return f'<div class="cakupan-slide slide-{escape(slide.key)}"><div class="cakupan-numbers {layout}">{cards}</div></div>'

