"""The presenter's slides as data: title, big numbers, one takeaway sentence and at most one figure each.

The presenter page, the PPTX / PDF / HTML deck and the tests all read the same `Slide` list, built by pure
functions from query results (`DeckInputs`). `gather_inputs` is the only function here that runs queries, and
it takes the runner as an argument: the page passes its cached `ui.query`, the command line `db.run`.

A saved what-if scenario becomes one more slide when one is chosen (`SavedScenario`); when the scenario store
does not exist yet there is simply nothing to choose and the slide is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from typing import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from cakupan import charts, i18n, kpi, planning, projection, stage_charts, summaries, theme
from cakupan.i18n import Translator

TONES = ("neutral", "good", "warn", "bad")
STATUS_TONES = {"on_track": "good", "at_risk": "warn", "off_track": "bad"}

QueryRunner = Callable[..., pd.DataFrame]


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


@dataclasses.dataclass(frozen=True)
class SavedScenario:
    """What the scenario slide needs from a saved what-if scenario (one row of `saved_scenarios`)."""
    name: str
    scope: str
    target_date: dt.date
    target_participants: int
    projected_participants: int
    pace_per_month: float
    required_pace_per_month: float
    probability_target_met: float | None = None


@dataclasses.dataclass(frozen=True, eq=False)
class DeckInputs:
    """Every query result the slides are built from.

    national: `national_monthly`; by_association: `monthly_per_association` for the chosen associations;
    national_split: `sector_split_national` over the period; associations, targets, segments: reference tables.
    """
    national: pd.DataFrame
    by_association: pd.DataFrame
    national_split: pd.DataFrame
    associations: pd.DataFrame
    targets: pd.DataFrame
    segments: pd.DataFrame
    from_month: dt.date
    to_month: dt.date
    scenario: SavedScenario | None = None


def saved_scenarios(run: QueryRunner, stored: pd.DataFrame) -> list[SavedScenario]:
    """The saved what-if scenarios (`stored`: the `scenarios` query, read uncached since saving a scenario does not
    change the data version), newest first, each projected on the current data."""
    if stored.empty:
        return []
    monthly = run("scope_monthly_active")
    last_month = pd.Timestamp(monthly["snapshot_month"].max()).date()
    rates = run("scope_lapse_rates", from_month=planning.lapse_rates_from(last_month))
    return [saved_scenario_from_record(record) for record in planning.scenario_records(stored, monthly, run("targets"), rates)]


def saved_scenario_from_record(row: dict) -> SavedScenario:
    """A scenario record (keys as in `python -m cakupan project --format json`, plus `name`)."""
    probability = row.get("probability_target_met")
    return SavedScenario(
        name=str(row["name"]), scope=str(row["scope"]), target_date=pd.Timestamp(row["target_date"]).date(),
        target_participants=int(row["target_participants"]),
        projected_participants=int(row["projected_participants"]),
        pace_per_month=float(row["pace_per_month"]), required_pace_per_month=float(row["required_pace_per_month"]),
        probability_target_met=None if probability is None or pd.isna(probability) else float(probability))


def gather_inputs(run: QueryRunner, associations: Sequence[str] = (), period=None,
                  scenario: SavedScenario | None = None) -> DeckInputs:
    """Run the queries behind the slides; empty `associations` means all, a period that does not fit the data
    (or none) means the last `theme.DEFAULT_PERIOD_MONTHS` months."""
    association_table = run("associations")
    known = list(association_table["association_code"])
    chosen = [code for code in associations if code in known] or known
    national = run("national_monthly")
    from_month, to_month = chart_period(period, national)
    return DeckInputs(
        national=national,
        by_association=run("monthly_per_association", associations=chosen),
        national_split=run("sector_split_national", from_month=from_month, to_month=to_month),
        associations=association_table[association_table["association_code"].isin(chosen)].reset_index(drop=True),
        targets=run("targets"),
        segments=run("segments"),
        from_month=from_month, to_month=to_month, scenario=scenario)


def chart_period(period, national: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The chosen (from, to) months when both lie in the national series, else its last 36 months."""
    months = [pd.Timestamp(m).date() for m in national["snapshot_month"]]
    if isinstance(period, (tuple, list)) and len(period) == 2 and period[0] in months and period[1] in months:
        return period[0], period[1]
    return months[max(0, len(months) - 1 - theme.DEFAULT_PERIOD_MONTHS)], months[-1]


def build_slides(inputs: DeckInputs, t: Translator) -> list[Slide]:
    """The deck in presenting order; the scenario slide only when a scenario is chosen."""
    national = national_summary(inputs)
    progress = association_progress(inputs)
    kicker = t("presenter.kicker", month=i18n.format_month(national.last_month, t.lang, long=True))
    deck = [title_slide(national, len(progress), t), kpi_slide(national, t), growth_slide(inputs, national, t),
            formal_informal_slide(inputs, t)]
    if not progress.empty:  # no association data (or no targets) yet: nothing to rank
        deck += [progress_slide(progress, t), gap_slide(progress, t)]
    if inputs.scenario is not None:
        deck.append(scenario_slide(inputs.scenario, t))
    return [dataclasses.replace(slide, kicker=kicker) for slide in deck]


def national_summary(inputs: DeckInputs) -> kpi.ScopeSummary:
    last_month = pd.Timestamp(inputs.national["snapshot_month"].iloc[-1]).date()
    return kpi.summarize(inputs.national, kpi.pick_target(inputs.targets, "national", last_month))


PROGRESS_COLUMNS = ["association_code", "last_month", "active_participants", "target_date", "target_participants",
                    "target_reached_pct", "gap_now_participants", "projected_participants", "projected_shortfall",
                    "probability_target_met", "pace_per_month", "required_pace_per_month", "status"]


def association_progress(inputs: DeckInputs) -> pd.DataFrame:
    """One row per chosen association that has a target: where it stands against it today (gap now), where its
    pace lands it (projection, projected shortfall, chance) and its status — the columns of PROGRESS_COLUMNS."""
    rows = []
    book = kpi.target_book(inputs.targets)
    for code, monthly in inputs.by_association.groupby("association_code", sort=True):
        monthly = monthly.sort_values("snapshot_month")
        last_month = pd.Timestamp(monthly["snapshot_month"].iloc[-1]).date()
        target = kpi.pick_from_book(book, code, last_month)
        if target is None:
            continue
        summary = kpi.summarize(monthly, target)
        result = summary.projection
        rows.append({
            "association_code": code, "last_month": last_month,
            "active_participants": summary.active_participants, "target_date": target.target_date,
            "target_participants": target.target_participants,
            "target_reached_pct": round(summary.target_reached_pct, 2), "gap_now_participants": summary.gap_now,
            "projected_participants": int(round(result.projected_participants)),
            "projected_shortfall": target.target_participants - int(round(result.projected_participants)),
            "probability_target_met": result.probability_target_met,
            "pace_per_month": round(summary.pace_per_month, 1),
            "required_pace_per_month": round(summary.required_pace_per_month, 1),
            "status": summary.status,
        })
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)


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
    return Slide("title", title, t("presenter.title_slide_takeaway", count=association_count), numbers)


def kpi_slide(national: kpi.ScopeSummary, t: Translator) -> Slide:
    lang = t.lang
    month = i18n.format_month(national.last_month, lang, long=True)
    numbers = [
        BigNumber(t("presenter.active_now"), i18n.format_compact(national.active_participants, lang),
                  i18n.format_number(national.active_participants, lang)),
        BigNumber(t("presenter.change_year"), _compact_signed(national.change_year, lang),
                  summaries.signed_percent(national.change_year_pct, lang) or ""),
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
                 gap=summaries.gap_now_phrase(national.gap_now, t), months=national.months_to_target,
                 projected=i18n.format_compact(result.projected_participants, lang), date=projected_month,
                 shortfall=summaries.shortfall_phrase(result.projected_shortfall, t))
    return Slide("kpis", t("presenter.kpi_title", month=month), takeaway, tuple(numbers))


def _distance_number(label_key: str, distance: float, t: Translator) -> BigNumber:
    """A gap now or projected shortfall as a big number: the amount, or "Melampaui target" and the amount."""
    card = summaries.distance_card(label_key, distance, t, label_key + "_help")
    return BigNumber(card.label, card.value, i18n.format_number(abs(distance), t.lang),
                     "bad" if distance > 0 else "good")


def growth_slide(inputs: DeckInputs, national: kpi.ScopeSummary, t: Translator) -> Slide:
    lang = t.lang
    period = inputs.national[pd.to_datetime(inputs.national["snapshot_month"]).dt.date.between(
        inputs.from_month, inputs.to_month)]
    target = national.target
    figure = charts.headline_trend(period, target.target_participants if target else None,
                                   target.target_date if target else None, t)
    numbers = [BigNumber(t("presenter.current_pace"),
                         t("presenter.per_month", value=_compact_signed(national.pace_per_month, lang)))]
    if target is None:
        takeaway = t("home.takeaway_no_target", scope=t("home.scope_national"),
                     active=i18n.format_compact(national.active_participants, lang),
                     month=i18n.format_month(national.last_month, lang),
                     pace=i18n.format_signed(national.pace_per_month, lang))
    else:
        numbers.append(BigNumber(t("presenter.required_pace"), t(
            "presenter.per_month", value=i18n.format_compact(national.required_pace_per_month, lang)),
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
    return Slide("formal_informal", t("presenter.formal_title"), summaries.split_takeaway(split, t), numbers,
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
                 stage_charts.progress_bars(progress, t), progress)


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
                              tone=STATUS_TONES[status]) for status in projection.STATUSES)
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
                 progress)


def scenario_slide(scenario: SavedScenario, t: Translator) -> Slide:
    lang = t.lang
    date = i18n.format_month(scenario.target_date, lang, long=True)
    gap = scenario.target_participants - scenario.projected_participants
    probability = summaries.chance_text(scenario.probability_target_met, lang)
    scope = t("presenter.scope_national") if scenario.scope == "national" else scenario.scope
    numbers = (
        BigNumber(t("presenter.projected", date=i18n.format_month(scenario.target_date, lang)),
                  i18n.format_compact(scenario.projected_participants, lang),
                  t("presenter.of_target", target=i18n.format_compact(scenario.target_participants, lang),
                    date=i18n.format_month(scenario.target_date, lang))),
        _distance_number("status.projected_shortfall", gap, t),
        BigNumber(t("presenter.probability"), probability),
    )
    takeaway = t("presenter.scenario_takeaway", name=scenario.name, scope=scope,
                 projected=i18n.format_compact(scenario.projected_participants, lang), date=date,
                 shortfall=summaries.shortfall_phrase(gap, t), probability=probability)
    return Slide("scenario", t("presenter.scenario_title", name=scenario.name), takeaway, numbers,
                 data=pd.DataFrame([dataclasses.asdict(scenario)]))


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


def heading_html(slide: Slide, position: int, count: int) -> str:
    """The slide's kicker, counter, title and takeaway as HTML (every value escaped)."""
    escape = html.escape
    layout = "with-figure" if slide.figure is not None else "numbers-only"
    return (f'<section class="cakupan-slide {layout} slide-{escape(slide.key)}" data-slide="{position}">'
            f'<div class="kicker"><span>{escape(slide.kicker)}</span>'
            f'<span class="counter">{position} / {count}</span></div>'
            f'<h1 class="slide-title">{escape(slide.title)}</h1>'
            f'<p class="takeaway">{escape(slide.takeaway)}</p></section>')


def numbers_html(slide: Slide) -> str:
    """The slide's big numbers as HTML: stacked beside a chart, or a grid of three to a row without one."""
    escape = html.escape
    layout = "stacked" if slide.figure is not None else "grid"
    cards = "".join(
        f'<div class="cakupan-number tone-{number.tone if number.tone in TONES else "neutral"}">'
        f'<div class="label">{escape(number.label)}</div><div class="value">{escape(number.value)}</div>'
        f'<div class="detail">{escape(number.detail)}</div></div>' for number in slide.numbers)
    return f'<div class="cakupan-slide slide-{escape(slide.key)}"><div class="cakupan-numbers {layout}">{cards}</div></div>'


def _target_year(progress: pd.DataFrame) -> int:
    return max(pd.Timestamp(d).year for d in progress["target_date"]) if len(progress) else dt.date.today().year


def _last(series: pd.Series | None) -> float | None:
    return None if series is None or series.dropna().empty else float(series.dropna().iloc[-1])


def _compact_signed(value: float | None, lang: str) -> str:
    """A signed change in words: `+4,6 juta`, `-120 ribu`."""
    if value is None or pd.isna(value):
        return "–"
    return ("+" if value >= 0 else "-") + i18n.format_compact(abs(value), lang)
