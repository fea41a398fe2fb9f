"""Start and stop a deployment: N `streamlit run dashboard.py` processes on local ports, nginx in front of them.

Every process is started in its own process group and stopped through it; logs and nginx's files go to one run
folder. Only addresses on this machine are used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pwd
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from cakupan.deploy import nginx

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
HEALTH_PATH = "/_stcore/health"
START_SECONDS = 90  # two processes importing pandas and plotly at once on a busy 2-core machine


@dataclasses.dataclass(frozen=True)
class Deployment:
    """A running deployment: the address people open, and each Streamlit process's own address."""
    url: str
    process_urls: tuple[str, ...]
    run_dir: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def root_user_name() -> str | None:
    """The superuser's name when this process runs as root, else None."""
    return pwd.getpwuid(0).pw_name if os.geteuid() == 0 else None


def is_healthy(url: str) -> bool:
    """True when Streamlit at `url` (or nginx in front of it) answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}{HEALTH_PATH}", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = START_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not is_healthy(url):
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}; see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}: not healthy after {seconds:g} s; see {log}")
        time.sleep(0.3)


# `python -m <launcher> run dashboard.py …`: Streamlit itself, or a module that runs it with a measuring hook
# (the load test's bench.timed_server).
STREAMLIT = "streamlit"


def streamlit_command(port: int, launcher: str = STREAMLIT) -> list[str]:
    return [sys.executable, "-m", launcher, "run", "dashboard.py", "--server.port", str(port),
            "--server.address", HOST, "--server.headless", "true"]


def start(arguments: list[str], log: Path, env: dict) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(arguments, cwd=REPO_ROOT, env=env, start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    """Stop a process and its children (its process group): politely, then for good after 10 s."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def deployment(processes: int, port: int, run_dir: Path, env: dict | None = None,
               launcher: str = STREAMLIT) -> Iterator[Deployment]:
    """`processes` Streamlit processes on free local ports and nginx on `port` (0: a free one) in front of them,
    all stopped on exit. `env` is every process's environment (CAKUPAN_DB names the database they share);
    `launcher` the module that runs Streamlit."""
    if processes < 1:
        raise ValueError(f"at least one Streamlit process is needed, not {processes}")
    nginx_binary = nginx.binary()  # before anything starts: a missing nginx is said at once
    run_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ if env is None else env)
    started: list[subprocess.Popen] = []
    try:
        ports = [free_port() for _ in range(processes)]
        for index, process_port in enumerate(ports, start=1):
            started.append(start(streamlit_command(process_port, launcher), run_dir / f"streamlit-{index}.log", env))
        process_urls = tuple(f"http://{HOST}:{process_port}" for process_port in ports)
        for index, (url, process) in enumerate(zip(process_urls, started), start=1):
            wait_until_healthy(url, process, run_dir / f"streamlit-{index}.log")
        port = port or free_port()
        config_text = nginx.render(f"{HOST}:{port}", [f"{HOST}:{p}" for p in ports], run_dir,
                                   root_user=root_user_name())
        config = nginx.prepare_run_dir(run_dir, config_text)
        checked = subprocess.run(nginx.command(nginx_binary, config, run_dir, test_only=True),
                                 capture_output=True, text=True)
        if checked.returncode:
            raise RuntimeError(f"nginx refused {config}: {checked.stderr.strip()}")
        proxy = start(nginx.command(nginx_binary, config, run_dir), run_dir / "nginx.out", env)
        started.append(proxy)
        url = f"http://{HOST}:{port}"
        wait_until_healthy(url, proxy, run_dir / "error.log")
        yield Deployment(url, process_urls, run_dir)
    finally:
        for process in reversed(started):  # nginx first: no request reaches a process being stopped
            stop(process)
