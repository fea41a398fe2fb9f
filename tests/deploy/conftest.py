"""Fixtures of the deployment tests: two dashboard processes behind nginx, as `make serve` starts them.

In CI (CI=true) a missing nginx is a failure, never a skip (`make test` installs it)."""
import pytest

from tests.e2e.served import deployed_dashboard


@pytest.fixture(scope="session")
def nginx_deployment(tmp_path_factory, sample_db_path):
    """Two processes behind nginx on 127.0.0.1, reading one copy of the sample database."""
    with deployed_dashboard(sample_db_path, tmp_path_factory.mktemp("deployed"), processes=2) as served:
        yield served
