"""Committed notebooks are clean and small; every lesson executes headless."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from peacetalks.course.check import CheckReport, check_lesson

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(REPO.glob("lessons/*.ipynb")) + sorted(REPO.glob("assignments/*/*.ipynb"))
LESSONS = sorted(REPO.glob("lessons/*.ipynb"))
COMMITTED_LIMIT = 200_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_small(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"
    assert path.stat().st_size < COMMITTED_LIMIT


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_opens_with_its_header(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    for part in ("Central Historical Question", "Objectives", "Time", "Prerequisites", "Standards", "Materials"):
        assert part in first, f"{path.name}: the header lacks {part}"


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_executes(path):
    report = CheckReport()
    size = check_lesson(path, report)
    assert report.ok, report.findings[-1].detail
    assert 0 < size < 2_000_000
