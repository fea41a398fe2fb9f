"""CSV downloads in a real browser: the file a person gets from a chart or the Data page is the CSV of their
language — `;`, decimal comma, BOM and Indonesian headers in Indonesian; `,` and the column names in English."""
import pytest

from cakupan import i18n
from cakupan.data import db
from tests.e2e.browser_steps import downloaded_file, wait_for_charts, wait_until_up_to_date

pytestmark = pytest.mark.browser
SHOW_DATA = {"id": "Lihat data di balik grafik", "en": "See the data behind this chart"}
DOWNLOAD_CSV = {"id": "Unduh CSV", "en": "Download CSV"}
DOWNLOAD_TAB = {"id": "Unduh tabel", "en": "Download tables"}
DOWNLOAD_TABLE = {"id": "Unduh", "en": "Download"}
TARGETS_HEADER = {"id": "\ufeffcakupan;tanggal_target;target_peserta;sumber",
                  "en": "scope,target_date,target_participants,source"}


@pytest.mark.parametrize("lang, first_line", [
    ("id", "\ufeffbulan;peserta_aktif;peserta_formal;porsi_formal_persen"),
    ("en", "snapshot_month,active_participants,formal_participants,formal_share_pct")])
def test_chart_and_table_downloads_are_in_the_readers_language(own_server, page, sample_db, lang, first_line):
    page.goto(f"{own_server}/?lang={lang}")
    wait_for_charts(page, 1)
    page.get_by_text(SHOW_DATA[lang]).first.click()
    content = downloaded_file(page, page.get_by_role("button", name=DOWNLOAD_CSV[lang]).first)
    assert content.decode("utf-8").splitlines()[0] == first_line
    assert content == i18n.csv_bytes(db.run("national_monthly"), lang)  # the home chart's data, in full

    page.goto(f"{own_server}/data?lang={lang}")
    wait_until_up_to_date(page)
    page.get_by_role("tab", name=DOWNLOAD_TAB[lang]).click()
    content = downloaded_file(page, page.get_by_role("button", name=f"{DOWNLOAD_TABLE[lang]} targets.csv"))
    assert content.decode("utf-8").splitlines()[0] == TARGETS_HEADER[lang]
    assert content == i18n.csv_bytes(db.run("export/targets"), lang)
