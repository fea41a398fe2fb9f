"""Shared fixtures: databases built from hand-written rows or from the sample data, and clean caches."""
import shutil
from pathlib import Path

import pytest
import streamlit as st

from cakupan.data import db
from tests.helpers import FIXTURES


@pytest.fixture(scope="session")
def tiny_db_path(tmp_path_factory) -> Path:
    """A database built from tests/fixtures/tiny: a dozen rows whose answers can be counted by eye."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    db.build_database(path, FIXTURES / "tiny")
    return path


@pytest.fixture(scope="session")
def sample_db_path(tmp_path_factory) -> Path:
    """A database built from sample_data/, as the dashboard builds it on first use."""
    path = tmp_path_factory.mktemp("sample") / "cakupan.duckdb"
    db.build_database(path)
    return path


@pytest.fixture
def tiny_db(tiny_db_path, monkeypatch) -> Path:
    monkeypatch.setenv("CAKUPAN_DB", str(tiny_db_path))
    yield tiny_db_path
    db.close_all()


@pytest.fixture
def sample_db(sample_db_path, monkeypatch) -> Path:
    monkeypatch.setenv("CAKUPAN_DB", str(sample_db_path))
    yield sample_db_path
    db.close_all()


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    """Streamlit caches outlive an AppTest inside one pytest process; start every test clean."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def writable_db(sample_db_path, tmp_path, monkeypatch) -> Path:
    """A private copy of the sample database that a test may load into and undo."""
    path = tmp_path / "cakupan.duckdb"
    shutil.copy(sample_db_path, path)
    monkeypatch.setenv("CAKUPAN_DB", str(path))
    yield path
    db.close_all()
