"""Grade students in parallel worker processes, each with its own copy of the gradebook.

A worker pays nbgrader's import and set-up once, then grades the students the pool hands it
one at a time (so a slow submission does not hold up a fixed share of the class). After each
student, the main process merges that submission into the course gradebook (see merge.py).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .backup import copy_sqlite
from .coursedir import Course
from .merge import merge_submission

_worker: dict = {}


# Everything a worker's first submission would otherwise import itself (about 0.4 s of CPU per worker):
# nbgrader and its gradebook, the sandbox and its preprocessor, the kernel spec lookup, the datasets' location.
PRELOAD = ["peacetalks.course.autograde", "peacetalks.course.sandbox", "peacetalks.course.preprocessors",
           "peacetalks.data", "nbgrader.apps", "nbgrader.api", "nbgrader.preprocessors", "nbclient", "jupyter_client",
           "ipykernel.kernelspec"]


def start_fork_server():
    """Start the fork server now, so that its imports (about a second) overlap the caller's own checks.

    Workers fork from it; it imports nbgrader once, and inherits no threads or open databases.
    """
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()
    return context


def default_jobs() -> int:
    """Two workers per CPU: a kernel spends much of its start-up waiting, so one per CPU leaves cores idle."""
    return 2 * (os.cpu_count() or 1)


def _start_worker(root: str, snapshot: str | None, scratch: str, sandbox: bool | None) -> None:
    """Runs once in each worker: its own gradebook copy (SQLite) and its own nbgrader API.

    With a database server (``snapshot`` None) every worker writes to the course gradebook itself.
    """
    database = None
    if snapshot:
        database = Path(scratch) / f"worker-{os.getpid()}.db"
        shutil.copy(snapshot, database)
    course = Course(Path(root), db_url=f"sqlite:///{database}" if database else None, sandbox=sandbox)
    _worker.update(course=course, database=database, api=course.api())


def _grade(assignment_id: str, student: str):
    from .autograde import grade_one

    result = grade_one(_worker["course"], assignment_id, student, _worker["api"])
    return result, _worker["database"]


def grade_in_parallel(course: Course, assignment_id: str, students: list[str], jobs: int) -> Iterator:
    """Yield each GradeResult as its submission is graded and merged into the course gradebook."""
    with tempfile.TemporaryDirectory(prefix=".grading-", dir=course.root) as scratch:
        snapshot = None
        if course.gradebook_path is not None:
            snapshot = Path(scratch) / "snapshot.db"
            copy_sqlite(course.gradebook_path, snapshot)
        context = start_fork_server()  # a no-op when autograde() started it already
        with ProcessPoolExecutor(max_workers=min(jobs, len(students)), mp_context=context,
                                 initializer=_start_worker,
                                 initargs=(str(course.root), snapshot and str(snapshot), scratch,
                                           course.sandbox)) as pool:
            futures = [pool.submit(_grade, assignment_id, student) for student in students]
            for future in as_completed(futures):
                result, database = future.result()
                if database is not None:
                    merge_submission(course.gradebook_path, database, assignment_id, result.student)
                yield result
