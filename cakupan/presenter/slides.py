"""The presenter's slides as data: title, big numbers, one takeaway sentence and at most one figure each.

The presenter page, the PPTX / PDF / HTML deck and the tests all read the same `Slide` list, built by pure
functions from query results (`deck_inputs.DeckInputs`). A saved what-if scenario becomes one more slide when
one is chosen; when the scenario store does not exist yet there is simply nothing to choose.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from cakupan import charts, i18n, kpi, takeaways
from cakupan.i18n import Translator
from cakupan.overview import data_age
from cakupan.planner import engine, fan_charts, words
from cakupan.presenter import notes, stage_charts
from cakupan.presenter.deck_inputs import (DeckInputs, ScenarioSlideData, association_progress,
                                          associations_with_target, national_summary)

STATUS_TONES = {"on_track": "good", "at_risk": "warn", "off_track": "bad"}


@dataclasses.dataclass(frozen=True)
class BigNumber:
    label: str
    value: str
    detail: str = ""
    tone: str = "neutral"


@dataclasses.dataclass(frozen=True, eq=False)
class Slide:
    key: str
    title: str
    takeaway: str
    numbers: tuple[BigNumber, ...] = ()
    figure: go.Figure | None = None
    data: pd.DataFrame | None = None
    kicker: str = ""
    footer: str = ""            # the data month and where the numbers come from
    notes: str = ""             # what the presenter says: takeaway, the numbers behind it, caveats
    illustrative: bool = False  # shows association figures, which are illustrative in this data set


def chart_tables(deck: Sequence[Slide]) -> dict[str, pd.DataFrame]:
    """The data behind every slide that has data, keyed `slide_<key>` (a sheet title in labels/sheets.toml), in
    presenting order: the deck's workbook."""
    return {f"slide_{slide.key}": slide.data for slide in deck if slide.data is not None}


ASSOCIATION_SLIDES = ("progress", "gap")


class Deck(Sequence):
    """The deck in presenting order (the scenario slide only when a scenario is chosen), each slide built the first
    time it is asked for: the presenter shows one slide at a time, and with a thousand associations the two
    association slides (a bar each, a notes line each) cost more than all the others together. `len` and the
    slides' order need no figure; the deck files iterate and so build every slide."""

    def __init__(self, inputs: DeckInputs, t: Translator, today: dt.date | None = None):
        self.inputs, self.t, self.today = inputs, t, today
        self.national = national_summary(inputs)
        self.association_count = len(associations_with_target(inputs))
        # no association data (or no targets) yet: nothing to rank
        self.keys = (["title", "kpis", "growth", "formal_informal"] + (list(ASSOCIATION_SLIDES) if
                     self.association_count else []) + (["scenario"] if inputs.scenario is not None else []))
        self._built: dict[str, Slide] = {}

    @functools.cached_property
    def progress(self) -> pd.DataFrame:
        return association_progress(self.inputs)

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        key = self.keys[index]
        if key not in self._built:
            self._built[key] = self._build(key)
        return self._built[key]

    def _build(self, key: str) -> Slide:
        inputs, national, t = self.inputs, self.national, self.t
        progress = self.progress if key in ASSOCIATION_SLIDES else None
        slide = {"title": lambda: title_slide(national, self.association_count, t),
                 "kpis": lambda: kpi_slide(national, t), "growth": lambda: growth_slide(inputs, national, t),
                 "formal_informal": lambda: formal_informal_slide(inputs, t),
                 "progress": lambda: progress_slide(progress, t), "gap": lambda: gap_slide(progress, t),
                 "scenario": lambda: scenario_slide(inputs.scenario, t)}[key]()
        month = i18n.format_month(national.last_month, t.lang, long=True)
        age = data_age.data_age_text(national.last_month, self.today, t) if self.today else None
        return dataclasses.replace(slide, kicker=t("presenter.kicker", month=month), footer=footer(slide, month, t, age),
                                   notes=notes.notes_for(slide, inputs, national, progress, t))


def build_slides(inputs: DeckInputs, t: Translator, today: dt.date | None = None) -> Deck:
    """The deck in presenting order; a slide is built when it is first read. Given `today`, every foot line also
    says how old the data is once it is stale (`data_age`)."""
    return Deck(inputs, t, today)


def footer(slide: Slide, month: str, t: Translator, age: str | None = None) -> str:
    """The line at the foot of every slide: the data month and the source, association figures flagged; with stale
    data, how old it is (`Data terakhir: Okt 2023 — 37 bulan lalu`) instead of the month alone."""
    source = t("presenter.source_illustrative" if slide.illustrative else "presenter.source_official")
    if age:
        return t("presenter.footer_line_aged", age=age, source=source)
    return t("presenter.footer_line", month=month, source=source)


def title_slide(national: kpi.ScopeSummary, association_count: int, t: Translator) -> Slide:
    lang = t.lang
    numbers = (BigNumber(t("presenter.latest_data"), i18n.format_month(national.last_month, lang, long=True)),)
    title = t("presenter.title")
    if national.target is not None:
        title = t("presenter.title_slide_title", target=i18n.format_compact(national.target.target_participants, lang),
                  date=i18n.format_month(national.target.target_date, lang, long=True))
        numbers += (BigNumber(t("presenter.national_target"),
                              i18n.format_compact(national.target.target_participants, lang),
                              i18n.format_month(national.target.target_date, lang, long=True)),)
    return Slide("title", title, t("presenter.title_slide_takeaway", count=association_count), numbers,
                 illustrative=association_count > 0)


def kpi_slide(national: kpi.ScopeSummary, t: Translator) -> Slide:
    lang = t.lang
    month = i18n.format_month(national.last_month, lang, long=True)
    numbers = [
        BigNumber(t("presenter.active_now"), i18n.format_compact(national.active_participants, lang),
                  i18n.format_number(national.active_participants, lang)),
        BigNumber(t("presenter.change_year"), _compact_signed(national.change_year, lang),
                  takeaways.signed_percent(national.change_year_pct, lang) or ""),
        BigNumber(t("presenter.formal_share"), i18n.format_percent(national.formal_share_pct, lang)),
    ]
    if national.target is None:
        return Slide("kpis", t("presenter.kpi_title", month=month), t(
            "presenter.kpi_takeaway_no_target", active=i18n.format_compact(national.active_participants, lang),
            month=month), tuple(numbers))
    target_text = i18n.format_compact(national.target.target_participants, lang)
    target_month = i18n.format_month(national.target.target_date, lang)
    result = national.projection
    projected_month = i18n.format_month(result.target_month, lang)
    numbers += [
        BigNumber(t("presenter.target_reached"), i18n.format_percent(national.target_reached_pct, lang),
                  t("presenter.of_target", target=target_text, date=target_month)),
        _distance_number("status.gap_now", national.gap_now, t),
        BigNumber(t("presenter.status"), t(f"status.{national.status}"),
                  t("presenter.status_detail", projected=i18n.format_compact(result.projected_participants, lang),
                    date=projected_month), STATUS_TONES[national.status]),
    ]
    takeaway = t("presenter.kpi_takeaway", active=i18n.format_compact(national.active_participants, lang),
                 reached=i18n.format_percent(national.target_reached_pct, lang), target=target_text,
                 gap=takeaways.gap_now_phrase(national.gap_now, t), months=national.months_to_target,
                 projected=i18n.format_compact(result.projected_participants, lang), date=projected_month,
                 shortfall=takeaways.shortfall_phrase(result.projected_shortfall, t))
    return Slide("kpis", t("presenter.kpi_title", month=month), takeaway, tuple(numbers))


def _distance_number(label_key: str, distance: float, t: Translator) -> BigNumber:
    """A gap now or projected shortfall as a big number: the amount, or "Melampaui target" and the amount."""
    card = takeaways.distance_card(label_key, distance, t, label_key + "_help")
    return BigNumber(card.label, card.value, i18n.format_number(abs(distance), t.lang),
                     "bad" if distance > 0 else "good")


def growth_slide(inputs: DeckInputs, national: kpi.ScopeSummary, t: Translator) -> Slide:
    lang = t.lang
    period = inputs.national[pd.to_datetime(inputs.national["snapshot_month"]).dt.date.between(
        inputs.from_month, inputs.to_month)]
    target = national.target
    figure = charts.headline_trend(period, target.target_participants if target else None,
                                   target.target_date if target else None, t)
    # "per month" sits in the labels, so that a value fits its column on the stage
    numbers = [BigNumber(t("presenter.current_pace"), _compact_signed(national.pace_per_month, lang))]
    if target is None:
        takeaway = t("home.takeaway_no_target", scope=t("home.scope_national"),
                     active=i18n.format_compact(national.active_participants, lang),
                     month=i18n.format_month(national.last_month, lang),
                     pace=i18n.format_signed(national.pace_per_month, lang))
    else:
        numbers.append(BigNumber(t("presenter.required_pace"),
                                 i18n.format_compact(national.required_pace_per_month, lang),
                                 tone=STATUS_TONES[national.status]))
        takeaway = pace_sentence("presenter.growth_takeaway", national.pace_per_month,
                                 national.required_pace_per_month, t,
                                 target=i18n.format_compact(target.target_participants, lang),
                                 date=i18n.format_month(target.target_date, lang, long=True))
    return Slide("growth", t("presenter.growth_title"), takeaway, tuple(numbers),
                 stage_charts.for_stage(figure), period)


def pace_sentence(key: str, pace: float, required: float, t: Translator, **values) -> str:
    """`key` with the pace, the required pace and their ratio; `key_met` / `key_shrinking` variants when the
    target is already met or the pace is not positive (a ratio would mislead)."""
    lang = t.lang
    pace_text = i18n.format_compact(pace, lang) if pace > 0 else _compact_signed(pace, lang)
    if required <= 0:
        return t(f"{key}_met", pace=pace_text, **values)
    if pace <= 0:
        return t(f"{key}_shrinking", pace=pace_text, required=i18n.format_compact(required, lang), **values)
    return t(key, pace=pace_text, required=i18n.format_compact(required, lang),
             ratio=i18n.format_decimal(required / pace, lang), **values)


def formal_informal_slide(inputs: DeckInputs, t: Translator) -> Slide:
    lang = t.lang
    split = inputs.national_split
    sector_names = {sector: t(f"sectors.{sector}") for sector in inputs.segments["sector"].unique()}
    shares = split.pivot(index="snapshot_month", columns="sector", values="share_pct").sort_index()
    formal, informal = shares.get("formal"), shares.get("informal")
    first_month = pd.Timestamp(shares.index[0]).date()
    numbers = (
        BigNumber(t("presenter.formal_share"), i18n.format_percent(_last(formal), lang)),
        BigNumber(t("presenter.informal_share"), i18n.format_percent(_last(informal), lang)),
        BigNumber(t("presenter.share_change"),
                  t("presenter.points", value=i18n.format_decimal(_last(formal) - formal.iloc[0], lang, signed=True)),
                  t("presenter.since", month=i18n.format_month(first_month, lang))),
    )
    figure = charts.sector_area(split, sector_names, t, as_share=True)
    return Slide("formal_informal", t("presenter.formal_title"), takeaways.split_takeaway(split, t), numbers,
                 stage_charts.for_stage(figure), split)


def progress_slide(progress: pd.DataFrame, t: Translator) -> Slide:
    lang = t.lang
    year = _target_year(progress)
    active, target = int(progress["active_participants"].sum()), int(progress["target_participants"].sum())
    reached_pct = 100.0 * active / target if target else None
    numbers = (
        BigNumber(t("presenter.associations_active"), i18n.format_compact(active, lang), i18n.format_number(active, lang)),
        BigNumber(t("presenter.associations_target", year=year), i18n.format_compact(target, lang),
                  i18n.format_number(target, lang)),
        BigNumber(t("presenter.target_reached"), i18n.format_percent(reached_pct, lang)),
    )
    laggard = progress.sort_values(["target_reached_pct", "association_code"]).iloc[0]
    values = {"count": len(progress), "reached": i18n.format_percent(reached_pct, lang),
              "target": i18n.format_compact(target, lang), "laggard": laggard["association_code"],
              "laggard_pct": i18n.format_percent(laggard["target_reached_pct"], lang)}
    leader = praiseworthy_leader(progress)
    if leader is None:
        takeaway = t("presenter.progress_takeaway_none_ahead", **values,
                     off_track=int((progress["status"] == "off_track").sum()))
    else:
        takeaway = t("presenter.progress_takeaway", **values, leader=leader["association_code"],
                     leader_pct=i18n.format_percent(leader["target_reached_pct"], lang))
    return Slide("progress", t("presenter.progress_title", count=len(progress), year=year), takeaway, numbers,
                 stage_charts.progress_bars(progress, t), progress, illustrative=True)


def praiseworthy_leader(progress: pd.DataFrame) -> pd.Series | None:
    """The association furthest along its target among those growing and not off track; None when there is none
    (a takeaway never holds up a shrinking or off-track association as the best)."""
    candidates = progress[(progress["pace_per_month"] > 0) & (progress["status"] != "off_track")]
    if candidates.empty:
        return None
    return candidates.sort_values(["target_reached_pct", "association_code"], ascending=[False, True]).iloc[0]


def gap_slide(progress: pd.DataFrame, t: Translator) -> Slide:
    lang = t.lang
    year = _target_year(progress)
    counts = progress["status"].value_counts()
    numbers = tuple(BigNumber(t(f"status.{status}"), i18n.format_number(int(counts.get(status, 0)), lang),
                              tone=STATUS_TONES[status]) for status in engine.STATUSES)
    short = progress[progress["projected_shortfall"] > 0]
    if short.empty:
        takeaway = t("presenter.gap_takeaway_all_on_track", count=len(progress), year=year)
    else:
        # the association whose pace leaves the largest part of its target missing
        worst = short.assign(missing=short["projected_shortfall"] / short["target_participants"]).sort_values(
            ["missing", "association_code"], ascending=[False, True]).iloc[0]
        takeaway = pace_sentence("presenter.gap_takeaway", worst["pace_per_month"], worst["required_pace_per_month"],
                                 t, code=worst["association_code"],
                                 date=i18n.format_month(worst["target_date"], lang, long=True))
    return Slide("gap", t("presenter.gap_title", year=year), takeaway, numbers, stage_charts.gap_bars(progress, t),
                 progress, illustrative=True)


def scenario_slide(scenario: ScenarioSlideData, t: Translator) -> Slide:
    """A saved scenario against the baseline: every lever with its value, the fan of both, and what the levers
    change at the target date."""
    lang = t.lang
    result, baseline = scenario.scenario, scenario.baseline
    month = i18n.format_month(result.target_month, lang)
    scope = t("presenter.scope_national") if scenario.scope == "national" else scenario.scope
    probability = takeaways.chance_text(result.probability_target_met, lang)
    baseline_probability = takeaways.chance_text(baseline.probability_target_met, lang)
    difference = result.projected_participants - baseline.projected_participants
    numbers = (
        BigNumber(t("presenter.projected", date=month), i18n.format_compact(result.projected_participants, lang),
                  t("presenter.baseline_detail", value=i18n.format_compact(baseline.projected_participants, lang))),
        _distance_number("status.projected_shortfall", result.projected_shortfall, t),
        BigNumber(t("presenter.probability"), probability, t("presenter.baseline_detail", value=baseline_probability),
                  STATUS_TONES[result.status]),
    )
    takeaway = t("presenter.scenario_takeaway", name=scenario.name, levers=words.levers_sentence(scenario.levers, t),
                 scope=scope, projected=i18n.format_compact(result.projected_participants, lang),
                 date=i18n.format_month(result.target_month, lang, long=True),
                 difference=_compact_signed(difference, lang), shortfall=takeaways.shortfall_phrase(
                     result.projected_shortfall, t), probability=probability, baseline_probability=baseline_probability)
    fans = [fan_charts.FanSeries(t("what_if.baseline"), baseline, fan_charts.PROJECTION_COLORS[1]),
            fan_charts.FanSeries(scenario.name, result, fan_charts.PROJECTION_COLORS[0])]
    figure = stage_charts.for_stage(fan_charts.fan(scenario.observed, fans, t, show_95=False))
    return Slide("scenario", t("presenter.scenario_title", name=scenario.name), takeaway, numbers, figure,
                 fan_charts.fan_data(fans), illustrative=scenario.scope != "national")


def _target_year(progress: pd.DataFrame) -> int:
    return max(pd.Timestamp(d).year for d in progress["target_date"]) if len(progress) else dt.date.today().year


def _last(series: pd.Series | None) -> float | None:
    return None if series is None or series.dropna().empty else float(series.dropna().iloc[-1])


def _compact_signed(value: float | None, lang: str) -> str:
    """A signed change in words: `+4,6 juta`, `-120 ribu`."""
    if value is None or pd.isna(value):
        return "–"
    return ("+" if value >= 0 else "-") + i18n.format_compact(abs(value), lang)
