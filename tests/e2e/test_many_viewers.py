"""Ten viewers at once in real browser sessions against the served dashboard: every number each one checks
(home KPI, an association's KPI, the growth legend by segment) matches the database, and nothing errors.
The full version with 50 sessions and page times is `python -m bench.load`."""
import asyncio
import concurrent.futures

import pytest

from bench import load

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def in_worker_thread(coroutine):
    """Run a coroutine on its own event loop in another thread: the sync Playwright of the `browser` fixture
    owns this thread's loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def test_ten_concurrent_viewers_see_the_right_numbers(app_server, browser, sample_db_path):
    # `browser` makes sure chromium is there (a failure in CI); the viewers drive their own async Playwright.
    expected = load.expected_from_database(sample_db_path)  # the served file is a copy of this one
    assert expected.national_active == "40,2 juta"
    summary = in_worker_thread(load.run_viewers(app_server, expected, sessions=10, seconds=1))
    assert summary["errors"] == []
    assert summary["cycles"] >= 10
    assert summary["checks_passed"] == 3 * summary["cycles"]
    assert summary["steps"]["home"]["count"] == summary["cycles"]


def test_the_load_test_refuses_any_address_but_localhost():
    expected = load.Expected("", {}, {}, [], {}, {})
    with pytest.raises(ValueError, match="127.0.0.1"):
        in_worker_thread(load.run_viewers("http://example.org:8501", expected, sessions=1, seconds=1))
