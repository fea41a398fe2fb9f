"""Speaker notes written from the data: for each slide the message, the two or three numbers behind it with their
definitions, and the caveats (illustrative association figures, the press release's 48% against the official
segment split). They go into the PPTX notes, the PDF's notes pages and the presenter view."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cakupan import i18n, kpi, takeaways
from cakupan.i18n import Translator
from cakupan.planner import words

if TYPE_CHECKING:
    from cakupan.presenter.deck_inputs import DeckInputs
    from cakupan.presenter.slides import Slide


def notes_for(slide: Slide, inputs: DeckInputs, national: kpi.ScopeSummary, progress: pd.DataFrame,
              t: Translator) -> str:
    """The notes of one slide, as plain text in the chosen language (one point a line)."""
    numbers = NUMBERS[slide.key](inputs, national, progress, t)
    caveats = [t("notes.illustrative")] if slide.illustrative else []
    if slide.key in ("kpis", "formal_informal"):
        caveats.append(t("notes.formal_split"))
    if slide.key in ("kpis", "gap", "progress", "scenario"):
        caveats.append(t("notes.status_rule"))
    if slide.key in ("kpis", "growth", "gap", "scenario"):
        caveats.append(t("notes.projection_method"))
    lines = [t("notes.message", takeaway=slide.takeaway), "", t("notes.numbers"), *[f"• {line}" for line in numbers]]
    if caveats:
        lines += ["", t("notes.caveats"), *[f"• {line}" for line in caveats]]
    return "\n".join(lines)


def _title_numbers(inputs, national: kpi.ScopeSummary, progress, t: Translator) -> list[str]:
    lang = t.lang
    lines = [t("notes.latest", month=i18n.format_month(national.last_month, lang, long=True))]
    if national.target is not None:
        lines.append(t("notes.national_target", target=i18n.format_number(national.target.target_participants, lang),
                       date=i18n.format_month(national.target.target_date, lang, long=True)))
    return lines


def _national_numbers(inputs, national: kpi.ScopeSummary, progress, t: Translator) -> list[str]:
    lang = t.lang
    lines = [t("notes.active", month=i18n.format_month(national.last_month, lang),
               active=i18n.format_number(national.active_participants, lang))]
    if national.target is None:
        return lines
    result = national.projection
    return lines + [
        t("notes.gap_now", gap=_distance(national.gap_now, t)),
        t("notes.projection", date=i18n.format_month(result.target_month, lang),
          projected=i18n.format_number(result.projected_participants, lang),
          low=i18n.format_compact(result.p10, lang), high=i18n.format_compact(result.p90, lang),
          shortfall=takeaways.shortfall_phrase(result.projected_shortfall, t),
          probability=takeaways.chance_text(result.probability_target_met, lang),
          status=t(f"status.{result.status}").lower()),
    ]


def _growth_numbers(inputs, national: kpi.ScopeSummary, progress, t: Translator) -> list[str]:
    lang = t.lang
    if national.target is None:
        return [t("notes.active", month=i18n.format_month(national.last_month, lang),
                  active=i18n.format_number(national.active_participants, lang))]
    return [t("notes.pace", pace=i18n.format_signed(national.pace_per_month, lang),
              required=i18n.format_number(national.required_pace_per_month, lang), months=national.months_to_target)]


def _formal_numbers(inputs, national: kpi.ScopeSummary, progress, t: Translator) -> list[str]:
    formal = inputs.national_split[inputs.national_split["sector"] == "formal"].sort_values("snapshot_month")
    if formal.empty:
        return []
    first, last = formal.iloc[0], formal.iloc[len(formal) - 1]
    return [t("notes.formal_share", month=i18n.format_month(pd.Timestamp(last["snapshot_month"]).date(), t.lang),
              share=i18n.format_percent(last["share_pct"], t.lang),
              change=i18n.format_decimal(last["share_pct"] - first["share_pct"], t.lang, signed=True),
              start=i18n.format_month(pd.Timestamp(first["snapshot_month"]).date(), t.lang))]


def _progress_numbers(inputs, national, progress: pd.DataFrame, t: Translator) -> list[str]:
    lang = t.lang
    active, target = int(progress["active_participants"].sum()), int(progress["target_participants"].sum())
    lines = [t("notes.associations_total", count=len(progress), active=i18n.format_number(active, lang),
               target=i18n.format_number(target, lang),
               reached=i18n.format_percent(100.0 * active / target if target else None, lang))]
    return lines + _association_lines(progress, t)


def _gap_numbers(inputs, national, progress: pd.DataFrame, t: Translator) -> list[str]:
    counts = progress["status"].value_counts()
    short = progress[progress["projected_shortfall"] > 0]
    return [t("notes.status_counts", **{status: int(counts.get(status, 0))
                                        for status in ("on_track", "at_risk", "off_track")}),
            *_association_lines(short, t)]


def _scenario_numbers(inputs: DeckInputs, national, progress, t: Translator) -> list[str]:
    lang = t.lang
    scenario = inputs.scenario
    result, baseline = scenario.scenario, scenario.baseline
    difference = result.projected_participants - baseline.projected_participants
    return [
        t("notes.scenario_levers", name=scenario.name, levers=words.levers_sentence(scenario.levers, t)),
        t("notes.scenario_result", date=i18n.format_month(result.target_month, lang),
          projected=i18n.format_number(result.projected_participants, lang),
          baseline=i18n.format_number(baseline.projected_participants, lang),
          difference=i18n.format_signed(difference, lang),
          probability=takeaways.chance_text(result.probability_target_met, lang),
          baseline_probability=takeaways.chance_text(baseline.probability_target_met, lang)),
        t("notes.scenario_assumption"),
    ]


def _association_lines(progress: pd.DataFrame, t: Translator) -> list[str]:
    """One line per association, furthest from its target first (the ones a discussion turns to)."""
    ordered = progress.sort_values(["target_reached_pct", "association_code"])
    return [t("notes.association_line", code=row.association_code,
              reached=i18n.format_percent(row.target_reached_pct, t.lang),
              projected=i18n.format_number(row.projected_participants, t.lang),
              shortfall=takeaways.shortfall_phrase(row.projected_shortfall, t), status=t(f"status.{row.status}").lower())
            for row in ordered.itertuples()]


def _distance(distance: float, t: Translator) -> str:
    amount = i18n.format_number(abs(distance), t.lang)
    return amount if distance > 0 else t("status.above_target", amount=amount)


NUMBERS = {"title": _title_numbers, "kpis": _national_numbers, "growth": _growth_numbers,
           "formal_informal": _formal_numbers, "progress": _progress_numbers, "gap": _gap_numbers,
           "scenario": _scenario_numbers}
