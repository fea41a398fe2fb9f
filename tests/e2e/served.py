"""What the browser and deployment tests stand on: a real `streamlit run` on a free localhost port, or several
behind nginx as `make serve` starts them; Debian chromium's path and flags; where screenshots go."""
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy at {url}")


@contextlib.contextmanager
def served_dashboard(source_db: Path, folder: Path, extra_env: dict | None = None):
    """`streamlit run dashboard.py` on a free localhost port over a copy of `source_db` (in `folder`), its URL;
    stopped with its process group afterwards."""
    database = folder / "cakupan.duckdb"
    shutil.copy(source_db, database)
    port = free_port()
    env = os.environ | {"CAKUPAN_DB": str(database)} | (extra_env or {})
    with open(database.with_suffix(".log"), "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, process)
            yield url
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def require_nginx() -> str:
    """nginx's path; a failure in CI (CI=true) when it is missing, a skip elsewhere: `make test` installs it."""
    from cakupan.deploy import nginx
    try:
        return nginx.binary()
    except nginx.NginxMissing as missing:
        if os.environ.get("CI"):
            pytest.fail(str(missing))
        pytest.skip(str(missing))


@contextlib.contextmanager
def deployed_dashboard(source_db: Path, folder: Path, processes: int = 2, extra_env: dict | None = None):
    """`processes` dashboard processes behind nginx (cakupan.deploy, as `make serve` starts them) over one copy
    of `source_db` (in `folder`); the Deployment (nginx's URL, each process's URL)."""
    from cakupan.deploy import processes as deployment_processes
    require_nginx()
    database = folder / "cakupan.duckdb"
    shutil.copy(source_db, database)
    env = os.environ | {"CAKUPAN_DB": str(database)} | (extra_env or {})
    with deployment_processes.deployment(processes, 0, folder / "run", env) as served:
        yield served


def process_behind(url: str, cookie: str | None = None) -> tuple[str, str]:
    """Which process nginx at `url` sends a browser with this `cakupan_process` cookie to (none: a new
    browser), and the cookie it keeps from then on."""
    request = urllib.request.Request(f"{url}/_stcore/health",
                                     headers={"Cookie": f"cakupan_process={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        kept = re.search(r"cakupan_process=([^;]+)", " ".join(response.headers.get_all("Set-Cookie") or []))
        return response.headers["X-Cakupan-Process"], kept.group(1) if kept else ""


def cookie_for_each_process(url: str, process_urls: tuple[str, ...], attempts: int = 60) -> dict[str, str]:
    """A sticky cookie per process (process URL → cookie value), found as new browsers arrive: nginx gives each
    a random key, and the key decides the process."""
    found: dict[str, str] = {}
    for _ in range(attempts):
        process, cookie = process_behind(url)
        found.setdefault(f"http://{process}", cookie)
        if set(found) >= set(process_urls):
            return found
    raise AssertionError(f"{attempts} new browsers all reached {sorted(found)}, never all of {process_urls}")
