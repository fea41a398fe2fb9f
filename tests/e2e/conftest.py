"""Fixtures of the browser tests: the dashboard served on localhost, Debian chromium through Playwright, a page.

In CI (CI=true) a missing browser is a failure, never a skip: a browser test that skips proves nothing.
"""
import os
from pathlib import Path

import pytest

from tests.e2e.browser_steps import open_page
from tests.e2e.served import CHROMIUM, CHROMIUM_ARGS, served_dashboard


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, sample_db_path):
    """The dashboard served on localhost from a copy of the sample database."""
    with served_dashboard(sample_db_path, tmp_path_factory.mktemp("served")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian chromium through Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        message = f"chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh browser page with a tall viewport (Streamlit scrolls an inner container, so full_page is not enough)."""
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="id-ID")
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, sample_db_path):
    """A dashboard of the test module's own: what its journeys save stays out of the other tests' database."""
    with served_dashboard(sample_db_path, tmp_path_factory.mktemp("own")) as url:
        yield url


@pytest.fixture
def pages(browser):
    """Open pages as a person does (`pages(url, charts)`: a fresh context, once the charts are drawn); closed after."""
    opened = []
    yield lambda url, charts=1: opened.append(open_page(browser, url, charts)) or opened[-1]
    for page in opened:
        page.context.close()
