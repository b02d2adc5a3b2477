"""A grading run killed halfway leaves a consistent gradebook, and running it again finishes the job."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import nbformat
import pytest

from peacetalks.course.release import release
from peacetalks.course.simulate import simulated_notebook

pytestmark = pytest.mark.slow
ASSIGNMENT = "01-mapping-the-argument"
STUDENTS = [f"student-{n:02d}" for n in range(10)]


def graded_submissions(gradebook) -> dict[str, int]:
    """Student -> number of grade rows, for every submission in the gradebook."""
    with sqlite3.connect(gradebook) as connection:
        return dict(connection.execute("""
            SELECT sa.student_id, COUNT(g.id) FROM submitted_assignment sa
            JOIN submitted_notebook sn ON sn.assignment_id = sa.id
            LEFT JOIN grade g ON g.notebook_id = sn.id
            GROUP BY sa.student_id""").fetchall())


def test_a_killed_run_leaves_the_gradebook_whole_and_a_rerun_finishes(course_copy):
    release(course_copy, [ASSIGNMENT])
    source = nbformat.read(course_copy.source_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    student = nbformat.read(course_copy.release_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for name in STUDENTS:
        folder = course_copy.submitted_dir / name / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(simulated_notebook(source, student, "full", random.Random(0), {}),
                       folder / f"{ASSIGNMENT}.ipynb")
    command = [sys.executable, "-m", "peacetalks.cli", "--course", str(course_copy.root), "autograde", ASSIGNMENT,
               "--jobs", "2"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 240
    while time.time() < deadline and run.poll() is None:
        if course_copy.gradebook_path.exists() and len(graded_submissions(course_copy.gradebook_path)) >= 2:
            break
        time.sleep(0.2)
    assert run.poll() is None, "the run finished before it could be killed; grade more students"
    os.killpg(run.pid, signal.SIGKILL)  # the command and its workers, mid-run
    run.wait()

    with sqlite3.connect(course_copy.gradebook_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cells = connection.execute("SELECT COUNT(*) FROM grade_cells").fetchone()[0]
    partial = graded_submissions(course_copy.gradebook_path)
    assert 0 < len(partial) < len(STUDENTS)
    assert set(partial.values()) == {cells}, "every merged submission has all its grades"
    assert list((course_copy.root / "backups").glob("gradebook-*.db"))

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    complete = graded_submissions(course_copy.gradebook_path)
    assert sorted(complete) == STUDENTS and set(complete.values()) == {cells}
    with sqlite3.connect(course_copy.gradebook_path) as connection:
        scores = connection.execute("""
            SELECT sa.student_id, SUM(COALESCE(g.manual_score, g.auto_score, 0)) FROM submitted_assignment sa
            JOIN submitted_notebook sn ON sn.assignment_id = sa.id JOIN grade g ON g.notebook_id = sn.id
            GROUP BY sa.student_id""").fetchall()
    assert {score for _, score in scores} == {8.0}


def test_backups_keep_the_newest_ten_and_each_is_a_whole_copy(tmp_path):
    from peacetalks.course.backup import backup_gradebook

    gradebook = tmp_path / "my-gradebook.db"
    with sqlite3.connect(gradebook) as db:
        db.execute("create table grades (score)")
    made = []
    for score in range(13):
        with sqlite3.connect(gradebook) as db:
            db.execute("insert into grades values (?)", (score,))
        made.append(backup_gradebook(gradebook, keep=10))
    kept = sorted((tmp_path / "backups").glob("my-gradebook-*.db"))
    assert kept == made[3:]
    with sqlite3.connect(kept[-1]) as db:
        assert db.execute("select count(*) from grades").fetchone()[0] == 13
