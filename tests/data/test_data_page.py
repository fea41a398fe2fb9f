"""The Data page in AppTest: anyone checks a file; a signed-in steward loads and undoes; every page follows."""
import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from cakupan.data import stewardship
from tests.helpers import table_checksums
from tests.snapshot_builders import HEADERS, november_rows, write_csv

PASSWORD = "kata-sandi-uji"
BAD_FILE = (",".join(HEADERS) + "\n2023-11,ABADI,XX,31,-4,1,1,10\n").encode()


def open_data_page(lang: str = "id") -> AppTest:
    at = AppTest.from_file("../../dashboard.py", default_timeout=60).run()
    if lang != "id":
        at.radio(key="lang_choice").set_value(lang).run()
    at.switch_page("pages/6_data.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.get("file_uploader")[0].upload(name, content, "text/csv")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="steward_password").set_value(password)
    at.get("form_submit_button")[0].click()  # the only form on the page: the steward sign-in
    at.run()
    return at


@pytest.fixture
def steward_password(monkeypatch):
    monkeypatch.setenv(stewardship.PASSWORD_HASH_ENV, hashlib.sha256(PASSWORD.encode()).hexdigest())


def table_with(at: AppTest, column: str):
    """The first table on the page that has this column."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def last_month_on_growth_page(at: AppTest) -> str:
    """The last month the growth page's period slider offers: the newest month in the data."""
    at.switch_page("pages/1_growth.py").run()
    assert not at.exception
    return at.select_slider(key="filter_period").proto.options[-1]


def test_without_a_password_the_page_says_how_to_enable_loading(writable_db, tmp_path):
    at = open_data_page("en")
    assert stewardship.PASSWORD_HASH_ENV in at.info[0].value
    upload(at, "november.csv", write_csv(november_rows(), tmp_path / "n.csv").read_bytes())
    assert at.button(key="data_load").disabled
    assert "Loading a file needs data steward access (see above)." in [caption.value for caption in at.caption]


def test_checking_a_bad_file_shows_every_problem_and_changes_nothing(writable_db):
    before = table_checksums()
    at = upload(open_data_page("en"), "<img src=x onerror=alert(1)> bad.csv", BAD_FILE)
    assert "This file cannot be loaded" in at.error[0].value
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["Type", "Row", "Column", "Value", "Message"]
    assert problems[["Row", "Column", "Value"]].astype(str).values.tolist() == [
        ["2", "segment", "XX"], ["2", "active_participants", "-4"]]
    assert at.text[0].value.startswith("File: <img src=x onerror=alert(1)> bad.csv · 1 rows · 2 errors")  # as text
    assert table_checksums() == before


def test_wrong_password_is_refused(writable_db, steward_password):
    at = sign_in(open_data_page("en"), "wrong")
    assert at.error[0].value == "Wrong password."
    assert "steward_signed_in" not in at.session_state


def test_steward_loads_a_new_month_every_page_shows_it_and_undo_restores(writable_db, steward_password, tmp_path):
    before = table_checksums()
    at = sign_in(open_data_page())
    assert at.expander[0].label == "Akses pengelola data: sudah masuk"
    upload(at, "november.csv", write_csv(november_rows(), tmp_path / "n.csv").read_bytes())
    assert at.success[-1].value == "Berkas lolos semua pemeriksaan."
    preview = table_with(at, "Tindakan")
    assert set(preview["Tindakan"]) == {"tambah"} and set(preview["Bulan"]) == {"Nov 2023"}
    at.text_input(key="data_loaded_by").set_value("Siti")
    at.button(key="data_load").click().run()
    assert not at.exception
    assert at.success[1].value.startswith("Dimuat sebagai pemuatan 2:")
    assert last_month_on_growth_page(at) == "Nov 2023"

    at.switch_page("pages/6_data.py").run()
    history = table_with(at, "No. pemuatan")
    assert history[["No. pemuatan", "Berkas", "Oleh", "Status"]].values.tolist()[0] == [2, "november.csv", "Siti",
                                                                                       "aktif"]
    at.selectbox(key="data_undo_choice").set_value(2)
    at.button(key="data_undo").click().run()
    assert not at.exception
    assert any(message.value.startswith("Pemuatan 2 dibatalkan") for message in at.success)
    assert last_month_on_growth_page(at) == "Okt 2023"
    after = table_checksums()
    assert after["enrollment"] == before["enrollment"]


def test_dictionary_and_downloads(writable_db):
    at = open_data_page("en")
    columns = table_with(at, "Indonesian alias")
    assert list(columns["Column"]) == HEADERS and list(columns["Indonesian alias"])[0] == "bulan"
    assert [button.label for button in at.get("download_button")] == [
        f"Download {table}.{kind}" for table in stewardship.DOWNLOAD_TABLES for kind in ("csv", "xlsx")]
    loads_csv = stewardship.table_csv("loads", "en").decode()
    assert loads_csv.splitlines()[0].startswith("load_id,loaded_at,file_name,sha256,rows")
    with pytest.raises(ValueError):
        stewardship.table_csv("loads; drop table loads", "en")


@pytest.mark.parametrize("password, configured, expected", [
    (PASSWORD, hashlib.sha256(PASSWORD.encode()).hexdigest(), True),
    (PASSWORD, hashlib.sha256(PASSWORD.encode()).hexdigest().upper(), False),  # configured_password_hash lowers
    ("other", hashlib.sha256(PASSWORD.encode()).hexdigest(), False),
    ("", hashlib.sha256(b"").hexdigest(), False),
    (PASSWORD, None, False),
])
def test_password_matches(password, configured, expected):
    assert stewardship.password_matches(password, configured) is expected


def test_configured_hash_prefers_secrets_and_normalises():
    digest = hashlib.sha256(b"x").hexdigest()
    assert stewardship.configured_password_hash({"steward_password_sha256": f" {digest.upper()} "}, {}) == digest
    assert stewardship.configured_password_hash({}, {stewardship.PASSWORD_HASH_ENV: digest}) == digest
    assert stewardship.configured_password_hash({}, {}) is None
