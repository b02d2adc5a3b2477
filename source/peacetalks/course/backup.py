"""Back up the gradebook before a run, with SQLite's own online-backup API (consistent even mid-write)."""

from __future__ import annotations

import sqlite3
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
