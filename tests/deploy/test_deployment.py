"""Two dashboard processes behind nginx, as `make serve` starts them: healthy through the proxy, each browser kept
on one process by its cookie (its websocket too), and Streamlit's websocket working through nginx."""
import asyncio
import urllib.request

from bench import load, protocol
from tests.e2e.served import cookie_for_each_process, process_behind


def test_nginx_and_every_process_answer(nginx_deployment):
    assert len(nginx_deployment.process_urls) == 2
    for url in (nginx_deployment.url, *nginx_deployment.process_urls):
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
            assert response.read() == b"ok"


def test_a_browser_stays_on_its_process(nginx_deployment):
    cookies = cookie_for_each_process(nginx_deployment.url, nginx_deployment.process_urls)
    for process_url, cookie in cookies.items():
        for _ in range(10):
            assert process_behind(nginx_deployment.url, cookie) == (process_url.removeprefix("http://"), cookie)


async def home_card_through(url: str, cookie: str) -> tuple[str, list, list]:
    """Open home over a websocket through nginx with this sticky cookie: the process, its cards, its errors."""
    async with protocol.Session(url, cookies={"cakupan_process": cookie}) as session:
        home = await session.rerun()
        return session.process, home.metrics, home.errors


def test_the_websocket_goes_through_nginx_to_the_browsers_process(nginx_deployment, sample_db_path):
    expected = load.expected_from_database(sample_db_path)  # the served file is a copy of this one
    cookies = cookie_for_each_process(nginx_deployment.url, nginx_deployment.process_urls)
    for process_url, cookie in cookies.items():
        process, cards, errors = asyncio.run(home_card_through(nginx_deployment.url, cookie))
        assert process == process_url.removeprefix("http://")
        assert errors == []
        assert cards[0] == ("Peserta aktif", expected.national_active) == ("Peserta aktif", "40,2 juta")
