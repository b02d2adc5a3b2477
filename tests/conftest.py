"""Shared fixtures: the repository (an nbgrader course) and scratch copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from peacetalks.course import Course
from peacetalks.course.demo import copy_course

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def course() -> Course:
    return Course.open(REPO)


@pytest.fixture
def course_copy(course: Course, tmp_path: Path) -> Course:
    """A throwaway copy of the course (config and assignments) to release and grade in."""
    return copy_course(course, tmp_path / "course")
