"""The only module that talks to DuckDB: build the embedded database, run named queries, write new versions.

Every query is a file in `queries/` (one statement, named parameters). Pages never hold a connection: `run`
takes a fresh cursor (thread-safe across sessions, unlike a shared connection) on this process's read-only
connection to the published version, reopened after a `transaction` publishes a newer one (cakupan/data/versions.py).
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
import pyarrow

from cakupan.data import reference_checks, versions
from cakupan.data.catalog import (  # noqa: F401  (what the database holds; re-exported for callers of db)
    CELL_QUERIES, CELLS, COMMON_DEFINITIONS, MONTHLY_ROLLUPS, PARQUET_VIEWS, REFERENCE_TABLES, ROLLUP_TABLES,
    SAMPLE_ENROLLMENT_LOADS, SCHEMA_STEPS)

REPO_ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = REPO_ROOT / "queries"
SAMPLE_DIR = REPO_ROOT / "sample_data"
DEFAULT_DB_PATH = REPO_ROOT / "data" / "cakupan.duckdb"

SAMPLE_LOAD_ID = 1

# Any failure inside DuckDB (a write conflict, a full disk): callers catch it without importing duckdb.
Error = duckdb.Error


class DatabaseBusy(RuntimeError):
    """Another write (a load, an undo, a saved scenario) held the database longer than a writer waits."""

    def __init__(self, message: str, seconds: float = 0.0):
        super().__init__(message)
        self.seconds = seconds


# CAKUPAN_SOURCE=parquet:/path/to/folder reads a folder as `sample_data/generate.py --format parquet` writes it
# (enrollment.parquet and the reference CSVs) through views, instead of a database file: the same queries run
# over the files (catalog.PARQUET_VIEWS). Read-only: there is nothing to ingest into.
SOURCE_ENV = "CAKUPAN_SOURCE"
READ_ONLY_ENV = "CAKUPAN_READ_ONLY"
PARQUET_PREFIX = "parquet:"

_connections: dict[Path, "_OpenVersion"] = {}
_connections_lock = threading.Lock()


class _OpenVersion:
    """A read-only connection to one published version, with the claim that keeps the file from being removed."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None, claim: versions.ReadClaim | None):
        self.con = con
        self.claim = claim

    def is_current(self, path: Path) -> bool:
        return self.claim is None or self.claim.still_published_at(path)

    def release(self) -> None:
        # the connection itself is left to the garbage collector: another thread's cursor may still be reading it
        if self.claim is not None:
            self.claim.release()


def database_path() -> Path:
    """The database this process uses: $CAKUPAN_DB, else data/cakupan.duckdb in the repository (a symlink to the
    current version; see cakupan/data/versions.py)."""
    return Path(os.path.abspath(os.environ.get("CAKUPAN_DB") or DEFAULT_DB_PATH))


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
    """The process-wide read-only connection to the current version of `path` (default: $CAKUPAN_SOURCE's Parquet
    folder, else the database), building the database from sample_data/ on first use.

    Before each use it checks (one stat) whether a writer has published a newer version, and opens that one.
    """
    folder = parquet_source() if path is None else None
    path = path or folder or database_path()
    with _connections_lock:
        opened = _connections.get(path)
        if opened is not None and opened.is_current(path):
            return opened.con
        fresh = _OpenVersion(_connect_parquet(folder), None) if folder else _open_current(path)
        if opened is not None:
            opened.release()
        _connections[path] = fresh
        return fresh.con


def _open_current(path: Path) -> _OpenVersion:
    """Open the published version read-only; a file built by earlier code is first upgraded by one write."""
    while True:
        if not path.exists():
            build_database(path)
        claim = versions.claim_current(path)
        if claim is None:
            continue  # switched or removed between looking and claiming: look again
        con = duckdb.connect(str(claim.file), read_only=True)
        if not _needs_upgrade(con):
            define_common(con)
            return _OpenVersion(con, claim)
        con.close()
        claim.release()
        with transaction(path):
            pass  # a write upgrades the copy it publishes (see `transaction`)


def _needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the file lacks a table or column of the current schema, or its rollups were never filled."""
    present = set(con.execute(query_text("build/schema_columns")).fetchall())
    return not _current_schema_columns() <= present or con.execute(query_text("build/rollups_missing")).fetchone()[0]


@functools.cache
def _current_schema_columns() -> frozenset[tuple[str, str]]:
    """The (table, column) pairs a database built by this code has."""
    with contextlib.closing(duckdb.connect(":memory:")) as con:
        con.execute(query_text("schema"))
        apply_schema_steps(con)
        return frozenset(con.execute(query_text("build/schema_columns")).fetchall())


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database copy built by earlier code up to date: later schema steps, rollups filled once."""
    apply_schema_steps(con)
    if con.execute(query_text("build/rollups_missing")).fetchone()[0]:  # built before the rollups: fill them once
        refresh_rollups(con)
    if con.execute(query_text("build/labour_force_missing")).fetchone()[0]:
        # a file built before the labour-force table existed: the shipped table, checked as a build checks it
        load_reference(con, "labour_force", SAMPLE_DIR)


def load_reference(con: duckdb.DuckDBPyConnection, table: str, sample_dir: Path) -> None:
    """Load sample_dir/<table>.csv into its reference table, after its own checks (ReferenceDataError if broken)."""
    path = sample_dir / f"{table}.csv"
    reference_checks.check_reference_file(table, path)
    con.execute(query_text(f"build/load_{table}"), {"path": str(path)})


def read_only() -> bool:
    """Always True now: every process reads the published version read-only and writes a new version, so any
    number of processes serve one database ($CAKUPAN_READ_ONLY is no longer needed)."""
    return True


def _connect_parquet(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database whose tables are views over the folder's files (relative names resolve there)."""
    con = duckdb.connect(":memory:", config={"file_search_path": str(folder)})
    for view in PARQUET_VIEWS:
        con.execute(query_text(f"source/{view}"))
    # what-if scenarios and association plans still save, in memory: the published files are read-only, the
    # planner need not be
    con.execute(query_text("schema_steps/scenarios"))
    con.execute(query_text("schema_steps/plans"))
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
        for opened in _connections.values():
            opened.con.close()
            opened.release()
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


def refresh_rollups(cur: duckdb.DuckDBPyConnection, months: list | None = None) -> None:
    """Rebuild every rollup from enrollment (only `months` of the monthly rollups when given: the months a load or
    undo changed). Every write to enrollment calls this inside the same transaction as the write, so readers never
    see a rollup out of step with enrollment."""
    for table in ROLLUP_TABLES:
        if months is not None and table in MONTHLY_ROLLUPS:
            cur.execute(query_text(f"build/clear_{table}_months"), {"months": months})
            cur.execute(query_text(f"build/fill_{table}_months"), {"months": months})
        else:
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
    """Make a DataFrame readable as the table `frame_name` by the queries run on this cursor, as an Arrow table:
    DuckDB scans a DataFrame's Python objects (dates) row by row, 0.2 s per scan of one month at 10M rows."""
    try:
        cur.register(frame_name, pyarrow.Table.from_pandas(frame, preserve_index=False))
    except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError):  # a column of mixed Python objects: DuckDB reads it
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
    """A cursor inside one transaction on the next version of the database, published when the block ends.

    Writers take turns (the write lock; after $CAKUPAN_WRITE_WAIT_SECONDS, DatabaseBusy). The next version is a
    copy of the current one, changed in one transaction, closed, then published atomically: readers keep the
    version they have until their next query, and an exception (or a kill) leaves the published version as it was.
    Over a Parquet source (read-only files) the write goes to the in-memory catalog instead.
    """
    if path is None and parquet_source() is not None:
        with cursor() as cur:
            yield from _in_transaction(cur)
        return
    path = path or database_path()
    with _writing(path):
        if not path.exists():
            _build_locked(path, SAMPLE_DIR)
        versions.adopt_plain_file(path)
        building = versions.start_building(path)
        try:
            con = duckdb.connect(str(building))
            try:
                _upgrade(con)
                with contextlib.closing(con.cursor()) as cur:
                    yield from _in_transaction(cur)
                con.checkpoint()
            finally:
                con.close()
        except BaseException:
            versions.discard(building)
            raise
        versions.publish(path, building)
        versions.remove_unused(path)


def _in_transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    cur.begin()
    try:
        yield cur
    except BaseException:
        cur.rollback()
        raise
    cur.commit()


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """The write lock of the database at `path`; DatabaseBusy when another writer holds it too long."""
    try:
        with versions.write_lock(path):
            yield
    except versions.WriterBusy as busy:
        raise DatabaseBusy(str(busy), busy.seconds) from busy


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
    """Publish a database at `path` built from the reference tables and sample snapshots in `sample_dir` (default:
    SAMPLE_DIR). A reference table that breaks its own rules (reference_checks) builds nothing.

    Built as the next version and published at the end, so a reader never opens a half-built file.
    """
    path = Path(os.path.abspath(path))
    with _writing(path):
        _build_locked(path, sample_dir or SAMPLE_DIR)


def _build_locked(path: Path, sample_dir: Path) -> None:
    building = versions.next_building_file(path)
    versions.discard(building)
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
        versions.discard(building)
        raise
    con.close()
    versions.adopt_plain_file(path)
    versions.publish(path, building)
    versions.remove_unused(path)


def _sample_enrollment(sample_dir: Path) -> tuple[Path, str]:
    """The sample snapshot file in `sample_dir` and the query that loads it."""
    for file_name, load_query in SAMPLE_ENROLLMENT_LOADS.items():
        if (sample_dir / file_name).exists():
            return sample_dir / file_name, load_query
    raise FileNotFoundError(f"no {' or '.join(SAMPLE_ENROLLMENT_LOADS)} in {sample_dir}")
