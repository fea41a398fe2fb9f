"""Database versions on disk: readers never wait for a writer, writers take turns.

The database path a user names (`data/cakupan.duckdb`, `--db PATH`, `$CAKUPAN_DB`) is a symlink to the current
version, a DuckDB file that is never written again once published:

    data/cakupan.duckdb                       → cakupan.duckdb.versions/000007.duckdb   (the published version)
    data/cakupan.duckdb.versions/000005.duckdb    older versions, kept for inspection or until no reader holds them
    data/cakupan.duckdb.versions/000006.duckdb
    data/cakupan.duckdb.versions/000007.duckdb
    data/cakupan.duckdb.versions/write.lock       writers take turns on it (flock)

A write copies the current version to `NNNNNN.duckdb.building`, changes the copy in one transaction, and
publishes it by renaming it to `NNNNNN.duckdb` and switching the symlink (a rename: atomic). A writer killed
half-way leaves only a `.building` file, which the next writer removes. Readers open the file the symlink points
to read-only, hold a shared flock on it while they use it, and compare the symlink's target identity before each
query to notice a new version. A plain file at the path (a copy, or a database built before versions existed) is
adopted as the first version at the first write.
No DuckDB here: only files, links and locks (cakupan/data/db.py opens the files).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from pathlib import Path
from typing import Iterator

# Versions kept besides the current one even when no reader holds them, for inspection (newest first).
KEEP_OLD_VERSIONS = 2
WRITE_WAIT_ENV = "CAKUPAN_WRITE_WAIT_SECONDS"
DEFAULT_WRITE_WAIT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.05
VERSION_NAME = re.compile(r"^(\d{6})\.duckdb$")
BUILDING_SUFFIX = ".building"


class WriterBusy(RuntimeError):
    """Another writer held the write lock for longer than this writer would wait."""

    def __init__(self, seconds: float):
        super().__init__(f"another write held the database for more than {seconds:g} s")
        self.seconds = seconds


def versions_folder(path: Path) -> Path:
    """Where the versions of the database at `path` live: a folder next to it."""
    return path.with_name(f"{path.name}.versions")


def identity(path: Path) -> tuple[int, int]:
    """(device, inode) of the file `path` points to now: it changes exactly when a new version is published."""
    status = os.stat(path)
    return status.st_dev, status.st_ino


def current_file(path: Path) -> Path:
    """The version file the database path points to now (the path itself when it is a plain file)."""
    return Path(os.path.realpath(path))


def version_files(path: Path) -> list[Path]:
    """Published version files, oldest first."""
    folder = versions_folder(path)
    if not folder.is_dir():
        return []
    return sorted(file for file in folder.iterdir() if VERSION_NAME.match(file.name))


def write_wait_seconds() -> float:
    """How long a writer waits for another one to finish: $CAKUPAN_WRITE_WAIT_SECONDS, else 30 s."""
    text = os.environ.get(WRITE_WAIT_ENV, "").strip()
    return float(text) if text else DEFAULT_WRITE_WAIT_SECONDS


@contextlib.contextmanager
def write_lock(path: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the database's write lock; wait up to `wait_seconds` for another writer, then raise WriterBusy.

    An flock belongs to an open file, not a process: two threads of one dashboard process exclude each other too,
    and a killed writer's lock goes with its process.
    """
    wait_seconds = write_wait_seconds() if wait_seconds is None else wait_seconds
    folder = versions_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    with open(folder / "write.lock", "a+b") as lock:
        while not _try_lock(lock.fileno(), fcntl.LOCK_EX):
            if time.monotonic() >= deadline:
                raise WriterBusy(wait_seconds)
            time.sleep(LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _try_lock(descriptor: int, kind: int) -> bool:
    try:
        fcntl.flock(descriptor, kind | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def next_building_file(path: Path) -> Path:
    """The file the next version is built in (write lock held): the number after the newest version."""
    numbers = [int(VERSION_NAME.match(file.name).group(1)) for file in version_files(path)]
    return versions_folder(path) / f"{max(numbers, default=0) + 1:06d}.duckdb{BUILDING_SUFFIX}"


def adopt_plain_file(path: Path) -> None:
    """Make a plain database file at `path` the first version (write lock held), without a moment in which the path
    is missing: a hard link into the versions folder, then the symlink renamed over the file. Readers that opened
    the plain file keep the same inode, so they see no change."""
    if path.is_symlink() or not path.exists():
        return
    building = next_building_file(path)
    first = building.with_name(building.name.removesuffix(BUILDING_SUFFIX))
    os.link(path, first)
    _point_to(path, first)


def start_building(path: Path) -> Path:
    """A copy of the current version to change (write lock held); stale copies of killed writers are removed."""
    remove_stale_building_files(path)
    building = next_building_file(path)
    shutil.copyfile(current_file(path), building)
    return building


def discard(building: Path) -> None:
    """Remove a version that will not be published (the write failed), with DuckDB's write-ahead log."""
    for file in (building, Path(f"{building}.wal")):
        file.unlink(missing_ok=True)


def remove_stale_building_files(path: Path) -> None:
    """Remove what killed writers left behind (write lock held, so no live writer is building or switching)."""
    folder = versions_folder(path)
    for file in [*folder.glob(f"*{BUILDING_SUFFIX}*"), *folder.glob(".current.*.link")]:
        file.unlink(missing_ok=True)


def publish(path: Path, building: Path) -> Path:
    """Make a finished, closed version file the current one: renamed to its version name, then the symlink switched
    atomically. Returns the published file."""
    published = building.with_name(building.name.removesuffix(BUILDING_SUFFIX))
    _sync_file(building)
    os.replace(building, published)
    _point_to(path, published)
    return published


def _point_to(path: Path, version: Path) -> None:
    """Switch the symlink at `path` to `version` in one rename (a relative link: the pair can be moved together)."""
    link = versions_folder(path) / f".current.{os.getpid()}.link"
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, path.parent), link)
    os.replace(link, path)
    _sync_folder(path.parent)


def _sync_file(file: Path) -> None:
    with open(file, "rb") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_unused(path: Path, keep_old: int = KEEP_OLD_VERSIONS) -> list[Path]:
    """Remove old versions that no reader holds, keeping the current one and the `keep_old` before it; the removed."""
    current = current_file(path)
    old = [file for file in version_files(path) if file != current]
    removed = []
    for file in old[:max(len(old) - keep_old, 0)]:
        with open(file, "rb") as handle:
            if not _try_lock(handle.fileno(), fcntl.LOCK_EX):
                continue  # a reader still has it open
            file.unlink()
            removed.append(file)
    return removed


class ReadClaim:
    """A shared flock on one version file, held while a reader uses it, so that no writer removes it meanwhile."""

    def __init__(self, file: Path):
        self.file = file
        self._handle = open(file, "rb")
        fcntl.flock(self._handle.fileno(), fcntl.LOCK_SH)
        status = os.fstat(self._handle.fileno())
        self.identity = (status.st_dev, status.st_ino)

    def still_published_at(self, path: Path) -> bool:
        """True when the database path still points at the claimed file (no newer version was published)."""
        try:
            return identity(path) == self.identity
        except FileNotFoundError:
            return False

    def release(self) -> None:
        self._handle.close()


def claim_current(path: Path) -> ReadClaim | None:
    """A read claim on the version `path` points to now, or None when it was switched or removed meanwhile."""
    try:
        claim = ReadClaim(current_file(path))
    except FileNotFoundError:
        return None
    if claim.still_published_at(path):
        return claim
    claim.release()
    return None
