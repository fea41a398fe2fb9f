"""Moving through the deck: which slide a link asks for, the next or previous one, and when auto-advance is due.
Pure functions; the presenter's widgets keep the slide in the URL (`?slide=3`)."""

from __future__ import annotations

from typing import Sequence


def slide_index(requested, count: int) -> int:
    """The 0-based slide for a 1-based `?slide=` value; the first slide when it is missing or not a number."""
    try:
        position = int(str(requested))
    except ValueError:
        return 0
    return min(max(position, 1), count) - 1


def auto_seconds(requested, choices: Sequence[int]) -> int:
    """The auto-advance interval a `?auto=` value asks for, when it is one of `choices`; else 0 (off)."""
    try:
        seconds = int(str(requested))
    except ValueError:
        return 0
    return seconds if seconds in choices else 0


def step(index: int, count: int, delta: int, wrap: bool = False) -> int:
    """The slide `delta` places away: stops at either end, or goes round when `wrap` (auto-advance)."""
    if wrap:
        return (index + delta) % count
    return min(max(index + delta, 0), count - 1)


def is_due(shown_at: float | None, now: float, seconds: float) -> bool:
    """True when a slide shown at `shown_at` has been up for `seconds` (a small margin for timer jitter)."""
    return shown_at is not None and now - shown_at >= seconds - 0.5



def slide_number(index: int) -> int:
    """The 1-based number people see (and the URL carries) for a 0-based slide index."""
    return index + 1


def previous_slide(index: int, count: int) -> int:
    return step(index, count, -1)


def next_slide(index: int, count: int) -> int:
    return step(index, count, 1)


def is_last(index: int, count: int) -> bool:
    return index >= count - 1


def within(index: int, count: int) -> int:
    """`index` kept inside a deck of `count` slides (a shorter deck after a language or filter change)."""
    return min(max(index, 0), count - 1)


# The control bar's buttons (and the keys that click them): where each one moves from a slide.
MOVES = {"first": lambda index, count: 0, "previous": previous_slide, "next": next_slide,
         "last": lambda index, count: count - 1}
