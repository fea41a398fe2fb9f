"""Data: check a snapshot file; load it or undo a load (stewards); load history, data dictionary, downloads."""
import functools

import streamlit as st

from cakupan import ingest, stewardship, ui

t = ui.setup_page("data_page")
st.title(t("data_page.title"))
st.caption(t("data_page.intro"))
steward = ui.steward_access(t)
if "data_page_notice" in st.session_state:
    st.success(st.session_state.pop("data_page_notice"))
check_tab, history_tab, dictionary_tab, download_tab = st.tabs(
    [t(f"data_page.tab_{name}") for name in ("check", "history", "dictionary", "download")])

with check_tab:
    upload = st.file_uploader(t("data_page.upload"), type=list(stewardship.UPLOAD_TYPES), key="data_upload",
                              help=t("data_page.upload_help"))
    report = ui.checked_upload(upload)
    if report is not None:
        st.text(stewardship.report_summary(report, t))
        verdict = st.error if report.errors else st.warning if report.warnings else st.success
        verdict(t("data_page.refused" if report.errors else "data_page.ready_with_warnings" if report.warnings
                  else "data_page.ready"))
        if report.problems:
            st.subheader(t("data_page.problems_title"))
            st.dataframe(stewardship.problem_view(report, t), hide_index=True, width="stretch", key="data_problems")
        if report.ok:
            st.subheader(t("data_page.preview_title"))
            st.caption(t("data_page.preview_caption"))
            st.dataframe(stewardship.preview_view(ingest.preview(report), t), hide_index=True, width="stretch",
                         key="data_preview")
            if ingest.is_identical_to_loaded(report):
                st.info(t("data_page.identical"))
            loaded_by = st.text_input(t("data_page.steward_name"), key="data_loaded_by", disabled=not steward)
            if st.button(t("data_page.load_button"), key="data_load", type="primary", disabled=not steward):
                try:
                    result = ingest.load(report, loaded_by)
                    st.session_state["data_page_notice"] = t("data_page.loaded", load_id=result.load_id,
                                                             rows=result.rows, replaced=result.replaced_rows)
                    st.rerun()
                except ingest.LoadRefused as refused:
                    st.error(refused.message(t.lang))
            if not steward:
                st.caption(t("data_page.load_needs_steward"))

with history_tab:
    st.caption(stewardship.status_line(t))
    history = ingest.load_history()
    st.dataframe(stewardship.history_view(history, t), hide_index=True, width="stretch", key="data_history")
    if steward:
        st.subheader(t("data_page.undo_title"))
        load_id = st.selectbox(t("data_page.undo_choice"), options=stewardship.undoable_loads(history),
                               key="data_undo_choice")
        if st.button(t("data_page.undo_button"), key="data_undo") and load_id is not None:
            try:
                result = ingest.undo(load_id)
                st.session_state["data_page_notice"] = t("data_page.undone", load_id=load_id,
                                                         removed=result.removed_rows, restored=result.restored_rows)
                st.rerun()
            except ingest.LoadRefused as refused:
                st.error(refused.message(t.lang))

with dictionary_tab:
    st.caption(t("data_page.dictionary_intro"))
    st.dataframe(stewardship.column_dictionary(t), hide_index=True, width="stretch", key="data_columns")
    with st.expander(t("data_page.full_dictionary")):
        st.markdown(stewardship.data_dictionary_text())

with download_tab:
    st.caption(t("data_page.download_intro"))
    for table in stewardship.DOWNLOAD_TABLES:
        st.download_button(t("data_page.download_table", table=table), key=f"data_download_{table}",
                           data=functools.partial(stewardship.table_csv, table), file_name=f"cakupan_{table}.csv",
                           mime="text/csv", icon=":material/download:")
