"""The Data page's widgets: the checked upload (cached per content and data version), the steward sign-in, the
check report and preview, load and undo buttons, and the table downloads."""

from __future__ import annotations

import functools
import os

import streamlit as st

from cakupan.data import contract_checks, db, loads, stewardship, workbook
from cakupan.i18n import Translator


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_check(content: bytes, file_name: str, version: int) -> contract_checks.Report:
    return contract_checks.check_bytes(content, file_name)


def checked_upload(upload) -> contract_checks.Report | None:
    """The check report of an uploaded file, cached per content and data version (a load changes the preview)."""
    if upload is None:
        return None
    return _cached_check(upload.getvalue(), upload.name, db.data_version())


def steward_password_hash() -> str | None:
    """The configured steward password hash: Streamlit secrets first, then the environment."""
    try:
        secrets = dict(st.secrets)
    except Exception:  # no secrets.toml at all: Streamlit raises rather than returning an empty mapping
        secrets = {}
    return stewardship.configured_password_hash(secrets, dict(os.environ))


def steward_access(t: Translator) -> bool:
    """The steward sign-in box; True once this session has given the right password."""
    expected = steward_password_hash()
    signed_in = bool(expected) and st.session_state.get("steward_signed_in") == expected
    title = t("data_page.steward_signed_in" if signed_in else "data_page.steward_title")
    with st.expander(title, expanded=not signed_in, icon=":material/key:"):
        if not expected:
            st.info(t("data_page.steward_not_configured"))
        elif signed_in:
            st.success(t("data_page.unlocked"))
        else:
            with st.form("steward_form", border=False):
                password = st.text_input(t("data_page.password"), type="password", key="steward_password")
                if st.form_submit_button(t("data_page.unlock")):
                    if stewardship.password_matches(password, expected):
                        st.session_state["steward_signed_in"] = expected
                        st.rerun()
                    st.error(t("data_page.wrong_password"))
    return signed_in


NOTICE_KEY = "data_page_notice"


def notice_after_rerun() -> None:
    """The outcome of a load or undo, kept across the rerun that shows its effect."""
    if NOTICE_KEY in st.session_state:
        st.success(st.session_state.pop(NOTICE_KEY))


def check_report(report: contract_checks.Report, t: Translator) -> None:
    """The file's summary, the verdict, and every problem by row, column and value."""
    st.text(stewardship.report_summary(report, t))
    level, label_key = stewardship.verdict(report)
    {"error": st.error, "warning": st.warning, "success": st.success}[level](t(label_key))
    if report.problems:
        st.subheader(t("data_page.problems_title"))
        st.dataframe(stewardship.problem_view(report, t), hide_index=True, width="stretch", key="data_problems")


def load_preview(report: contract_checks.Report, t: Translator) -> None:
    """What loading the file would change, per month and association."""
    st.subheader(t("data_page.preview_title"))
    st.caption(t("data_page.preview_caption"))
    st.dataframe(stewardship.preview_view(loads.preview(report), t), hide_index=True, width="stretch",
                 key="data_preview")
    if loads.is_identical_to_loaded(report):
        st.info(t("data_page.identical"))


def load_controls(report: contract_checks.Report, steward: bool, t: Translator) -> None:
    """Who loads it and the load button (stewards only); the outcome shows after the rerun."""
    loaded_by = st.text_input(t("data_page.steward_name"), key="data_loaded_by", disabled=not steward)
    if st.button(t("data_page.load_button"), key="data_load", type="primary", disabled=not steward):
        try:
            result = loads.load(report, loaded_by)
            st.session_state[NOTICE_KEY] = t("data_page.loaded", load_id=result.load_id, rows=result.rows,
                                             replaced=result.replaced_rows)
            st.rerun()
        except loads.LoadRefused as refused:
            st.error(refused.message(t.lang))
    if not steward:
        st.caption(t("data_page.load_needs_steward"))


def undo_controls(history, t: Translator) -> None:
    """Choose an active load and undo it (stewards only)."""
    st.subheader(t("data_page.undo_title"))
    load_id = st.selectbox(t("data_page.undo_choice"), options=stewardship.undoable_loads(history),
                           key="data_undo_choice")
    if st.button(t("data_page.undo_button"), key="data_undo") and load_id is not None:
        try:
            result = loads.undo(load_id)
            st.session_state[NOTICE_KEY] = t("data_page.undone", load_id=load_id, removed=result.removed_rows,
                                             restored=result.restored_rows)
            st.rerun()
        except loads.LoadRefused as refused:
            st.error(refused.message(t.lang))


def table_downloads(t: Translator) -> None:
    """Every table as CSV and as Excel, each built when its button is clicked."""
    for table in stewardship.DOWNLOAD_TABLES:
        csv_column, xlsx_column = st.columns(2)
        csv_column.download_button(t("data_page.download_table", table=table), key=f"data_download_{table}",
                                   data=functools.partial(stewardship.table_csv, table, t.lang),
                                   file_name=f"cakupan_{table}.csv", mime="text/csv", icon=":material/download:",
                                   on_click="ignore")  # no rerun on click: it would race the download it builds
        xlsx_column.download_button(t("data_page.download_table_xlsx", table=table), key=f"data_xlsx_{table}",
                                    data=functools.partial(stewardship.table_xlsx, table, t.lang),
                                    file_name=f"cakupan_{table}.xlsx", mime=workbook.XLSX_MIME,
                                    icon=":material/download:", on_click="ignore")
