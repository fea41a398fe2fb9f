"""Data: check a snapshot file; load it or undo a load (stewards); load history, data dictionary, downloads."""
import streamlit as st

from cakupan import ui
from cakupan.data import loads, stewardship
from cakupan.data import widgets as data_widgets

t = ui.setup_page("data_page")
st.title(t("data_page.title"))
st.caption(t("data_page.intro"))
steward = data_widgets.steward_access(t)
data_widgets.notice_after_rerun()
check_tab, history_tab, dictionary_tab, download_tab = st.tabs(
    [t(f"data_page.tab_{name}") for name in ("check", "history", "dictionary", "download")])

with check_tab:
    upload = st.file_uploader(t("data_page.upload"), type=list(stewardship.UPLOAD_TYPES), key="data_upload",
                              help=t("data_page.upload_help"))
    report = data_widgets.checked_upload(upload)
    if report is not None:
        data_widgets.check_report(report, t)
        if report.ok:
            data_widgets.load_preview(report, t)
            data_widgets.load_controls(report, steward, t)

with history_tab:
    st.caption(stewardship.status_line(t))
    history = loads.load_history()
    st.dataframe(stewardship.history_view(history, t), hide_index=True, width="stretch", key="data_history")
    if steward:
        data_widgets.undo_controls(history, t)

with dictionary_tab:
    st.caption(t("data_page.dictionary_intro"))
    st.dataframe(stewardship.column_dictionary(t), hide_index=True, width="stretch", key="data_columns")
    with st.expander(t("data_page.full_dictionary")):
        st.markdown(stewardship.data_dictionary_text())

with download_tab:
    st.caption(t("data_page.download_intro"))
    data_widgets.table_downloads(t)
