"""The planner pages' words and formatted numbers: display tables, KPI cards, one-line takeaways (no Streamlit)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from cakupan import i18n, takeaways, theme
from cakupan.i18n import Translator
from cakupan.planner import accuracy, engine, scopes
from cakupan.planner.engine import ScopeProjection
from cakupan.planner.scenarios import Scenario
from cakupan.takeaways import Card


def reached_text(result: ScopeProjection, t: Translator) -> str:
    """When the projection meets the target: a month, 'already', 'not before …', or 'no target'."""
    lang = t.lang
    if result.target_participants is None:
        return t("what_if.no_target")
    if result.month_reached is None:
        horizon = engine.add_months(result.target_month, engine.MONTHS_PAST_TARGET)
        return t("what_if.not_reached", month=i18n.format_month(horizon, lang))
    if result.month_reached <= result.last_month:
        return t("what_if.already", month=i18n.format_month(result.month_reached, lang))
    return i18n.format_month(result.month_reached, lang)


def reached_card_text(result: ScopeProjection, t: Translator) -> str:
    """`reached_text` short enough for a card: the month alone (`already` moves to the card's delta), and
    `> Des 2029` instead of 'not before …'."""
    if result.target_participants is None:
        return t("what_if.no_target")
    if result.month_reached is None:
        horizon = engine.add_months(result.target_month, engine.MONTHS_PAST_TARGET)
        return t("what_if.after", month=i18n.format_month(horizon, t.lang))
    return i18n.format_month(result.month_reached, t.lang)


def _already(result: ScopeProjection) -> bool:
    return result.month_reached is not None and result.month_reached <= result.last_month


def gap_display(table: pd.DataFrame, results: list[ScopeProjection], scope_names: dict[str, str],
                t: Translator) -> pd.DataFrame:
    """The target-gap table with formatted numbers and column names in the chosen language."""
    lang = t.lang
    number = lambda value: i18n.format_number(value, lang)  # noqa: E731 - keeps the columns below readable
    return pd.DataFrame({
        t("planner.col_scope"): [scope_names.get(scope, scope) for scope in table["scope"]],
        # status second: the table is wider than the page, and the verdict must not scroll out of view
        t("planner.col_status"): [t(f"status.{status}") if isinstance(status, str) else "–"
                                  for status in table["status"]],
        t("planner.col_active"): table["active_participants"].map(number),
        t("planner.col_target"): table["target_participants"].map(number),
        t("planner.col_projected"): table["projected_participants"].map(number),
        t("planner.col_band"): [f"{number(low)} – {number(high)}" for low, high in zip(table["p10"], table["p90"])],
        t("planner.col_gap_now"): [_distance_number(gap, t) for gap in table["gap_now_participants"]],
        t("planner.col_gap"): [_distance_number(gap, t) for gap in table["gap_participants"]],
        t("planner.col_pace"): [i18n.format_signed(pace, lang) for pace in table["pace_per_month"]],
        t("planner.col_required"): table["required_pace_per_month"].map(number),
        t("planner.col_probability"): [i18n.format_percent(None if p is None or pd.isna(p) else 100 * p, lang, digits=0)
                                       for p in table["probability_target_met"]],
        t("planner.col_reached"): [reached_text(result, t) for result in results],
    })


def gap_takeaway(table: pd.DataFrame, t: Translator) -> str:
    """How many scopes are on track, and where the nation stands at the target date."""
    lang = t.lang
    national = table[table["scope"] == "national"].iloc[0]
    return t("target_gap.chart_takeaway", on_track=int((table["status"] == "on_track").sum()), scopes=len(table),
             projected=i18n.format_compact(national["projected_participants"], lang),
             date=i18n.format_month(dt.date.fromisoformat(national["target_date"]), lang),
             shortfall=takeaways.shortfall_phrase(national["gap_participants"], t),
             target=i18n.format_compact(national["target_participants"], lang),
             probability=takeaways.chance_text(national["probability_target_met"], lang))


def status_thresholds(t: Translator) -> str:
    """The on-track / at-risk / off-track rule (engine.target_status) in words."""
    return t("status.thresholds")


def fan_takeaway(scope_name: str, result: ScopeProjection, t: Translator) -> str:
    """The projection at the target month with its 80% band, and the chance of meeting the target."""
    lang = t.lang
    values = {"scope": scope_name, "projected": i18n.format_compact(result.projected_participants, lang),
              "date": i18n.format_month(result.target_month, lang),
              "low": i18n.format_compact(result.p10, lang), "high": i18n.format_compact(result.p90, lang)}
    if result.target_participants is None:
        return t("target_gap.fan_takeaway_no_target", **values)
    return t("target_gap.fan_takeaway", **values, target=i18n.format_compact(result.target_participants, lang),
             probability=takeaways.chance_text(result.probability_target_met, lang), reached=reached_text(result, t))


def what_if_cards(baseline: ScopeProjection, scenario: ScopeProjection, t: Translator) -> list[Card]:
    """Projected, gap, chance and month reached under the scenario, each against the baseline."""
    lang = t.lang
    month = i18n.format_month(scenario.target_month, lang)
    change = scenario.projected_participants - baseline.projected_participants
    cards = [Card(t("what_if.projected", date=month),
                  i18n.format_card_number(scenario.projected_participants, lang),
                  delta=i18n.format_signed(change, lang) if round(change) else None,
                  help_text=i18n.format_number(scenario.projected_participants, lang))]
    if scenario.target_participants is None:
        return cards
    chance_change = 100 * (scenario.probability_target_met - baseline.probability_target_met)
    cards += [
        dataclasses.replace(takeaways.distance_card("status.projected_shortfall", scenario.projected_shortfall, t,
                                                    "status.projected_shortfall_help"),
                            delta=t(f"status.{scenario.status}"), delta_arrow="off",
                            delta_color=theme.STATUS_METRIC_COLORS[scenario.status]),
        Card(t("what_if.probability"), takeaways.chance_text(scenario.probability_target_met, lang),
             delta=i18n.format_decimal(chance_change, lang, digits=0, signed=True) + " pp"
             if round(chance_change) else None),
        Card(t("what_if.reached"), reached_card_text(scenario, t),
             delta=t("what_if.already_met") if _already(scenario) else None, delta_arrow="off",
             help_text=f"{reached_text(scenario, t)} · {t('what_if.baseline')}: {reached_text(baseline, t)}"),
    ]
    return cards


def what_if_takeaway(scope_name: str, baseline: ScopeProjection, scenario: ScopeProjection, t: Translator) -> str:
    lang = t.lang
    values = {"scope": scope_name, "projected": i18n.format_compact(scenario.projected_participants, lang),
              "date": i18n.format_month(scenario.target_month, lang),
              "change": i18n.format_signed(scenario.projected_participants - baseline.projected_participants, lang)}
    if scenario.target_participants is None:
        return t("what_if.takeaway_no_target", **values)
    return t("what_if.takeaway", **values, target=i18n.format_compact(scenario.target_participants, lang),
             probability=takeaways.chance_text(scenario.probability_target_met, lang))


def scenario_table(saved: list[Scenario], scope_names: dict[str, str], t: Translator) -> pd.DataFrame:
    """The saved scenarios as a readable table."""
    lang = t.lang
    return pd.DataFrame({
        t("planner.col_name"): [s.name for s in saved],
        t("planner.col_scope"): [scope_names.get(s.scope, s.scope) for s in saved],
        t("planner.col_method"): [t(f"planner.method_{s.method}") for s in saved],
        t("planner.col_window"): [s.window_months for s in saved],
        t("planner.target_date"): [i18n.format_month(s.target_date, lang) for s in saved],
        t("planner.col_levers"): [levers_sentence(s.levers, t) for s in saved],
        t("planner.col_saved"): [s.saved_at.strftime("%Y-%m-%d %H:%M") if s.saved_at else "" for s in saved],
    })


def levers_sentence(levers: engine.Levers, t: Translator) -> str:
    """Every lever that differs from the baseline, in words with its value: "+400.000 rekrutmen/bulan sejak
    Jan 2024; pertumbuhan +0,20 pp/bulan"; "tanpa tuas" when none does."""
    lang = t.lang
    parts = []
    if levers.extra_recruits_per_month:
        parts.append(t("planner.lever_recruits", value=i18n.format_number(levers.extra_recruits_per_month, lang),
                       start=i18n.format_month(levers.campaign_start, lang) if levers.campaign_start
                       else t("planner.lever_next_month")))
    if levers.growth_adjust_pct:
        parts.append(t("planner.lever_growth",
                       value=i18n.format_decimal(levers.growth_adjust_pct, lang, digits=2, signed=True)))
    if levers.conversion_per_month:
        parts.append(t("planner.lever_conversion", value=i18n.format_number(levers.conversion_per_month, lang)))
    if levers.lapse_change_pct:
        parts.append(t("planner.lever_lapse",
                       value=i18n.format_decimal(levers.lapse_change_pct, lang, digits=0, signed=True)))
    return "; ".join(parts) or t("planner.lever_none")


def comparison_table(saved: list[Scenario], results: list[ScopeProjection], t: Translator) -> pd.DataFrame:
    """Scenarios side by side at their target dates, with the difference from the first one chosen."""
    lang = t.lang
    first = results[0].projected_participants
    return pd.DataFrame({
        t("planner.col_name"): [s.name for s in saved],
        t("planner.col_levers"): [levers_sentence(s.levers, t) for s in saved],
        t("planner.target_date"): [i18n.format_month(r.target_month, lang) for r in results],
        t("planner.col_projected"): [i18n.format_number(r.projected_participants, lang) for r in results],
        t("planner.col_difference"): [i18n.format_signed(r.projected_participants - first, lang) for r in results],
        t("planner.col_band"): [f"{i18n.format_number(r.p10, lang)} – {i18n.format_number(r.p90, lang)}"
                                for r in results],
        t("planner.col_gap"): [_distance_number(r.projected_shortfall, t) for r in results],
        t("planner.col_probability"): [takeaways.chance_text(r.probability_target_met, lang) for r in results],
        t("planner.col_reached"): [reached_text(r, t) for r in results],
    })


def comparison_takeaway(saved: list[Scenario], results: list[ScopeProjection], t: Translator) -> str:
    lang = t.lang
    ranked = sorted(zip(saved, results), key=lambda pair: pair[1].projected_participants)
    (worst, worst_result), (best, best_result) = ranked[0], ranked[-1]
    return t("what_if.compare_takeaway", best=best.name,
             best_value=i18n.format_compact(best_result.projected_participants, lang),
             date=i18n.format_month(best_result.target_month, lang), worst=worst.name,
             worst_value=i18n.format_compact(worst_result.projected_participants, lang))


def backtest_display(scorecard: pd.DataFrame, t: Translator) -> pd.DataFrame:
    lang = t.lang
    return pd.DataFrame({
        t("planner.col_method"): [t(f"planner.method_{m}") for m in scorecard["method"]],
        t("planner.col_window"): scorecard["window_months"],
        t("planner.col_horizon"): [t("planner.horizon_name", months=h) for h in scorecard["horizon_months"]],
        t("planner.col_projected"): [i18n.format_number(v, lang) for v in scorecard["projected"]],
        t("planner.col_actual"): [i18n.format_number(v, lang) if pd.notna(v) else t("planner.not_yet")
                                  for v in scorecard["actual"]],
        t("planner.col_error"): [i18n.format_signed(v, lang) for v in scorecard["error_participants"]],
        t("planner.col_error_pct"): [i18n.format_decimal(v, lang, digits=1, signed=True) for v in
                                     scorecard["error_pct"]],
        t("planner.col_inside"): [t("planner.yes") if v is True else t("planner.no") if v is False else "–"
                                  for v in scorecard["inside_80"]],
    })


def backtest_takeaway(scorecard: pd.DataFrame, origin: dt.date, t: Translator) -> str:
    """The method and window closest at 12 months, and how often the 80% band held."""
    lang = t.lang
    year_ahead = scorecard[(scorecard["horizon_months"] == 12)].dropna(subset=["actual"])
    if year_ahead.empty:
        return t("planner.backtest_takeaway_short", origin=i18n.format_month(origin, lang))
    best = year_ahead.loc[year_ahead["error_pct"].abs().idxmin()]
    return t("planner.backtest_takeaway", origin=i18n.format_month(origin, lang),
             best=t("planner.method_window_name", method=t(f"planner.method_{best['method']}"),
                    months=int(best["window_months"])),
             best_error=i18n.format_percent(best["error_pct"], lang),
             inside=int(year_ahead["inside_80"].sum()), count=len(year_ahead))


def accuracy_display(scorecard: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The rolling-origin scorecard, one row per method and window: mean absolute % error at each horizon, the
    share of actuals inside the 80% band and the error against "no change" at 12 months; the best record marked."""
    lang = t.lang
    best = accuracy.best_accuracy(scorecard)
    wide = scorecard.pivot(index=["method", "window_months"], columns="horizon_months")
    order = sorted(wide.index, key=lambda key: (accuracy.ACCURACY_METHODS.index(key[0]), key[1]))
    wide = wide.loc[order]
    percent = lambda value: "–" if pd.isna(value) else i18n.format_percent(value, lang)  # noqa: E731
    columns = {t("planner.col_method_window"): [t("planner.method_window_name", method=t(f"planner.method_{m}"),
                                                  months=w) for m, w in wide.index]}
    for horizon in accuracy.ACCURACY_HORIZONS:
        columns[t("planner.col_mape", months=horizon)] = [percent(v) for v in wide[("mape_pct", horizon)]]
    columns[t("planner.col_inside_share")] = [percent(v) for v in wide[("inside_80_pct", 12)]]
    columns[t("planner.col_vs_naive")] = ["–" if pd.isna(v) else i18n.format_decimal(v, lang, digits=2) + "×"
                                          for v in wide[("relative_to_naive", 12)]]
    columns[t("planner.col_origins")] = [int(v) for v in wide[("origins", 12)]]
    columns[t("planner.col_best")] = ["★" if best is not None and (m, w) == (best["method"], best["window_months"])
                                      else "" for m, w in wide.index]
    return pd.DataFrame(columns)


def accuracy_takeaway(scorecard: pd.DataFrame, settings: scopes.Settings, t: Translator) -> str:
    """The best 12-month record, and how the chosen method and window compare with "no change"."""
    lang = t.lang
    best = accuracy.best_accuracy(scorecard)
    if best is None:
        return t("planner.accuracy_takeaway_short")
    chosen = scorecard[(scorecard["method"] == settings.method) & (scorecard["window_months"] == settings.window_months)
                       & (scorecard["horizon_months"] == 12)].iloc[0]
    name = lambda method, window: t("planner.method_window_name", method=t(f"planner.method_{method}"),  # noqa: E731
                                    months=int(window))
    values = {"best": name(best["method"], best["window_months"]), "best_error": i18n.format_percent(best["mape_pct"], lang),
              "chosen": name(settings.method, settings.window_months), "origins": int(best["origins"])}
    if pd.isna(chosen["mape_pct"]):
        return t("planner.accuracy_takeaway_no_chosen", **values)
    return t("planner.accuracy_takeaway", **values, chosen_error=i18n.format_percent(chosen["mape_pct"], lang),
             ratio=i18n.format_decimal(chosen["relative_to_naive"], lang, digits=2))


def rate_percent(rate: float, lang: str) -> str:
    """A monthly rate (0.012) as a percentage (`1,2%`)."""
    return i18n.format_percent(100 * rate, lang, digits=1)


def projection_not_enough(series: dict[str, scopes.ScopeSeries], t: Translator) -> str | None:
    """Why nothing can be projected when no scope has the months a projection needs; None when one has."""
    months = max((len(item.active_participants) for item in series.values()), default=0)
    if months >= scopes.MIN_PROJECTION_MONTHS:
        return None
    return t("planner.projection_not_enough", needed=scopes.MIN_PROJECTION_MONTHS, months=months)


def backtest_not_enough(series: scopes.ScopeSeries, t: Translator) -> str:
    """Why there is no backtest for a scope: how many months it needs and how many the data holds."""
    return t("planner.backtest_not_enough", needed=accuracy.BACKTEST_MIN_HISTORY + accuracy.BACKTEST_MIN_AFTER,
             months=len(series.active_participants))


def _distance_number(distance: float | None, t: Translator) -> str:
    """A distance to the target in a table cell: the full number when short of it, "melampaui target N" above it."""
    if distance is None or pd.isna(distance):
        return "–"
    if distance > 0:
        return i18n.format_number(distance, t.lang)
    return t("status.above_target", amount=i18n.format_number(abs(distance), t.lang))
