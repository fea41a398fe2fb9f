"""Labels in Bahasa Indonesia and English, and numbers and months formatted for each language.

Labels live in `cakupan/labels/<namespace>.toml`, one table per key with an `id` and an `en` string:
the key `growth.title` is table `title` of `growth.toml`. Formatting goes through Babel (CLDR data), so
`40200000` reads `40,2 juta` in Indonesian and `40.2 million` in English. CSV downloads follow the reader's
spreadsheet conventions too (`csv_bytes`).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

if TYPE_CHECKING:
    import pandas as pd

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LABELS_DIR = Path(__file__).parent / "labels"

Translator = Callable[..., str]


@functools.cache
def labels() -> dict[str, dict[str, str]]:
    """Every label, keyed `namespace.key`, each a dict of language → text."""
    table: dict[str, dict[str, str]] = {}
    for path in sorted(LABELS_DIR.glob("*.toml")):
        for key, texts in tomllib.loads(path.read_text(encoding="utf-8")).items():
            table[f"{path.stem}.{key}"] = texts
    return table


def normalize_language(lang: str | None) -> str:
    """A supported language code; anything else falls back to Indonesian."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str, **values) -> str:
    """The label `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = labels()[key][normalize_language(lang)]
    return text.format(**values) if values else text


def translator(lang: str) -> Translator:
    """A one-argument `t(key, **values)` bound to `lang`, as pages use it."""
    lang = normalize_language(lang)

    def t(key: str, **values) -> str:
        return translate(key, lang, **values)

    t.lang = lang  # type: ignore[attr-defined]
    return t


# Babel parses a locale name and a number pattern on every call (most of the time of a chart with a thousand
# labelled bars); given the parsed objects it takes the same path without parsing: the same text, faster.
@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(normalize_language(lang))


@functools.cache
def _pattern(pattern: str) -> babel_numbers.NumberPattern:
    return babel_numbers.parse_pattern(pattern)


def format_number(value: float | int | None, lang: str) -> str:
    """A whole number with the language's grouping: `40.200.000` / `40,200,000`."""
    if value is None or _is_missing(value):
        return "–"
    return babel_numbers.format_decimal(round(value), format=_pattern("#,##0"), locale=_locale(lang))


def format_signed(value: float | int | None, lang: str) -> str:
    """A whole number with an explicit sign, for changes: `+1.234` / `−1.234`."""
    if value is None or _is_missing(value):
        return "–"
    return babel_numbers.format_decimal(round(value), format=_pattern("+#,##0;-#,##0"), locale=_locale(lang))


def format_compact(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A large number in words: `40,2 juta`, `402 ribu` / `40.2 million`; small numbers stay whole."""
    if value is None or _is_missing(value):
        return "–"
    if abs(value) < 10_000:
        return format_number(value, lang)
    return babel_numbers.format_compact_decimal(
        value, format_type="long", fraction_digits=digits, locale=_locale(lang))


def format_card_number(value: float | int | None, lang: str) -> str:
    """A number short enough for a KPI card: a million and more in words (`40,2 juta` / `40.2 million`), smaller
    numbers in full (`380.150`), so no card needs more room than `+4.559.873`."""
    if value is None or _is_missing(value):
        return "–"
    return format_compact(value, lang) if abs(value) >= 1_000_000 else format_number(value, lang)


def format_decimal(value: float | None, lang: str, digits: int = 1, signed: bool = False) -> str:
    """A decimal number with a fixed number of digits: `1,5` / `1.5` (`+1,5` when signed)."""
    if value is None or _is_missing(value):
        return "–"
    body = "#,##0." + "0" * digits if digits else "#,##0"
    pattern = f"+{body};-{body}" if signed else body
    return babel_numbers.format_decimal(value, format=_pattern(pattern), locale=_locale(lang))


def format_percent(percent: float | None, lang: str, digits: int = 1) -> str:
    """A percentage given in percent points (61.23 → `61,2%` / `61.2%`)."""
    if percent is None or _is_missing(percent):
        return "–"
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return babel_numbers.format_percent(percent / 100, format=_pattern(pattern), locale=_locale(lang))


def format_month(month: dt.date, lang: str, long: bool = False) -> str:
    """A month as `Okt 2023` (or `Oktober 2023` when long) in the language's month names."""
    pattern = "MMMM yyyy" if long else "MMM yyyy"
    return babel_dates.format_date(month, pattern, locale=_locale(lang))


# What a spreadsheet set to each language opens as columns without an import dialog: Excel in an Indonesian
# locale splits on `;` and reads `61,2` as a number (a `,` file opens as one column), and needs the BOM to read
# UTF-8 (province names, `–`).
CSV_STYLES = {"id": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
              "en": {"sep": ",", "decimal": ".", "encoding": "utf-8"}}


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """A table as the CSV file a download gives, in the reader's language: the values unchanged, the separators,
    decimal mark, encoding (CSV_STYLES) and column headers (`column_header`) of `lang`."""
    style = CSV_STYLES[normalize_language(lang)]
    text = frame.to_csv(index=False, header=[column_header(column, lang) for column in frame.columns],
                        sep=style["sep"], decimal=style["decimal"])
    return text.encode(style["encoding"])


def column_header(column: str, lang: str) -> str:
    """A column's header in a download: its label in labels/columns.toml; a column without one (a table already
    made for display, with headers in the language) keeps its name."""
    key = f"columns.{column}"
    return translate(key, lang) if key in labels() else str(column)


def plotly_separators(lang: str) -> str:
    """Plotly's `layout.separators` (decimal then thousands) for the language."""
    return ",." if normalize_language(lang) == "id" else ".,"


def _is_missing(value: float | int) -> bool:
    try:
        return math.isnan(value)
    except TypeError:
        return False
