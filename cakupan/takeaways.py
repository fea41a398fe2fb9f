"""Query results turned into words and formatted numbers: KPI cards and one-line chart takeaways.

Pure functions (no Streamlit), so each sentence a user reads is pinned down by a test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from cakupan import i18n, theme
from cakupan.i18n import Translator
from cakupan.kpi import ScopeSummary, Target


@dataclasses.dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str | None = None
    help_text: str | None = None
    delta_color: str = "normal"
    delta_arrow: str = "auto"
    sparkline: tuple[int, ...] | None = None


def scope_names(associations: pd.DataFrame, t: Translator) -> dict[str, str]:
    """Display names of the home page scopes: national, all associations, then each association."""
    names = {"national": t("home.scope_national"), "all": t("home.scope_all_associations")}
    names |= {code: f"{code} — {name}" for code, name in zip(associations["association_code"], associations["name"])}
    return names


def home_subtitle(national_target: Target, last_month: dt.date, t: Translator) -> str:
    """The line under the home title: the Universal Coverage target and the date of the latest data."""
    lang = t.lang
    return t("home.subtitle", target=i18n.format_compact(national_target.target_participants, lang),
             date=i18n.format_month(national_target.target_date, lang, long=True)) + " · " + t(
        "ui.latest_data", month=i18n.format_month(last_month, lang, long=True))


def card_rows(cards: list[Card], per_row: int) -> list[list[Card]]:
    """Cards in rows of `per_row`, as the page lays them out."""
    return [cards[start:start + per_row] for start in range(0, len(cards), per_row)]


def shortfall_phrase(shortfall: float, t: Translator) -> str:
    """The projected shortfall in words: "proyeksi kekurangan 15,5 juta", or "melampaui target 1,2 juta"."""
    amount = i18n.format_compact(abs(shortfall), t.lang)
    return t("status.shortfall_phrase", amount=amount) if shortfall > 0 else t("status.above_target", amount=amount)


def gap_now_phrase(gap_now: float, t: Translator) -> str:
    """The gap now in words: "kekurangan saat ini 29,8 juta", or "melampaui target 1,2 juta"."""
    amount = i18n.format_compact(abs(gap_now), t.lang)
    return t("status.gap_now_phrase", amount=amount) if gap_now > 0 else t("status.above_target", amount=amount)


def distance_card(label_key: str, distance: float, t: Translator, help_key: str) -> Card:
    """A card for a distance to the target (gap now or projected shortfall): the amount, never a signed number;
    "Melampaui target" as its label when the distance is negative."""
    label = t(label_key) if distance > 0 else t("status.above_target_label")
    return Card(label, i18n.format_card_number(abs(distance), t.lang),
                help_text=f"{i18n.format_number(abs(distance), t.lang)} · {t(help_key)}")


def chance_text(probability: float | None, lang: str) -> str:
    """The chance of meeting the target as a whole percentage, "–" when there is none."""
    if probability is None or pd.isna(probability):
        return "–"
    return i18n.format_percent(100 * probability, lang, digits=0)


def kpi_cards(summary: ScopeSummary, t: Translator, sparkline: tuple[int, ...] | None = None) -> list[Card]:
    """The home page's cards for one scope, in display order; `sparkline` is the recent active series."""
    lang = t.lang
    month = lambda d: i18n.format_month(d, lang)  # noqa: E731 - a short local alias keeps the cards readable
    cards = [
        Card(t("home.active_now"), i18n.format_card_number(summary.active_participants, lang),
             help_text=f"{i18n.format_number(summary.active_participants, lang)} · {month(summary.last_month)}",
             sparkline=sparkline),
        Card(t("home.change_month"), i18n.format_signed(summary.change_month, lang),
             delta=_signed_percent_of(summary.change_month, summary.active_participants - (summary.change_month or 0),
                                      lang)),
        Card(t("home.change_year"), i18n.format_signed(summary.change_year, lang),
             delta=signed_percent(summary.change_year_pct, lang)),
        Card(t("home.formal_share"), i18n.format_percent(summary.formal_share_pct, lang),
             help_text=t("home.formal_note")),
    ]
    if summary.target is None:
        return cards + [Card(t("home.target_reached"), "–", help_text=t("home.no_target"))]
    result = summary.projection
    cards += [
        Card(t("home.target_reached"), i18n.format_percent(summary.target_reached_pct, lang),
             help_text=t("home.of_target", target=i18n.format_compact(summary.target.target_participants, lang),
                         date=month(summary.target.target_date))),
        distance_card("status.gap_now", summary.gap_now, t, "status.gap_now_help"),
        Card(t("home.current_pace"), i18n.format_card_number(summary.pace_per_month, lang),
             delta=t("home.required_pace",
                     required=i18n.format_card_number(summary.required_pace_per_month, lang)),
             delta_color="off", delta_arrow="off", help_text=t("home.pace_help")),
        Card(t("home.projected", date=month(result.target_month)),
             i18n.format_card_number(result.projected_participants, lang),
             delta=t(f"status.{result.status}"), delta_color=theme.STATUS_METRIC_COLORS[result.status],
             delta_arrow="off",
             help_text=t("home.projected_help", shortfall=shortfall_phrase(result.projected_shortfall, t),
                         low=i18n.format_compact(result.p10, lang), high=i18n.format_compact(result.p90, lang),
                         probability=chance_text(result.probability_target_met, lang), rule=t("status.thresholds"))),
    ]
    return cards


def home_takeaway(scope_name: str, summary: ScopeSummary, t: Translator) -> str:
    """One sentence under the headline chart: where the scope is, where its pace lands it, and its status."""
    lang = t.lang
    common = {"scope": scope_name, "active": i18n.format_compact(summary.active_participants, lang),
              "month": i18n.format_month(summary.last_month, lang),
              "pace": i18n.format_signed(summary.pace_per_month, lang)}
    if summary.target is None:
        return t("home.takeaway_no_target", **common)
    result = summary.projection
    return t("home.takeaway", **common,
             projected=i18n.format_compact(result.projected_participants, lang),
             shortfall=shortfall_phrase(result.projected_shortfall, t),
             target=i18n.format_compact(summary.target.target_participants, lang),
             date=i18n.format_month(result.target_month, lang),
             probability=chance_text(result.probability_target_met, lang),
             status=t(f"status.{result.status}").lower())


def has_values(frame: pd.DataFrame, column: str) -> bool:
    """True when `column` of `frame` holds at least one value: something for its chart to draw."""
    return column in frame and bool(frame[column].notna().any())


def growth_active_takeaway(growth: pd.DataFrame, total: pd.DataFrame, group_names: dict[str, str],
                           t: Translator) -> str:
    """The largest group in the last month, and the selection's total and change over the period.

    `growth`: the `growth` query by a breakdown; `total`: the same with breakdown 'total'.
    """
    if growth.empty:
        return t("growth.no_data")
    lang = t.lang
    last_month = growth["snapshot_month"].max()
    last = growth[growth["snapshot_month"] == last_month].sort_values(
        ["active_participants", "group_key"], ascending=[False, True])
    leader = last.iloc[0]
    totals = total.sort_values("snapshot_month")["active_participants"]
    return t("growth.active_takeaway", leader=group_names.get(leader["group_key"], leader["group_key"]),
             leader_value=i18n.format_compact(leader["active_participants"], lang),
             month=i18n.format_month(pd.Timestamp(last_month).date(), lang),
             total=i18n.format_compact(totals.iloc[-1], lang),
             change=i18n.format_signed(totals.iloc[-1] - totals.iloc[0], lang))


def net_additions_takeaway(total: pd.DataFrame, t: Translator) -> str:
    """Average, best and worst monthly net additions over the period (`growth` with breakdown 'total'); with no
    month that has the month before it in the data, which data is missing."""
    if not has_values(total, "net_additions"):
        return t("growth.net_not_enough")
    lang = t.lang
    rows = total.dropna(subset=["net_additions"])
    best = rows.loc[rows["net_additions"].idxmax()]
    worst = rows.loc[rows["net_additions"].idxmin()]
    month = lambda row: i18n.format_month(pd.Timestamp(row["snapshot_month"]).date(), lang)  # noqa: E731
    return t("growth.net_takeaway", average=i18n.format_signed(rows["net_additions"].mean(), lang),
             best_month=month(best), best=i18n.format_signed(best["net_additions"], lang),
             worst_month=month(worst), worst=i18n.format_signed(worst["net_additions"], lang))


def yoy_takeaway(growth: pd.DataFrame, group_names: dict[str, str], t: Translator) -> str:
    """Highest and lowest year-on-year growth among groups in the last month that has any; with no month a year
    after another in the data, which data is missing."""
    if not has_values(growth, "yoy_growth_pct"):
        return t("growth.yoy_not_enough")
    lang = t.lang
    rows = growth.dropna(subset=["yoy_growth_pct"])
    last_month = rows["snapshot_month"].max()
    last = rows[rows["snapshot_month"] == last_month].sort_values(
        ["yoy_growth_pct", "group_key"], ascending=[False, True])
    leader, laggard = last.iloc[0], last.iloc[-1]
    # a group that shrank is never "the highest growth": when every group shrank, say so
    key = "growth.yoy_takeaway" if leader["yoy_growth_pct"] > 0 else "growth.yoy_takeaway_all_shrank"
    return t(key, month=i18n.format_month(pd.Timestamp(last_month).date(), lang),
             leader=group_names.get(leader["group_key"], leader["group_key"]),
             leader_value=signed_percent(leader["yoy_growth_pct"], lang),
             laggard=group_names.get(laggard["group_key"], laggard["group_key"]),
             laggard_value=signed_percent(laggard["yoy_growth_pct"], lang))


def split_takeaway(split: pd.DataFrame, t: Translator) -> str:
    """The formal share in the last month and its change since the first (`sector_split*` queries); a selection
    without formal participants has a formal share of 0%."""
    if split.empty:
        return t("formal_informal.no_data")
    lang = t.lang
    months = sorted(split["snapshot_month"].unique())
    # formal: one value per month of the split — the formal share, 0 where the month has no formal row
    formal = split[split["sector"] == "formal"].set_index("snapshot_month")["share_pct"].reindex(months, fill_value=0.0)
    return t("formal_informal.split_takeaway", share=i18n.format_percent(formal.iloc[-1], lang),
             month=i18n.format_month(pd.Timestamp(months[-1]).date(), lang),
             change=i18n.format_decimal(formal.iloc[-1] - formal.iloc[0], lang, signed=True),
             start_month=i18n.format_month(pd.Timestamp(months[0]).date(), lang))


def ranking_takeaway(ranking: pd.DataFrame, t: Translator) -> str:
    """Highest and lowest formal share (`formal_share_by_association`, already ranked)."""
    ranked = ranking.dropna(subset=["formal_share_pct"])
    if ranked.empty:
        return t("formal_informal.no_data_in_month")
    lang = t.lang
    leader, laggard = ranked.iloc[0], ranked.iloc[-1]
    return t("formal_informal.ranking_takeaway",
             leader=leader["association_code"], leader_value=i18n.format_percent(leader["formal_share_pct"], lang),
             laggard=laggard["association_code"],
             laggard_value=i18n.format_percent(laggard["formal_share_pct"], lang))


def composition_takeaway(composition: pd.DataFrame, segment_names: dict[str, str], t: Translator) -> str:
    """The association most concentrated in one non-PU segment (`segment_composition`)."""
    if not has_values(composition, "share_pct"):
        return t("formal_informal.no_data_in_month")
    lang = t.lang
    composition = composition.dropna(subset=["share_pct"])
    others = composition[composition["segment"] != "PU"]
    rows = others if not others.empty else composition
    top = rows.sort_values(["share_pct", "association_code"], ascending=[False, True]).iloc[0]
    return t("formal_informal.composition_takeaway", leader=top["association_code"],
             segment=segment_names.get(top["segment"], top["segment"]),
             share=i18n.format_percent(top["share_pct"], lang))


def signed_percent(percent: float | None, lang: str) -> str | None:
    """A percentage change with its sign (`+4,6%`), None when there is none."""
    if percent is None or pd.isna(percent):
        return None
    sign = "+" if percent >= 0 else ""
    return sign + i18n.format_percent(percent, lang)


def _signed_percent_of(change: int | None, base: int, lang: str) -> str | None:
    if change is None or not base:
        return None
    return signed_percent(100.0 * change / base, lang)
