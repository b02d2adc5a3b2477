"""Parallel grading gives exactly the scores of serial grading, and merges submissions atomically."""

from __future__ import annotations

import sqlite3

import pytest

from peacetalks.course.autograde import autograde
from peacetalks.course.release import release
from peacetalks.course.simulate import simulate_class

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-mapping-the-argument"


def grade_rows(course) -> list[tuple]:
    """Every grade in the gradebook, by student, cell and score (ids differ between runs; these must not)."""
    query = """
        SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade
        FROM grade g
        JOIN submitted_notebook sn ON sn.id = g.notebook_id
        JOIN submitted_assignment sa ON sa.id = sn.assignment_id
        JOIN base_cell bc ON bc.id = g.cell_id
        ORDER BY 1, 2"""
    with sqlite3.connect(course.gradebook_path) as connection:
        return connection.execute(query).fetchall()


def test_two_workers_score_exactly_as_one(course_copy):
    release(course_copy, [ASSIGNMENT])
    simulate_class(course_copy, [ASSIGNMENT], 9, 11)
    serial = {r.student: (r.score, r.graded) for r in autograde(course_copy, ASSIGNMENT, jobs=1)}
    serial_rows = grade_rows(course_copy)
    parallel = {r.student: (r.score, r.graded) for r in autograde(course_copy, ASSIGNMENT, jobs=2)}
    assert parallel == serial
    assert grade_rows(course_copy) == serial_rows
    with sqlite3.connect(course_copy.gradebook_path) as connection:
        submissions = connection.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone()[0]
    assert submissions == 9, "a regrade must replace each submission, not add a second one"
    assert len(list((course_copy.root / "backups").glob("gradebook-*.db"))) == 2
    assert not list(course_copy.root.glob(".grading-*")), "worker scratch folders are removed"
