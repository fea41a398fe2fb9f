"""What it takes, in tables and words: the target-gap page's "what it takes" table (extra recruits per month for a
50% and an 80% chance, per scope) and the sentences of the what-if page's goal-seek panel and the `solve` command.
No Streamlit: the widgets and pages show what these functions return.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from cakupan import i18n, takeaways
from cakupan.i18n import Translator
from cakupan.planner import engine, goal_seek, words
from cakupan.planner.engine import ScopeInput, ScopeProjection
from cakupan.planner.goal_seek import GoalSeek

TABLE_CHANCES = (0.5, 0.8)   # the two chances a Rakernas discussion asks about
TABLE_COLUMNS = {0.5: "extra_recruits_50pct_per_month", 0.8: "extra_recruits_80pct_per_month"}


def requirements_table(inputs: list[ScopeInput], gap_table: pd.DataFrame, method: str, window: int) -> pd.DataFrame:
    """One row per scope: status, chance and pace now (from the target-gap table), and the extra recruits per month
    needed for each of TABLE_CHANCES (None where no value up to the bound is enough, or there is no target).

    `inputs`: what_if_input per scope, in the gap table's order (scope, status, probability_target_met,
    pace_per_month, required_pace_per_month, …).
    """
    paths = goal_seek.target_paths(inputs, method, window)       # every scope's draws, once for both chances
    needed = {TABLE_COLUMNS[chance]: [answer.steps for answer in goal_seek.seek_all(inputs, "recruits", chance, method,
                                                                                    window, paths)]
              for chance in TABLE_CHANCES}
    base = gap_table[["scope", "status", "probability_target_met", "pace_per_month", "required_pace_per_month"]]
    return base.reset_index(drop=True).assign(**{column: pd.array(values, dtype="Int64")
                                                for column, values in needed.items()})


def requirements_display(table: pd.DataFrame, scope_names: dict[str, str], t: Translator) -> pd.DataFrame:
    """The "what it takes" table with formatted numbers and column names in the chosen language."""
    lang = t.lang
    shown = {
        t("planner.col_scope"): [scope_names.get(scope, scope) for scope in table["scope"]],
        t("planner.col_status"): [t(f"status.{status}") if isinstance(status, str) else "–"
                                  for status in table["status"]],
        t("planner.col_probability"): [takeaways.chance_text(p, lang) for p in table["probability_target_met"]],
        t("planner.col_pace"): [i18n.format_signed(pace, lang) for pace in table["pace_per_month"]],
    }
    for chance, column in TABLE_COLUMNS.items():
        label = t("goal_seek.col_recruits", chance=i18n.format_percent(100 * chance, lang, digits=0))
        shown[label] = [_recruits_text(value, has_target, t) for value, has_target in
                        zip(table[column], table["status"].map(lambda status: isinstance(status, str)))]
    return pd.DataFrame(shown)


def _recruits_text(value, has_target: bool, t: Translator) -> str:
    if not has_target:
        return t("what_if.no_target")
    if pd.isna(value):
        return t("goal_seek.beyond_bound", bound=i18n.format_number(goal_seek.RECRUITS_BOUND, t.lang))
    if value == 0:
        return t("goal_seek.none_needed")
    return "+" + i18n.format_number(value, t.lang)


def requirements_takeaway(table: pd.DataFrame, t: Translator) -> str:
    """The national row in one sentence: extra recruits for 50% and 80%, against the current pace."""
    national = table[table["scope"] == "national"].iloc[0]
    values = {column: _recruits_text(national[column], isinstance(national["status"], str), t)
              for column in TABLE_COLUMNS.values()}
    return t("goal_seek.table_takeaway", fifty=values[TABLE_COLUMNS[0.5]], eighty=values[TABLE_COLUMNS[0.8]],
             pace=i18n.format_signed(national["pace_per_month"], t.lang))


def chance_label(chance: float, lang: str) -> str:
    """A chance as the panel offers it: `80%`."""
    return i18n.format_percent(100 * chance, lang, digits=0)


def lever_amount(lever: str, steps: int, campaign_start, t: Translator) -> str:
    """One lever's value in the scenario words: "+742.060 rekrutmen/bulan sejak Nov 2023", "pertumbuhan +0,62 pp/bulan"."""
    levers = goal_seek.with_lever(dataclasses.replace(engine.BASELINE, campaign_start=campaign_start), lever, steps)
    return words.levers_sentence(levers, t)


def answer_sentences(answer: GoalSeek, item: ScopeInput, projection: ScopeProjection | None, scope_name: str,
                     t: Translator) -> list[str]:
    """The goal-seek answer in words: what it takes (or why nothing can be found), then the resulting projection,
    its projected shortfall or lead, chance, status and the month the target is reached."""
    lang = t.lang
    values = refusal_values(answer, item, scope_name, t)
    if not answer.found:
        return [t(f"goal_seek.{answer.outcome}", **values)]
    first = t("goal_seek.already_met" if answer.outcome == goal_seek.ALREADY_MET else "goal_seek.solved",
              **values, amount=lever_amount(answer.lever, answer.steps, item.levers.campaign_start, t),
              lever=t(f"goal_seek.lever_{answer.lever}_words"),
              target=i18n.format_compact(item.target_participants, lang),
              chance=takeaways.chance_text(answer.probability_target_met, lang))
    return [first, t("goal_seek.result", projected=i18n.format_compact(projection.projected_participants, lang),
                     month=values["month"], shortfall=takeaways.shortfall_phrase(projection.projected_shortfall, t),
                     low=i18n.format_compact(projection.p10, lang), high=i18n.format_compact(projection.p90, lang),
                     chance=takeaways.chance_text(projection.probability_target_met, lang),
                     status=t(f"status.{projection.status}"), reached=words.reached_text(projection, t))]


def refusal_values(answer: GoalSeek, item: ScopeInput, scope_name: str, t: Translator) -> dict:
    """What the answer's words name: the scope, the chance asked for, the bound searched and the chance there."""
    lang = t.lang
    return {"scope": scope_name, "wanted": i18n.format_percent(100 * answer.probability, lang, digits=0),
            "bound": lever_amount(answer.lever, answer.bound_steps, item.levers.campaign_start, t),
            "reached": takeaways.chance_text(answer.probability_target_met, lang),
            "month": i18n.format_month(item.target_month, lang), "last": i18n.format_month(item.last_month, lang)}
