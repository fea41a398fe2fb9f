"""The nginx configuration `make serve` runs: what it says, that nginx accepts it, and what happens without nginx."""
import re
import subprocess

import pytest

from cakupan import __main__ as cli
from cakupan.deploy import nginx, processes
from tests.e2e.served import require_nginx

BACKENDS = ["127.0.0.1:8601", "127.0.0.1:8602"]


@pytest.fixture
def rendered(tmp_path):
    return nginx.render("127.0.0.1:8600", BACKENDS, tmp_path), tmp_path


def directive_values(config: str, name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", config, flags=re.MULTILINE)


def test_every_process_is_behind_one_sticky_upstream(rendered):
    config, _ = rendered
    upstream = re.search(r"upstream cakupan \{(.*?)\}", config, flags=re.DOTALL).group(1)
    assert re.findall(r"server (\S+) ", upstream) == BACKENDS
    assert "hash $cakupan_process_key consistent;" in upstream
    assert "ip_hash" not in upstream  # one office behind one address would all land on one process
    assert directive_values(config, "listen") == ["127.0.0.1:8600"]
    assert directive_values(config, "proxy_pass") == ["http://cakupan"]


def test_the_websocket_is_upgraded_and_kept_open(rendered):
    config, _ = rendered
    assert directive_values(config, "proxy_http_version") == ["1.1"]
    assert "proxy_set_header Upgrade $http_upgrade" in config
    assert "proxy_set_header Connection $connection_upgrade" in config
    assert directive_values(config, "proxy_read_timeout") == ["1d"]
    assert "proxy_set_header Host $http_host" in config  # Streamlit refuses a websocket from another origin


def test_every_file_nginx_writes_is_in_the_run_folder(rendered):
    config, run_dir = rendered
    written = [*directive_values(config, "pid"), *directive_values(config, "access_log"),
               *[value.split()[0] for value in directive_values(config, "error_log")],
               *[value for name in nginx.TEMP_FOLDERS for value in directive_values(config, f"{name}_temp_path")]]
    assert len(written) == 3 + len(nginx.TEMP_FOLDERS)
    assert all(path.startswith(f"{run_dir}/") for path in written), written
    assert directive_values(config, "daemon") == ["off"]
    assert directive_values(config, "client_max_body_size") == ["50m"]  # the Data page's upload limit


def test_rendering_refuses_what_would_not_run(tmp_path):
    with pytest.raises(ValueError, match="at least one"):
        nginx.render("127.0.0.1:8600", [], tmp_path)
    with pytest.raises(ValueError, match="placeholder"):
        nginx.render("127.0.0.1:8600", BACKENDS, tmp_path, template="listen @LISTEN@; root @UNKNOWN@;")
    with pytest.raises(ValueError, match="at least one"):
        with processes.deployment(0, 0, tmp_path):
            pass


def test_nginx_accepts_the_configuration_as_an_ordinary_process(rendered):
    config_text, run_dir = rendered
    config = nginx.prepare_run_dir(run_dir, config_text)
    checked = subprocess.run(nginx.command(require_nginx(), config, run_dir, test_only=True),
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


@pytest.mark.parametrize("lang, message", [
    ("en", "nginx is not installed. Install it with: apt-get install -y nginx"),
    ("id", "nginx belum terpasang. Pasang dengan: apt-get install -y nginx"),
])
def test_serve_without_nginx_says_how_to_install_it(sample_db, monkeypatch, capsys, lang, message):
    monkeypatch.setattr(nginx, "NGINX_CANDIDATES", ("no-such-nginx-here",))
    assert cli.main(["serve", "--lang", lang, "--port", "0"]) == 1
    assert message in capsys.readouterr().err


def test_serve_refuses_zero_processes(sample_db, capsys):
    assert cli.main(["serve", "--lang", "en", "--processes", "0"]) == 2
    assert "must be 1 or more, not 0" in capsys.readouterr().err


def test_started_by_root_the_workers_stay_root_so_they_can_write_uploads(tmp_path):
    as_root = nginx.render("127.0.0.1:8600", BACKENDS, tmp_path, root_user="root")
    as_anyone = nginx.render("127.0.0.1:8600", BACKENDS, tmp_path)
    assert directive_values(as_root, "user") == ["root"]
    assert directive_values(as_anyone, "user") == []
