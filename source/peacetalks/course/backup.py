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
    folder = gradebook.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{gradebook.stem}-{stamp}.db"
    copy_sqlite(gradebook, target)
    for old in sorted(folder.glob(f"{gradebook.stem}-*.db"))[:-keep]:
        old.unlink()
    return target


def backup_server_gradebook(url: str, folder: Path, keep: int = KEEP) -> Path | None:
    """pg_dump a PostgreSQL gradebook into ``folder`` (None, with nothing written, for other servers)."""
    if not url.startswith("postgresql") or not shutil.which("pg_dump"):
        return None
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"gradebook-{stamp}.sql"
    libpq_url = "postgresql://" + url.split("://", 1)[1]  # drop SQLAlchemy's "+driver"
    with target.open("wb") as handle:
        subprocess.run(["pg_dump", "--dbname", libpq_url], stdout=handle, check=True, timeout=600)
    for old in sorted(folder.glob("gradebook-*.sql"))[:-keep]:
        old.unlink()
    return target
