"""The one Streamlit helper module: page setup, language, navigation, shared filters, cached queries, chart blocks.

Pages call `setup_page` first, then read inputs from `sidebar_filters`, data from `query`, and render with
`chart_block` and `kpi_card`. Widget values are mirrored into plain session keys so that the language and
filters survive switching pages (Streamlit drops the state of widgets that a page does not render).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cakupan import i18n, takeaways, theme
from cakupan.data import db, workbook
from cakupan.overview import data_age
from cakupan.i18n import Translator

# (file relative to dashboard.py, label key, icon), in menu order.
NAV_PAGES = (
    ("dashboard.py", "nav.home", ":material/dashboard:"),
    ("pages/1_growth.py", "nav.growth", ":material/trending_up:"),
    ("pages/2_formal_informal.py", "nav.formal_informal", ":material/pie_chart:"),
    ("pages/3_target_gap.py", "nav.target_gap", ":material/flag:"),
    ("pages/4_what_if.py", "nav.what_if", ":material/tune:"),
    ("pages/7_plan.py", "nav.plan", ":material/groups:"),
    ("pages/8_coverage.py", "nav.coverage", ":material/map:"),
    ("pages/5_presenter.py", "nav.presenter", ":material/slideshow:"),
    ("pages/6_data.py", "nav.data", ":material/database:"),
)


def current_language() -> str:
    """The session's language: chosen by the toggle, or `?lang=` on first visit, else Indonesian."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = i18n.normalize_language(st.query_params.get("lang"))
    return st.session_state["lang"]


def setup_page(page: str, sidebar: bool = True, stage: bool = False) -> Translator:
    """Page config, language toggle and navigation; returns the translator for the session's language.

    `stage=True` (the presenter) shows no sidebar and hides Streamlit's header, toolbar and decorations.
    """
    t = i18n.translator(current_language())
    sidebar = sidebar and not stage
    st.set_page_config(page_title=f"{t(f'{page}.title')} · Cakupan", page_icon=theme.PAGE_ICON,
                       layout="wide", initial_sidebar_state="auto" if sidebar else "collapsed")
    if stage:
        st.html(f"<style>{theme.STAGE_CSS.read_text(encoding='utf-8')}</style>")
    # every chart's data on this run of the page, by chart key: the whole-page workbook is built from it on click
    st.session_state[PAGE_TABLES] = tables = {}
    if sidebar:
        _language_toggle()
        t = i18n.translator(current_language())
        _navigation(t)
        if page not in PAGES_WITHOUT_CHARTS:
            st.sidebar.download_button(
                t("ui.download_page_xlsx"), data=functools.partial(workbook.page_workbook_bytes, tables, t.lang),
                file_name=f"cakupan_{page}.xlsx", mime=workbook.XLSX_MIME, key="page_xlsx", on_click="ignore",
                icon=":material/download:")
    st.html(page_style(t))
    if not stage:   # the presenter says it on every slide's foot line instead
        data_age_banner(t)
    return t


def today() -> dt.date:
    """Today's date, in one place so that a test can fix the clock."""
    return dt.date.today()


def data_age_banner(t: Translator) -> None:
    """A warning at the top of the page when the latest data is more than two months old."""
    text = data_age.data_age_text(data_age.latest_data_month(query("month_range").iloc[0]), today(), t)
    if text:
        st.warning(text, icon=":material/history:")


PAGE_TABLES = "_page_tables"
PAGES_WITHOUT_CHARTS = frozenset({"data_page", "presenter"})  # their tables download one by one


def page_style(t: Translator) -> str:
    """Every page's CSS (`assets/page.css`) with the words that replace Streamlit's built-in English texts."""
    words = {"upload-button": t("ui.upload_button"), "input-hint": t("ui.input_hint"),
             "skip-link": t("ui.skip_link")}
    variables = "".join(f"--cakupan-{name}: {_css_string(text)}; " for name, text in words.items())
    return f"<style>{theme.PAGE_CSS.read_text(encoding='utf-8')}\n:root {{ {variables}}}</style>"


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def _language_toggle() -> None:
    _restore_widget("lang_choice", "lang")
    st.sidebar.radio("Bahasa / Language", options=list(i18n.LANGUAGES), key="lang_choice", horizontal=True,
                     format_func={"id": "Bahasa Indonesia", "en": "English"}.get,
                     on_change=_remember_widget, args=("lang_choice", "lang"))


def _navigation(t: Translator) -> None:
    with st.sidebar:
        st.markdown("### Cakupan")
        for path, label_key, icon in NAV_PAGES:
            st.page_link(path, label=t(label_key), icon=icon)
        st.divider()


def _restore_widget(widget_key: str, store_key: str) -> None:
    """Give a widget the value remembered under `store_key` before it is drawn."""
    if store_key in st.session_state:
        st.session_state[widget_key] = st.session_state[store_key]


def _remember_widget(widget_key: str, store_key: str) -> None:
    st.session_state[store_key] = st.session_state[widget_key]


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_run(name: str, version: int, **params) -> pd.DataFrame:
    return db.run(name, **params)


def query(name: str, **params) -> pd.DataFrame:
    """A named query's result, cached per (query, parameters, data version): a load or undo refreshes it."""
    return _cached_run(name, db.data_version(), **params)


def scope_monthly(scope: str, association_codes: list[str]) -> pd.DataFrame:
    """Monthly totals of a scope: the national series, all associations added up, or one association."""
    if scope == "national":
        return query("national_monthly")
    return query("associations_total_monthly", associations=association_codes if scope == "all" else [scope])


@dataclasses.dataclass(frozen=True)
class Filters:
    from_month: dt.date
    to_month: dt.date
    associations: tuple[str, ...]
    segments: tuple[str, ...]
    provinces: tuple[str, ...]

    def code_params(self) -> dict:
        """The association, segment and province lists, as the filtered queries take them."""
        return {"associations": list(self.associations), "segments": list(self.segments),
                "provinces": list(self.provinces)}

    def sql_params(self) -> dict:
        """The period and the three code lists: all five filter parameters."""
        return {"from_month": self.from_month, "to_month": self.to_month, **self.code_params()}


def sidebar_filters(t: Translator) -> Filters:
    """Period, associations, segments and provinces in the sidebar; an empty choice means all.

    The lists offer no "Select all" (Streamlit words it in English; choosing nothing already means all).
    """
    months_range = query("month_range").iloc[0]
    months = list(pd.date_range(months_range["first_enrollment_month"], months_range["last_enrollment_month"],
                                freq="MS").date)
    associations = query("associations")
    segments = query("segments")
    provinces = query("provinces")
    segment_labels = dict(zip(segments["segment"], segments[f"label_{t.lang}"]))
    province_labels = dict(zip(provinces["province_code"], provinces["name"]))
    _follow_province_link(list(provinces["province_code"]))
    with st.sidebar:
        st.markdown(f"#### {t('filters.heading')}")
        period = _period_filter(months, t)
        chosen_associations = _persistent_widget(
            st.multiselect, "filter_associations", t("filters.associations"),
            options=list(associations["association_code"]), default=[], select_all=False,
            placeholder=t("filters.all_associations"))
        chosen_segments = _persistent_widget(
            st.multiselect, "filter_segments", t("filters.segments"), options=list(segments["segment"]),
            default=[], select_all=False, placeholder=t("filters.all_segments"),
            format_func=lambda s: segment_labels.get(s, s))
        chosen_provinces = _persistent_widget(
            st.multiselect, "filter_provinces", t("filters.provinces"), options=list(provinces["province_code"]),
            default=[], select_all=False, placeholder=t("filters.all_provinces"),
            format_func=lambda p: province_labels.get(p, p))
    from_month, to_month = _valid_period(period, months)
    return Filters(
        from_month=from_month, to_month=to_month,
        associations=tuple(chosen_associations or associations["association_code"]),
        segments=tuple(chosen_segments or segments["segment"]),
        provinces=tuple(chosen_provinces or provinces["province_code"]),
    )


PROVINCE_LINK_PARAM = "province"


def province_link(page_path: str, province_code: str, lang: str) -> str:
    """A link that opens a page with the sidebar's province filter set to one province (`growth?province=31`)."""
    return f"{page_path}?{PROVINCE_LINK_PARAM}={province_code}&lang={lang}"


def _follow_province_link(known_codes: list[str]) -> None:
    """Arriving by a `province_link`, choose that province in the filter, once: the parameter is then dropped from
    the URL, so the filter stays the reader's to change."""
    code = st.query_params.get(PROVINCE_LINK_PARAM)
    if code is None:
        return
    del st.query_params[PROVINCE_LINK_PARAM]
    if code in known_codes:
        st.session_state["_filter_provinces"] = [code]


def _period_filter(months: list[dt.date], t: Translator):
    """The period as a range slider over the data's months; one month of data has no range to choose."""
    if len(months) == 1:
        st.caption(t("filters.only_month", month=i18n.format_month(months[0], t.lang, long=True)))
        return months[0], months[0]
    default_period = theme.default_period(months)
    # `value` makes it a range slider: without a pair there, Streamlit reads the two months the browser sends
    # after a thumb moves as a malformed single value and falls back to the first month.
    return _persistent_widget(
        st.select_slider, "filter_period", t("filters.period"), options=months, default=default_period,
        value=default_period, format_func=lambda m: i18n.format_month(m, t.lang))


def remembered_filter_choices() -> tuple[tuple | None, list[str]]:
    """The period and associations last chosen in the sidebar filters (None and [] if never touched), for
    pages without a sidebar such as the presenter."""
    return st.session_state.get("_filter_period"), list(st.session_state.get("_filter_associations") or [])


def _valid_period(period, months: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The chosen period, or the whole range when a remembered period no longer fits the data."""
    if isinstance(period, (tuple, list)) and len(period) == 2 and period[0] in months and period[1] in months:
        return period[0], period[1]
    return min(months), max(months)


def _persistent_widget(widget, key: str, label: str, default, **kwargs):
    """Draw a widget whose value survives page switches (remembered under `_<key>`)."""
    store_key = f"_{key}"
    options = kwargs.get("options")
    remembered = st.session_state.get(store_key, default)
    if options is not None and not _fits_options(remembered, options):
        remembered = default
    st.session_state[key] = remembered
    return widget(label, key=key, on_change=_remember_widget, args=(key, store_key), **kwargs)


def _fits_options(value, options) -> bool:
    values = value if isinstance(value, (list, tuple)) else [value]
    return all(v in options for v in values)


def group_names(t: Translator) -> dict[str, dict[str, str]]:
    """Display names per breakdown: association codes stay codes, segments and provinces get names."""
    segments = query("segments")
    provinces = query("provinces")
    associations = query("associations")
    return {
        "association": dict(zip(associations["association_code"], associations["association_code"])),
        "segment": dict(zip(segments["segment"], segments[f"label_{t.lang}"])),
        "province": dict(zip(provinces["province_code"], provinces["name"])),
        "total": {"total": t("filters.heading")},
    }


def sector_names(t: Translator) -> dict[str, str]:
    """Display names of the sectors (formal, informal, construction, migrant)."""
    return {sector: t(f"sectors.{sector}") for sector in query("segments")["sector"].unique()}


def segment_sectors() -> dict[str, str]:
    """Segment → sector, from the segments reference table."""
    segments = query("segments")
    return dict(zip(segments["segment"], segments["sector"]))


def chart_block(fig: go.Figure, data: pd.DataFrame, key: str, takeaway: str, t: Translator,
                drawable: bool = True) -> None:
    """A chart, its one-line takeaway, and the data behind it to see and download as CSV. With nothing to draw
    (`drawable` false), the takeaway alone as a note in the chart's place: it then says which data is missing."""
    if not drawable:
        st.info(takeaway)
        return
    st.session_state.setdefault(PAGE_TABLES, {})[key] = data
    # topojsonURL: a map (geo trace) draws from the project's own GeoJSON; this stops plotly.js fetching its base
    # map from a CDN (theme.OFFLINE_TOPOJSON_URL)
    st.plotly_chart(fig, key=f"{key}_chart", width="stretch",
                    config={"displaylogo": False, "toImageButtonOptions": {"filename": f"cakupan_{key}", "scale": 2},
                            "topojsonURL": theme.OFFLINE_TOPOJSON_URL})
    st.caption(takeaway)
    with st.expander(t("ui.data_behind_chart")):
        st.dataframe(data, hide_index=True, width="stretch")
        table_downloads(data, key, t)


def table_downloads(data: pd.DataFrame, key: str, t: Translator) -> None:
    """A table's CSV and Excel downloads side by side, headers and number conventions of the page's language."""
    csv_column, xlsx_column = st.columns(2)
    # a callable: the file is built when someone clicks, not on every rerun (42k rows cost ~0.3 s at 10M);
    # "ignore": no rerun on click, which would race the download for the file it is building
    csv_column.download_button(t("ui.download_csv"), data=functools.partial(i18n.csv_bytes, data, t.lang),
                               file_name=f"cakupan_{key}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore")
    xlsx_column.download_button(
        t("ui.download_xlsx"), data=functools.partial(workbook.table_workbook_bytes, key, data, t.lang),
        file_name=f"cakupan_{key}.xlsx", mime=workbook.XLSX_MIME, key=f"{key}_xlsx", on_click="ignore")


def kpi_cards(cards: list, per_row: int = 4) -> None:
    """KPI cards (`takeaways.Card`) as bordered metrics, `per_row` to a row (two on a phone: `page.css`)."""
    with st.container(key="kpi_cards"):
        for row in takeaways.card_rows(cards, per_row):
            for column, card in zip(st.columns(per_row), row):
                with column:
                    st.metric(card.label, card.value, delta=card.delta, help=card.help_text,
                              delta_color=card.delta_color, delta_arrow=card.delta_arrow, border=True,
                              chart_data=card.sparkline, chart_type="area")
