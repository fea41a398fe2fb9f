"""How old the data is: a banner on every page, a line on every slide, once the last month is more than
STALE_AFTER_MONTHS calendar months before today (a month's snapshot normally arrives within a month or two).

Pure functions: today's date is a parameter, so a test fixes the clock and the pages pass the real one.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cakupan import i18n
from cakupan.i18n import Translator
from cakupan.planner import engine

STALE_AFTER_MONTHS = 2


def age_in_months(last_month: dt.date, today: dt.date) -> int:
    """Calendar months from the last data month to today's month (Okt 2023 → Nov 2026 is 37)."""
    return engine.months_between(last_month, today)


def is_stale(last_month: dt.date | None, today: dt.date) -> bool:
    """True when the last data month lies more than STALE_AFTER_MONTHS months before today's month."""
    return last_month is not None and age_in_months(last_month, today) > STALE_AFTER_MONTHS


def data_age_text(last_month: dt.date | None, today: dt.date, t: Translator) -> str | None:
    """`Data terakhir: Okt 2023 — 37 bulan lalu` when the data is stale, else None (nothing to warn about)."""
    if not is_stale(last_month, today):
        return None
    return t("overview.data_age", month=i18n.format_month(last_month, t.lang),
             months=i18n.format_number(age_in_months(last_month, today), t.lang))


def latest_data_month(month_range) -> dt.date | None:
    """The later of the last association month and the last national month (a `month_range` row); None when the
    database holds no data yet."""
    months = [month_range[column] for column in ("last_enrollment_month", "last_national_month")]
    present = [pd.Timestamp(month).date() for month in months if not pd.isna(month)]
    return max(present) if present else None
