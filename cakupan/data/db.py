"""The only module that talks to DuckDB: build the embedded database, run named queries.

Every query is a file in `queries/` (one statement, named parameters). Pages never hold a connection:
they call `run(name, **params)`, which takes a fresh cursor from the one connection this process keeps
per database file (a shared connection is not thread-safe across Streamlit sessions; cursors are).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import threading
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from cakupan.data import reference_checks

REPO_ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = REPO_ROOT / "queries"
SAMPLE_DIR = REPO_ROOT / "sample_data"
DEFAULT_DB_PATH = REPO_ROOT / "data" / "cakupan.duckdb"

# Reference tables in load order; each has queries/build/load_<table>.sql reading sample_data/<table>.csv.
# A table with rules of its own (reference_checks.CHECKS) is checked first, and a file that breaks them builds nothing.
REFERENCE_TABLES = ("associations", "provinces", "segments", "targets", "national_participation", "labour_force")
SAMPLE_LOAD_ID = 1
# Schema steps added after the first schema: `create … if not exists` scripts in queries/schema_steps/, run on
# every connect and build, so a database built before a step gains its tables the next time it is opened.
SCHEMA_STEPS = ("scenarios", "loads_replaced_rows", "rollups", "labour_force")

# Any failure inside DuckDB (a write conflict, a full disk): callers catch it without importing duckdb.
Error = duckdb.Error


class DatabaseBusy(RuntimeError):
    """Another process holds the database file open (DuckDB allows one writing process per file)."""

# The sample snapshots may come as CSV or Parquet (the generator writes either); the first one present is loaded.
SAMPLE_ENROLLMENT_LOADS = {"enrollment.csv": "build/load_sample_enrollment",
                           "enrollment.parquet": "build/load_sample_enrollment_parquet"}

# Rollups derived from enrollment, rebuilt in this order by `refresh_rollups` (queries/build/clear_<table>.sql,
# then fill_<table>.sql).
ROLLUP_TABLES = ("enrollment_by_association_segment", "enrollment_provinces")

# Queries that read their snapshot rows from the relation named by $cells (through common.chosen_cells). When the
# chosen provinces include every province present in enrollment, the province filter removes nothing, and the view
# over the province-less rollup (~40x fewer rows) gives identical answers; `run` reads it then.
# A fixed mapping: which relation a query reads is decided here, never taken from input or built into SQL text.
CELL_QUERIES = frozenset({"growth", "sector_split", "formal_share_by_association", "segment_composition"})
CELLS = {"per_province": "enrollment", "all_provinces": "common.enrollment_all_provinces"}

# Definitions many queries share (queries/common/<name>.sql: views and macros), created in this order on every
# connection in the in-memory catalog `common` (queries/common/catalog.sql), never stored in a database file.
COMMON_DEFINITIONS = ("enrollment_all_provinces", "chosen_cells", "scope_rows", "scope_formal_monthly")

# CAKUPAN_SOURCE=parquet:/path/to/folder reads a folder as `sample_data/generate.py --format parquet` writes it
# (enrollment.parquet and the reference CSVs) through views, instead of a database file: the same queries run
# over the files (queries/source/<view>.sql, created in this order). Read-only: there is nothing to ingest into.
SOURCE_ENV = "CAKUPAN_SOURCE"
READ_ONLY_ENV = "CAKUPAN_READ_ONLY"
PARQUET_PREFIX = "parquet:"
PARQUET_VIEWS = ("associations", "provinces", "segments", "targets", "national_participation", "labour_force", "enrollment",
                 "enrollment_by_association_segment", "enrollment_provinces", "loads", "data_version",
                 "enrollment_history")

_connections: dict[Path, duckdb.DuckDBPyConnection] = {}
_connections_lock = threading.Lock()


def database_path() -> Path:
    """The database file this process uses: $CAKUPAN_DB, else data/cakupan.duckdb in the repository."""
    return Path(os.environ.get("CAKUPAN_DB") or DEFAULT_DB_PATH).resolve()


@functools.cache
def query_text(name: str) -> str:
    """The SQL of queries/<name>.sql; a name may include one sub-folder (`build/load_targets`)."""
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR not in path.parents:
        raise ValueError(f"query name outside queries/: {name!r}")
    return path.read_text(encoding="utf-8")


def parquet_source() -> Path | None:
    """The Parquet folder named by $CAKUPAN_SOURCE (`parquet:/path/to/folder`), or None for the database file."""
    source = os.environ.get(SOURCE_ENV, "").strip()
    if not source:
        return None
    if not source.startswith(PARQUET_PREFIX):
        raise ValueError(f"{SOURCE_ENV} must be empty or '{PARQUET_PREFIX}/path/to/folder', not {source!r}")
    folder = Path(source.removeprefix(PARQUET_PREFIX)).expanduser().resolve()
    if not (folder / "enrollment.parquet").is_file():
        raise FileNotFoundError(f"{SOURCE_ENV}: no enrollment.parquet in {folder}")
    return folder


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process-wide connection to `path` (default: $CAKUPAN_SOURCE's Parquet folder, else the database
    file), building the database from sample_data/ on first use."""
    folder = parquet_source() if path is None else None
    path = path or folder or database_path()
    with _connections_lock:
        if path not in _connections:
            _connections[path] = _connect_parquet(folder) if folder else _connect_file(path)
        return _connections[path]


def _connect_file(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        build_database(path)
    try:
        con = duckdb.connect(str(path), read_only=read_only())
    except duckdb.IOException as locked:
        raise DatabaseBusy(str(locked)) from locked
    if not read_only():
        _upgrade(con)
    define_common(con)
    return con


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a writable database built by earlier code up to date: later schema steps, rollups filled once."""
    apply_schema_steps(con)
    if con.execute(query_text("build/rollups_missing")).fetchone()[0]:
        # a file built before the rollups existed: fill them once, so existing databases keep working
        with contextlib.closing(con.cursor()) as cur:
            cur.begin()
            refresh_rollups(cur)
            cur.commit()
    if con.execute(query_text("build/labour_force_missing")).fetchone()[0]:
        # a file built before the labour-force table existed: the shipped table, checked as a build checks it
        load_reference(con, "labour_force", SAMPLE_DIR)


def load_reference(con: duckdb.DuckDBPyConnection, table: str, sample_dir: Path) -> None:
    """Load sample_dir/<table>.csv into its reference table, after its own checks (ReferenceDataError if broken)."""
    path = sample_dir / f"{table}.csv"
    reference_checks.check_reference_file(table, path)
    con.execute(query_text(f"build/load_{table}"), {"path": str(path)})


def read_only() -> bool:
    """True when $CAKUPAN_READ_ONLY is 1: open the database file read-only, so that several dashboard
    processes can serve one file at once (DuckDB allows many read-only processes, or one writer)."""
    return os.environ.get(READ_ONLY_ENV, "").strip() == "1"


def _connect_parquet(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database whose tables are views over the folder's files (relative names resolve there)."""
    con = duckdb.connect(":memory:", config={"file_search_path": str(folder)})
    for view in PARQUET_VIEWS:
        con.execute(query_text(f"source/{view}"))
    # what-if scenarios still save, in memory: the published files are read-only, the planner need not be
    con.execute(query_text("schema_steps/scenarios"))
    define_common(con)
    return con


def define_common(con: duckdb.DuckDBPyConnection) -> None:
    """Attach the in-memory catalog `common` and create the shared definitions in it (queries call common.<name>)."""
    con.execute(query_text("common/catalog"))
    for definition in COMMON_DEFINITIONS:
        con.execute(query_text(f"common/{definition}"))


def apply_schema_steps(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables of later schema steps where they are missing."""
    for step in SCHEMA_STEPS:
        con.execute(query_text(f"schema_steps/{step}"))


def close_all() -> None:
    """Close every connection this process holds (tests, and before replacing a database file)."""
    with _connections_lock:
        for con in _connections.values():
            con.close()
        _connections.clear()


def run(name: str, **params) -> pd.DataFrame:
    """The answer of queries/<name>.sql with exactly these named parameters, as a DataFrame.

    A query of CELL_QUERIES also gets $cells: the relation that answers it fastest (`cells_for`).
    """
    with cursor() as cur:
        if name in CELL_QUERIES:
            params = params | {"cells": cells_for(cur, params)}
        return cur.execute(query_text(name), params).df()


def cells_for(cur: duckdb.DuckDBPyConnection, params: dict) -> str:
    """The relation a query of CELL_QUERIES reads with these parameters: the province-less rollup when every
    province present is chosen (then it answers identically), else enrollment."""
    if params.get("breakdown") == "province":
        return CELLS["per_province"]
    present = {code for (code,) in cur.execute(query_text("enrollment_provinces")).fetchall()}
    return CELLS["all_provinces" if present <= set(params["provinces"]) else "per_province"]


def refresh_rollups(cur: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every rollup from enrollment. Every write to enrollment (sample build, ingest, undo) calls this,
    inside the same transaction as the write, so readers never see a rollup out of step with enrollment."""
    for table in ROLLUP_TABLES:
        cur.execute(query_text(f"build/clear_{table}"))
        cur.execute(query_text(f"build/fill_{table}"))


def run_in(cur: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a named query on a given cursor (inside a transaction); statements without rows give an empty frame."""
    result = cur.execute(query_text(name), params)
    return result.df() if result.description else pd.DataFrame()


def run_with_frame(name: str, frame_name: str, frame: pd.DataFrame, **params) -> pd.DataFrame:
    """Run a named query that reads `frame` as the table `frame_name` (visible to this query's cursor only)."""
    with cursor() as cur:
        register_frame(cur, frame_name, frame)
        return run_in(cur, name, **params)


def register_frame(cur: duckdb.DuckDBPyConnection, frame_name: str, frame: pd.DataFrame) -> None:
    """Make a DataFrame readable as the table `frame_name` by the queries run on this cursor."""
    cur.register(frame_name, frame)


@contextlib.contextmanager
def cursor(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor on the shared connection, closed afterwards."""
    cur = connection(path).cursor()
    try:
        yield cur
    finally:
        cur.close()


@contextlib.contextmanager
def transaction(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor inside one transaction: committed when the block ends, rolled back on any exception."""
    with cursor(path) as cur:
        cur.begin()
        try:
            yield cur
        except BaseException:
            cur.rollback()
            raise
        cur.commit()


def data_version() -> int:
    """A number that changes whenever the data changes; cache keys include it."""
    return int(run("data_version")["version"].iloc[0])


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, as recorded in the load history."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_database(path: Path, sample_dir: Path | None = None) -> None:
    """Create a database file at `path` from the reference tables and sample snapshots in `sample_dir` (default:
    SAMPLE_DIR). A reference table that breaks its own rules (reference_checks) builds nothing.

    Built under a temporary name and renamed at the end, so a reader never opens a half-built file.
    """
    sample_dir = sample_dir or SAMPLE_DIR
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.{os.getpid()}.building")
    building.unlink(missing_ok=True)
    con = duckdb.connect(str(building))
    try:
        con.execute(query_text("schema"))
        apply_schema_steps(con)
        for table in REFERENCE_TABLES:
            load_reference(con, table, sample_dir)
        enrollment_file, load_query = _sample_enrollment(sample_dir)
        con.execute(query_text(load_query), {"path": str(enrollment_file), "load_id": SAMPLE_LOAD_ID})
        con.execute(query_text("build/record_sample_load"), {
            "load_id": SAMPLE_LOAD_ID, "file_name": enrollment_file.name,
            "sha256": file_sha256(enrollment_file), "loaded_by": "sample_data",
        })
        refresh_rollups(con)
        con.checkpoint()
    except BaseException:
        con.close()
        building.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(building, path)


def _sample_enrollment(sample_dir: Path) -> tuple[Path, str]:
    """The sample snapshot file in `sample_dir` and the query that loads it."""
    for file_name, load_query in SAMPLE_ENROLLMENT_LOADS.items():
        if (sample_dir / file_name).exists():
            return sample_dir / file_name, load_query
    raise FileNotFoundError(f"no {' or '.join(SAMPLE_ENROLLMENT_LOADS)} in {sample_dir}")
