"""What the Data page shows and who may change data: steward password, report and history tables, downloads.

Pure functions (no Streamlit): the page calls them and renders their DataFrames with st.dataframe, so every
file name and cell text from a snapshot is shown as data, never as markup.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pandas as pd

from cakupan import i18n
from cakupan.data import contract, contract_checks, db, workbook
from cakupan.i18n import Translator

PASSWORD_HASH_ENV = "CAKUPAN_STEWARD_PASSWORD_SHA256"
PASSWORD_HASH_SECRET = "steward_password_sha256"
UPLOAD_TYPES = ("csv", "txt", "xlsx", "xlsm", "xls", "parquet")
DOWNLOAD_TABLES = ("enrollment", "enrollment_history", "loads", "associations", "provinces", "segments",
                   "targets", "national_participation", "labour_force")
DATA_DICTIONARY = Path(__file__).resolve().parents[2] / "sample_data" / "README.md"
RULE_LABELS = {"month": "rule_month", "association": "rule_association", "segment": "rule_segment",
               "province": "rule_province", "count": "rule_count"}


def configured_password_hash(secrets: dict, environment: dict) -> str | None:
    """The steward password's SHA-256 (hex) from Streamlit secrets, else the environment; None when not set."""
    configured = secrets.get(PASSWORD_HASH_SECRET) or environment.get(PASSWORD_HASH_ENV) or ""
    configured = str(configured).strip().lower()
    return configured or None


def password_matches(password: str, expected_sha256: str | None) -> bool:
    """True when the password hashes to the configured hash; compared in constant time."""
    if not expected_sha256 or not password:
        return False
    given = hashlib.sha256(password.encode("utf-8")).hexdigest()
    return hmac.compare_digest(given, expected_sha256)


def problem_view(report: contract_checks.Report, t: Translator) -> pd.DataFrame:
    """The report's problems with headers in the page's language."""
    problems = contract_checks.problem_table(report.problems, t.lang)
    return problems.rename(columns={name: t(f"data_page.col_{name}") for name in problems.columns})


def verdict(report: contract_checks.Report) -> tuple[str, str]:
    """How the check ends, as (level, label key): refused on any error, ready with warnings, or ready."""
    if report.errors:
        return "error", "data_page.refused"
    if report.warnings:
        return "warning", "data_page.ready_with_warnings"
    return "success", "data_page.ready"


def report_summary(report: contract_checks.Report, t: Translator) -> str:
    return t("data_page.report_summary", file=report.file_name, rows=i18n.format_number(report.rows_read, t.lang),
             errors=len(report.errors), warnings=len(report.warnings), sha256=report.sha256[:12])


def preview_view(changes: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """loads.preview's rows for people: month names, translated actions, numbers in the page's format."""
    view = pd.DataFrame({
        t("data_page.col_month"): [i18n.format_month(month, t.lang) for month in changes["snapshot_month"]],
        t("data_page.col_association"): changes["association_code"],
        t("data_page.col_action"): [t(f"data_page.action_{action}") for action in changes["action"]],
    })
    for column in ("rows_before", "rows_after", "active_before", "active_after"):
        view[t(f"data_page.col_{column}")] = [i18n.format_number(value, t.lang) for value in changes[column]]
    view[t("data_page.col_active_change")] = [i18n.format_signed(value, t.lang) for value in changes["active_change"]]
    return view


def history_view(history: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The load history for people, newest first, with translated status and headers."""
    columns = ["load_id", "loaded_at", "file_name", "rows", "replaced_rows", "months", "associations", "loaded_by",
               "status", "sha256"]
    view = history[columns].copy()
    view["loaded_at"] = view["loaded_at"].dt.strftime("%Y-%m-%d %H:%M")
    view["status"] = [t(f"data_page.status_{status}") for status in view["status"]]
    return view.rename(columns={name: t(f"data_page.col_{name}") for name in columns})


def undoable_loads(history: pd.DataFrame) -> list[int]:
    """Loads that may be offered for undo: the active ones, newest first."""
    return [int(load_id) for load_id in history.loc[history["status"] == "active", "load_id"]]


def status_line(t: Translator) -> str:
    counts = db.run("ingest/row_counts").iloc[0]
    return t("data_page.status_line", rows=i18n.format_number(counts["enrollment_rows"], t.lang),
             loads=int(counts["active_loads"]), history=i18n.format_number(counts["history_rows"], t.lang))


def column_dictionary(t: Translator) -> pd.DataFrame:
    """One row per snapshot column: standard header, Indonesian alias, rule, required."""
    return pd.DataFrame({
        t("data_page.col_header"): [spec.name for spec in contract.COLUMNS],
        t("data_page.col_alias"): [spec.alias for spec in contract.COLUMNS],
        t("data_page.col_rule"): [t("data_page.rule_eligible") if spec.name == "eligible_workers"
                                  else t(f"data_page.{RULE_LABELS[spec.kind]}") for spec in contract.COLUMNS],
        t("data_page.col_required"): [t("data_page.yes" if spec.required else "data_page.no")
                                      for spec in contract.COLUMNS],
    })


def data_dictionary_text() -> str:
    return DATA_DICTIONARY.read_text(encoding="utf-8")


def table_csv(table: str, lang: str) -> bytes:
    """One database table as a CSV file in `lang`'s conventions, for download (`table` is one of DOWNLOAD_TABLES)."""
    if table not in DOWNLOAD_TABLES:
        raise ValueError(f"not a downloadable table: {table!r}")
    return i18n.csv_bytes(db.run(f"export/{table}"), lang)


def table_xlsx(table: str, lang: str) -> bytes:
    """One database table as an Excel workbook (numbers as numeric cells), for download."""
    if table not in DOWNLOAD_TABLES:
        raise ValueError(f"not a downloadable table: {table!r}")
    return workbook.workbook_bytes({table: db.run(f"export/{table}")}, lang)
