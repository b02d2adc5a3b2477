"""Back up the gradebook before a run: SQLite's own online-backup API, or pg_dump for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

KEEP = 10


def backup_gradebook(gradebook: Path, keep: int = KEEP) -> Path | None:
    """Copy ``gradebook`` to backups/gradebook-<UTC time>.db beside it; keep the newest ``keep`` copies."""
    if not gradebook.is_file():
        return None
    folder = gradebook.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{gradebook.stem}-{stamp}.db"
    with sqlite3.connect(gradebook) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
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
