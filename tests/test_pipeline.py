"""The whole teacher pipeline on a simulated class, with real nbgrader and a real SQLite gradebook."""

from __future__ import annotations

import csv
import filecmp

import pytest

from peacetalks.course.check import run_check
from peacetalks.course.demo import copy_course, run_demo
from peacetalks.course.release import release
from peacetalks.course.simulate import profiles, simulate_class

pytestmark = pytest.mark.slow


def test_demo_grades_a_class_of_twenty(course, tmp_path):
    demo = run_demo(course, tmp_path / "demo", students=20, seed=7)
    rows = list(csv.DictReader(demo.grades.open()))
    assert len({r["student_id"] for r in rows}) == 20
    scores = [float(r["score"]) for r in rows]
    assert min(scores) == 0.0 and max(scores) > 0.0 and len(set(scores)) >= 3, scores
    canvas = list(csv.reader(demo.canvas.open()))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0] == "Points Possible" and len(canvas) == 22
    assert list((demo.course.feedback_dir).glob("*/*/*.html"))
    for results in demo.results.values():
        assert len(results) == 20
        broken = [r for r in results if not r.graded]
        assert broken and all(r.score == 0 and r.reason for r in broken)


def test_the_same_seed_gives_the_same_class(course, tmp_path):
    folders = []
    for name in ("one", "two"):
        copy = copy_course(course, tmp_path / name)
        ids = [r.assignment_id for r in release(copy)]
        simulate_class(copy, ids, 12, 3)
        folders.append(copy.submitted_dir)
    comparison = filecmp.dircmp(*folders)
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert profiles(24, 1) == profiles(24, 1) != profiles(24, 2)


def test_every_kind_of_student_is_in_a_class_of_twenty():
    kinds = set(profiles(20, 0))
    assert {"full", "partial", "blank", "broken-json", "exception", "infinite-loop"} <= kinds


def test_the_authors_check_passes(course):
    report = run_check(course, lessons=False)
    assert report.ok, "\n".join(f"{f.subject}: {f.detail}" for f in report.findings if not f.ok)
