"""Coverage of the workforce: active participants ÷ the employed population (BPS Sakernas), and per association
active participants ÷ the eligible workers of its ecosystem. Pure functions; the words a reader sees included.

Sakernas is published twice a year (February and August), the participant series monthly. A month between two
rounds gets the straight line between them (`interpolated`), a month after the last round keeps that round's
figure (`carried_forward`), a month before the first round gets no coverage at all: every row says which, and the
page says so too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from cakupan import i18n
from cakupan.i18n import Translator
from cakupan.takeaways import Card

# RPJMN 2020–2024: 37.24% of the working population covered by 2024 (medcom; Kompas, Sep 2021 — sample_data/README.md)
RPJMN_TARGET_PCT = 37.24
RPJMN_TARGET_YEAR = 2024
BASES = ("survey", "interpolated", "carried_forward")


def month_number(months: pd.Series) -> np.ndarray:
    """Months as consecutive integers (year × 12 + month), so that interpolation counts whole months."""
    stamps = pd.to_datetime(months)
    return (stamps.dt.year * 12 + stamps.dt.month).to_numpy()


def employed_by_month(labour_force: pd.DataFrame, months: pd.Series) -> pd.DataFrame:
    """The employed population for each of `months` from the Sakernas rounds (`labour_force`: survey_month,
    employed_persons), with how it was had (`denominator_basis`, one of BASES); months before the first round are
    left out. Shape: snapshot_month, employed_persons, denominator_basis — one row per month kept."""
    rounds = labour_force.sort_values("survey_month")
    wanted = pd.DataFrame({"snapshot_month": pd.to_datetime(months)}).drop_duplicates().sort_values("snapshot_month")
    if rounds.empty or wanted.empty:
        return pd.DataFrame({"snapshot_month": pd.Series(dtype="datetime64[us]"),
                             "employed_persons": pd.Series(dtype="int64"), "denominator_basis": pd.Series(dtype=str)})
    round_numbers = month_number(rounds["survey_month"])
    wanted_numbers = month_number(wanted["snapshot_month"])
    kept = wanted_numbers >= round_numbers[0]
    wanted, wanted_numbers = wanted[kept], wanted_numbers[kept]
    employed = np.interp(wanted_numbers, round_numbers, rounds["employed_persons"].to_numpy(dtype=float))
    basis = np.where(np.isin(wanted_numbers, round_numbers), "survey",
                     np.where(wanted_numbers > round_numbers[-1], "carried_forward", "interpolated"))
    return wanted.assign(employed_persons=np.round(employed).astype("int64"),
                         denominator_basis=basis).reset_index(drop=True)


def national_coverage(national: pd.DataFrame, labour_force: pd.DataFrame) -> pd.DataFrame:
    """Active participants ÷ employed population per month (`national`: snapshot_month, active_participants).
    Shape: snapshot_month, active_participants, employed_persons, coverage_pct (2 decimals), denominator_basis —
    one row per month from the first Sakernas round on."""
    employed = employed_by_month(labour_force, national["snapshot_month"])
    active = national[["snapshot_month", "active_participants"]].assign(
        snapshot_month=pd.to_datetime(national["snapshot_month"]))
    coverage = active.merge(employed, on="snapshot_month", how="inner")
    coverage["coverage_pct"] = (100 * coverage["active_participants"] / coverage["employed_persons"]).round(2)
    return coverage[["snapshot_month", "active_participants", "employed_persons", "coverage_pct",
                     "denominator_basis"]]


@dataclasses.dataclass(frozen=True)
class CoverageNow:
    """The latest month's coverage and how it compares: a year before, and the RPJMN target."""
    month: dt.date
    coverage_pct: float
    active_participants: int
    employed_persons: int
    denominator_basis: str
    change_12m_pp: float | None     # percentage points against the same month a year before; None if not known
    to_target_pp: float             # RPJMN target − coverage now, percentage points (negative: above it)


def coverage_now(coverage: pd.DataFrame) -> CoverageNow | None:
    """The last row of `national_coverage` with its 12-month change; None when there is no coverage at all."""
    if coverage.empty:
        return None
    last = coverage.iloc[-1]
    month = pd.Timestamp(last["snapshot_month"])
    year_before = coverage[pd.to_datetime(coverage["snapshot_month"]) == month - pd.DateOffset(years=1)]
    change = None if year_before.empty else round(float(last["coverage_pct"] - year_before["coverage_pct"].iloc[0]), 2)
    return CoverageNow(month=month.date(), coverage_pct=float(last["coverage_pct"]),
                       active_participants=int(last["active_participants"]),
                       employed_persons=int(last["employed_persons"]), denominator_basis=str(last["denominator_basis"]),
                       change_12m_pp=change, to_target_pp=round(RPJMN_TARGET_PCT - float(last["coverage_pct"]), 2))


def coverage_card(now: CoverageNow | None, t: Translator) -> Card:
    """The KPI card: coverage of the workforce now, its 12-month change, and what it is measured against."""
    lang = t.lang
    if now is None:
        return Card(label=t("coverage.card_label"), value="–", help_text=t("coverage.no_labour_force"))
    delta = None if now.change_12m_pp is None else t(
        "coverage.card_delta", change=i18n.format_decimal(now.change_12m_pp, lang, digits=1, signed=True))
    return Card(label=t("coverage.card_label"), value=i18n.format_percent(now.coverage_pct, lang), delta=delta,
                help_text=t("coverage.card_help", active=i18n.format_compact(now.active_participants, lang),
                            employed=i18n.format_compact(now.employed_persons, lang),
                            month=i18n.format_month(now.month, lang), basis=t(f"coverage.basis_{now.denominator_basis}"),
                            target=i18n.format_percent(RPJMN_TARGET_PCT, lang, digits=2), year=RPJMN_TARGET_YEAR))


def coverage_cards(coverage: pd.DataFrame, t: Translator) -> list[Card]:
    """The coverage page's cards: coverage now, the employed population behind it, the distance to RPJMN."""
    now = coverage_now(coverage)
    cards = [coverage_card(now, t)]
    if now is None:
        return cards
    lang = t.lang
    cards.append(Card(label=t("coverage.employed_label"), value=i18n.format_card_number(now.employed_persons, lang),
                      delta=t(f"coverage.basis_{now.denominator_basis}"), delta_color="off", delta_arrow="off",
                      help_text=t("coverage.employed_help")))
    cards.append(Card(label=t("coverage.to_target_label", year=RPJMN_TARGET_YEAR),
                      value=target_distance_text(now.to_target_pp, t),
                      help_text=t("coverage.to_target_help",
                                  target=i18n.format_percent(RPJMN_TARGET_PCT, lang, digits=2))))
    return cards


def target_distance_text(to_target_pp: float, t: Translator) -> str:
    """`5,6 poin di bawah` / `1,2 poin di atas`: never a signed number a reader must decode."""
    amount = i18n.format_decimal(abs(to_target_pp), t.lang, digits=1)
    return t("coverage.below_target" if to_target_pp > 0 else "coverage.above_target", points=amount)


def national_takeaway(coverage: pd.DataFrame, t: Translator) -> str:
    """One sentence under the national line: coverage now, a year's change, the RPJMN target, how it was had."""
    now = coverage_now(coverage)
    if now is None:
        return t("coverage.no_labour_force")
    lang = t.lang
    change = "" if now.change_12m_pp is None else t(
        "coverage.takeaway_change", change=i18n.format_decimal(now.change_12m_pp, lang, digits=1, signed=True))
    return t("coverage.takeaway", month=i18n.format_month(now.month, lang, long=True),
             coverage=i18n.format_percent(now.coverage_pct, lang), change=change,
             distance=target_distance_text(now.to_target_pp, t),
             target=i18n.format_percent(RPJMN_TARGET_PCT, lang, digits=2), year=RPJMN_TARGET_YEAR,
             basis=t(f"coverage.basis_{now.denominator_basis}"))


def sources_note(labour_force: pd.DataFrame, t: Translator) -> str:
    """The sources of the denominator, each round with its month, and the interpolation rule."""
    rounds = "; ".join(f"{i18n.format_month(pd.Timestamp(month).date(), t.lang)}: {source}"
                       for month, source in zip(labour_force["survey_month"], labour_force["source"]))
    return t("coverage.sources", rounds=rounds or "–")


def association_groups(coverage: pd.DataFrame) -> pd.DataFrame:
    """The `association_coverage` rows in the shape the line charts take (association_code as group_key)."""
    return coverage.rename(columns={"association_code": "group_key"})


def association_takeaway(coverage: pd.DataFrame, t: Translator) -> str:
    """Which association covers the most and the least of its ecosystem in the last month."""
    if coverage.empty:
        return t("coverage.no_eligible")
    last = coverage[coverage["snapshot_month"] == coverage["snapshot_month"].max()]
    ranked = last.sort_values(["coverage_pct", "association_code"], ascending=[False, True], kind="stable")
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    lang = t.lang
    return t("coverage.association_takeaway",
             month=i18n.format_month(pd.Timestamp(top["snapshot_month"]).date(), lang),
             top=top["association_code"], top_pct=i18n.format_percent(top["coverage_pct"], lang),
             bottom=bottom["association_code"], bottom_pct=i18n.format_percent(bottom["coverage_pct"], lang))


def with_coverage_card(cards: list[Card], monthly: pd.DataFrame, labour_force: pd.DataFrame,
                       t: Translator) -> list[Card]:
    """The home page's national cards and, last, workforce coverage: how much of the working population the national
    number is (`monthly`: the national series). Last, so that the status cards keep their places."""
    return cards + [coverage_card(coverage_now(national_coverage(monthly, labour_force)), t)]
