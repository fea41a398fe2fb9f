"""The home page's answer first: the headline sentence, the association grid's order, sparklines and links."""
import base64
import datetime as dt
import html
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from cakupan import i18n, kpi
from cakupan.overview import headline

ID, EN = i18n.translator("id"), i18n.translator("en")


def gap_rows(*rows):
    return pd.DataFrame(rows, columns=["scope", "status", "active_participants", "target_participants"])


def test_tiles_put_laggards_first_and_take_the_gap_tables_numbers():
    table = gap_rows(("national", "off_track", 40_000_000, 70_000_000), ("AAA", "on_track", 90, 100),
                     ("BBB", "off_track", 30, 100), ("CCC", "at_risk", 50, 100), ("DDD", "off_track", 20, 100),
                     ("EEE", None, 10, None))
    monthly = pd.DataFrame({"scope": ["AAA"] * 30, "snapshot_month": pd.date_range("2021-01-01", periods=30, freq="MS"),
                            "active_participants": range(30)})
    tiles = headline.association_tiles(table, monthly, ["AAA", "BBB", "CCC", "DDD", "EEE"])
    assert [(tile.code, tile.status, tile.reached_pct) for tile in tiles] == [
        ("DDD", "off_track", 20.0), ("BBB", "off_track", 30.0), ("CCC", "at_risk", 50.0), ("AAA", "on_track", 90.0),
        ("EEE", None, None)]
    assert tiles[3].sparkline == tuple(float(value) for value in range(6, 30))   # the last 24 months


def test_tiles_html_says_status_in_words_and_links_to_the_scope():
    tile = headline.Tile("AKTI", "at_risk", 80_000, 110_000, 72.7, (1.0, 2.0, 3.0))
    page = headline.tiles_html([tile], {"AKTI": "#2ca02c"}, EN)
    assert 'href="?scope=AKTI&amp;lang=en"' in page and "aria-current" not in page
    assert 'aria-current="page"' in headline.tiles_html([tile], {}, EN, current="AKTI")
    assert ">At risk<" in page and ">73% of target<" in page
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)
    assert 'stroke="#2ca02c"' in base64.b64decode(encoded).decode()


def test_a_sparkline_spans_its_box():
    svg = headline.sparkline_svg((10.0, 20.0, 15.0), "#000000", width=100, height=28)
    assert 'points="0.0,26.0 50.0,2.0 100.0,14.0"' in svg
    assert headline.sparkline_svg((5.0,), "#000000") == ""


def test_headline_without_a_target_says_where_the_pace_leaves_the_scope():
    monthly = pd.DataFrame({"snapshot_month": pd.date_range("2022-10-01", periods=13, freq="MS"),
                            "active_participants": [100 + 12 * k for k in range(13)], "formal_share_pct": 50.0})
    summary = kpi.summarize(monthly, None)
    assert headline.headline_sentence("ZZZ", summary, EN) == (
        "ZZZ: 244 active participants in Oct 2023; the last 12 months' pace is +12 a month; no target yet.")


def test_headline_with_a_target_uses_the_contracts_words():
    monthly = pd.DataFrame({"snapshot_month": pd.date_range("2022-10-01", periods=13, freq="MS"),
                            "active_participants": [100 + 12 * k for k in range(13)], "formal_share_pct": 50.0})
    summary = kpi.summarize(monthly, kpi.Target("ZZZ", dt.date(2023, 12, 31), 1000))
    # a straight line of +12 a month: 244 in Oct 2023, 268 in Dec 2023, 732 short of 1,000
    assert headline.headline_sentence("ZZZ", summary, ID) == (
        "ZZZ: dengan laju 12 bulan terakhir, proyeksi 268 pada Des 2023 — proyeksi kekurangan 732 "
        "(target 1.000, peluang 0%).")
    assert 'background:#c8553d">Tertinggal<' in headline.headline_html("ZZZ", summary, ID)


def test_a_link_opens_the_home_page_on_its_scope_and_a_choice_goes_back_to_the_address(sample_db):
    at = AppTest.from_file("../../dashboard.py", default_timeout=60)
    at.query_params["scope"] = "AKTI"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.selectbox(key="home_scope").value == "AKTI"
    top = next(element.proto.body for element in at.get("html") if "cakupan-headline" in element.proto.body)
    assert "AKTI — Asosiasi Kontraktor Terintegrasi Indonesia: at the last 12 months' pace" in html.unescape(top)
    at.selectbox(key="home_scope").set_value("IFICA").run()
    assert at.query_params["scope"] == "IFICA"


def test_a_thousand_associations_draw_sparklines_only_for_the_tiles_the_grid_shows():
    codes = [f"A{i:04d}" for i in range(1_146)]
    table = gap_rows(*[(code, "at_risk", 100 + i, 1_000) for i, code in enumerate(codes)])
    monthly = pd.DataFrame({"scope": [code for code in codes for _ in range(3)],
                            "snapshot_month": list(pd.date_range("2023-08-01", periods=3, freq="MS")) * len(codes),
                            "active_participants": [1.0, 2.0, 3.0] * len(codes)})
    tiles = headline.association_tiles(table, monthly, codes)
    assert len(tiles) == 1_146 and [tile.code for tile in tiles[:2]] == ["A0000", "A0001"]   # furthest behind
    assert all(tile.sparkline == (1.0, 2.0, 3.0) for tile in tiles[:headline.MAX_TILES])
    assert all(tile.sparkline == () for tile in tiles[headline.MAX_TILES:])
