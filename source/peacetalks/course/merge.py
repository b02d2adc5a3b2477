"""Copy one student's submission of one assignment from a worker's gradebook into the course's, atomically.

Each parallel worker grades into its own copy of the gradebook (SQLite allows one writer at a time).
The copy starts identical to the course's, so assignments, notebooks and cells share their ids and a
submission's rows can be moved across as they are, inside a single transaction: a run killed halfway
leaves every student either fully merged or untouched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SUBMISSION = ("SELECT sa.id FROM {db}.submitted_assignment sa JOIN {db}.assignment a ON a.id = sa.assignment_id "
              "WHERE a.name = :assignment AND sa.student_id = :student")
NOTEBOOKS = f"SELECT sn.id FROM {{db}}.submitted_notebook sn WHERE sn.assignment_id IN ({SUBMISSION})"


def merge_submission(course_db: Path, worker_db: Path, assignment_id: str, student: str) -> None:
    """Replace ``student``'s submission of ``assignment_id`` in ``course_db`` with the worker's rows."""
    keys = {"assignment": assignment_id, "student": student}
    connection = sqlite3.connect(course_db, timeout=60, isolation_level=None)
    try:
        connection.execute("ATTACH DATABASE ? AS worker", (str(worker_db),))
        connection.execute("BEGIN IMMEDIATE")
        try:
            for table in ("grade", "comment"):
                connection.execute(f"DELETE FROM main.{table} WHERE notebook_id IN ({NOTEBOOKS.format(db='main')})",
                                   keys)
            connection.execute(f"DELETE FROM main.submitted_notebook WHERE assignment_id IN "
                               f"({SUBMISSION.format(db='main')})", keys)
            connection.execute(f"DELETE FROM main.submitted_assignment WHERE id IN ({SUBMISSION.format(db='main')})",
                               keys)
            connection.execute("INSERT OR REPLACE INTO main.student SELECT * FROM worker.student WHERE id = :student",
                               keys)
            connection.execute(f"INSERT INTO main.submitted_assignment SELECT * FROM worker.submitted_assignment "
                               f"WHERE id IN ({SUBMISSION.format(db='worker')})", keys)
            connection.execute(f"INSERT INTO main.submitted_notebook SELECT * FROM worker.submitted_notebook "
                               f"WHERE assignment_id IN ({SUBMISSION.format(db='worker')})", keys)
            for table in ("grade", "comment"):
                connection.execute(f"INSERT INTO main.{table} SELECT * FROM worker.{table} "
                                   f"WHERE notebook_id IN ({NOTEBOOKS.format(db='worker')})", keys)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("DETACH DATABASE worker")
    finally:
        connection.close()
