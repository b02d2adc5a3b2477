"""Back up the gradebook before a run: SQLite's own online-backup API, or pg_dump for PostgreSQL."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

KEEP = 10


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database, even while another process writes to it (SQLite's backup API)."""
    with contextlib.closing(sqlite3.connect(source)) as original, contextlib.closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


def backup_course_gradebook(course) -> Path | None:
    """Back up a course's gradebook, wherever it lives, into the course's backups/ folder."""
    if course.gradebook_path is not None:
        return backup_gradebook(course.gradebook_path)
    return backup_server_gradebook(course.gradebook_url, course.root / "backups")


def backup_gradebook(gradebook: Path, keep: int = KEEP) -> Path | None:
    """Copy ``gradebook`` to backups/gradebook-<UTC time>.db beside it; keep the newest ``keep`` copies."""
    if not gradebook.is_file():
        return None
    target = _new_backup(gradebook.parent / "backups", gradebook.stem, ".db")
    copy_sqlite(gradebook, target)
    _keep_newest(target, keep)
    return target


def backup_server_gradebook(url: str, folder: Path, keep: int = KEEP) -> Path | None:
    """pg_dump a PostgreSQL gradebook into ``folder`` (None, with nothing written, for other servers)."""
    if not url.startswith("postgresql") or not shutil.which("pg_dump"):
        return None
    target = _new_backup(folder, "gradebook", ".sql")
    libpq_url = "postgresql://" + url.split("://", 1)[1]  # drop SQLAlchemy's "+driver"
    with target.open("wb") as handle:
        subprocess.run(["pg_dump", "--dbname", libpq_url], stdout=handle, check=True, timeout=600)
    _keep_newest(target, keep)
    return target


def _new_backup(folder: Path, stem: str, suffix: str) -> Path:
    """The path for a new backup: FOLDER/STEM-<UTC time>SUFFIX (the folder is made if need be)."""
    folder.mkdir(exist_ok=True)
    return folder / f"{stem}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}{suffix}"


def _keep_newest(latest: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` backups of the same kind as ``latest`` (time-stamped names sort by age)."""
    stem = latest.name[: latest.name.rindex("-")]
    for old in sorted(latest.parent.glob(f"{stem}-*{latest.suffix}"))[:-keep]:
        old.unlink()
