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


def numbers_html(slide: Slide) -> str:
    """The slide's big numbers as HTML: stacked beside a chart, or a grid of three to a row without one."""
    escape = html.escape
    layout = "stacked" if slide.figure is not None else "grid"
    cards = "".join(
        f'<div class="cakupan-number tone-{number.tone if number.tone in TONES else "neutral"}">'
        f'<div class="label">{escape(number.label)}</div><div class="value">{escape(number.value)}</div>'
        f'<div class="detail">{escape(number.detail)}</div></div>' for number in slide.numbers)
    return f'<div class="cakupan-slide slide-{escape(slide.key)}"><div class="cakupan-numbers {layout}">{cards}</div></div>'

