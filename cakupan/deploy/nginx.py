"""The nginx configuration in front of N Streamlit processes, rendered from deploy/nginx.conf.template.

Pure functions: what the configuration says, where nginx is, and the command that runs it in the foreground as
the current user with every file it writes inside one run folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = REPO_ROOT / "deploy" / "nginx.conf.template"
# Debian installs nginx in /usr/sbin, which is not on an ordinary user's PATH.
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")
# folders nginx must find in place before it starts (the temp paths the template points into the run folder)
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxMissing(RuntimeError):
    """nginx is not installed (Debian: `apt-get install -y nginx`, or `make serve`, which installs it)."""


def render(listen: str, backends: list[str], run_dir: Path, template: str | None = None,
           root_user: str | None = None) -> str:
    """The configuration: nginx listening on `listen` (host:port), passing to `backends` (host:port each);
    `root_user`: the name of the superuser starting it (None for anyone else)."""
    if not backends:
        raise ValueError("nginx needs at least one Streamlit process to pass requests to")
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    servers = "\n".join(f"        server {backend} max_fails=1 fail_timeout=5s;" for backend in backends)
    worker_user = f"user {root_user};" if root_user else "# (not started by root: workers are the starting user)"
    filled = (text.replace("@UPSTREAM_SERVERS@", servers).replace("@WORKER_USER@", worker_user).replace("@LISTEN@", listen)
              .replace("@RUN_DIR@", str(run_dir)))
    if "@" in "".join(line.split("#")[0] for line in filled.splitlines()):
        raise ValueError("the nginx template has a placeholder this renderer does not fill")
    return filled


def binary() -> str:
    """The nginx executable; NginxMissing when it is not installed."""
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise NginxMissing("nginx is not installed: apt-get install -y nginx (make serve installs it)")


def command(nginx: str, config: Path, run_dir: Path, test_only: bool = False) -> list[str]:
    """nginx with our configuration and the run folder as its prefix (`-t`: only check the configuration)."""
    # -e: the error log from the first moment, before the configuration is read (not /var/log/nginx)
    return [nginx, "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(config),
            *(["-t"] if test_only else [])]


def prepare_run_dir(run_dir: Path, config_text: str) -> Path:
    """Write the configuration and the temp folders nginx expects into `run_dir`; the configuration's path."""
    for folder in TEMP_FOLDERS:
        (run_dir / folder).mkdir(parents=True, exist_ok=True)
    config = run_dir / "nginx.conf"
    config.write_text(config_text, encoding="utf-8")
    return config
