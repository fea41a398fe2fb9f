"""The association plan page's words and formatted numbers: a plan's levers in words, its cards, takeaway and
tables, and what is wrong with a plan (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from cakupan import i18n, takeaways, theme
from cakupan.i18n import Translator
from cakupan.planner import scenarios, words
from cakupan.planner.engine import Levers
from cakupan.planner.plans import Plan, PlanProjection, Problem
from cakupan.takeaways import Card


def plan_levers_sentence(levers_by_code: dict[str, Levers], t: Translator) -> str:
    """Each association's levers in words (words.levers_sentence), "ABADI: +20.000 rekrutmen/bulan sejak Jan 2024 ·
    APKLINDO: pertumbuhan +0,10 pp/bulan"; "tanpa tuas asosiasi" when no association has any."""
    return " · ".join(t("plan.association_levers", code=code, levers=words.levers_sentence(levers, t))
                      for code, levers in levers_by_code.items()) or t("plan.none")


def problem_text(problem: Problem, t: Translator) -> str:
    """One problem of a plan as the message a person reads, numbers in the page's language."""
    values = dict(problem.values)
    if "column" in values:
        values["column"] = t(f"plan.col_{values['column']}")
    if problem.key == "plan.growth_out_of_range":
        values |= {"column": t("plan.col_growth_bp"), "value": i18n.format_number(
            scenarios.basis_points(values["value"]), t.lang)}
    elif "value" in values:
        values["value"] = i18n.format_number(values["value"], t.lang)
    if "high" in values:
        values["high"] = i18n.format_number(values["high"], t.lang)
    return t(problem.key, **values)


def problems_text(problems: list[Problem], t: Translator, title_key: str = "plan.problems_title") -> str:
    """Every problem as a bullet under a title (Markdown)."""
    return "\n".join([t(title_key), *(f"- {problem_text(problem, t)}" for problem in problems)])


def added_text(added: float, lang: str) -> str:
    """Participants added over the baseline: `+427.068`; `0` (not `+0`) when the levers add nobody."""
    return i18n.format_signed(added, lang) if round(added) else i18n.format_number(0, lang)


def plan_cards(result: PlanProjection, t: Translator) -> list[Card]:
    """National projection, what the associations add, shortfall with status, and chance, each against the
    national baseline."""
    lang = t.lang
    national, baseline = result.national, result.national_baseline
    month = i18n.format_month(national.target_month, lang)
    cards = [Card(t("plan.national_projected", date=month), i18n.format_card_number(national.projected_participants, lang),
                  delta=t("plan.baseline_delta", value=i18n.format_card_number(baseline.projected_participants, lang)),
                  delta_arrow="off", delta_color="off", help_text=i18n.format_number(national.projected_participants, lang)),
             Card(t("plan.added"), added_text(result.added_at_target, lang), help_text=t("plan.added_help"))]
    if national.target_participants is None:
        return cards
    chance_change = 100 * (national.probability_target_met - baseline.probability_target_met)
    shortfall = takeaways.distance_card("status.projected_shortfall", national.projected_shortfall, t,
                                        "status.projected_shortfall_help")
    return cards + [
        Card(shortfall.label, shortfall.value, delta=t(f"status.{national.status}"), delta_arrow="off",
             delta_color=theme.STATUS_METRIC_COLORS[national.status], help_text=shortfall.help_text),
        Card(t("what_if.probability"), takeaways.chance_text(national.probability_target_met, lang),
             delta=i18n.format_decimal(chance_change, lang, digits=0, signed=True) + " pp"
             if round(chance_change) else None),
    ]


def plan_takeaway(result: PlanProjection, t: Translator) -> str:
    lang = t.lang
    national = result.national
    if national.target_participants is None:
        return words.fan_takeaway(t("home.scope_national"), national, t)
    return t("plan.takeaway", projected=i18n.format_compact(national.projected_participants, lang),
             date=i18n.format_month(national.target_month, lang), added=added_text(result.added_at_target, lang),
             target=i18n.format_compact(national.target_participants, lang),
             probability=takeaways.chance_text(national.probability_target_met, lang),
             baseline_probability=takeaways.chance_text(result.national_baseline.probability_target_met, lang),
             status=t(f"status.{national.status}"))


def association_table(result: PlanProjection, plan: Plan, t: Translator) -> pd.DataFrame:
    """Every association: its levers in words, baseline and plan projection, what it adds, its target, chance and
    status under the plan; the nation first, as the sum the page's assumption gives."""
    lang = t.lang
    number = lambda value: i18n.format_number(value, lang)  # noqa: E731 - keeps the columns below readable
    # the nation first, as on the target-gap page: the sum stays in sight when the table scrolls
    rows = [(t("home.scope_national"), plan_levers_sentence(plan.levers, t), result.national_baseline,
             result.national)]
    rows += [(code, words.levers_sentence(plan.levers.get(code, Levers()), t), baseline, planned)
             for code, (baseline, planned) in result.associations.items()]
    return pd.DataFrame({
        t("plan.col_association"): [row[0] for row in rows],
        t("planner.col_status"): [t(f"status.{row[3].status}") if row[3].status else "–" for row in rows],
        t("planner.col_levers"): [row[1] for row in rows],
        t("plan.col_baseline"): [number(row[2].projected_participants) for row in rows],
        t("plan.col_planned"): [number(row[3].projected_participants) for row in rows],
        t("plan.col_extra"): [added_text(row[3].projected_participants - row[2].projected_participants, lang)
                              for row in rows],
        t("planner.col_target"): [number(row[3].target_participants) for row in rows],
        t("planner.col_probability"): [takeaways.chance_text(row[3].probability_target_met, lang) for row in rows],
        t("planner.col_reached"): [words.reached_text(row[3], t) for row in rows],
    })


def plans_table(saved: list[Plan], t: Translator) -> pd.DataFrame:
    """The saved plans as a readable table."""
    lang = t.lang
    return pd.DataFrame({
        t("plan.col_name"): [p.name for p in saved],
        t("planner.col_method"): [t(f"planner.method_{p.method}") for p in saved],
        t("planner.col_window"): [p.window_months for p in saved],
        t("planner.target_date"): [i18n.format_month(p.target_date, lang) for p in saved],
        t("planner.col_levers"): [plan_levers_sentence(p.levers, t) for p in saved],
        t("planner.col_saved"): [p.saved_at.strftime("%Y-%m-%d %H:%M") if p.saved_at else "" for p in saved],
    })


def comparison_table(chosen: list[Plan], results: list[PlanProjection], t: Translator) -> pd.DataFrame:
    """Plans side by side, nationally: projection, what the associations add, band, chance, status, levers."""
    lang = t.lang
    national = [result.national for result in results]
    return pd.DataFrame({
        t("plan.col_name"): [p.name for p in chosen],
        t("planner.target_date"): [i18n.format_month(r.target_month, lang) for r in national],
        t("planner.col_projected"): [i18n.format_number(r.projected_participants, lang) for r in national],
        t("plan.col_extra"): [added_text(result.added_at_target, lang) for result in results],
        t("planner.col_band"): [f"{i18n.format_number(r.p10, lang)} – {i18n.format_number(r.p90, lang)}"
                                for r in national],
        t("planner.col_probability"): [takeaways.chance_text(r.probability_target_met, lang) for r in national],
        t("planner.col_status"): [t(f"status.{r.status}") if r.status else "–" for r in national],
        t("planner.col_reached"): [words.reached_text(r, t) for r in national],
        t("planner.col_levers"): [plan_levers_sentence(p.levers, t) for p in chosen],
    })


def comparison_takeaway(chosen: list[Plan], results: list[PlanProjection], t: Translator) -> str:
    lang = t.lang
    ranked = sorted(zip(chosen, results), key=lambda pair: pair[1].national.projected_participants)
    (worst, worst_result), (best, best_result) = ranked[0], ranked[-1]
    return t("plan.compare_takeaway", best=best.name,
             best_value=i18n.format_compact(best_result.national.projected_participants, lang),
             date=i18n.format_month(best_result.national.target_month, lang),
             best_probability=takeaways.chance_text(best_result.national.probability_target_met, lang),
             worst=worst.name, worst_value=i18n.format_compact(worst_result.national.projected_participants, lang),
             worst_probability=takeaways.chance_text(worst_result.national.probability_target_met, lang))
